"""Core write services: the audit trail."""

from typing import Any

from django.db import models

from chibo.core.models import AuditEntry


def audit_record(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict | None = None
) -> AuditEntry:
    """Append one entry to the audit trail and return it.

    `actor` is a User (or None for system actions such as the demo builder), `action` a dotted
    name such as "member.update", `target` the model instance acted on, `data` a JSON-able dict
    of details. Call it inside the business action's transaction so both commit together.
    """
    entry = AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        data=data or {},
    )
    if target is not None:
        entry.target_type = target._meta.label_lower
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:255]
    entry.save()
    return entry
