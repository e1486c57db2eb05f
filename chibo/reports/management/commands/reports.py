"""`chibo reports` (= `manage.py reports`): the daily run of the reports app.

Rebuilds the monthly roll-ups (`CellMonth`) of every cell, as whether a month, a quarter, a
set of minutes or a task is due depends on the day (rules FREQ-1, THEM-1, MIN-3), then
deletes the exports past their `expires_at` (their files first). Run it once a day after
`chibo warnings` — from cron (`30 0 * * * cd /srv/chibo && .venv/bin/chibo reports`) or a
systemd timer. Output in the site's language (Vietnamese).
"""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chibo.reports.rollup import rollups_refresh
from chibo.reports.services import exports_purge


class Command(BaseCommand):
    """Refresh every roll-up and purge expired exports (issue 5)."""

    help = "Rebuild the report roll-ups of every cell and delete expired exports (run daily)."

    def add_arguments(self, parser):
        """--purge-only (skip the roll-ups) and --date YYYY-MM-DD (judge as of that day)."""
        parser.add_argument(
            "--purge-only", action="store_true", help="only delete the expired exports"
        )
        parser.add_argument(
            "--date", help="compute the roll-ups as of this date, YYYY-MM-DD (default: today)"
        )

    def handle(self, *args, purge_only=False, date=None, **options):
        """Refresh, purge, then print the counts and the time taken."""
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"bad date {date!r}: use YYYY-MM-DD") from error
        with translation.override(settings.LANGUAGE_CODE):
            if not purge_only:
                started = time.perf_counter()
                rows = rollups_refresh(today=on)
                self.stdout.write(
                    _("Report roll-ups: %(rows)s cell-month rows rebuilt (%(seconds).1f s).")
                    % {"rows": rows, "seconds": time.perf_counter() - started}
                )
            purged = exports_purge()
            self.stdout.write(
                ngettext(
                    "Expired exports: %(n)d deleted.", "Expired exports: %(n)d deleted.", purged
                )
                % {"n": purged}
            )
