"""The dashboard's period form: a month, quarter, half-year, year or range of months.

The form only shows and keeps what the user typed; the period itself is read by
`reports.periods.period_from_params`, the one reader of period parameters (dashboard links,
export requests and export files name the same period), whose PeriodError message is shown
as the form's error.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.reports.periods import Period, PeriodError, period_from_params

#: The query parameters a period is read from (Period.params writes a subset of them).
PERIOD_KEYS = ("period", "year", "month", "quarter", "half", "from", "to")

KIND_CHOICES = (
    ("month", _("Month")),
    ("quarter", _("Quarter")),
    ("half", _("Half-year")),
    ("year", _("Year")),
    ("range", _("Range of months")),
)
MONTH_CHOICES = tuple((str(m), str(m)) for m in range(1, 13))
QUARTER_CHOICES = (("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV"))
HALF_CHOICES = (("1", _("First half")), ("2", _("Second half")))


def default_period(today: datetime.date) -> Period:
    """The period a dashboard shows when none is asked for: the current calendar year."""
    return Period("year", datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 1))


class PeriodForm(forms.Form):
    """The period chooser. Bind it to the request's query parameters (`PeriodForm(
    request.GET, today=…)`); without any period parameter it is bound to the current year.

    `is_valid()` reads the period with `period_from_params` into `self.chosen` (a Period) or,
    on PeriodError, keeps its Vietnamese message as a non-field error (`self.chosen` stays
    None). Every field is plain text so that whatever was typed is shown back unchanged; the
    month, quarter and half of today preselect the choices the default year does not use.
    """

    chosen: Period | None = None

    period = forms.CharField(
        label=_("Period"), required=False, widget=forms.Select(choices=KIND_CHOICES)
    )
    year = forms.CharField(
        label=_("Year"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 2000, "step": 1, "inputmode": "numeric"}),
    )
    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.Select(choices=MONTH_CHOICES)
    )
    quarter = forms.CharField(
        label=_("Quarter"), required=False, widget=forms.Select(choices=QUARTER_CHOICES)
    )
    half = forms.CharField(
        label=_("Half-year"), required=False, widget=forms.Select(choices=HALF_CHOICES)
    )

    def __init__(self, data=None, *, today: datetime.date, **kwargs):
        if data is None or not any(data.get(key) for key in PERIOD_KEYS):
            data = {
                **default_period(today).params(),
                "month": str(today.month),
                "quarter": str((today.month - 1) // 3 + 1),
                "half": str((today.month - 1) // 6 + 1),
            }
        else:
            data = {key: str(data.get(key, "")) for key in PERIOD_KEYS}
        super().__init__(data, **kwargs)
        self.today = today
        # "from" and "to" are Python keywords: added here, named as Period.params names them.
        month_input = forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"})
        self.fields["from"] = forms.CharField(
            label=_("From month"), required=False, widget=month_input
        )
        self.fields["to"] = forms.CharField(label=_("To month"), required=False, widget=month_input)
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.update({"class": css, "id": f"p-{name}"})

    def clean(self):
        """Read the period (`period_from_params`); its PeriodError becomes the form's error."""
        cleaned = super().clean()
        try:
            self.chosen = period_from_params(self.data, self.today)
        except PeriodError as error:
            raise forms.ValidationError(str(error), code="period") from None
        return cleaned
