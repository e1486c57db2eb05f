"""Write services of early warnings: keeping them in step with the records, acknowledging.

`warnings_refresh` is run daily for the whole tree by `chibo warnings` (a cron job or
systemd timer) and, for one cell, after every change to the records it watches
(`evaluation.signals`). Warnings are never deleted: a condition that ends is marked resolved,
and one that comes back is reopened (issue 4 item 4).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.core.models import AuditEntry
from chibo.core.services import audit_record
from chibo.core.text import person_name
from chibo.evaluation.detect import condition_since, detect_conditions
from chibo.evaluation.models import EarlyWarning
from chibo.evaluation.permissions import can_acknowledge
from chibo.evaluation.selectors.warnings import warning_get
from chibo.members.selectors import today as local_today
from chibo.org.models import Unit, UnitKind
from chibo.org.selectors import subtree_q

#: Rows per INSERT / UPDATE statement (SQLite limits the variables of one statement).
BATCH = 400


def _refresh_root(unit: Unit | None) -> Unit | None:
    """The unit whose subtree a refresh covers: a party group's cell instead of the group
    (the cell's figures include its groups)."""
    if unit is None or unit.kind != UnitKind.PARTY_GROUP:
        return unit
    parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()
    return _refresh_root(parent) if parent is not None else unit


def _chunks(items: list, size: int = BATCH):
    """`items` in slices of `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def warnings_refresh(*, unit: Unit | None = None, today: datetime.date | None = None) -> dict:
    """Bring the stored early warnings of every cell in `unit`'s subtree (every cell when
    None) in step with the conditions true on `today` (default: today in Vietnam).

    Conditions come from `evaluation.detect.detect_conditions` (set-based: a fixed number of
    queries whatever the number of cells). Then, by (unit, kind, key): a new condition is
    created (`detected_on`: the first day it held, `detect.condition_since`); a stored open
    warning whose condition no longer holds is resolved (`resolved_on` = today); a resolved
    one whose condition holds again is reopened (`resolved_on` and the acknowledgement
    cleared, the note kept; an acknowledged one gets an audit entry "warning.reopen" holding
    who acknowledged it, when, and the note); an open one whose figures changed gets the new
    `facts`. Bulk statements only.

    Returns {"created", "resolved", "reopened", "updated", "open"} counts ("open": warnings
    open in the subtree afterwards). The daily run: `chibo warnings` (rules FREQ-1, THEM-1,
    MIN-3, MEM-1, MEM-2, MEM-5, CELL-1, QUAL-1; RULES.md).
    """
    today = today or local_today()
    root = _refresh_root(unit)
    found = detect_conditions(root.path if root else None, today)
    scope = subtree_q(root.path, "unit__") if root else Q()
    counts = {"created": 0, "resolved": 0, "reopened": 0, "updated": 0}
    with transaction.atomic():
        stored = EarlyWarning.objects.filter(scope).order_by()
        open_rows = {
            (unit_id, kind, key): (pk, facts)
            for pk, unit_id, kind, key, facts in stored.filter(
                resolved_on__isnull=True
            ).values_list("pk", "unit_id", "kind", "key", "facts")
        }
        closed_rows = {
            (unit_id, kind, key): (pk, acknowledged)
            for pk, unit_id, kind, key, acknowledged in stored.filter(
                resolved_on__isnull=False
            ).values_list("pk", "unit_id", "kind", "key", "acknowledged_at")
        }
        created, updated, reopened, acknowledged_ids = [], [], [], []
        for ident, condition in found.items():
            links = {
                "member_id": condition.member_id,
                "meeting_id": condition.meeting_id,
                "assignment_id": condition.assignment_id,
            }
            if ident in open_rows:
                pk, facts = open_rows[ident]
                if facts != condition.facts:
                    updated.append(EarlyWarning(pk=pk, facts=condition.facts))
            elif ident in closed_rows:
                pk, was_acknowledged = closed_rows[ident]
                reopened.append(
                    EarlyWarning(
                        pk=pk,
                        facts=condition.facts,
                        resolved_on=None,
                        acknowledged_at=None,
                        acknowledged_by=None,
                    )
                )
                if was_acknowledged:
                    acknowledged_ids.append(pk)
            else:
                created.append(
                    EarlyWarning(
                        unit_id=condition.unit_id,
                        kind=condition.kind,
                        key=condition.key,
                        facts=condition.facts,
                        detected_on=condition_since(condition, today),
                        **links,
                    )
                )
        gone = [pk for ident, (pk, _facts) in open_rows.items() if ident not in found]
        _audit_reopened(acknowledged_ids)
        # A concurrent refresh may have created the same row: the unique constraint keeps one.
        EarlyWarning.objects.bulk_create(created, batch_size=BATCH, ignore_conflicts=True)
        EarlyWarning.objects.bulk_update(updated, ["facts"], batch_size=BATCH)
        fields = ["facts", "resolved_on", "acknowledged_at", "acknowledged_by"]
        EarlyWarning.objects.bulk_update(reopened, fields, batch_size=BATCH)
        for chunk in _chunks(gone):
            EarlyWarning.objects.filter(pk__in=chunk).update(resolved_on=today)
    counts.update(
        created=len(created), resolved=len(gone), reopened=len(reopened), updated=len(updated)
    )
    counts["open"] = len(found)
    return counts


def _audit_reopened(pks: list[int]) -> None:
    """Keep, in the audit trail, the acknowledgement a reopened warning loses (who, when,
    the note): one "warning.reopen" entry each, written in bulk."""
    entries = []
    for chunk in _chunks(pks):
        rows = EarlyWarning.objects.filter(pk__in=chunk).values_list(
            "pk", "unit_id", "kind", "key", "acknowledged_at", "acknowledged_by_id", "note"
        )
        for pk, unit_id, kind, key, at, by, note in rows:
            entries.append(
                AuditEntry(
                    action="warning.reopen",
                    target_type=EarlyWarning._meta.label_lower,
                    target_id=str(pk),
                    target_repr=f"{unit_id} {kind} {key}"[:255],
                    data={
                        "acknowledged_at": at.isoformat() if at else None,
                        "acknowledged_by": by,
                        "note": note,
                    },
                )
            )
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)


def _already_acknowledged(warning: EarlyWarning) -> ValidationError:
    """The refusal of a second acknowledgement, naming who acknowledged and when."""
    at = timezone.localtime(warning.acknowledged_at)
    return ValidationError(
        _("%(name)s already acknowledged this warning on %(date)s; your note was not saved.")
        % {"name": person_name(warning.acknowledged_by), "date": f"{at:%d/%m/%Y %H:%M}"},
        code="acknowledged",
    )


def warning_acknowledge(*, actor, warning_id, note: str) -> EarlyWarning:
    """Acknowledge an open early warning with a note saying what was done or why it waits.

    Scoped fetch (`warning_get`: NotInScope → 404 outside the warnings the actor sees);
    `can_acknowledge` (an editor covering the unit, else PermissionDenied → 403); the note is
    required, the warning must be open and not acknowledged yet (ValidationError, Vietnamese
    message; a second acknowledgement — from a list opened before the first, in another tab —
    would silently replace the first person's note, so it is refused, naming who
    acknowledged and when; checked again on the locked row). Sets
    `acknowledged_at`/`acknowledged_by`/`note` and writes a "warning.acknowledge" audit entry
    holding the note, in one transaction. Returns the warning. Warnings are never deleted
    (issue 4); a reopened warning (`warnings_refresh`) can be acknowledged again.
    """
    warning = warning_get(actor=actor, warning_id=warning_id)
    if not can_acknowledge(actor, warning.unit):
        raise PermissionDenied("may not acknowledge warnings of this unit")
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Write a note: what was done, or why the warning can wait.")}
        )
    if warning.resolved_on is not None:
        raise ValidationError(
            _("This warning is already resolved: there is nothing to acknowledge.")
        )
    if warning.acknowledged_at is not None:
        raise _already_acknowledged(warning)
    with transaction.atomic():
        locked = (
            EarlyWarning.objects.select_for_update(of=("self",))
            .select_related("acknowledged_by")
            .get(pk=warning.pk)
        )
        if locked.acknowledged_at is not None:  # acknowledged in between
            raise _already_acknowledged(locked)
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = actor
        locked.note = note
        locked.save(update_fields=["acknowledged_at", "acknowledged_by", "note"])
        audit_record(
            actor=actor,
            action="warning.acknowledge",
            target=locked,
            data={"kind": locked.kind, "key": locked.key, "note": note},
        )
    locked.unit = warning.unit
    return locked
