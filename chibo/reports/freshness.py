"""Keep the time-dependent figures current without waiting for the daily run.

Whether a month, a quarter, a set of minutes or a task is due depends on the day (rules
FREQ-1, THEM-1, MIN-3), so the roll-ups of the current and the previous month, and the open
early warnings, go stale at midnight. `chibo reports` (and `chibo warnings`) run daily in
production; when they have not run today, the first dashboard of the day queues one
background refresh of those months and of the warnings (`refresh_recent`), and pages show
the day the figures were computed on until it has run.
"""

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from chibo.reports.models import RollupRun

logger = logging.getLogger(__name__)

_CACHE_KEY = "chibo-reports-fresh-{day}"


def recent_since(today: datetime.date) -> datetime.date:
    """The first day of the month before `today`'s: the oldest month whose figures can
    change with the passing of days alone (minutes are due within days of a meeting)."""
    return today.replace(day=1) - relativedelta(months=1)


@task()
def refresh_recent(day: str, since: str) -> int:
    """Background task: recompute the early warnings of every cell and the roll-ups of the
    months from `since` as on `day` (ISO dates; `since` "" for every month). Returns the
    roll-up rows written."""
    from chibo.evaluation.services.warnings import warnings_refresh
    from chibo.reports.rollup import rollups_refresh

    today = datetime.date.fromisoformat(day)
    warnings_refresh(today=today)
    first = datetime.date.fromisoformat(since) if since else None
    return rollups_refresh(today=today, since=first)


def ensure_fresh(today: datetime.date | None = None) -> bool:
    """Queue `refresh_recent` when the roll-ups of every cell were last refreshed before `today`
    (once a day per process: the check is remembered in the cache). Returns True when a
    refresh was queued. Off when settings.CHIBO_REPORTS_AUTO_REFRESH is False (tests pin
    query counts). One query, the first time in a day."""
    if not settings.CHIBO_REPORTS_AUTO_REFRESH:
        return False
    today = today or timezone.localdate()
    key = _CACHE_KEY.format(day=today.isoformat())
    if cache.get(key):
        return False
    cache.set(key, True, 24 * 3600)
    latest = RollupRun.objects.order_by("-day").values_list("day", flat=True).first()
    if latest is not None and latest >= today:
        return False
    # Months before recent_since(latest) were already final on the day of the last refresh;
    # never refreshed (chibo upgraded with records already in): every month.
    since = recent_since(latest).isoformat() if latest else ""
    try:
        refresh_recent.enqueue(today.isoformat(), since)
    except Exception:  # noqa: BLE001 (a page must open even when the queue is down)
        logger.exception("could not queue the daily refresh of the reports")
        return False
    return True
