"""Write services for party members: edit the member file, record and end dated statuses.

Each service fetches through a scoped selector (NotInScope = 404 outside scope), checks the
permission (PermissionDenied), validates (ValidationError with Vietnamese messages), then
writes in one transaction with one audit entry (ARCHITECTURE "Check, then do").
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from chibo.core.errors import StaleVersion
from chibo.core.scoping import NotInScope
from chibo.core.services import audit_record
from chibo.members.models import (
    Exemption,
    Member,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)
from chibo.members.permissions import can_edit_member
from chibo.members.selectors import member_get, member_roll_unit

#: Fields of the member file a cell may edit (identity and membership dates included:
#: the cell keeps the file and corrects mistakes; every change is kept in the history).
EDITABLE_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_year",
    "ethnicity",
    "religion",
    "admitted_on",
    "full_member_on",
    "card_number",
    "occupation",
    "phone",
    "residence",
)

#: Kinds of dated status record a cell records, keyed by the name used in URLs.
STATUS_RECORD_MODELS = {
    "exemption": Exemption,
    "temporary-exemption": TemporaryExemption,
    "attachment": TemporaryAttachment,
    "working-away": WorkingAway,
    "special-duty": SpecialDuty,
}


def _editable_member(actor, member_id) -> Member:
    """Fetch a member in scope and check the actor may edit them."""
    member = member_get(actor=actor, member_id=member_id)
    if not can_edit_member(actor, member):
        raise PermissionDenied(_("You may view this member but not edit their file."))
    return member


def _version_snapshot(member: Member, version: int) -> dict | None:
    """The member file as it was at `version` (from django-simple-history), or None."""
    record = member.history.filter(version=version).order_by("-history_date", "-history_id").first()
    return {f: getattr(record, f) for f in EDITABLE_FIELDS} if record else None


def member_update(*, actor, member_id: int, expected_version: int, data: dict) -> Member:
    """Update the member file with `data` (keys from EDITABLE_FIELDS) and return the member.

    `expected_version` is the version the user's form was opened at. When someone saved in
    between, the two edits are merged field by field: the user's changes (relative to the
    version they opened) are applied over the stored file, unless the other person changed
    the same field to another value — then nothing is saved and StaleVersion names those
    fields. Raises NotInScope (404) outside scope, PermissionDenied without an editor role on
    the member's cell, ValidationError when the full-membership date precedes the admission
    date (rule MEM-1: probation comes first). History is kept by simple-history; one audit
    entry lists the fields changed.
    """
    member = _editable_member(actor, member_id)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.version != expected_version:
            original = _version_snapshot(locked, expected_version)
            if original is None:
                raise StaleVersion(locked.version)
            mine = {f: v for f, v in data.items() if v != original[f]}
            conflicts = [
                f
                for f, v in mine.items()
                if getattr(locked, f) != original[f] and getattr(locked, f) != v
            ]
            if conflicts:
                theirs = {
                    f: getattr(locked, f)
                    for f in EDITABLE_FIELDS
                    if getattr(locked, f) != original[f]
                }
                raise StaleVersion(locked.version, sorted(conflicts), theirs)
            data = mine
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        if not changed:
            return locked  # nothing to save: no new version, no history row, no audit entry
        admitted = changed.get("admitted_on", locked.admitted_on)
        full = changed.get("full_member_on", locked.full_member_on)
        if full and full < admitted:
            raise ValidationError(
                {
                    "full_member_on": _(
                        "The full membership date cannot be before the admission date."
                    )
                }
            )
        for field, value in changed.items():
            setattr(locked, field, value)
        locked._change_reason = "member.update"
        locked._history_user = actor  # also outside a request (scripts, tests)
        locked.save()
        audit_record(
            actor=actor,
            action="member.update",
            target=locked,
            data={"fields": sorted(changed)},
        )
    return locked


def status_record_add(*, actor, member_id: int, kind: str, data: dict):
    """Record a dated status of `kind` (a key of STATUS_RECORD_MODELS) for a member.

    `data` holds the model's fields (start_date, end_date, note and the kind's own fields).
    Returns the created record. Raises NotInScope, PermissionDenied as `member_update`,
    KeyError for an unknown kind, ValidationError when the range is inverted or overlaps a
    record of the same kind (one exemption at a time, rules MEM-2..4), starts before the
    member's admission, or when an attachment names no receiving cell or the member's own
    cell (MEM-3).
    """
    model = STATUS_RECORD_MODELS[kind]
    member = _editable_member(actor, member_id)
    start, end = data["start_date"], data.get("end_date")
    if end is not None and end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    if start < member.admitted_on:
        raise ValidationError(
            {
                "start_date": _(
                    "A party status cannot start before the member's admission (%(date)s)."
                )
                % {"date": member.admitted_on.strftime("%d/%m/%Y")}
            }
        )
    if kind == "attachment" and data.get("host_unit") is not None:
        own = member_roll_unit(member, start)
        if own is not None and data["host_unit"].pk == own.pk:
            raise ValidationError(
                {"host_unit": _("The receiving cell must be another cell than the member's own.")}
            )
    if kind == "attachment" and not (data.get("host_unit") or data.get("host_name")):
        raise ValidationError({"host_name": _("Name the cell where the member attends meanwhile.")})
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()
        overlapping = model.objects.filter(
            member=member, start_date__lte=end or datetime.date.max
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        if overlapping.exists():
            raise ValidationError(
                _(
                    "This period overlaps a record of the same kind already on file "
                    "(from %(start)s)."
                )
                % {"start": overlapping.first().start_date.strftime("%d/%m/%Y")}
            )
        record = model.objects.create(member=member, **data)
        audit_record(
            actor=actor, action=f"member.{kind}.add", target=member, data={"record": record.pk}
        )
    return record


def status_record_end(*, actor, member_id: int, kind: str, record_id: int, end_date: datetime.date):
    """End an open dated record on `end_date` (inclusive) and return it.

    Raises NotInScope for a record that is not this member's, PermissionDenied as above,
    ValidationError when the record is already ended or `end_date` precedes its start.
    """
    model = STATUS_RECORD_MODELS[kind]
    member = _editable_member(actor, member_id)
    with transaction.atomic():
        record = model.objects.select_for_update().filter(member=member, pk=record_id).first()
        if record is None:
            raise NotInScope("record not found")
        if record.end_date is not None:
            raise ValidationError(_("This record has already ended."))
        if end_date < record.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        record.end_date = end_date
        record.save(update_fields=["end_date"])
        audit_record(
            actor=actor, action=f"member.{kind}.end", target=member, data={"record": record.pk}
        )
    return record


def status_record_delete(*, actor, member_id: int, kind: str, record_id: int) -> None:
    """Delete a dated record entered by mistake (a wrong date, the wrong member).

    The audit entry keeps what was deleted (dates, note, the kind's fields), so the trail
    shows it. Raises NotInScope for a record that is not this member's, PermissionDenied
    as `member_update`, KeyError for an unknown kind.
    """
    model = STATUS_RECORD_MODELS[kind]
    member = _editable_member(actor, member_id)
    with transaction.atomic():
        record = model.objects.select_for_update().filter(member=member, pk=record_id).first()
        if record is None:
            raise NotInScope("record not found")
        kept = {
            field.name: str(getattr(record, field.attname))
            for field in model._meta.concrete_fields
            if field.name not in ("id", "member")
        }
        record.delete()
        audit_record(
            actor=actor,
            action=f"member.{kind}.delete",
            target=member,
            data={"record": record_id, "deleted": kept},
        )
