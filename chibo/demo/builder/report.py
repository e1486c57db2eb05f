"""Printed output of the demo builder: build summary and the table of demo accounts.

Messages use gettext with English msgids (Vietnamese in chibo/demo/locale).
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.demo.builder.accounts import account_rows
from chibo.evaluation.models import Level, WarningKind

#: Labels of the row counts returned by build_demo(); the sub-counts are indented.
COUNT_LABELS = {
    "units": gettext_lazy("Party units"),
    "provinces": gettext_lazy("provinces"),
    "communes": gettext_lazy("communes"),
    "cells": gettext_lazy("cells"),
    "party_groups": gettext_lazy("party groups"),
    "members": gettext_lazy("Party members"),
    "probationary": gettext_lazy("of whom probationary"),
    "memberships": gettext_lazy("Cell memberships"),
    "positions": gettext_lazy("Positions"),
    "exemptions": gettext_lazy("Exemptions"),
    "temporary_exemptions": gettext_lazy("Temporary exemptions"),
    "temporary_attachments": gettext_lazy("Temporary attachments"),
    "working_away": gettext_lazy("Working away"),
    "special_duties": gettext_lazy("Special duties"),
    "role_grants": gettext_lazy("Role grants"),
    "meeting_schedules": gettext_lazy("Meeting schedules"),
    "meetings": gettext_lazy("Meetings"),
    "agenda_items": gettext_lazy("agenda items"),
    "attendance": gettext_lazy("roll-call rows"),
    "guests": gettext_lazy("guests"),
    "speeches": gettext_lazy("speeches"),
    "assignments": gettext_lazy("Assignments"),
    "ratings": gettext_lazy("Meeting ratings"),
    "users": gettext_lazy("Demo user accounts"),
}
_SUB_COUNTS = frozenset(
    {
        "provinces",
        "communes",
        "cells",
        "party_groups",
        "probationary",
        "agenda_items",
        "attendance",
        "guests",
        "speeches",
    }
)


def summary_lines(
    seconds: float, counts: dict[str, int], evaluation: dict | None = None
) -> list[str]:
    """Lines reporting the build time and the row counts (one count per line); with
    `evaluation` (builder.evaluation.evaluation_summary) also the final meeting ratings per
    level with their share, and the open early warnings per kind."""
    lines = [_("Demo province built in %(seconds).1f s.") % {"seconds": seconds}, _("Row counts:")]
    labels = [
        ("  " if key in _SUB_COUNTS else "") + str(COUNT_LABELS.get(key, key)) for key in counts
    ]
    width = max(len(label) for label in labels)
    for label, count in zip(labels, counts.values(), strict=True):
        lines.append(f"  {label:<{width}}  {number_format(count, force_grouping=True):>9}")
    if evaluation:
        lines += _evaluation_lines(evaluation)
    return lines


def _evaluation_lines(evaluation: dict) -> list[str]:
    """The spread of final ratings (count and percent per level) and the open warnings."""
    levels, warnings = evaluation["levels"], evaluation["warnings"]
    rated = sum(levels.values())
    rows = [(str(Level(level).label), count) for level, count in levels.items()]
    kinds = [(str(WarningKind(kind).label), count) for kind, count in warnings.items()]
    width = max(len(label) for label, _count in rows + kinds)
    lines = [_("Final meeting ratings:")]
    for label, count in rows:
        share = number_format(100 * count / rated, 1) if rated else "0"
        amount = number_format(count, force_grouping=True)
        lines.append(f"  {label:<{width}}  {amount:>9}  ({share} %)")
    lines.append(_("Open early warnings:"))
    for label, count in kinds:
        lines.append(f"  {label:<{width}}  {number_format(count, force_grouping=True):>9}")
    return lines


def account_lines() -> list[str]:
    """The table of demo accounts (username, password, role, units) as text lines."""
    header = (_("Username"), _("Password"), _("Role"), _("Units"))
    rows = [header, *account_rows()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [_("Demo accounts:")]
    for row in rows:
        lines.append(
            "  " + "  ".join([cell.ljust(widths[i]) for i, cell in enumerate(row[:3])] + [row[3]])
        )
    return lines
