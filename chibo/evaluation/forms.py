"""Forms of the evaluation pages. Thin: they parse what was typed; services decide. The
points' limits are checked with `evaluation.scoring.check_points` (here, to mark every bad
box at once, and again inside the service), so the messages name the criterion and its
maximum."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.core.forms import BootstrapFormMixin
from chibo.evaluation.models import RatingColumn
from chibo.evaluation.scoring import PointsError, check_points

#: A post without the version the page was opened at (or with a garbled one): the stale
#: check cannot run, so nothing is saved and the user reloads.
OUT_OF_DATE = gettext_lazy("This page is out of date. Reload the page and try again.")


def points_field_name(code: str) -> str:
    """The form field holding the points of the criterion `code`."""
    return f"p_{code}"


class RatingForm(BootstrapFormMixin, forms.Form):
    """One column of a meeting's score sheet: points of the criteria scored by hand, the
    comments, the column and the rating version the page was opened at (0: not rated yet;
    required: without it the stale check could not run, OUT_OF_DATE).

    `criteria`: the manual criteria of the sheet that apply to the meeting, in sheet order;
    one whole-number box each, with the criterion's floor and maximum as `min`/`max` (the
    browser's hint only: the form is `novalidate`, the service checks and explains).
    """

    column = forms.ChoiceField(choices=RatingColumn.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), OUT_OF_DATE),
    )
    note = forms.CharField(
        label=gettext_lazy("Comments"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[points_field_name(criterion.code)] = forms.IntegerField(
                label=criterion.label,
                required=False,
                error_messages={
                    "invalid": _("Enter whole points for “%(label)s”.") % {"label": criterion.label}
                },
                widget=forms.NumberInput(
                    attrs={
                        "class": "form-control form-control-lg text-end points-input",
                        "min": criterion.min_points,
                        "max": criterion.max_points,
                        "step": 1,
                        "inputmode": "numeric",
                        "autocomplete": "off",
                    }
                ),
            )

    def clean(self):
        """Check every box that holds a whole number against its criterion's floor and
        maximum too (the service checks again), so that one answer marks every bad box."""
        cleaned = super().clean()
        parsed = [c for c in self.criteria if points_field_name(c.code) not in self.errors]
        try:
            check_points(parsed, {c.code: cleaned.get(points_field_name(c.code)) for c in parsed})
        except PointsError as error:
            for code, message in error.errors.items():
                self.add_error(points_field_name(code), message)
        return cleaned

    def points(self) -> dict[str, int | None]:
        """{criterion code: points typed (None when blank)}; call after `is_valid()`."""
        return {c.code: self.cleaned_data.get(points_field_name(c.code)) for c in self.criteria}

    def code_errors(self, errors: dict) -> None:
        """Put a service's {criterion code or field: [messages]} on the form: criterion codes
        on their boxes, anything else on the form itself."""
        for key, messages in errors.items():
            name = points_field_name(key)
            target = name if name in self.fields else (key if key in self.fields else None)
            for message in messages:
                self.add_error(target, message)
