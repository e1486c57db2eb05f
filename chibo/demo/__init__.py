"""The synthetic demo province (`chibo demo`): builder, accounts and the DemoDataset marker.

The builder itself lives in `chibo.demo.builder` (import it from there; it needs the app
registry). `DemoRefused` is importable from here.
"""

from chibo.demo.exceptions import DemoRefused

__all__ = ["DemoRefused"]
