"""`chibo demo` (= `manage.py demo`): build the synthetic demo province of Tuyên Quang.

Examples: `chibo demo --scale province --if-empty` (what `make run` does), `chibo demo --scale
small --seed 7 --force`, `chibo demo --scale province --months 24 --reuse` (what `make bench`
does: keep such a demo, else build it), `chibo demo --accounts` (print the demo accounts only).
Exit code 1 when the database holds non-demo data and --force is not given.
"""

import argparse

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chibo.demo.builder import SCALES, account_lines, build_demo, latest_demo
from chibo.demo.builder.meetings import DEFAULT_MONTHS
from chibo.demo.exceptions import DemoRefused
from chibo.org.models import Unit


class Command(BaseCommand):
    """Build (or rebuild) the demo province and print the time, row counts and accounts."""

    help = (
        "Build the synthetic demo province of Tuyên Quang (real communes, synthetic cells, "
        "members and demo accounts). Refuses to touch non-demo data unless --force."
    )

    def add_arguments(self, parser):
        """Options: --scale, --seed, --months, --force, --if-empty, --reuse, --accounts,
        --no-progress."""
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="province",
            help="tiny (unit tests), small (browser tests) or province "
            "(all 124 communes, > 130,000 members; the default).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Random seed; the same seed gives the same demo (default 2026).",
        )
        parser.add_argument(
            "--months",
            type=_months,
            default=DEFAULT_MONTHS,
            help="Months of meetings ending with this month, the next one planned (default "
            f"{DEFAULT_MONTHS}; the benchmark uses 24: then the units start before 01/7/2025).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Wipe units, members and demo-named users even if they are not demo data.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds party units.",
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Do nothing if the database holds a demo of this scale, seed and months; "
            "otherwise build it (another demo is rebuilt, real data refused as usual).",
        )
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Only print the demo accounts and their password.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        """Run the builder; DemoRefused becomes a CommandError (exit code 1)."""
        if options["accounts"]:
            self._print_accounts()
            return
        if options["if_empty"] and Unit.objects.exists():
            demo = latest_demo()
            if demo is None:
                self.stdout.write(
                    _(
                        "The database already holds party units that are not demo "
                        "data; nothing was done."
                    )
                )
            else:
                self.stdout.write(
                    _("A demo (scale %(scale)s, seed %(seed)s) already exists; nothing was done.")
                    % {"scale": demo.scale, "seed": demo.seed}
                )
                self._print_accounts()
            return
        if options["reuse"] and self._reusable(options):
            return
        try:
            build_demo(
                seed=options["seed"],
                scale=options["scale"],
                months=options["months"],
                force=options["force"],
                progress=not options["no_progress"],
                stdout=self.stdout,
            )
        except DemoRefused:
            raise CommandError(
                _(
                    "The database holds data that is not demo data, or a demo that people have "
                    "worked on (party units, members or users). The demo builder will not "
                    "overwrite it. Use an empty database, or add --force to wipe it."
                ),
                returncode=1,
            ) from None
        self._print_accounts()

    def _reusable(self, options) -> bool:
        """True (with a message and the accounts printed) when the latest demo in the database
        has the requested scale, seed and months (`--reuse`)."""
        demo = latest_demo()
        wanted = (options["scale"], options["seed"], options["months"])
        if demo is None or (demo.scale, demo.seed, demo.months) != wanted:
            return False
        self.stdout.write(
            _(
                "A demo (scale %(scale)s, seed %(seed)s, %(months)s months) already exists; "
                "nothing was done."
            )
            % {"scale": demo.scale, "seed": demo.seed, "months": demo.months}
        )
        self._print_accounts()
        return True

    def _print_accounts(self) -> None:
        """Write the demo account table."""
        for line in account_lines():
            self.stdout.write(line)


def _months(text: str) -> int:
    """argparse type of --months: a whole number from 1 to 120."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 120:
        raise argparse.ArgumentTypeError(_("a whole number of months from 1 to 120"))
    return value
