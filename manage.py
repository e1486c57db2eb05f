#!/usr/bin/env python
"""Django's command-line utility for administrative tasks (see also the `chibo` command)."""

import sys

from chibo.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
