"""Pages of early warnings (issue 4 item 4): the list "Cảnh báo sớm", the panel of a cell's or
commune's unit page (loaded by htmx, so that org never imports evaluation), and the
acknowledgement with a note. Thin views: selectors read, services.warnings writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from chibo.evaluation.models import WarningKind
from chibo.evaluation.permissions import WARNING_ROLES, can_acknowledge, can_see_warnings
from chibo.evaluation.selectors.warnings import (
    OPEN,
    STATES,
    decorate,
    latest_open,
    unit_choices,
    warning_counts,
    warning_get,
    warnings_page,
)
from chibo.evaluation.services.warnings import warning_acknowledge
from chibo.org.selectors import grants_of, unit_get

#: Warnings shown in a unit page's panel.
PANEL_SIZE = 5


def _follows_warnings(user) -> bool:
    """True if the user holds a WARNING_ROLES grant anywhere, or is a superuser."""
    return user.is_superuser or any(g.role in WARNING_ROLES for g in grants_of(user))


def _filters(request) -> QueryDict:
    """The list's filters: the query string, or — on the pages of the shared pagination,
    which keeps only `q` — the query string held in `q`."""
    return QueryDict(request.GET["q"]) if request.GET.get("q") else request.GET


def _state_labels() -> list[tuple[str, str]]:
    """The states offered by the list's filter, with their labels."""
    labels = {
        "open": _("Open, not acknowledged"),
        "acknowledged": _("Acknowledged"),
        "resolved": _("Resolved"),
    }
    return [(state, labels[state]) for state in STATES]


@login_required
def warning_list(request):
    """ "Cảnh báo sớm": the warnings of the units the user follows (WARNING_ROLES), 50 a page,
    most urgent first (`selectors.warnings.ordering`), with counts by kind at the top.
    Filters (query string): `unit` (its subtree; a unit outside the user's scope answers
    404; offered as a select of the top units of the user's warnings and the units directly
    under them, `unit_choices`), `kind`, `state` (open — the default —, acknowledged,
    resolved). 403 for a user who follows no unit's warnings. At most twelve queries whatever
    the number of warnings (tests/evaluation/test_warnings_pages.py pins eleven)."""
    actor = request.user
    if not _follows_warnings(actor):
        raise PermissionDenied("no warning role")
    params = _filters(request)
    unit = unit_get(actor=actor, unit_id=params["unit"]) if params.get("unit") else None
    kind = params.get("kind", "")
    kind = kind if kind in WarningKind.values else ""
    state = params.get("state", OPEN)
    state = state if state in STATES else OPEN
    page = warnings_page(
        actor=actor, unit=unit, kind=kind, state=state, number=request.GET.get("page")
    )
    for warning in page.object_list:
        warning.can_ack = can_acknowledge(actor, warning.unit)
    counts = warning_counts(actor=actor, unit=unit, state=state)
    choices = [(u.pk, u.name, level) for u, level in unit_choices(actor=actor)]
    if unit is not None and unit.pk not in {pk for pk, _name, _level in choices}:
        choices.insert(0, (unit.pk, unit.name, 0))  # a deeper unit, from a panel's link

    def query(**changes) -> str:
        """The list's query string with `changes` applied (empty values left out)."""
        values = {"unit": unit.pk if unit else "", "kind": kind, "state": state, **changes}
        return urlencode({k: v for k, v in values.items() if v})

    context = {
        "page": page,
        "unit": unit,
        "kind": kind,
        "state": state,
        "states": _state_labels(),
        "unit_choices": choices if len(choices) > 1 else [],
        "kinds": WarningKind.choices,
        "counts": [(k, label, counts[k], query(kind=k)) for k, label in WarningKind.choices],
        "total": sum(counts.values()),
        "all_kinds": query(kind=""),
        "all_units": query(unit=""),
        "query": query(),
        "back": request.get_full_path(),
    }
    return render(request, "evaluation/warnings.html", context)


@login_required
def unit_warnings_panel(request, unit_id):
    """The warnings panel of a cell's or commune's unit page (htmx): open, unacknowledged
    counts by kind in the unit's subtree and the most urgent few, with a link to the list. 404
    outside the user's scope; an empty answer for a user who sees the unit but not its
    warnings (a plain cell member), so that the page simply shows no panel."""
    unit = unit_get(actor=request.user, unit_id=unit_id)
    if not can_see_warnings(request.user, unit):
        return HttpResponse("")
    counts = warning_counts(actor=request.user, unit=unit)
    context = {
        "unit": unit,
        "counts": [(k, label, counts[k]) for k, label in WarningKind.choices if counts[k]],
        "total": sum(counts.values()),
        "latest": latest_open(actor=request.user, unit=unit, limit=PANEL_SIZE),
    }
    return render(request, "evaluation/_warning_panel.html", context)


def _next_url(request) -> str:
    """Where to go back after acknowledging: the posted `next` when it is a page of this
    site, else the list."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("evaluation:warnings")


@login_required
def acknowledge(request, pk):
    """Acknowledge a warning with a note (services.warnings.warning_acknowledge).

    GET shows the form; POST acknowledges. 404 outside the user's warnings, 403 for one who
    sees but may not acknowledge it (an inspector). From htmx the answer is the warning's
    row (acknowledged, or the form again with the typed note and the error); otherwise a
    redirect back (`next`) or, on error, the form page with the typed note. A refusal shows
    the warning as stored now (acknowledged by someone else meanwhile: who, when, the note).
    """
    warning = warning_get(actor=request.user, warning_id=pk)
    if not can_acknowledge(request.user, warning.unit):
        raise PermissionDenied("may not acknowledge")
    note, error = warning.note, None
    if request.method == "POST":
        note = request.POST.get("note", "")
        try:
            warning = warning_acknowledge(actor=request.user, warning_id=pk, note=note)
        except ValidationError as refused:
            error = " ".join(refused.messages)
            warning = warning_get(actor=request.user, warning_id=pk)
        else:
            if not request.htmx:
                messages.success(request, _("The warning is acknowledged."))
                return redirect(_next_url(request))
    decorate(actor=request.user, warnings=[warning])
    warning.can_ack = True
    context = {"w": warning, "note": note, "error": error, "back": _next_url(request)}
    if request.htmx:
        return render(request, "evaluation/_warning_row.html", context)
    return render(request, "evaluation/warning_acknowledge.html", context)


urlpatterns = [
    path("warnings/", warning_list, name="warnings"),
    path("warnings/<int:pk>/acknowledge/", acknowledge, name="warning-acknowledge"),
    path("units/<str:unit_id>/warnings/", unit_warnings_panel, name="unit-warnings-panel"),
]
