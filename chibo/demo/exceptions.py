"""Errors of the demo builder."""


class DemoRefused(Exception):
    """The database holds data that is not demo data, and the build was not forced.

    Raised by `chibo.demo.builder.build_demo()`; the `demo` management command turns it into
    a message and exit code 1.
    """
