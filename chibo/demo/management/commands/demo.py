"""`chibo demo` (= `manage.py demo`): build the synthetic demo province of Tuyên Quang.

Examples: `chibo demo --scale province --if-empty` (what `make run` does), `chibo demo --scale
small --seed 7 --force`, `chibo demo --accounts` (print the demo accounts only).
Exit code 1 when the database holds non-demo data and --force is not given.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chibo.demo.builder import SCALES, account_lines, build_demo, latest_demo
from chibo.demo.exceptions import DemoRefused
from chibo.org.models import Unit


class Command(BaseCommand):
    """Build (or rebuild) the demo province and print the time, row counts and accounts."""

    help = (
        "Build the synthetic demo province of Tuyên Quang (real communes, synthetic cells, "
        "members and demo accounts). Refuses to touch non-demo data unless --force."
    )

    def add_arguments(self, parser):
        """Options: --scale, --seed, --force, --if-empty, --accounts, --no-progress."""
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
        try:
            build_demo(
                seed=options["seed"],
                scale=options["scale"],
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

    def _print_accounts(self) -> None:
        """Write the demo account table."""
        for line in account_lines():
            self.stdout.write(line)
