"""Forms of the meetings pages. Thin: they parse and check input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chibo.core.forms import BootstrapFormMixin, DateField
from chibo.core.text import person_name
from chibo.meetings.models import AssignmentStatus, CellSchedule, MeetingKind, Section, SpeechKind

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEKS = [(1, _("first")), (2, _("second")), (3, _("third")), (4, _("fourth")), (-1, _("last"))]
MONTHS = [(m, _("Month %(m)s") % {"m": m}) for m in range(1, 13)]


class TimeField(forms.TimeField):
    """A time typed as 19:30, 19h30, 19.30 or 1930."""

    widget = forms.TimeInput(
        attrs={"placeholder": "hh:mm", "inputmode": "numeric", "autocomplete": "off"},
        format="%H:%M",
    )
    default_error_messages = {"invalid": _("Enter the time as hour:minute, for example 19:30.")}

    def to_python(self, value):
        """Accept "h", "." or no separator between hours and minutes."""
        if isinstance(value, str):
            value = value.strip().lower().replace("h", ":").replace(".", ":")
            if value.isdigit() and len(value) in (3, 4):
                value = f"{value[:-2]}:{value[-2:]}"
            if value.endswith(":"):
                value += "00"
        return super().to_python(value)


class VersionForm(BootstrapFormMixin, forms.Form):
    """Only the record version the page was opened at (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ScheduleForm(BootstrapFormMixin, forms.Form):
    """The cell's usual meeting day, time and place, for planning its year."""

    rule = forms.ChoiceField(
        label=_("Usual day"),
        choices=[
            (CellSchedule.DAY, _("A day of the month")),
            (CellSchedule.WEEKDAY, _("A weekday")),
        ],
        widget=forms.RadioSelect,
        initial=CellSchedule.DAY,
    )
    day = forms.IntegerField(label=_("Day of the month"), min_value=1, max_value=28, required=False)
    week = forms.TypedChoiceField(
        label=_("Week"), choices=[("", "—"), *WEEKS], coerce=int, required=False, empty_value=None
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", "—"), *WEEKDAYS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    start_time = TimeField(label=_("Start time"))
    place = forms.CharField(label=_("Place"), max_length=255)
    committee_lead_days = forms.IntegerField(
        label=_("The cell committee meets … days before"), min_value=1, max_value=14, initial=3
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        """A day for the "day" rule; a week and weekday for the "weekday" rule."""
        data = super().clean()
        if (
            data.get("rule") == CellSchedule.DAY
            and not data.get("day")
            and "day" not in self.errors
        ):
            self.add_error("day", _("Choose the day of the month."))
        if data.get("rule") == CellSchedule.WEEKDAY:
            if data.get("week") in (None, ""):
                self.add_error("week", _("Choose the week."))
            if data.get("weekday") in (None, ""):
                self.add_error("weekday", _("Choose the weekday."))
        return data


class ThematicForm(BootstrapFormMixin, forms.Form):
    """One thematic topic of the year plan (THEM-1, PREP-4)."""

    month = forms.TypedChoiceField(label=_("Month"), choices=MONTHS, coerce=int)
    topic = forms.CharField(label=_("Topic"), max_length=255, required=False)
    brief_writer = forms.TypedChoiceField(
        label=_("Member writing the brief"), coerce=int, required=False, empty_value=None
    )
    combined = forms.BooleanField(
        label=_("Held with the month's regular meeting"), required=False, initial=True
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brief_writer"].choices = [("", "—")] + [(m.pk, m.full_name) for m in members]

    def clean(self):
        """A topic needs the member who writes its brief (rule PREP-4)."""
        data = super().clean()
        if (data.get("topic") or "").strip() and not data.get("brief_writer"):
            self.add_error("brief_writer", _("Choose the member who writes the brief (PREP-4)."))
        return data


ThematicFormSet = forms.formset_factory(ThematicForm, extra=2, min_num=4)


class MeetingAddForm(BootstrapFormMixin, forms.Form):
    """An extra meeting added to the plan."""

    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    date = DateField(label=_("Date"))
    start_time = TimeField(label=_("Start time"), required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    topic = forms.CharField(label=_("Thematic topic"), max_length=255, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class MoveForm(VersionForm):
    """Move a planned meeting (with a reason)."""

    date = DateField(label=_("New date"))
    start_time = TimeField(label=_("Start time"), required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=255)


class CancelForm(VersionForm):
    """Cancel a planned meeting (with a reason)."""

    reason = forms.CharField(label=_("Reason for cancelling"), max_length=255)


class ReasonForm(VersionForm):
    """A reason (returning submitted minutes to draft)."""

    reason = forms.CharField(label=_("Reason"), max_length=255)


class PreparationForm(VersionForm):
    """Draft resolution, document to study, thematic topic and brief writer (PREP-1, PREP-4)."""

    topic = forms.CharField(label=_("Thematic topic"), max_length=255, required=False)
    brief_writer = forms.TypedChoiceField(
        label=_("Member writing the brief"), coerce=int, required=False, empty_value=None
    )
    study_document = forms.CharField(label=_("Document to study"), max_length=255, required=False)
    draft_resolution = forms.CharField(
        label=_("Draft resolution"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )

    def __init__(self, *args, members=(), thematic=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brief_writer"].choices = [("", "—")] + [(m.pk, m.full_name) for m in members]
        if not thematic:
            del self.fields["topic"], self.fields["brief_writer"]


class AgendaItemForm(BootstrapFormMixin, forms.Form):
    """One agenda item: title, part, presenter, planned minutes."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Item"), max_length=255)
    section = forms.ChoiceField(label=_("Part"), choices=Section.choices, initial=Section.OTHER)
    presenter = forms.TypedChoiceField(
        label=_("Presenter"), coerce=int, required=False, empty_value=None
    )
    planned_minutes = forms.IntegerField(
        label=_("Planned minutes"), min_value=1, max_value=600, required=False
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].choices = [("", "—")] + [(m.pk, m.full_name) for m in members]


AgendaFormSet = forms.formset_factory(AgendaItemForm, extra=1, can_delete=True)


class DocumentForm(BootstrapFormMixin, forms.Form):
    """A document to attach to a meeting."""

    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"))


class MinutesForm(VersionForm):
    """The general part of the minutes; the agenda items' notes are added per item."""

    started_at = TimeField(label=_("Actual start"), required=False)
    ended_at = TimeField(label=_("Actual end"), required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    chair = forms.TypedChoiceField(label=_("Chair"), coerce=int, required=False, empty_value=None)
    minute_taker = forms.TypedChoiceField(
        label=_("Minute-taker"), coerce=int, required=False, empty_value=None
    )
    study_document = forms.CharField(label=_("Document studied"), max_length=255, required=False)

    def __init__(self, *args, members=(), items=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(m.pk, m.full_name) for m in members]
        self.fields["chair"].choices = choices
        self.fields["minute_taker"].choices = choices
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=item.title,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                initial=item.notes,
            )

    def item_fields(self):
        """(agenda item, bound field) pairs in agenda order."""
        return [(item, self[f"item_{item.pk}"]) for item in self.items]

    def clean(self):
        """The end must come after the start."""
        data = super().clean()
        start, end = data.get("started_at"), data.get("ended_at")
        if start and end and end <= start:
            self.add_error("ended_at", _("The end must be after the start."))
        return data


class GuestForm(BootstrapFormMixin, forms.Form):
    """A guest or visiting official; `official` picks a committee member who follows the cell
    and uses chibo (then the name may be left empty)."""

    official = forms.TypedChoiceField(
        label=_("Committee member following the cell"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    organisation = forms.CharField(label=_("Unit"), max_length=255, required=False)
    is_official = forms.BooleanField(label=_("Visiting committee member"), required=False)
    comments = forms.CharField(
        label=_("Comments and guidance"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, officials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].choices = [("", "—")] + [(u.pk, person_name(u)) for u in officials]

    def clean(self):
        """A name, or a committee member of chibo."""
        data = super().clean()
        if not data.get("official") and not (data.get("name") or "").strip():
            self.add_error("name", _("Every guest needs a name."))
        return data


GuestFormSet = forms.formset_factory(GuestForm, extra=1, can_delete=True)


class SpeechForm(BootstrapFormMixin, forms.Form):
    """One contribution: who spoke, what kind, about what, what they said."""

    kind = forms.ChoiceField(label=_("Kind"), choices=SpeechKind.choices)
    member = forms.TypedChoiceField(
        label=_("Speaker"), coerce=int, required=False, empty_value=None
    )
    speaker_name = forms.CharField(label=_("or another speaker"), max_length=120, required=False)
    about = forms.CharField(label=_("About (whom, what)"), max_length=255, required=False)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "—")] + [(m.pk, m.full_name) for m in members]

    def clean(self):
        """A speaker: a member or a name, not both."""
        data = super().clean()
        named = (data.get("speaker_name") or "").strip()
        if not data.get("member") and not named:
            self.add_error("member", _("Choose who spoke."))
        elif data.get("member") and named:
            self.add_error("speaker_name", _("Choose a member or type a name, not both."))
        return data


SpeechFormSet = forms.formset_factory(SpeechForm, extra=1, can_delete=True)


class VoteForm(VersionForm):
    """The resolution and its vote (VOTE-1, VOTE-2)."""

    resolution = forms.CharField(
        label=_("Resolution or conclusion"), widget=forms.Textarea(attrs={"rows": 6})
    )
    votes_for = forms.IntegerField(label=_("For"), min_value=0, max_value=999)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, max_value=999, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstain"), min_value=0, max_value=999, initial=0)


class AssignmentForm(VersionForm):
    """A task given at the meeting."""

    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = DateField(label=_("Deadline"))
    assignees = forms.TypedMultipleChoiceField(
        label=_("Members"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    to_committee = forms.BooleanField(label=_("The cell committee"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignees"].choices = [(m.pk, m.full_name) for m in members]
        self.fields["assignees"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        """Someone must receive the task."""
        data = super().clean()
        if not data.get("assignees") and not data.get("to_committee"):
            self.add_error("assignees", _("Choose the members or the cell committee."))
        return data


class AddendumForm(BootstrapFormMixin, forms.Form):
    """A correction to adopted minutes (MIN-3)."""

    reason = forms.CharField(label=_("Reason for the correction"), max_length=255)
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 4}))


REVIEW_CHOICES = [("", "—")] + list(AssignmentStatus.choices)
