"""Preparation: agenda, draft resolution, documents, and the notice (rules PREP-1..4).

PREP-2: members and the superior committee member assigned to the cell (a visiting
official's grant on it) are notified of time, place and content — in chibo and by e-mail
through Django's mail backend. PREP-3: the time the documents were published is kept.
"""

import datetime
import mimetypes
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.core.services import audit_record
from chibo.meetings.models import (
    AgendaItem,
    AgendaTemplate,
    Meeting,
    MeetingDocument,
    MeetingKind,
    Notice,
)
from chibo.meetings.selectors import (
    cell_roll,
    meeting_get_for_update,
    meeting_roll,
    officials_for,
)
from chibo.meetings.services.common import bump, check_editable, check_version
from chibo.members.models import Member


def agenda_template_for(meeting: Meeting) -> AgendaTemplate | None:
    """The agenda template of the meeting's kind for its cell's type, else the default one
    (empty cell type), else None."""
    templates = {
        t.cell_type: t
        for t in AgendaTemplate.objects.filter(
            kind=meeting.kind, cell_type__in=["", meeting.unit.cell_type]
        )
    }
    return templates.get(meeting.unit.cell_type) or templates.get("")


def agenda_from_template(*, actor, meeting_id: int, expected_version: int | None) -> Meeting:
    """Fill an empty agenda from the template (RULES "Order of a regular meeting").

    The secretary is the default presenter of every item (PREP-1). Does nothing when the
    meeting already has an agenda. Raises NotInScope, PermissionDenied, StaleVersion.
    """
    from chibo.members.selectors import unit_leaders

    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        if meeting.agenda_items.exists():
            return meeting
        template = agenda_template_for(meeting)
        leaders = unit_leaders(unit=meeting.unit, on=meeting.date)
        presenter = leaders[0].member if leaders else None
        items = template.items.all() if template else []
        for item in items:
            AgendaItem.objects.create(
                meeting=meeting,
                order=item.order,
                section=item.section,
                title=item.title,
                planned_minutes=item.planned_minutes,
                presenter=presenter,
            )
        if meeting.kind in (MeetingKind.THEMATIC, MeetingKind.COMBINED) and meeting.brief_writer:
            meeting.agenda_items.filter(section="thematic_brief").update(
                presenter=meeting.brief_writer
            )
        bump(meeting)
        audit_record(actor=actor, action="meeting.agenda_from_template", target=meeting)
    return meeting


def agenda_save(
    *, actor, meeting_id: int, expected_version: int | None, items: list[dict]
) -> Meeting:
    """Replace the meeting's agenda by `items`, in their order.

    Each item is {"id": int | None (an existing item to keep, with its minutes), "title":
    str, "section": str, "presenter_id": int | None, "planned_minutes": int | None}; existing
    items not listed are removed. Raises NotInScope, PermissionDenied, StaleVersion,
    ValidationError (an empty title; a presenter not on the cell's roll).
    """
    if any(not (item.get("title") or "").strip() for item in items):
        raise ValidationError(_("Every agenda item needs a title."))
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        roll = {r["member_id"] for r in cell_roll(meeting.unit)}
        if any(item.get("presenter_id") not in (None, *roll) for item in items):
            raise ValidationError(_("The presenter must be a member of the cell."))
        existing = {i.pk: i for i in meeting.agenda_items.all()}
        keep = set()
        for order, data in enumerate(items, start=1):
            item = existing.get(data.get("id")) or AgendaItem(meeting=meeting)
            item.order = order
            item.title = data["title"].strip()
            item.section = data.get("section") or item.section or "other"
            item.presenter_id = data.get("presenter_id")
            item.planned_minutes = data.get("planned_minutes")
            item.save()
            keep.add(item.pk)
        for pk, item in existing.items():
            if pk not in keep:
                item.delete()
        bump(meeting)
        audit_record(actor=actor, action="meeting.agenda_save", target=meeting)
    return meeting


def preparation_save(
    *,
    actor,
    meeting_id: int,
    expected_version: int | None,
    draft_resolution: str,
    study_document: str,
    topic: str | None = None,
    brief_writer_id: int | None = None,
) -> Meeting:
    """Save the draft resolution (PREP-1), the document to study and, for a thematic
    meeting, its topic and brief writer (PREP-4). Raises NotInScope, PermissionDenied,
    StaleVersion, ValidationError."""
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        fields = {"draft_resolution": draft_resolution.strip(), "study_document": study_document}
        if meeting.is_thematic and topic is not None:
            if not topic.strip():
                raise ValidationError({"topic": _("A thematic meeting needs a topic.")})
            fields.update(topic=topic.strip(), brief_writer_id=brief_writer_id)
        bump(meeting, **fields)
        audit_record(actor=actor, action="meeting.preparation_save", target=meeting)
    return meeting


def check_document(upload) -> str:
    """Check an uploaded file's size and type; return its content type.

    Allowed types and the size limit are settings (CHIBO_DOCUMENT_TYPES,
    CHIBO_DOCUMENT_MAX_BYTES). Raises ValidationError with a Vietnamese message.
    """
    limit = settings.CHIBO_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    types = settings.CHIBO_DOCUMENT_TYPES
    if extension not in types:
        raise ValidationError(
            {
                "file": _("Files of this type are not accepted. Accepted: %(types)s.")
                % {"types": ", ".join(sorted(types))}
            }
        )
    head = upload.read(4096)
    upload.seek(0)
    if extension == "pdf" and not _content_matches(extension, head):
        raise ValidationError({"file": _("The file is not a PDF document.")})
    if not _content_matches(extension, head):
        raise ValidationError({"file": _("The file is damaged or not of the type its name says.")})
    return types[extension] or mimetypes.guess_type(upload.name)[0] or ""


#: What the `filetype` package must detect for each accepted extension (a renamed program
#: is detected as "exe" and refused). Old Office files (OLE) it does not name: for them the
#: OLE header is checked, and nothing else may be detected.
_DETECTED = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "odt": "odt",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _content_matches(extension: str, head: bytes) -> bool:
    """True if the file's first bytes fit its extension (the `filetype` package reads the
    signatures); for text, UTF-8 without NUL bytes and not an HTML page renamed .txt."""
    detected = filetype.guess_extension(head)
    if extension in _DETECTED:
        return detected == _DETECTED[extension]
    if extension in ("doc", "xls"):
        return detected is None and head.startswith(_OLE)
    if extension == "txt":
        if detected is not None or b"\x00" in head:
            return False
        if head.lstrip().lower().startswith((b"<!doctype", b"<html", b"<script")):
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            return error.start >= len(head) - 3  # a character cut at the last byte read
        return True
    return False


def document_attach(*, actor, meeting_id: int, upload, title: str = "") -> MeetingDocument:
    """Attach an uploaded file to a meeting (stored under MEDIA_ROOT).

    Raises NotInScope, PermissionDenied, ValidationError (size or type). Attaching does not
    change the record's version: it cannot clash with someone's form.
    """
    content_type = check_document(upload)
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        document = MeetingDocument(
            meeting=meeting,
            title=(title or PurePath(upload.name).stem).strip()[:255],
            size=upload.size,
            content_type=content_type,
            uploaded_by=actor,
        )
        document.file.save(PurePath(upload.name).name[-120:], upload, save=False)
        document.save()
        audit_record(
            actor=actor,
            action="meeting.document_attach",
            target=meeting,
            data={"title": document.title},
        )
    return document


def document_remove(*, actor, meeting_id: int, document_id: int) -> None:
    """Remove a document from a meeting that is still editable (the file is deleted after
    the transaction commits). Raises NotInScope, PermissionDenied."""
    from chibo.core.scoping import NotInScope

    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        document = meeting.documents.filter(pk=document_id).first()
        if document is None:
            raise NotInScope("document not in meeting")
        storage, name = document.file.storage, document.file.name
        document.delete()
        audit_record(
            actor=actor,
            action="meeting.document_remove",
            target=meeting,
            data={"title": document.title},
        )
        transaction.on_commit(lambda: storage.delete(name))


def notice_recipients(meeting: Meeting) -> tuple[list, list]:
    """(member users, superior users) to notify of `meeting` (PREP-2): the user accounts of
    members on the roll on the meeting date and of members attached to the cell, and the
    visiting officials whose grant covers the cell. Two lists of active users, no duplicates."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from chibo.members.models import TemporaryAttachment

    User = get_user_model()
    on = meeting.date
    roll = meeting_roll(meeting)
    attached = TemporaryAttachment.objects.on(on).filter(host_unit=meeting.unit).values("member_id")
    if meeting.kind == MeetingKind.COMMITTEE:
        attached = attached.none()
    members = list(
        User.objects.filter(is_active=True).filter(
            Q(member__in=Member.objects.filter(pk__in=roll))
            | Q(member__in=Member.objects.filter(pk__in=attached))
        )
    )
    seen = {u.pk for u in members}
    superiors = [u for u in officials_for(meeting.unit) if u.pk not in seen]
    return members, superiors


def meeting_notify(*, actor, meeting_id: int, message: str = "", site_url: str = "") -> dict:
    """Send the notice of a meeting (PREP-2) and publish its documents (PREP-3).

    Creates an in-app Notice for every recipient and sends an e-mail to those with an
    address; records `notified_at` and, when the meeting has documents, the time they were
    published (`documents_published_at`, kept from the first notice that carried them).
    `site_url` ("https://chibo.example.vn", no trailing slash) makes the e-mail's link
    absolute. Returns {"members": int, "superiors": int, "emails": int}. Raises NotInScope,
    PermissionDenied.
    """
    from django.urls import reverse

    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        members, superiors = notice_recipients(meeting)
        when = meeting.date.strftime("%d/%m/%Y")
        if meeting.start_time:
            when = f"{meeting.start_time:%H:%M} {when}"
        text = _("%(kind)s of %(cell)s at %(when)s, %(place)s.") % {
            "kind": meeting.get_kind_display(),
            "cell": meeting.unit.name,
            "when": when,
            "place": meeting.place or "—",
        }
        if meeting.topic:
            text += " " + _("Topic: %(topic)s.") % {"topic": meeting.topic}
        if message.strip():
            text += " " + message.strip()
        recipients = members + superiors
        Notice.objects.bulk_create(
            Notice(user=u, meeting=meeting, message=text[:500]) for u in recipients
        )
        now = timezone.now()
        fields = {"notified_at": now}
        if meeting.documents.exists() and meeting.documents_published_at is None:
            fields["documents_published_at"] = now
        bump(meeting, **fields)
        link = site_url + reverse("meetings:detail", args=[meeting.pk])
        subject = _("Meeting notice: %(cell)s, %(date)s") % {
            "cell": meeting.unit.name,
            "date": when,
        }
        agenda = "\n".join(
            f"{i.order}. {i.title}" for i in meeting.agenda_items.order_by("order", "id")
        )
        body = f"{text}\n\n{agenda}\n\n{link}" if agenda else f"{text}\n\n{link}"
        mails = [(subject, body, None, [u.email]) for u in recipients if u.email]
        audit_record(
            actor=actor,
            action="meeting.notify",
            target=meeting,
            data={"members": len(members), "superiors": len(superiors), "emails": len(mails)},
        )
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return {"members": len(members), "superiors": len(superiors), "emails": len(mails)}


def documents_in_time(meeting: Meeting, rule_set) -> bool | None:
    """PREP-3: were the documents published at least `documents_lead_days` before the
    meeting? None when the rule set has no such rule (HD12-2018) or nothing was published."""
    lead = rule_set["documents_lead_days"]
    if lead is None or meeting.documents_published_at is None:
        return None
    published = timezone.localtime(meeting.documents_published_at).date()
    return published <= meeting.date - datetime.timedelta(days=lead)
