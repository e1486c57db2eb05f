"""Forms for the member file and dated status records.

Forms only validate and clean input; the services in members/services.py write. A form that
fails keeps everything the user typed.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.core.forms import BootstrapFormMixin, DateField, DateInput
from chibo.members.models import (
    Exemption,
    Member,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)
from chibo.members.services import EDITABLE_FIELDS
from chibo.org.models import CELL_KINDS

_PHONE = re.compile(r"^\+?[0-9 .\-]{8,15}$")


class MemberForm(BootstrapFormMixin, forms.ModelForm):
    """The member file as a cell edits it, with the version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Member
        fields = EDITABLE_FIELDS
        field_classes = {
            "birth_date": DateField,
            "admitted_on": DateField,
            "full_member_on": DateField,
        }
        widgets = {
            "birth_date": DateInput(),
            "admitted_on": DateInput(),
            "full_member_on": DateInput(),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def clean_full_name(self) -> str:
        """Collapse spaces and capitalise each word ("nguyễn  văn ân" → "Nguyễn Văn Ân")."""
        name = " ".join(self.cleaned_data["full_name"].split())
        return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))

    def clean_phone(self) -> str:
        """Accept digits with spaces, dots or dashes; store digits only (and a leading +)."""
        phone = self.cleaned_data["phone"].strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number of 8 to 15 digits, e.g. 0912 345 678.")
            )
        return re.sub(r"[ .\-]", "", phone)

    def clean(self):
        """A date of birth sets the year of birth; refuse a year that contradicts it."""
        data = super().clean()
        birth_date, birth_year = data.get("birth_date"), data.get("birth_year")
        if birth_date and birth_year and birth_date.year != birth_year:
            self.add_error(
                "birth_year",
                _("The year of birth does not match the date of birth (%(year)s).")
                % {"year": birth_date.year},
            )
        elif birth_date and not birth_year:
            data["birth_year"] = birth_date.year
        return data


class _RecordForm(BootstrapFormMixin, forms.ModelForm):
    """Common fields of every dated status record."""

    class Meta:
        fields = ("start_date", "end_date", "note")
        field_classes = {"start_date": DateField, "end_date": DateField}
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class ExemptionForm(_RecordForm):
    """Exemption from party work and meetings (rule MEM-2)."""

    class Meta(_RecordForm.Meta):
        model = Exemption
        fields = ("reason", *_RecordForm.Meta.fields)


class TemporaryExemptionForm(_RecordForm):
    """Temporary exemption for mobile work (rule MEM-4)."""

    class Meta(_RecordForm.Meta):
        model = TemporaryExemption


class AttachmentForm(_RecordForm):
    """Temporary attachment to another cell (rule MEM-3)."""

    class Meta(_RecordForm.Meta):
        model = TemporaryAttachment
        fields = ("reason", "host_unit", "host_name", *_RecordForm.Meta.fields)

    def __init__(self, *args, host_units=None, **kwargs):
        """`host_units`: the cells the actor may see (the choice is scoped like every read)."""
        super().__init__(*args, **kwargs)
        queryset = host_units.filter(kind__in=CELL_KINDS) if host_units is not None else None
        self.fields["host_unit"].queryset = (
            queryset.order_by("sort_key")
            if queryset is not None
            else self.fields["host_unit"].queryset.none()
        )
        self.fields["host_unit"].required = False


class WorkingAwayForm(_RecordForm):
    """A period of working away."""

    class Meta(_RecordForm.Meta):
        model = WorkingAway
        fields = ("place", *_RecordForm.Meta.fields)


class SpecialDutyForm(_RecordForm):
    """A period on special duty (rule ATT-0)."""

    class Meta(_RecordForm.Meta):
        model = SpecialDuty


#: Form per kind of record, keyed like services.STATUS_RECORD_MODELS.
STATUS_RECORD_FORMS = {
    "exemption": ExemptionForm,
    "temporary-exemption": TemporaryExemptionForm,
    "attachment": AttachmentForm,
    "working-away": WorkingAwayForm,
    "special-duty": SpecialDutyForm,
}


class EndRecordForm(BootstrapFormMixin, forms.Form):
    """The date an open record ends (inclusive)."""

    end_date = DateField(label=_("Last day"))
