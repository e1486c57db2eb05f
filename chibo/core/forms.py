"""Form helpers shared by every app."""

from django import forms


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

    def full_clean(self):
        """Validate, then add `is-invalid` to the widgets of fields with errors."""
        super().full_clean()
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
