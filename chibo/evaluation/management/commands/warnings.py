"""`chibo warnings` (= `manage.py warnings`): refresh the early warnings of every cell.

Run it once a day — from cron (`15 0 * * * cd /srv/chibo && .venv/bin/chibo warnings`) or a
systemd timer — so that warnings that depend only on the date (a month that ended without a
meeting, a probation ending, an overdue task) appear without anyone editing a record.
Changes to records refresh their cell at once (evaluation.signals).
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from chibo.evaluation.services.warnings import warnings_refresh
from chibo.org.models import Unit


class Command(BaseCommand):
    """Refresh early warnings (issue 4 item 4): all cells, or one unit's subtree."""

    help = "Refresh the early warnings of every cell (run daily from cron or a systemd timer)."

    def add_arguments(self, parser):
        """--unit ID (only that subtree) and --date YYYY-MM-DD (judge as of that day)."""
        parser.add_argument("--unit", type=int, help="only the cells under this unit id")
        parser.add_argument(
            "--date", help="judge as of this date, YYYY-MM-DD (default: today in Vietnam)"
        )

    def handle(self, *args, unit=None, date=None, **options):
        """Refresh, then print the counts and the time taken."""
        root = None
        if unit is not None:
            root = Unit.objects.filter(pk=unit).first()
            if root is None:
                raise CommandError(f"no unit with id {unit}")
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"bad date {date!r}: use YYYY-MM-DD") from error
        started = time.perf_counter()
        counts = warnings_refresh(unit=root, today=on)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            "Early warnings: {open} open, {created} new, {resolved} resolved, "
            "{reopened} reopened, {updated} updated ({seconds:.1f} s).".format(
                seconds=elapsed, **counts
            )
        )
