"""Follow-up of a meeting: assignments, documents, addenda, notices; agenda templates and
calendar tokens (see the package docstring)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chibo.meetings.models.meeting import Meeting, MeetingKind, Section
from chibo.members.models import Member
from chibo.org.models import CellType, Unit


class AssignmentStatus(models.TextChoices):
    """Progress of an assignment."""

    OPEN = "open", _("In progress")
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


class Assignment(models.Model):
    """A task given at a meeting to one or several members or to the cell committee, with a
    deadline, reviewed at the next meeting (GLOSSARY "Assignment"; RULES "Order" item 5, 9).

    `reviewed_in` is the meeting that reviewed it and `review_note` what it concluded.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assignments")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="assignments"
    )
    title = models.TextField(_("task"))
    deadline = models.DateField(_("deadline"))
    to_committee = models.BooleanField(_("the cell committee"), default=False)
    assignees = models.ManyToManyField(
        Member, verbose_name=_("members"), blank=True, related_name="assignments"
    )
    status = models.CharField(
        _("progress"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OPEN,
    )
    progress = models.TextField(_("progress report"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reviewed_in = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_assignments",
    )
    review_note = models.TextField(_("review at the next meeting"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["unit", "status", "deadline"])]

    def __str__(self) -> str:
        return self.title[:80]


def _document_path(instance, filename: str) -> str:
    """Upload path under MEDIA_ROOT: meetings/<meeting id>/<random>-<name> (no guessing)."""
    return f"meetings/{instance.meeting_id}/{secrets.token_hex(8)}-{filename}"


class MeetingDocument(models.Model):
    """A document attached to a meeting (draft resolution, brief, material to study), stored
    under MEDIA_ROOT and served only through a scoped view."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["meeting", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class Addendum(models.Model):
    """A correction to adopted minutes (rule MIN-3): who, when, why, what. Never edited."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=255)
    text = models.TextField(_("correction"))

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["meeting", "created_at", "id"]

    def __str__(self) -> str:
        return self.reason


class Notice(models.Model):
    """An in-app notice to one user (meeting notice PREP-2, new assignment); unread until
    `read_at`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("message"), max_length=500)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message[:80]


class AgendaTemplate(models.Model):
    """The default agenda of a meeting kind for a cell type (empty type: every type without
    its own). Administrators edit it in the admin (RULES "Order of a regular meeting")."""

    kind = models.CharField(_("meeting kind"), max_length=16, choices=MeetingKind.choices)
    cell_type = models.CharField(
        _("cell type"), max_length=32, choices=CellType.choices, blank=True
    )
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("agenda template")
        verbose_name_plural = _("agenda templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "cell_type"], name="unique_agenda_template")
        ]

    def __str__(self) -> str:
        return self.name


class AgendaTemplateItem(models.Model):
    """One item of an agenda template."""

    template = models.ForeignKey(AgendaTemplate, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    section = models.CharField(_("part"), max_length=24, choices=Section.choices)
    title = models.CharField(_("item"), max_length=255)
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda template item")
        verbose_name_plural = _("agenda template items")
        ordering = ["template", "order", "id"]

    def __str__(self) -> str:
        return self.title


def _new_token() -> str:
    """A random URL-safe token for a private calendar feed."""
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The private token of a user's iCalendar feed; a new token revokes the old link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user)
