"""The score sheet of a meeting (rules QUAL-1..3, QUAL-5) and the evaluation panel of the
meeting page: the automatic checklist and the rating summary, loaded by htmx so that the
meetings app never imports evaluation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from chibo.core.errors import StaleVersion
from chibo.evaluation.forms import RatingForm, points_field_name
from chibo.evaluation.models import RatingColumn
from chibo.evaluation.selectors.ratings import (
    RatingSheet,
    meeting_evaluation,
    meeting_rating_sheet,
)
from chibo.evaluation.services.ratings import rating_save
from chibo.meetings.models import MeetingKind
from chibo.meetings.selectors import meeting_get
from chibo.org.selectors import unit_ancestors


def _column_to_fill(request, sheet: RatingSheet) -> str | None:
    """The column the page offers to fill: the one asked for (`?column=` or the posted
    one) when the actor may fill it now, else the superior column when they may (a
    superior's usual task), else the cell's own; None when they may fill neither."""
    asked = request.POST.get("column") or request.GET.get("column")
    if request.method == "POST" and asked in RatingColumn.values:
        return asked  # the service decides, and answers 403 or explains
    editable = sheet.editable
    if asked in editable:
        return asked
    if RatingColumn.SUPERIOR in editable:
        return RatingColumn.SUPERIOR
    return editable[0] if editable else None


def _initial(sheet: RatingSheet, column: str) -> dict:
    """The form's starting values: the column's saved points and comments; for a superior
    column not rated yet, the cell's own points as a starting point."""
    view = sheet.columns[column]
    source = view.rating
    if source is None and column == RatingColumn.SUPERIOR:
        source = sheet.columns[RatingColumn.SELF].rating
    initial = {"column": column, "version": view.rating.version if view.rating else 0}
    if source is not None:
        initial.update({points_field_name(code): value for code, value in source.points.items()})
    if view.rating is not None:
        initial["note"] = view.rating.note
    return initial


def _stale(request, form: RatingForm, stale: StaleVersion) -> None:
    """Keep what was typed, move the form to the stored version (saving again is then a
    deliberate choice) and say why nothing was saved."""
    data = form.data.copy()
    data["version"] = stale.current_version
    form.data = data
    messages.error(
        request,
        _(
            "Someone else saved this rating after you opened the page, so your points were "
            "not saved. What you typed is still below: compare it with the saved rating, then "
            "save again."
        ),
    )


@login_required
def meeting_rating(request, pk):
    """The score sheet of a meeting: criteria by the five HD 12 groups with their maximum,
    computed criteria with their verdict and reason (read only), the actor's column as
    number boxes and the other column read only; totals, percent, level per column, the
    final level, the criteria that cost points and the gate sentence; how the rule set
    decides the level (QUAL-2 thresholds and gate criteria); the rule set and its legal
    basis, and per column the set it was rated by when that is no longer the one in force.
    POST saves the column (`services.ratings.rating_save`); a refused save keeps what was
    typed and marks the bad boxes; a POST without the version the page was opened at is a
    bad request (400, "reload the page"), never an unchecked save. 404 outside scope, 403
    for a POST by someone who may not fill the column (only the cell's secretary or deputy
    fill its own column)."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    sheet = meeting_rating_sheet(actor=request.user, meeting=meeting)
    column = _column_to_fill(request, sheet)
    manual = [r.criterion for g in sheet.groups for r in g.rows if not r.computed]
    form = None
    if column is not None:
        form = RatingForm(
            request.POST if request.method == "POST" else None,
            criteria=manual,
            initial=_initial(sheet, column),
        )
    if request.method == "POST" and (column is None or not sheet.columns[column].may_fill):
        raise PermissionDenied
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            rating_save(
                actor=request.user,
                meeting_id=meeting.pk,
                column=form.cleaned_data["column"],
                points=form.points(),
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as stale:
            _stale(request, form, stale)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.code_errors(error.message_dict)
            else:
                form.code_errors({None: error.messages})
        else:
            messages.success(request, _("The rating was saved."))
            return redirect(f"{request.path}?column={column}")
    if form is not None:
        for group in sheet.groups:
            for row in group.rows:
                if not row.computed:
                    row.field = form[points_field_name(row.criterion.code)]
    other = [c for c in sheet.editable if c != column]
    context = {
        "meeting": meeting,
        "sheet": sheet,
        "form": form,
        "column": column,
        "filling": sheet.columns[column] if column in sheet.columns else None,
        "other_column": other[0] if other else None,
        "ancestors": unit_ancestors(actor=request.user, unit=meeting.unit) + [meeting.unit],
    }
    status = 200 if form is None or not form.errors else 400
    return render(request, "evaluation/rating.html", context, status=status)


@login_required
def meeting_panel(request, pk):
    """The evaluation panel of the meeting page (htmx fragment): the automatic checklist
    (✓ passed, ✗ failed, – does not apply; rule id, label, reason; the rule set's legal
    basis) and the rating summary (self, superior and final level, a link to the score
    sheet, or why it cannot be rated yet). Committee meetings: a short note."""
    meeting = meeting_get(actor=request.user, meeting_id=pk)
    context = {"meeting": meeting, "evaluation": None}
    if meeting.is_held and meeting.kind != MeetingKind.COMMITTEE:
        context["evaluation"] = meeting_evaluation(actor=request.user, meeting=meeting)
    return render(request, "evaluation/meeting_panel.html", context)


urlpatterns = [
    path("meeting/<int:pk>/rating/", meeting_rating, name="meeting-rating"),
    path("meeting/<int:pk>/panel/", meeting_panel, name="meeting-panel"),
]
