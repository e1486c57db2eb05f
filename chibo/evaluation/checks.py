"""Automatic checks of one meeting, each with the rule it applies, pass/fail and the reason.

The checklist of the meeting page and the computed criteria of the score sheet come from
here. Rules (RULES.md, judged by the rule set in force on the meeting's date): ATT-2 (rate
above the threshold, no unexcused absence, no run of absences over the limit in the year),
DUR-1/2/3, MIN-2, PREP-1..4, and the Đề án 16 items: assignments made, last month's tasks
reviewed, self-criticism recorded (not for a separate thematic meeting, whose order in RULES
has none), document study recorded (Kết luận 256-KL/TU).
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.evaluation.models import CriterionSource, DurationDecision
from chibo.meetings.documents import layout
from chibo.meetings.figures import attendance_figures
from chibo.meetings.models import (
    HELD_STATUSES,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    Assignment,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    SpeechKind,
)
from chibo.meetings.selectors import MeetingRecord, meeting_record
from chibo.meetings.services.lifecycle import minutes_missing

#: How far back a committee meeting prepares a cell meeting (PREP-1, FREQ-2): the month.
COMMITTEE_LOOKBACK = datetime.timedelta(days=31)
ABSENT = frozenset({AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED})


@dataclass
class Check:
    """One line of the checklist.

    rule: the rule id ("ATT-2", "DUR-1", …, "" for Đề án 16 items); code: a stable name
    ("attendance_rate", "no_unexcused", "absence_run", "duration", "minutes", "prep1" …
    "prep4", "assignments_made", "previous_reviewed", "self_criticism", "document_study");
    label and reason: translated text; passed: True, False, or None when the check does not
    apply to this meeting; source: the `CriterionSource` value it feeds.
    """

    rule: str
    code: str
    label: str
    passed: bool | None
    reason: str
    source: str


@dataclass
class MeetingChecks:
    """The checklist of a meeting: `checks` in display order, the `rule_set` that judged
    them (the one in force on the meeting's date for its cell) and the `record` used."""

    meeting: Meeting
    rule_set: object
    record: MeetingRecord
    checks: list[Check] = field(default_factory=list)

    def by_source(self) -> dict[str, bool]:
        """{CriterionSource value: True if every check feeding it passed or does not apply}."""
        result: dict[str, bool] = {}
        for check in self.checks:
            result[check.source] = result.get(check.source, True) and check.passed is not False
        return result

    @property
    def failed(self) -> list[Check]:
        """The checks that failed."""
        return [c for c in self.checks if c.passed is False]


def percent_text(value: Fraction) -> str:
    """A percentage (0..100) with one decimal, rounded half up, and a Vietnamese comma
    ("85,0"): the figure the minutes print (`meetings.documents.layout.percent`)."""
    return layout.percent(value / 100).removesuffix("%")


def duration_minutes(meeting: Meeting) -> int | None:
    """Minutes between the recorded start and end (across midnight if the end is earlier),
    None when either is missing."""
    if not meeting.started_at or not meeting.ended_at:
        return None
    start = datetime.datetime.combine(meeting.date, meeting.started_at)
    end = datetime.datetime.combine(meeting.date, meeting.ended_at)
    if end < start:
        end += datetime.timedelta(days=1)
    return int((end - start).total_seconds() // 60)


def absence_runs(meeting: Meeting) -> dict[int, int]:
    """{member id: consecutive absences up to and including `meeting`} for the members absent
    (with or without reason) at `meeting`, counted over the cell's held meetings (not committee
    meetings) of the same calendar year in date order (rule ATT-2). A present status ends a
    run; exempted, attached-elsewhere and special-duty statuses neither count nor end one.
    One query."""
    rows = list(
        Attendance.objects.filter(
            meeting__unit_id=meeting.unit_id,
            meeting__date__year=meeting.date.year,
            meeting__date__lte=meeting.date,
            meeting__status__in=HELD_STATUSES,
        )
        .exclude(meeting__kind=MeetingKind.COMMITTEE)
        .order_by("meeting__date", "meeting_id")
        .values_list("member_id", "meeting_id", "meeting__date", "status")
    )
    runs: dict[int, int] = {}
    for member_id, meeting_id, day, status in rows:
        if day == meeting.date and meeting_id > meeting.pk:
            continue  # a later sitting the same day
        if status == AttendanceStatus.PRESENT:
            runs[member_id] = 0
        elif status in ABSENT:
            runs[member_id] = runs.get(member_id, 0) + 1
    absent_now = {
        member_id
        for member_id, meeting_id, _day, status in rows
        if meeting_id == meeting.pk and status in ABSENT
    }
    return {member_id: runs[member_id] for member_id in absent_now}


def duration_limit(meeting: Meeting, rule_set) -> tuple[int | None, str, str]:
    """(shortest allowed minutes, rule id, decision text) for the meeting: DUR-2 for a
    combined sitting, DUR-1 for a regular one, DUR-3 instead when the cell has a decision in
    force on the date that allows a shorter meeting (a decision only ever lowers the limit:
    DUR-3 "may set a shorter duration"); (None, "", "") for a separate thematic or committee
    meeting. One query (none for those two kinds)."""
    if meeting.kind not in REGULAR_KINDS:
        return None, "", ""
    if meeting.kind == MeetingKind.COMBINED:
        limit, rule = rule_set["combined_min_minutes"], "DUR-2"
    else:
        limit, rule = rule_set["regular_min_minutes"], "DUR-1"
    decision = (
        DurationDecision.objects.filter(unit_id=meeting.unit_id, valid_from__lte=meeting.date)
        .exclude(valid_to__lt=meeting.date)
        .order_by("-valid_from", "-pk")
        .first()
    )
    if decision is not None and decision.min_minutes < limit:
        return decision.min_minutes, "DUR-3", decision.decision
    return limit, rule, ""


def _names(rows) -> str:
    return ", ".join(r.member.full_name for r in rows)


def attendance_checks(*, attendance, runs: dict[int, int], rule_set) -> list[Check]:
    """The three ATT-2 lines of a meeting, without queries (rule ATT-2, Hướng dẫn
    12-HD/BTCTW): the rate (ATT-1 figures of `attendance`) above `attendance_good_percent`,
    nobody absent without reason, nobody's run of absences (`runs`, from `absence_runs`)
    over `consecutive_absence_limit`.

    `attendance`: roll-call rows with `status`, `attached_here`, `member_id` and
    `member.full_name`; `runs`: {member id: consecutive absences}. Returns [Check × 3]; the
    rate check fails when nobody is expected (no roll call).
    """
    attendance = list(attendance)
    figures = attendance_figures(attendance)
    threshold = Fraction(str(rule_set["attendance_good_percent"]))
    source = CriterionSource.ATTENDANCE
    checks = []
    if figures.rate is None:
        checks.append(
            Check(
                "ATT-2",
                "attendance_rate",
                _("Attendance above the threshold"),
                False,
                _("No roll call recorded."),
                source,
            )
        )
    else:
        percent = figures.rate * 100
        checks.append(
            Check(
                "ATT-2",
                "attendance_rate",
                _("Attendance above the threshold"),
                percent > threshold,
                _(
                    "%(present)d of %(expected)d present (%(percent)s%%); needs more than "
                    "%(limit)s%%."
                )
                % {
                    "present": figures.present,
                    "expected": figures.expected,
                    "percent": percent_text(percent),
                    "limit": percent_text(threshold),
                },
                source,
            )
        )
    unexcused = [a for a in attendance if a.status == AttendanceStatus.UNEXCUSED]
    checks.append(
        Check(
            "ATT-2",
            "no_unexcused",
            _("No absence without reason"),
            not unexcused,
            _("Absent without reason: %(names)s.") % {"names": _names(unexcused)}
            if unexcused
            else _("Nobody was absent without reason."),
            source,
        )
    )
    limit = rule_set["consecutive_absence_limit"]
    over = [a for a in attendance if runs.get(a.member_id, 0) > limit]
    checks.append(
        Check(
            "ATT-2",
            "absence_run",
            _("Nobody absent more than %(limit)d times in a row this year") % {"limit": limit},
            not over,
            "; ".join(
                _("%(name)s: %(count)d absences in a row")
                % {"name": a.member.full_name, "count": runs[a.member_id]}
                for a in over
            )
            if over
            else _("No long run of absences."),
            source,
        )
    )
    return checks


def _duration_check(meeting: Meeting, rule_set) -> Check:
    limit, rule, decision = duration_limit(meeting, rule_set)
    label = _("Long enough")
    source = CriterionSource.DURATION
    if limit is None:
        return Check(
            "DUR-1",
            "duration",
            label,
            None,
            _("No minimum duration for this kind of meeting."),
            source,
        )
    minutes = duration_minutes(meeting)
    if minutes is None:
        return Check(rule, "duration", label, False, _("Start and end time not recorded."), source)
    reason = _("%(minutes)d minutes; at least %(limit)d required.") % {
        "minutes": minutes,
        "limit": limit,
    }
    if decision:
        reason += " " + _("(shorter duration by %(decision)s)") % {"decision": decision}
    return Check(rule, "duration", label, minutes >= limit, reason, source)


def _preparation_checks(meeting: Meeting, record: MeetingRecord, rule_set) -> list[Check]:
    checks = []
    if meeting.kind in REGULAR_KINDS:
        committee = Meeting.objects.filter(
            unit_id=meeting.unit_id,
            kind=MeetingKind.COMMITTEE,
            status__in=HELD_STATUSES,
            date__lte=meeting.date,
            date__gte=meeting.date - COMMITTEE_LOOKBACK,
        ).exists()
        lacking = []
        if not record.agenda:
            lacking.append(_("the agenda"))
        if not meeting.draft_resolution.strip():
            lacking.append(_("the draft resolution"))
        if not committee:
            lacking.append(_("a committee meeting before it"))
        checks.append(
            Check(
                "PREP-1",
                "prep1",
                _("Content and draft resolution prepared"),
                not lacking,
                _("Missing: %(items)s.") % {"items": ", ".join(lacking)}
                if lacking
                else _("Agenda, draft resolution and committee meeting recorded."),
                CriterionSource.CONTENT_PREPARED,
            )
        )
    start = timezone.make_aware(
        datetime.datetime.combine(meeting.date, meeting.start_time or datetime.time(0, 0))
    )
    notified = meeting.notified_at is not None and meeting.notified_at < start
    checks.append(
        Check(
            "PREP-2",
            "prep2",
            _("Members and superior notified"),
            notified,
            _("Notice sent on %(date)s.")
            % {"date": timezone.localtime(meeting.notified_at).strftime("%d/%m/%Y %H:%M")}
            if notified
            else _("No notice sent before the meeting."),
            CriterionSource.NOTIFIED,
        )
    )
    lead = rule_set["documents_lead_days"]
    if lead is None:
        checks.append(
            Check(
                "PREP-3",
                "prep3",
                _("Documents published in time"),
                None,
                _("Not required by %(code)s.") % {"code": rule_set.code},
                CriterionSource.DOCUMENTS_IN_TIME,
            )
        )
    else:
        published = meeting.documents_published_at
        in_time = published is not None and (
            timezone.localtime(published).date() <= meeting.date - datetime.timedelta(days=lead)
        )
        reason = (
            _("Published on %(date)s; due %(days)d day(s) before.")
            % {"date": timezone.localtime(published).strftime("%d/%m/%Y"), "days": lead}
            if published
            else _("No documents published to members.")
        )
        checks.append(
            Check(
                "PREP-3",
                "prep3",
                _("Documents published in time"),
                in_time,
                reason,
                CriterionSource.DOCUMENTS_IN_TIME,
            )
        )
    if meeting.kind in THEMATIC_KINDS:
        ok = bool(meeting.topic.strip()) and meeting.brief_writer_id is not None
        checks.append(
            Check(
                "PREP-4",
                "prep4",
                _("Thematic brief assigned"),
                ok,
                _("Topic and brief writer recorded.")
                if ok
                else _("The topic or the brief writer is missing."),
                CriterionSource.BRIEF,
            )
        )
    return checks


def review_due(meeting: Meeting) -> list[int | None]:
    """The `reviewed_in_id` of every assignment the meeting had to review (RULES "Order of a
    regular meeting" item 5): those made at the cell's earlier meetings and not reviewed by a
    meeting before this one — reviewed here (this meeting's id), never reviewed (None), or
    reviewed only later (another id). Unlike the record's `review` list, which shows only
    what submitted or adopted minutes reviewed (MIN-3), this keeps the ones such minutes
    skipped, so the check cannot pass by omission. One query."""
    not_before = (
        Q(reviewed_in__isnull=True)
        | Q(reviewed_in=meeting)
        | Q(reviewed_in__date__gt=meeting.date)
        | Q(reviewed_in__date=meeting.date, reviewed_in_id__gt=meeting.pk)
    )
    return list(
        Assignment.objects.filter(unit_id=meeting.unit_id, meeting__date__lt=meeting.date)
        .exclude(meeting_id=meeting.pk)
        .filter(not_before)
        .values_list("reviewed_in_id", flat=True)
    )


def _review_reason(due: list, done: int) -> str:
    """ "n of m reviewed", and why the others are not: reviewed only at a later meeting (a
    meeting recorded late, whose review list is then empty), or not reviewed yet."""
    text = _("%(done)d of %(due)d earlier task(s) reviewed.") % {"done": done, "due": len(due)}
    never = sum(1 for reviewed_in in due if reviewed_in is None)
    later = len(due) - done - never
    if later:
        text += " " + _("%(n)d reviewed only at a later meeting.") % {"n": later}
    if never:
        text += " " + _("%(n)d not reviewed yet.") % {"n": never}
    return text


def _followup_checks(meeting: Meeting, record: MeetingRecord) -> list[Check]:
    checks = []
    count = len(record.assignments)
    checks.append(
        Check(
            "",
            "assignments_made",
            _("Tasks assigned to members"),
            count > 0,
            _("%(count)d assignment(s) made.") % {"count": count}
            if count
            else _("No assignment made."),
            CriterionSource.ASSIGNMENTS_MADE,
        )
    )
    if meeting.kind in REGULAR_KINDS:
        due = review_due(meeting)
        done = [reviewed_in for reviewed_in in due if reviewed_in == meeting.pk]
        checks.append(
            Check(
                "",
                "previous_reviewed",
                _("Last month's tasks reviewed"),
                None if not due else len(done) == len(due),
                _review_reason(due, len(done)) if due else _("No earlier task to review."),
                CriterionSource.PREVIOUS_REVIEWED,
            )
        )
    criticism = [
        s for s in record.speeches if s.kind in (SpeechKind.SELF_CRITICISM, SpeechKind.CRITICISM)
    ]
    label, source = _("Self-criticism and criticism recorded"), CriterionSource.SELF_CRITICISM
    if meeting.kind == MeetingKind.THEMATIC:  # RULES "A thematic meeting": none in its order
        reason = _("A thematic meeting has no self-criticism in its order.")
        checks.append(Check("", "self_criticism", label, None, reason, source))
    else:
        reason = _("%(count)d contribution(s) recorded.") % {"count": len(criticism)}
        reason = reason if criticism else _("None recorded.")
        checks.append(Check("", "self_criticism", label, bool(criticism), reason, source))
    if meeting.kind in REGULAR_KINDS:
        study = meeting.study_document.strip()
        checks.append(
            Check(
                "",
                "document_study",
                _("Document study recorded"),
                bool(study),
                study[:120] if study else _("No document studied."),
                CriterionSource.DOCUMENT_STUDY,
            )
        )
    return checks


def meeting_checks(*, meeting: Meeting, record: MeetingRecord | None = None) -> MeetingChecks:
    """Run every automatic check on `meeting` (fetched through a scoped selector) under the
    rule set in force on its date for its cell.

    Pass `record` when the caller already loaded it (meetings.selectors.meeting_record).
    Committee meetings get no checks (an empty list). A fixed number of queries, whatever
    the number of members and earlier meetings: the record's, plus one for the absence
    runs and, for a regular or combined meeting, one for a DUR-3 decision, one for the
    committee meeting of PREP-1 and one for the assignments due for review. Returns
    MeetingChecks.
    """
    record = record or meeting_record(meeting=meeting)
    rule_set = record.rule_set
    result = MeetingChecks(meeting=meeting, rule_set=rule_set, record=record)
    if meeting.kind == MeetingKind.COMMITTEE:
        return result
    result.checks += attendance_checks(
        attendance=record.attendance, runs=absence_runs(meeting), rule_set=rule_set
    )
    result.checks.append(_duration_check(meeting, rule_set))
    missing = minutes_missing(record)
    result.checks.append(
        Check(
            "MIN-2",
            "minutes",
            _("Minutes complete"),
            not missing,
            _("Missing: %(items)s.") % {"items": "; ".join(missing)}
            if missing
            else _("Everything MIN-2 asks for is recorded."),
            CriterionSource.MINUTES,
        )
    )
    result.checks += _preparation_checks(meeting, record, rule_set)
    result.checks += _followup_checks(meeting, record)
    return result


def computed_points(criteria, checks: MeetingChecks) -> dict[str, int]:
    """{code: points} for the computed criteria among `criteria`: the maximum when every
    check feeding the criterion passed or does not apply, else the floor (rule QUAL-5)."""
    verdicts = checks.by_source()
    return {
        c.code: c.max_points if verdicts.get(c.source, True) else c.min_points
        for c in criteria
        if c.source != CriterionSource.MANUAL
    }
