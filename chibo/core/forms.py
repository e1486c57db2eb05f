"""Form helpers shared by every app: Bootstrap classes and the Vietnamese date field."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _


class BootstrapFormMixin:
    """Give every widget its Bootstrap 5 class, and mark invalid fields after validation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            elif isinstance(widget, forms.HiddenInput):
                continue
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field, error):
        """Add the error, and mark the field invalid even when added after validation (e.g.
        by a view reporting a conflicting save)."""
        super().add_error(field, error)
        self._mark_invalid()

    def _mark_invalid(self):
        """Give the widgets of fields with errors Bootstrap's `is-invalid` class (once)."""
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "").split()
                if "is-invalid" not in classes:
                    widget.attrs["class"] = " ".join([*classes, "is-invalid"])

    def full_clean(self):
        """Validate, then add `is-invalid` to the widgets of fields with errors."""
        super().full_clean()
        self._mark_invalid()


class DateInput(forms.DateInput):
    """A text box for dates typed as dd/mm/yyyy.

    Not the browser's date picker: its display order follows the phone's language, and an
    English phone would show mm/dd/yyyy to a Vietnamese secretary.
    """

    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})}, format="%d/%m/%Y")


_EIGHT_DIGITS = re.compile(r"^\d{8}$")
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_SEPARATORS = re.compile(r"[\s.\-/]+")
_DMY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


class DateField(forms.DateField):
    """A date typed the Vietnamese way, forgiving the separator: 05/03/2026, 5/3/2026,
    05-03-2026, 05.03.2026, 05 03 2026, 05032026 and 05/03/26 all mean 5 March 2026;
    ISO 2026-03-05 is accepted too (from scripts and tests)."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Enter the date as day/month/year, for example 05/03/2026."),
        "no_such_day": _("There is no such day in the calendar (%(value)s)."),
    }

    def to_python(self, value):
        """Normalise the separators to "/" before Django parses DATE_INPUT_FORMATS."""
        if isinstance(value, str):
            value = value.strip()
            if _EIGHT_DIGITS.match(value):
                value = f"{value[:2]}/{value[2:4]}/{value[4:]}"
            elif not _ISO.match(value):
                value = _SEPARATORS.sub("/", value)
        try:
            return super().to_python(value)
        except forms.ValidationError:
            # Written right but not a real day (31/02/2027): say so, not "wrong format".
            if isinstance(value, str) and _DMY.match(value):
                raise forms.ValidationError(
                    self.error_messages["no_such_day"],
                    code="no_such_day",
                    params={"value": value},
                ) from None
            raise
