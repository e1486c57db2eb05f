"""Party members and the dated records their status is computed from (GLOSSARY "Members").

Nothing here is a mutable status flag: a member's status on a date is computed by
`members.selectors.member_status_on()` from the membership history and the dated records
(ARCHITECTURE "Statuses computed from dated facts"; rules MEM-1..4).
Every date range is inclusive at both ends; an empty end date means "still in force".
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chibo.core.text import fold, name_sort_key
from chibo.org.models import Unit


class Gender(models.TextChoices):
    """Gender as recorded on the party member's file."""

    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


#: Change reason of the history row recording a bulk-created file before its first change.
BASELINE_REASON = "baseline"


class Member(models.Model):
    """A party member (Đảng viên) with the fields a cell keeps on its roll.

    `admitted_on` is the admission date (ngày vào Đảng), `full_member_on` the date the member
    became a full member (ngày chính thức; empty while probationary, rule MEM-1).
    The current cell comes from `Membership` rows, not from a field here.
    """

    full_name = models.CharField(_("full name"), max_length=120)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=40, default="Kinh")
    religion = models.CharField(_("religion"), max_length=60, blank=True)
    admitted_on = models.DateField(_("admission date"))
    full_member_on = models.DateField(_("full membership date"), null=True, blank=True)
    card_number = models.CharField(
        _("party card number"), max_length=20, null=True, blank=True, unique=True
    )
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    residence = models.CharField(_("residence"), max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    search_text = models.CharField(max_length=200, editable=False, default="")
    sort_key = models.CharField(max_length=400, editable=False, default="", db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "sort_key"])

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        """Save, keeping the derived search and sort columns in step with the name.

        Every save of an existing member — through chibo's services, the Django admin or a
        history revert — raises `version` (optimistic locking sees them all), and a member
        without history rows (bulk-created: demo, imports) first gets a baseline row holding
        the stored file, so the change lists its fields and stale forms can be merged.
        """
        self.refresh_derived()
        if not self._state.adding and self.pk is not None:
            if not self.history.exists():
                stored = type(self).objects.filter(pk=self.pk).first()
                if stored is not None:
                    type(self).history.bulk_history_create(
                        [stored], default_change_reason=BASELINE_REASON
                    )
            self.version = (self.version or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        """Recompute `search_text` (folded name and card number) and `sort_key` from the name."""
        self.search_text = f"{fold(self.full_name)} {self.card_number or ''}".strip()[:200]
        self.sort_key = name_sort_key(self.full_name)[:400]


class DatedQuerySet(models.QuerySet):
    """Queryset of records with an inclusive [start_date, end_date] range (end may be empty)."""

    def on(self, date: datetime.date) -> "DatedQuerySet":
        """Records in force on `date`: start_date ≤ date and (no end_date or date ≤ end_date)."""
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=date), start_date__lte=date)


class DatedRecord(models.Model):
    """Abstract base: a dated fact about a member, in force from start to end (inclusive)."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def in_force_on(self, date: datetime.date) -> bool:
        """True if the record covers `date` (both ends inclusive, empty end = open)."""
        return self.start_date <= date and (self.end_date is None or date <= self.end_date)


class Membership(DatedRecord):
    """The cell (or party group) a member belongs to, from start to end: the roll history."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        Unit, verbose_name=_("cell"), on_delete=models.PROTECT, related_name="memberships"
    )

    class Meta(DatedRecord.Meta):
        verbose_name = _("cell membership")
        verbose_name_plural = _("cell memberships")
        indexes = [
            models.Index(fields=["unit", "end_date"]),
            models.Index(fields=["member", "end_date"]),
        ]


class PositionKind(models.TextChoices):
    """Positions held in a unit's committee (GLOSSARY)."""

    SECRETARY = "secretary", _("Secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    STANDING_COMMITTEE_MEMBER = "standing_committee_member", _("Standing committee member")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")


class Position(DatedRecord):
    """A position held by a member in a unit over time (secretary, deputy, committee member).

    Kept in `members` rather than `org` because it points at a Member, and `org` must not
    depend on `members` (ARCHITECTURE layering; see docs/architecture-notes.md).
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="positions"
    )
    kind = models.CharField(_("position"), max_length=32, choices=PositionKind.choices)

    class Meta(DatedRecord.Meta):
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["unit", "end_date"])]


class ExemptionReason(models.TextChoices):
    """Grounds for exemption from party work and meetings (rule MEM-2)."""

    AGE = "age", _("Old age")
    HEALTH = "health", _("Ill health")


class Exemption(DatedRecord):
    """Exemption from party work and meetings, decided by the cell (rule MEM-2)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="exemptions")
    reason = models.CharField(_("reason"), max_length=16, choices=ExemptionReason.choices)

    class Meta(DatedRecord.Meta):
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")


class TemporaryExemption(DatedRecord):
    """Temporary exemption for members with mobile or unstable work (rule MEM-4)."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="temporary_exemptions"
    )

    class Meta(DatedRecord.Meta):
        verbose_name = _("temporary exemption")
        verbose_name_plural = _("temporary exemptions")


class AttachmentReason(models.TextChoices):
    """Grounds for temporary attachment to another cell (rule MEM-3)."""

    WORK = "work", _("Work away (3 to 12 months)")
    RESIDENCE = "residence", _("Residence away (3 to 12 months)")
    STUDY = "study", _("Full-time study (3 to 24 months)")


class TemporaryAttachment(DatedRecord):
    """Temporary attachment to another cell (rule MEM-3): the home cell keeps the member.

    `host_unit` is the receiving cell when it is in chibo; otherwise `host_name` names it.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attachments")
    reason = models.CharField(_("reason"), max_length=16, choices=AttachmentReason.choices)
    host_unit = models.ForeignKey(
        Unit,
        verbose_name=_("receiving cell"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attached_members",
    )
    host_name = models.CharField(_("receiving cell (outside chibo)"), max_length=255, blank=True)

    class Meta(DatedRecord.Meta):
        verbose_name = _("temporary attachment")
        verbose_name_plural = _("temporary attachments")


class WorkingAway(DatedRecord):
    """A period in which the member works far from home (GLOSSARY "working_away")."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="working_away")
    place = models.CharField(_("place"), max_length=255, blank=True)

    class Meta(DatedRecord.Meta):
        verbose_name = _("working away")
        verbose_name_plural = _("working away")


class SpecialDuty(DatedRecord):
    """A period on special duty in the armed forces (rule ATT-0, "on special duty")."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="special_duties")

    class Meta(DatedRecord.Meta):
        verbose_name = _("special duty")
        verbose_name_plural = _("special duties")
