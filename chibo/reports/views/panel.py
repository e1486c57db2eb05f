"""The reports panel of a unit page (htmx): the unit's key figures this year and a link to
its dashboard. `org` loads it by URL name, so org never imports reports."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from chibo.org.selectors import unit_get
from chibo.reports.indicators import BY_CODE
from chibo.reports.periods import period_from_params
from chibo.reports.permissions import can_view_reports
from chibo.reports.report import unit_summary

#: The indicators the panel shows, in order.
PANEL_CODES = ("months_held", "thematic_quota", "attendance_mean", "final_good", "warnings_open")


@login_required
def unit_panel(request, unit_id):
    """The panel for the unit `unit_id`: 404 outside the user's scope; an empty answer for a
    user who sees the unit but not its reports (a plain member), so the page shows nothing."""
    today = timezone.localdate()
    period = period_from_params({}, today)  # the current year
    unit = unit_get(actor=request.user, unit_id=unit_id)
    if not can_view_reports(request.user, unit):
        return HttpResponse("")
    figures = unit_summary(unit=unit, period=period, today=today)
    items = [(BY_CODE[code], figures[code]) for code in PANEL_CODES]
    context = {"unit": unit, "period": period, "items": items}
    return render(request, "reports/_unit_panel.html", context)


urlpatterns = [path("unit/<int:unit_id>/summary/", unit_panel, name="unit-panel")]
