"""Holding the meeting: roll call, minutes by agenda item, guests, speeches, vote.

Rules ATT-0/ATT-1 (statuses and who is expected), VOTE-1/VOTE-2 (validity of the vote),
MIN-1 (the minutes record the whole meeting). Recording anything moves a planned meeting to
"draft" (it was held); nothing is recorded before the meeting's date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from chibo.core.rules import rules_in_force
from chibo.core.services import audit_record
from chibo.core.text import person_name
from chibo.meetings.figures import TooManyVotes, vote_result
from chibo.meetings.models import (
    Attendance,
    AttendanceStatus,
    Guest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Speech,
    SpeechKind,
)
from chibo.meetings.selectors import (
    meeting_get_for_update,
    meeting_members,
    meeting_roll,
    officials_for,
)
from chibo.meetings.services.common import bump, check_editable, check_version
from chibo.members.models import (
    Exemption,
    Member,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
)
from chibo.members.selectors import today

#: The status an absent member of each kind is pre-marked with (rule ATT-0).
_EXPECTED = {
    "exempted": AttendanceStatus.EXEMPTED,
    "attached_elsewhere": AttendanceStatus.ATTACHED_ELSEWHERE,
    "special_duty": AttendanceStatus.SPECIAL_DUTY,
}


def roll_call_rows(meeting: Meeting) -> list[Attendance]:
    """The roll call of `meeting`: its saved rows or, before the first save, unsaved rows
    pre-filled from the roll on the meeting date (rule ATT-0).

    Every member on the cell's roll that day gets a row, and every member temporarily
    attached to the cell (`attached_here`). Flags come from dated records; members with an
    exemption (MEM-2, MEM-4), an attachment elsewhere (MEM-3) or on special duty are
    pre-marked with that status, everyone else present ("all present, then exceptions").
    Rows carry `member`, in Vietnamese name order, members attached here last. Two queries.
    """
    saved = list(
        meeting.attendance.select_related("member").order_by(
            "attached_here", "member__sort_key", "member_id"
        )
    )
    if saved:
        return saved
    on = meeting.date

    def in_force(model):
        """EXISTS: a record of `model` in force on the meeting date for the member."""
        return Exists(model.objects.on(on).filter(member=OuterRef("pk")))

    roll = meeting_roll(meeting)
    attached = TemporaryAttachment.objects.on(on).filter(host_unit=meeting.unit).values("member_id")
    if meeting.kind == MeetingKind.COMMITTEE:
        attached = attached.none()  # the committee meeting summons its members only
    members = (
        Member.objects.filter(Q(pk__in=roll) | Q(pk__in=attached))
        .annotate(
            on_roll=Exists(roll.filter(member_id=OuterRef("pk"))),
            is_exempted=in_force(Exemption) | in_force(TemporaryExemption),
            is_attached=in_force(TemporaryAttachment),
            is_special_duty=in_force(SpecialDuty),
        )
        .order_by("sort_key", "pk")
    )
    rows = []
    for m in members:
        row = Attendance(
            meeting=meeting,
            member=m,
            full=bool(m.full_member_on and m.full_member_on <= on),
            exempted=m.is_exempted,
            attached_elsewhere=m.is_attached and m.on_roll,
            special_duty=m.is_special_duty,
            attached_here=not m.on_roll,
        )
        row.status = AttendanceStatus.PRESENT
        for flag, status in _EXPECTED.items():
            if getattr(row, flag):
                row.status = status
                break
        rows.append(row)
    return sorted(rows, key=lambda r: r.attached_here)


def start_if_planned(meeting: Meeting) -> dict:
    """Fields that move a planned meeting to "draft" (it is being held); ValidationError
    when its date is still ahead (move it first)."""
    if meeting.date > today():
        raise ValidationError(
            _(
                "This meeting is dated %(date)s: it can be recorded from that day on. "
                "Move it if it is held earlier."
            )
            % {"date": meeting.date.strftime("%d/%m/%Y")}
        )
    return {"status": MeetingStatus.DRAFT} if meeting.status == MeetingStatus.PLANNED else {}


def roll_call_record(
    *, actor, meeting_id: int, expected_version: int | None, entries: dict[int, dict]
) -> Meeting:
    """Record the roll call: `entries` maps member id → {"status": AttendanceStatus value,
    "reason": str}; members not listed keep their pre-filled or saved status.

    Rules: an excused absence needs a reason (ATT-0); the statuses exempted / attached
    elsewhere / special duty fit only members with that dated record. Raises NotInScope,
    PermissionDenied, StaleVersion, ValidationError (a dict member id → message, each row
    that is wrong).
    """
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        fields = start_if_planned(meeting)
        rows = roll_call_rows(meeting)
        errors = {}
        by_member = {r.member_id: r for r in rows}
        unknown = set(map(int, entries)) - set(by_member)
        if unknown:
            raise ValidationError(_("Some members are not on this meeting's roll."))
        for row in rows:
            entry = entries.get(row.member_id)
            if entry is None:
                continue
            status, reason = entry.get("status"), (entry.get("reason") or "").strip()
            if status not in AttendanceStatus.values:
                errors[str(row.member_id)] = _("Choose a status.")
                continue
            flag = {v: k for k, v in _EXPECTED.items()}.get(status)
            if flag and not getattr(row, flag):
                errors[str(row.member_id)] = _("This status needs a record in the member's file.")
            expected_status = next((v for k, v in _EXPECTED.items() if getattr(row, k)), None)
            if expected_status and status not in (expected_status, AttendanceStatus.PRESENT):
                # An exempted, attached or special-duty member is either present or keeps
                # that status: never counted absent (ATT-1, MEM-2).
                errors[str(row.member_id)] = _(
                    "This member is %(status)s: mark them present or keep that status."
                ) % {"status": AttendanceStatus(expected_status).label.lower()}
            if status == AttendanceStatus.EXCUSED and not reason:
                errors[str(row.member_id)] = _("Give the reason for the absence.")
            row.status, row.reason = status, reason if status != AttendanceStatus.PRESENT else ""
        if errors:
            raise ValidationError(errors)
        for row in rows:
            row.save()
        bump(meeting, **fields)
        audit_record(actor=actor, action="meeting.roll_call", target=meeting)
    return meeting


def minutes_save(
    *,
    actor,
    meeting_id: int,
    expected_version: int | None,
    started_at: datetime.time | None,
    ended_at: datetime.time | None,
    place: str,
    chair_id: int | None,
    minute_taker_id: int | None,
    study_document: str,
    item_notes: dict[int, str],
) -> Meeting:
    """Save the minutes' general part and the minutes of each agenda item.

    `item_notes` maps agenda item id → text. Raises NotInScope, PermissionDenied,
    StaleVersion, ValidationError ({"ended_at": …} when the end is not after the start;
    {"chair"/"minute_taker": …} for someone not at the meeting).
    """
    errors = {}
    if started_at and ended_at and ended_at <= started_at:
        errors["ended_at"] = _("The end must be after the start.")
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        fields = start_if_planned(meeting)
        allowed = {m.pk for m in meeting_members(meeting=meeting)}
        for name, value in (("chair", chair_id), ("minute_taker", minute_taker_id)):
            if value and value not in allowed:
                errors[name] = _("Choose a member of the cell.")
        if errors:
            raise ValidationError(errors)
        for item in meeting.agenda_items.all():
            if item.pk in item_notes and item.notes != item_notes[item.pk].strip():
                item.notes = item_notes[item.pk].strip()
                item.save()
        bump(
            meeting,
            started_at=started_at,
            ended_at=ended_at,
            place=place,
            chair_id=chair_id,
            minute_taker_id=minute_taker_id,
            study_document=study_document.strip(),
            **fields,
        )
        audit_record(actor=actor, action="meeting.minutes_save", target=meeting)
    return meeting


def guests_save(
    *, actor, meeting_id: int, expected_version: int | None, guests: list[dict]
) -> Meeting:
    """Replace the meeting's guests and visiting officials by `guests`: each {"name",
    "position", "organisation", "is_official": bool, "user_id": int | None, "comments"}.

    `user_id` links a visiting official who uses chibo (one of `officials_for(cell)`); the
    guest is then marked official, named after the user when no name is given, and linked
    to the user's member record when there is one. Raises NotInScope, PermissionDenied,
    StaleVersion, ValidationError (a guest without a name; a user who does not follow the
    cell)."""
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        fields = start_if_planned(meeting)
        officials = {u.pk: u for u in officials_for(meeting.unit)}
        for g in guests:
            if g.get("user_id"):
                official = officials.get(g["user_id"])
                if official is None:
                    raise ValidationError(_("Choose a committee member who follows this cell."))
                g["name"] = (g.get("name") or "").strip() or person_name(official)
                g["is_official"] = True
                g["member_id"] = getattr(getattr(official, "member", None), "pk", None)
            if not (g.get("name") or "").strip():
                raise ValidationError(_("Every guest needs a name."))
        meeting.guests.all().delete()
        for g in guests:
            Guest.objects.create(
                meeting=meeting,
                name=g["name"].strip(),
                position=(g.get("position") or "").strip(),
                organisation=(g.get("organisation") or "").strip(),
                is_official=bool(g.get("is_official")),
                member_id=g.get("member_id"),
                user_id=g.get("user_id"),
                comments=(g.get("comments") or "").strip(),
            )
        bump(meeting, **fields)
        audit_record(actor=actor, action="meeting.guests_save", target=meeting)
    return meeting


def speeches_save(
    *, actor, meeting_id: int, expected_version: int | None, speeches: list[dict]
) -> Meeting:
    """Replace the meeting's recorded contributions by `speeches`: each {"kind":
    SpeechKind value, "member_id": int | None, "speaker_name": str, "about": str,
    "content": str}. A speaker is a member at the meeting or a named person. Raises
    NotInScope, PermissionDenied, StaleVersion, ValidationError."""
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        fields = start_if_planned(meeting)
        allowed = {m.pk for m in meeting_members(meeting=meeting)}
        for s in speeches:
            if not (s.get("content") or "").strip():
                raise ValidationError(_("Write what was said."))
            if not s.get("member_id") and not (s.get("speaker_name") or "").strip():
                raise ValidationError(_("Choose who spoke."))
            if s.get("member_id") and s["member_id"] not in allowed:
                raise ValidationError(_("Choose a member of the cell."))
            if s.get("kind") not in SpeechKind.values:
                raise ValidationError(_("Choose the kind of contribution."))
        meeting.speeches.all().delete()
        for s in speeches:
            Speech.objects.create(
                meeting=meeting,
                kind=s["kind"],
                member_id=s.get("member_id"),
                speaker_name=(s.get("speaker_name") or "").strip(),
                about=(s.get("about") or "").strip(),
                content=s["content"].strip(),
            )
        bump(meeting, **fields)
        audit_record(actor=actor, action="meeting.speeches_save", target=meeting)
    return meeting


def vote_record(
    *,
    actor,
    meeting_id: int,
    expected_version: int | None,
    resolution: str,
    votes_for: int,
    votes_against: int,
    votes_abstain: int,
) -> Meeting:
    """Record the resolution and its vote (rules VOTE-1, VOTE-2).

    Needs the roll call first. Raises NotInScope, PermissionDenied, StaleVersion,
    ValidationError ({"votes_for": …} when more votes than voters present; {"resolution":
    …} when empty).
    """
    if not resolution.strip():
        raise ValidationError({"resolution": _("Write the resolution or conclusion.")})
    with transaction.atomic():
        meeting = meeting_get_for_update(actor=actor, meeting_id=meeting_id)
        check_editable(actor, meeting)
        check_version(meeting, expected_version)
        fields = start_if_planned(meeting)
        rows = list(meeting.attendance.all())
        if not rows:
            raise ValidationError(_("Record the roll call before the vote."))
        try:
            vote_result(
                rows,
                rules_in_force(meeting.date, meeting.unit),
                votes_for=votes_for,
                votes_against=votes_against,
                votes_abstain=votes_abstain,
            )
        except TooManyVotes as error:
            raise ValidationError(
                {
                    "votes_for": _(
                        "%(cast)s votes recorded, but only %(present)s members present may vote."
                    )
                    % {"cast": error.cast, "present": error.voters_present}
                }
            ) from None
        bump(
            meeting,
            resolution=resolution.strip(),
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            **fields,
        )
        audit_record(
            actor=actor,
            action="meeting.vote_record",
            target=meeting,
            data={"for": votes_for, "against": votes_against, "abstain": votes_abstain},
        )
    return meeting
