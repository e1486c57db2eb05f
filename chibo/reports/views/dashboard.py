"""Dashboard pages (issue 5 item 2): a unit's indicators for a period against the previous
period and the province, its sub-units ranked on any indicator with drill-down province →
commune → cell → meeting, the monthly trend and the levels as server-drawn charts, the
weakest and the most exemplary cells; and the indicators' help page.

Thin views over `reports.report.unit_report` (the one report definition, also printed by the
XLSX and DOCX exports): they read the period (`forms.PeriodForm`), check
`permissions.can_view_reports`, rank the rows and say why a cell is listed. The queries are
those of `unit_report` plus the session, the grants, the unit and the breadcrumbs, whatever
the number of units or meetings (tests/reports/test_dashboard_queries.py).
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from chibo.org.models import Unit
from chibo.org.selectors import scope_roots, unit_ancestors, unit_get
from chibo.reports.charts import TREND_CODES, levels_chart, trend_chart
from chibo.reports.forms import PeriodForm
from chibo.reports.freshness import ensure_fresh
from chibo.reports.indicators import BY_CODE, GROUPS, INDICATORS
from chibo.reports.permissions import can_view_reports
from chibo.reports.report import Report, UnitFigures, unit_report

#: The indicator the sub-units are ranked by when none is chosen (FREQ-1).
DEFAULT_SORT = "months_held"
#: The ranking table's columns besides the rank and the name (the chosen one is added).
KEY_CODES = (
    "months_held", "thematic_quota", "attendance_mean", "final_good", "weak_levels",
    "minutes_on_time", "warnings_open",
)  # fmt: skip
#: Short headers of the ranking table's key columns.
SHORT = {
    "months_held": gettext_lazy("Months held"),
    "thematic_quota": gettext_lazy("Thematic quota"),
    "attendance_mean": gettext_lazy("Mean attendance"),
    "final_good": gettext_lazy("Rated good"),
    "weak_levels": gettext_lazy("Average + poor"),
    "minutes_on_time": gettext_lazy("Minutes on time"),
    "warnings_open": gettext_lazy("Open warnings"),
}
#: The figures shown large at the top of a dashboard.
KPI_CODES = (
    "months_held", "thematic_quota", "attendance_mean", "final_good", "minutes_on_time",
    "warnings_open",
)  # fmt: skip
#: Levels shown in the levels chart's table, best first (QUAL-3).
LEVEL_CODES = ("final_good", "final_fair", "final_average", "final_poor")


def today():
    """Today's date in the site's time zone (a function, so that tests can fix the day)."""
    return timezone.localdate()


@dataclass
class RankedRow:
    """A sub-unit in the ranking table: its rank (None when it has no value for the chosen
    indicator), the unit, its figures and its meetings rated Trung bình or Kém."""

    rank: int | None
    unit: Unit
    figures: dict
    weak_levels: int


@dataclass
class ListedCell:
    """A cell of the weakest or the exemplary list, with the sub-unit it lies in (when it
    is not itself a row of the table) and the reasons it is listed, as phrases."""

    cell: UnitFigures
    within: Unit | None
    reasons: list[str]


@login_required
def home(request):
    """ "Báo cáo": redirect to the dashboard of the first top unit of the user's scope
    (`org.selectors.scope_roots`) whose reports they may read; a page saying there is none
    for a user who may read no report (a plain member, a user without a grant)."""
    roots = _report_roots(request.user)
    if roots:
        return redirect("reports:dashboard", roots[0].pk)
    return render(request, "reports/_dash_none.html")


def _report_roots(actor) -> list[Unit]:
    """The top units of the actor's scope whose reports they may read (no query beyond the
    cached grants; one for a superuser)."""
    return [unit for unit in scope_roots(actor=actor) if can_view_reports(actor, unit)]


@login_required
def dashboard(request, unit_id):
    """The dashboard of a unit for a period (query parameters of `Period.params`; default:
    the current year). 404 for a unit outside the user's scope (NotInScope), 403 for a unit
    they see but whose reports they may not read (a plain member). A malformed period is
    shown back with its message (no figures); an unknown `sort` indicator or `order` with a
    message, ranked by the default instead. Never renders every cell: the ranking lists the
    direct sub-units; the weakest and the exemplary lists are LIST_SIZE cells each. The first
    dashboard of a day queues the refresh of the recent roll-ups (`freshness.ensure_fresh`);
    the page states the day its figures were computed on."""
    actor = request.user
    on = today()
    unit = unit_get(actor=actor, unit_id=unit_id)
    if not can_view_reports(actor, unit):
        raise PermissionDenied("no report role on this unit")
    ensure_fresh(on)  # the first dashboard of a day queues the day's refresh
    form = PeriodForm(request.GET, today=on)
    context = {
        "unit": unit,
        "form": form,
        "report": None,
        "help_url": reverse("reports:indicators"),
    }
    if form.is_valid():
        period = form.chosen
        report = unit_report(actor=actor, unit_id=unit.pk, period=period, today=on)
        context.update(_report_context(request, report))
    ancestors = unit_ancestors(actor=actor, unit=unit)
    query = urlencode(form.chosen.params()) if form.chosen else ""
    context["crumbs"] = [(a, can_view_reports(actor, a)) for a in ancestors]
    context["query"] = query
    # The user's other top units: not this one, nor one this unit lies in (a province
    # administrator on a cell's dashboard is still within the province).
    context["other_roots"] = [u for u in _report_roots(actor) if not unit.path.startswith(u.path)]
    return render(request, "reports/dashboard.html", context)


def _report_context(request, report: Report) -> dict:
    """What the dashboard template shows of `report`."""
    period = report.period
    sort, order, notes = _sort_params(request.GET)
    keep = {"sort": sort} if request.GET.get("sort") == sort else {}
    if order:
        keep["order"] = order
    drill = urlencode({**period.params(), **keep})
    columns = list(KEY_CODES)
    if sort not in columns:
        columns.append(sort)
    context = {
        "report": report,
        "period": period,
        "previous_period": period.previous(),
        "kpis": [_line(report, code) for code in KPI_CODES],
        "groups": [
            (g, [_line(report, i.code) for i in INDICATORS if i.group == g.code]) for g in GROUPS
        ],
        "drill": drill,
        "sort": sort,
        "sort_indicator": BY_CODE[sort],
        "order": order,
        "sort_notes": notes,
        "period_params": period.params(),
        "columns": [(c, BY_CODE.get(c), SHORT.get(c) or BY_CODE[c].label) for c in columns],
    }
    if not report.is_cell:
        context["ranked"] = rank_rows(report.rows, sort, order)
        within = {row.unit.path: row.unit for row in report.rows}
        context["weakest"] = [_listed(c, report, within, weak=True) for c in report.weakest]
        context["exemplary"] = [_listed(c, report, within, weak=False) for c in report.exemplary]
    if any(f[c].value is not None for _m, f in report.trend for c in TREND_CODES):
        context["trend_svg"] = trend_chart(report.trend)
        context["trend_codes"] = [BY_CODE[c] for c in TREND_CODES]
    if report.figures["final_good"].value is not None:
        context["levels_svg"] = levels_chart(report.figures)
        context["level_lines"] = [_line(report, c) for c in LEVEL_CODES]
    return context


def _line(report: Report, code: str) -> tuple:
    """(indicator, figure, previous period's figure, province's figure or None) of `code`."""
    province = report.province[code] if report.province else None
    return BY_CODE[code], report.figures[code], report.previous[code], province


def _sort_params(params) -> tuple[str, str, list[str]]:
    """The ranking's indicator code and order ("asc", "desc" or "" for best first) from the
    query parameters, with messages for an unknown code or order (then the default)."""
    notes = []
    sort = params.get("sort") or DEFAULT_SORT
    if sort not in BY_CODE:
        notes.append(
            _("There is no indicator “%(code)s”; the units are ranked by “%(label)s”.")
            % {"code": sort[:40], "label": BY_CODE[DEFAULT_SORT].label}
        )
        sort = DEFAULT_SORT
    order = params.get("order") or ""
    if order not in ("", "asc", "desc"):
        notes.append(_("Unknown order; the best units are shown first."))
        order = ""
    if not order and BY_CODE[sort].higher_is_better is None:
        order = "desc"  # no "best" for Khá: the highest first, said as such
    return sort, order, notes


def rank_rows(rows: list[UnitFigures], code: str, order: str = "") -> list[RankedRow]:
    """The sub-units ranked by the indicator `code`: `order` "desc" (highest first), "asc"
    (lowest first) or "" (best first: highest when the indicator's `higher_is_better`). Units
    without a value come last, unranked; ties share a rank (1, 2, 2, 4) and keep the
    Vietnamese name order. No query."""
    if not order:
        order = "asc" if BY_CODE[code].higher_is_better is False else "desc"
    valued = [r for r in rows if r.figures[code].value is not None]
    empty = [r for r in rows if r.figures[code].value is None]
    sign = -1 if order == "desc" else 1
    valued.sort(key=lambda r: (sign * r.figures[code].value, r.unit.sort_key, r.unit.pk))
    empty.sort(key=lambda r: (r.unit.sort_key, r.unit.pk))
    ranked, previous, rank = [], None, 0
    for n, row in enumerate(valued, start=1):
        value = row.figures[code].value
        if value != previous:
            rank, previous = n, value
        ranked.append(RankedRow(rank, row.unit, row.figures, _weak_levels(row)))
    ranked += [RankedRow(None, r.unit, r.figures, _weak_levels(r)) for r in empty]
    return ranked


def _weak_levels(row: UnitFigures) -> int:
    """Meetings of the row rated Trung bình or Kém (final level, QUAL-3)."""
    return (row.sums.get("final_average") or 0) + (row.sums.get("final_poor") or 0)


def _listed(cell: UnitFigures, report: Report, within: dict, *, weak: bool) -> ListedCell:
    """A cell of the weakest (`weak`) or exemplary list with the sub-unit of the report it
    lies in (found among the rows by path, no query) and why it is listed."""
    prefix = cell.unit.path[: len(report.unit.path) + Unit.steplen]
    parent = within.get(prefix)
    parent = None if parent is None or parent.pk == cell.unit.pk else parent
    return ListedCell(cell, parent, weak_reasons(cell) if weak else exemplary_reasons(cell))


def weak_reasons(cell: UnitFigures) -> list[str]:
    """Why a cell is among the weakest, as phrases: months missed (FREQ-1), quarters short of
    thematic meetings (THEM-1), meetings rated Trung bình or Kém (QUAL-3), unexcused absences
    (ATT-0), and its mean attendance (ATT-1)."""
    s = cell.sums
    reasons = []
    missed = s["month_due"] - s["month_held"]
    if missed:
        reasons.append(
            ngettext(
                "%(n)s month without a regular meeting",
                "%(n)s months without a regular meeting",
                missed,
            )
            % {"n": missed}
        )
    short = s["quarter_due"] - s["quarter_met"]
    if short:
        reasons.append(
            ngettext(
                "%(n)s quarter short of thematic meetings",
                "%(n)s quarters short of thematic meetings",
                short,
            )
            % {"n": short}
        )
    weak = s["final_average"] + s["final_poor"]
    if weak:
        reasons.append(
            ngettext(
                "%(n)s meeting rated average or poor",
                "%(n)s meetings rated average or poor",
                weak,
            )
            % {"n": weak}
        )
    if s["unexcused"]:
        reasons.append(
            ngettext("%(n)s unexcused absence", "%(n)s unexcused absences", s["unexcused"])
            % {"n": s["unexcused"]}
        )
    if cell.figures["attendance_mean"].value is not None:
        reasons.append(_("attendance %(rate)s") % {"rate": cell.figures["attendance_mean"].text})
    return reasons


def exemplary_reasons(cell: UnitFigures) -> list[str]:
    """Why a cell is exemplary, as phrases: every month held (FREQ-1), every quarter met
    (THEM-1), its share of Tốt (QUAL-3) and its mean attendance (ATT-1)."""
    s, f = cell.sums, cell.figures
    reasons = [_("regular meeting held every month (%(n)s/%(n)s)") % {"n": s["month_due"]}]
    if s["quarter_due"]:
        reasons.append(
            _("thematic quota met every quarter (%(n)s/%(n)s)") % {"n": s["quarter_due"]}
        )
    reasons.append(_("rated good: %(share)s") % {"share": f["final_good"].text})
    if f["attendance_mean"].value is not None:
        reasons.append(_("attendance %(rate)s") % {"rate": f["attendance_mean"].text})
    return reasons


@login_required
def indicators_help(request):
    """ "Các chỉ tiêu": every indicator by group with its label, rule id, definition and how
    it is computed (a share, a count or a mean); the dashboard's labels link here (each
    indicator has the anchor "ind-<code>"). No query beyond the session."""
    kinds = {
        "percent": _("Share: numerator ÷ denominator, as a percentage with one decimal."),
        "ratio": _("Mean: total ÷ number of meetings, with one decimal."),
        "count": _("Count."),
    }
    groups = [
        (group, [(i, kinds[i.kind]) for i in INDICATORS if i.group == group.code])
        for group in GROUPS
    ]
    return render(request, "reports/indicators.html", {"groups": groups})


urlpatterns = [
    path("", home, name="home"),
    path("unit/<int:unit_id>/", dashboard, name="dashboard"),
    path("indicators/", indicators_help, name="indicators"),
]
