"""Forms for the member file and dated status records.

Forms only validate and clean input; the services in members/services.py write. A form that
fails keeps everything the user typed.
"""

import datetime
import re

from django import forms
from django.utils import timezone
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

    def __init__(self, *args, **kwargs):
        """As ModelForm; the year of birth may be left empty when the date of birth is given."""
        super().__init__(*args, **kwargs)
        self.fields["birth_year"].required = False

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
        """Check the dates make sense together: a date of birth sets the year of birth (a
        contradicting year is refused); nothing lies in the future; birth comes before
        admission."""
        data = super().clean()
        today = timezone.localdate()
        for name in ("birth_date", "admitted_on", "full_member_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("This date is in the future."))
        year = data.get("birth_year")
        if year is not None and not 1900 <= year <= today.year:
            self.add_error(
                "birth_year",
                _("Enter a year of birth between 1900 and %(year)s.") % {"year": today.year},
            )
            year = None
        born = data.get("birth_date") or (year and datetime.date(year, 1, 1))
        if born and data.get("admitted_on") and data["admitted_on"] <= born:
            self.add_error("admitted_on", _("The admission date must come after the birth."))
        birth_date, birth_year = data.get("birth_date"), data.get("birth_year")
        if birth_date and birth_year and birth_date.year != birth_year:
            self.add_error(
                "birth_year",
                _("The year of birth does not match the date of birth (%(year)s).")
                % {"year": birth_date.year},
            )
        elif birth_date and not birth_year:
            data["birth_year"] = birth_date.year
        elif not birth_date and birth_year is None and "birth_year" not in self.errors:
            self.add_error("birth_year", _("Enter the year of birth, or the date of birth."))
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

    #: Above this many cells the choice list is useless on a phone: only the name is asked.
    MAX_HOST_CHOICES = 300

    def __init__(self, *args, host_units=None, parents=None, **kwargs):
        """`host_units`: a queryset of the cells the actor may see, without the member's own
        (the choice is scoped like every read); `parents`: {unit id: parent name}, shown after
        each cell's name to tell namesakes apart. With more than MAX_HOST_CHOICES cells, or
        none, the choice is hidden and the receiving cell is named in text."""
        super().__init__(*args, **kwargs)
        field = self.fields["host_unit"]
        field.required = False
        cells = host_units.filter(kind__in=CELL_KINDS) if host_units is not None else None
        if cells is None or not 0 < cells.count() <= self.MAX_HOST_CHOICES:
            del self.fields["host_unit"]
            return
        parents = parents or {}
        field.queryset = cells.order_by("sort_key", "pk")
        field.label_from_instance = lambda unit: (
            f"{unit.name} — {parents[unit.pk]}" if parents.get(unit.pk) else unit.name
        )


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
