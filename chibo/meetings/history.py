"""Selector of a meeting's change history (rule MIN-3: every change before adoption is kept).

Reads the django-simple-history tables of the meeting and of the parts of its record
(agenda items, roll call rows, guests, speeches) and turns them into readable rows.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.core.text import person_name
from chibo.meetings.models import AgendaItem, Attendance, Guest, Meeting, Speech

_SKIP = {
    "id",
    "meeting",
    "version",
    "history_id",
    "history_date",
    "history_user",
    "history_type",
    "history_change_reason",
}


def _label(model, record) -> str:
    """A short name of the changed part: the item title, the member's name, …"""
    if model is AgendaItem:
        return record.title
    if model is Attendance:
        return record.member.full_name if record.member_id else ""
    if model is Guest:
        return record.name
    if model is Speech:
        return record.content[:60]
    return ""


def _shown(field, value) -> str:
    """A stored value as a person reads it: choices by label, dates dd/mm/yyyy, times hh:mm;
    "—" when empty."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


def _change(field, before, after) -> str:
    """ "name: old → new" for a short value; the field's name alone for long texts and links
    (the minutes' texts are read on the meeting page)."""
    name = str(field.verbose_name)
    old, new = getattr(before, field.attname), getattr(after, field.attname)
    if field.is_relation or isinstance(field, models.TextField):
        return name
    old, new = _shown(field, old), _shown(field, new)
    if len(old) + len(new) > 80:
        return name
    return f"{name}: {old} → {new}"


def meeting_history(meeting: Meeting, limit: int = 300) -> list[dict]:
    """The changes to `meeting` and its record, newest first.

    Returns [{"at": datetime, "by": str (user's name, "" for the system), "part": str
    (verbose name of the part), "label": str (which item/member), "kind": "+" created, "~"
    changed, "-" deleted, "fields": ["name: old → new" per changed field, or the name alone
    for long texts and links]}], at most `limit`
    rows. Five queries, whatever the size of the record.
    """
    sources = [
        (Meeting, Meeting.history.filter(id=meeting.pk)),
        (AgendaItem, AgendaItem.history.filter(meeting_id=meeting.pk)),
        (Attendance, Attendance.history.filter(meeting_id=meeting.pk).select_related("member")),
        (Guest, Guest.history.filter(meeting_id=meeting.pk)),
        (Speech, Speech.history.filter(meeting_id=meeting.pk)),
    ]
    rows = []
    for model, queryset in sources:
        records = list(
            queryset.select_related("history_user").order_by("history_date", "history_id")
        )
        names = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in _SKIP and f.attname not in _SKIP
        ]
        previous = {}
        for record in records:
            before = previous.get(record.id)
            fields = []
            if record.history_type == "~" and before is not None:
                fields = [
                    _change(model._meta.get_field(n), before, record)
                    for n in names
                    if getattr(before, model._meta.get_field(n).attname)
                    != getattr(record, model._meta.get_field(n).attname)
                ]
                if not fields:
                    previous[record.id] = record
                    continue
            previous[record.id] = record
            rows.append(
                {
                    "at": record.history_date,
                    "by": person_name(record.history_user) if record.history_user_id else "",
                    "part": str(model._meta.verbose_name),
                    "label": _label(model, record),
                    "kind": record.history_type,
                    "fields": fields,
                }
            )
    rows.sort(key=lambda r: r["at"], reverse=True)
    return rows[:limit]


#: Labels of the business actions recorded in the audit trail for a meeting.
ACTION_LABELS = {
    "meeting.add": _("added to the plan"),
    "meeting.move": _("moved"),
    "meeting.cancel": _("cancelled"),
    "meeting.agenda_from_template": _("standard agenda used"),
    "meeting.agenda_save": _("agenda saved"),
    "meeting.preparation_save": _("preparation saved"),
    "meeting.document_attach": _("document attached"),
    "meeting.document_remove": _("document removed"),
    "meeting.notify": _("notice sent"),
    "meeting.roll_call": _("roll call saved"),
    "meeting.minutes_save": _("minutes saved"),
    "meeting.guests_save": _("guests saved"),
    "meeting.speeches_save": _("contributions saved"),
    "meeting.vote_record": _("resolution and vote saved"),
    "assignment.review": _("last month's tasks reviewed"),
    "assignment.delete": _("task deleted"),
    "minutes.submit": _("minutes submitted"),
    "minutes.return": _("minutes returned to draft"),
    "minutes.adopt": _("minutes adopted"),
    "minutes.addendum": _("correction added"),
}


def meeting_actions(meeting: Meeting) -> list[dict]:
    """The business actions on `meeting` from the audit trail, newest first: [{"at", "by",
    "label", "detail" (the reason or title given, "" if none)}]. One query."""
    from chibo.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        target_type=meeting._meta.label_lower, target_id=str(meeting.pk)
    ).select_related("actor")
    return [
        {
            "at": e.at,
            "by": person_name(e.actor) if e.actor_id else "",
            "label": ACTION_LABELS.get(e.action, e.action),
            "detail": e.data.get("reason") or e.data.get("title") or "",
        }
        for e in entries
    ]
