"""The meeting and its record: kinds and statuses, the cell's schedule, the meeting, its
agenda items, roll call, guests and speeches (see the package docstring)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chibo.members.models import Member
from chibo.org.models import Unit


class MeetingKind(models.TextChoices):
    """Kinds of meeting (GLOSSARY; rules FREQ-1, FREQ-2, THEM-1, DUR-2)."""

    REGULAR = "regular", _("Regular meeting")
    THEMATIC = "thematic", _("Thematic meeting")
    COMBINED = "combined", _("Regular and thematic meeting")
    COMMITTEE = "committee", _("Cell committee meeting")


#: Kinds that count as the month's regular meeting (FREQ-1) / as a thematic meeting (THEM-1).
REGULAR_KINDS = frozenset({MeetingKind.REGULAR, MeetingKind.COMBINED})
THEMATIC_KINDS = frozenset({MeetingKind.THEMATIC, MeetingKind.COMBINED})


class MeetingStatus(models.TextChoices):
    """Lifecycle of a meeting and its minutes (rules MIN-1..3)."""

    PLANNED = "planned", _("Planned")
    DRAFT = "draft", _("Minutes in draft")
    SUBMITTED = "submitted", _("Minutes submitted")
    ADOPTED = "adopted", _("Minutes adopted")
    CANCELLED = "cancelled", _("Cancelled")


#: Statuses of a meeting that was held (its record exists).
HELD_STATUSES = frozenset({MeetingStatus.DRAFT, MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED})


class Section(models.TextChoices):
    """Parts of a meeting, in the order of RULES.md "Order of a regular meeting" and of a
    thematic meeting. Agenda items carry one, so the minutes and the checks know each part."""

    OPENING = "opening", _("Opening, delegates and guests, party dues")
    ROLL_CALL = "roll_call", _("Roll call report")
    AGENDA = "agenda", _("Agenda adopted, minute-taker appointed")
    CURRENT_AFFAIRS = "current_affairs", _("Current affairs")
    REVIEW = "review", _("Review of last month")
    STUDY = "study", _("Study of documents")
    CRITICISM = "criticism", _("Self-criticism and criticism")
    OFFICIALS = "officials", _("Visiting officials speak")
    DISCUSSION = "discussion", _("Discussion and tasks for next month")
    RESOLUTION = "resolution", _("Conclusion and resolution")
    CLOSING = "closing", _("Rating, minutes adopted, closing")
    THEMATIC_PURPOSE = "thematic_purpose", _("Purpose of the thematic meeting")
    THEMATIC_BRIEF = "thematic_brief", _("Thematic brief presented")
    OTHER = "other", _("Other")


class CellSchedule(models.Model):
    """A cell's usual meeting day, time and place, used to plan its year.

    `rule` "day": the `day` of each month (1–28); "weekday": the `week`-th (1–4, or -1 for
    the last) `weekday` (0 Monday … 6 Sunday). The committee meets `committee_lead_days`
    before the regular meeting (FREQ-2).
    """

    DAY = "day"
    WEEKDAY = "weekday"

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="meeting_schedule")
    rule = models.CharField(
        _("usual day"),
        max_length=8,
        choices=[(DAY, _("A day of the month")), (WEEKDAY, _("A weekday"))],
    )
    day = models.PositiveSmallIntegerField(_("day of the month"), null=True, blank=True)
    week = models.SmallIntegerField(_("week of the month"), null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True)
    start_time = models.TimeField(_("start time"))
    place = models.CharField(_("place"), max_length=255)
    committee_lead_days = models.PositiveSmallIntegerField(
        _("committee meets days before"), default=3
    )

    class Meta:
        verbose_name = _("meeting schedule")
        verbose_name_plural = _("meeting schedules")

    def __str__(self) -> str:
        return str(self.unit)


class Meeting(models.Model):
    """One meeting of a cell: its plan, preparation and record (the minutes).

    `date`/`start_time`/`place` are the planned ones (moves change them; `planned_date`
    keeps the date of the year plan). `started_at`/`ended_at` are the actual times of the
    sitting (same day). Vote figures are None until recorded.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("cell"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    date = models.DateField(_("date"))
    planned_date = models.DateField(_("date in the year plan"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    topic = models.CharField(_("thematic topic"), max_length=255, blank=True)
    brief_writer = models.ForeignKey(
        Member,
        verbose_name=_("member writing the thematic brief"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    change_reason = models.CharField(_("reason for the change"), max_length=255, blank=True)
    started_at = models.TimeField(_("actual start"), null=True, blank=True)
    ended_at = models.TimeField(_("actual end"), null=True, blank=True)
    chair = models.ForeignKey(
        Member,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minute_taker = models.ForeignKey(
        Member,
        verbose_name=_("minute-taker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    study_document = models.CharField(_("document studied"), max_length=255, blank=True)
    draft_resolution = models.TextField(_("draft resolution"), blank=True)
    resolution = models.TextField(_("resolution adopted"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    notified_at = models.DateTimeField(_("members notified at"), null=True, blank=True)
    documents_published_at = models.DateTimeField(
        _("documents published at"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "start_time", "id"]
        indexes = [models.Index(fields=["unit", "date"]), models.Index(fields=["date", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y} — {self.unit.name}"

    @property
    def is_locked(self) -> bool:
        """True once the minutes are adopted or the meeting cancelled (rule MIN-3)."""
        return self.status in (MeetingStatus.ADOPTED, MeetingStatus.CANCELLED)

    @property
    def is_held(self) -> bool:
        """True when the meeting took place (its record is drafted, submitted or adopted)."""
        return self.status in HELD_STATUSES

    @property
    def is_thematic(self) -> bool:
        """True for thematic and combined meetings (THEM-1)."""
        return self.kind in THEMATIC_KINDS


class AgendaItem(models.Model):
    """One item of a meeting's agenda with its presenter, planned minutes and, once held, the
    minutes of that item (`notes`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"))
    section = models.CharField(
        _("part"), max_length=24, choices=Section.choices, default=Section.OTHER
    )
    title = models.CharField(_("item"), max_length=255)
    presenter = models.ForeignKey(
        Member,
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"), null=True, blank=True)
    notes = models.TextField(_("minutes of this item"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    """A member's status at one meeting (rule ATT-0)."""

    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Absent with reason")
    UNEXCUSED = "unexcused", _("Absent without reason")
    EXEMPTED = "exempted", _("Exempted, absent")
    ATTACHED_ELSEWHERE = "attached_elsewhere", _("Attending another cell")
    SPECIAL_DUTY = "special_duty", _("On special duty")


#: Statuses of members expected at the meeting (the ATT-1 denominator).
EXPECTED_STATUSES = frozenset(
    {AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED}
)


class Attendance(models.Model):
    """One member's row of a meeting's roll call (rules ATT-0, ATT-1, VOTE-2).

    The flags are the member's dated statuses on the meeting date, copied when the roll call
    is prepared so that the figures stay as they were: `full` (full member, else
    probationary), `exempted` (MEM-2/MEM-4), `attached_elsewhere` (MEM-3, attends another
    cell), `special_duty` (ATT-0), `attached_here` (from another cell, attached to this one).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("status"), max_length=20, choices=AttendanceStatus.choices)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    full = models.BooleanField(_("full member"), default=True)
    exempted = models.BooleanField(_("exempted"), default=False)
    attached_elsewhere = models.BooleanField(_("attached elsewhere"), default=False)
    special_duty = models.BooleanField(_("special duty"), default=False)
    attached_here = models.BooleanField(_("attached to this cell"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="unique_attendance")
        ]
        indexes = [models.Index(fields=["member", "status"])]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_status_display()}"


class Guest(models.Model):
    """A guest or visiting official at a meeting (GLOSSARY "Guest"); `member` links one who is
    a party member in chibo. `comments` holds a visiting official's comments (VIS-3)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=120, blank=True)
    organisation = models.CharField(_("unit"), max_length=255, blank=True)
    is_official = models.BooleanField(_("visiting committee member"), default=False)
    member = models.ForeignKey(
        Member,
        verbose_name=_("party member in chibo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comments = models.TextField(_("comments and guidance"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chibo user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.name


class SpeechKind(models.TextChoices):
    """What a contribution to the meeting was (MIN-2 "opinions"; Section CRITICISM)."""

    OPINION = "opinion", _("Opinion")
    SELF_CRITICISM = "self_criticism", _("Self-criticism")
    CRITICISM = "criticism", _("Criticism")


class Speech(models.Model):
    """One contribution recorded in the minutes: who spoke (a member, or a named guest), of
    what kind, about what/whom (criticism), and what they said."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speeches")
    kind = models.CharField(
        _("kind"), max_length=16, choices=SpeechKind.choices, default=SpeechKind.OPINION
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speaker_name = models.CharField(
        _("speaker (not a member of the cell)"), max_length=120, blank=True
    )
    about = models.CharField(_("about"), max_length=255, blank=True)
    content = models.TextField(_("content"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.content[:80]
