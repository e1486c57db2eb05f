"""The `chibo` console command: a thin wrapper around Django's manage.py.

`chibo demo --scale small`, `chibo runserver`, `chibo migrate`, … are the manage.py commands
with the settings module already chosen.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run a Django management command.

    Takes the arguments after the program name (defaults to ``sys.argv[1:]``) and returns the
    process exit code (0 on success; Django exits by itself on errors).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["chibo", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
