"""The evaluation part of the demo: its early warnings and the spread of its meeting ratings.

The ratings themselves are written with the meetings (meetings/ratings.py); once every
record is in, `refresh_warnings` runs the same refresh as the daily `chibo warnings`
(issue 4 item 4) so the demo opens with its warnings, and `evaluation_summary` counts what
the build report prints.
"""

import datetime

from django.db.models import Count

from chibo.evaluation.models import LEVEL_ORDER, EarlyWarning, Rating, WarningKind


def refresh_warnings(today: datetime.date) -> dict:
    """Compute the early warnings of every cell as on `today` (the build's reference date)
    with `evaluation.services.warnings.warnings_refresh`; returns its counts ("created",
    "resolved", "reopened", "updated", "open")."""
    from chibo.evaluation.services.warnings import warnings_refresh

    return warnings_refresh(today=today)


def evaluation_summary() -> dict:
    """{"levels": {level value: final ratings}, "warnings": {kind value: open warnings}}, in
    the order of Level and WarningKind, zero counts included (two queries)."""
    levels = dict(
        Rating.objects.filter(is_final=True)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    kinds = dict(
        EarlyWarning.objects.filter(resolved_on__isnull=True)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return {
        "levels": {level.value: levels.get(level.value, 0) for level in LEVEL_ORDER},
        "warnings": {kind.value: kinds.get(kind.value, 0) for kind in WarningKind},
    }
