"""evaluation.checks: the automatic checklist of a meeting, row by row from RULES.md.

Meetings are written straight to the database with fixed past dates (10/3/2026, under
HD42-2025), so the rows do not depend on the day the tests run: the services stamp a notice
or a publication "now" and refuse other states, so a few fields (`notified_at`,
`documents_published_at`, statuses) are set directly; tests/evaluation/test_rule_sets.py
records meetings through the services, as a secretary would. Expected verdicts are worked
out by hand from the rule named in each row's id (national values: > 85 %, 3 absences in a
row, 90 / 120 minutes, documents 1 day before).
"""

import datetime

import pytest
from django.utils import timezone, translation

from chibo.evaluation.checks import absence_runs, computed_points, meeting_checks
from chibo.evaluation.models import Criterion
from chibo.evaluation.scoring import sheet_for
from chibo.meetings.models import (
    AgendaItem,
    Assignment,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Speech,
)
from chibo.meetings.selectors import cell_roll, meeting_record
from chibo.members.models import Member
from tests.factories import make_cell_with_members

D, T = datetime.date, datetime.time
S, K = AttendanceStatus, MeetingKind
DAY = D(2026, 3, 10)  # a Tuesday; HD42-2025 in force

#: Attendance groups: name → (status, extra fields of the row); flags agree with the status.
GROUPS = {
    "present": (S.PRESENT, {}),
    "excused": (S.EXCUSED, {"reason": "Ốm"}),
    "unexcused": (S.UNEXCUSED, {}),
    "exempted": (S.EXEMPTED, {"exempted": True}),
    "exempted_present": (S.PRESENT, {"exempted": True}),
    "attached_elsewhere": (S.ATTACHED_ELSEWHERE, {"attached_elsewhere": True}),
    "special_duty": (S.SPECIAL_DUTY, {"special_duty": True}),
}


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime at `hour:minute` of `day` in the site's zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day, T(hour, minute)))


def table(*rows) -> list:
    """pytest params from rows whose first element is the row's id."""
    return [pytest.param(*row[1:], id=row[0]) for row in rows]


def roll(text: str) -> dict:
    """{GROUPS name: count} from "17 present, 3 excused" (in that order)."""
    pairs = (part.split() for part in text.split(","))
    return {name: int(count) for count, name in pairs}


def members_of(cell) -> list[Member]:
    """The members on the roll of `cell` (and its party groups), by id."""
    return list(Member.objects.filter(pk__in=cell_roll(cell)).order_by("pk"))


def complete_meeting(cell, day=DAY, kind=K.REGULAR, groups=None) -> Meeting:
    """A meeting of `cell` on `day` recorded in full, so that every check passes: agenda
    with minutes, roll call, chair and minute-taker, 19:30–21:30 (120 min), an opinion and a
    self-criticism, resolution and vote, one assignment, the draft resolution, the document
    studied, the notice and the documents sent three days before, and a held committee
    meeting three days before (PREP-1). `groups` ({GROUPS name: count}, in order) gives the
    roll call; default: everyone present."""
    people = members_of(cell)
    groups = groups or {"present": len(people)}
    thematic = kind in (K.THEMATIC, K.COMBINED)
    before = day - datetime.timedelta(days=3)
    held = {"unit": cell, "status": MeetingStatus.DRAFT}
    Meeting.objects.create(kind=K.COMMITTEE, date=before, **held)
    meeting = Meeting.objects.create(
        **held,
        kind=kind,
        date=day,
        planned_date=day,
        start_time=T(19, 30),
        place="Nhà văn hóa thôn",
        topic="Học tập và làm theo tư tưởng Hồ Chí Minh" if thematic else "",
        brief_writer=people[0] if thematic else None,
        started_at=T(19, 30),
        ended_at=T(21, 30),
        chair=people[0],
        minute_taker=people[1],
        study_document="Chỉ thị 05-CT/TW",
        draft_resolution="Dự thảo nghị quyết tháng 3",
        resolution="Chi bộ thống nhất các nhiệm vụ tháng 4.",
        votes_for=groups.get("present", 0),
        votes_against=0,
        votes_abstain=0,
        notified_at=at(before, 8),
        documents_published_at=at(before, 8),
    )
    queue = iter(people)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=next(queue), status=GROUPS[name][0], **GROUPS[name][1])
        for name, count in groups.items()
        for _ in range(count)
    )
    for order in (1, 2):
        AgendaItem.objects.create(meeting=meeting, order=order, title=f"Mục {order}", notes="Ghi")
    for kind_, who in (("opinion", people[0]), ("self_criticism", people[1])):
        Speech.objects.create(meeting=meeting, kind=kind_, member=who, content="Ý kiến.")
    deadline = day + datetime.timedelta(days=20)
    task = Assignment.objects.create(
        unit=cell, meeting=meeting, title="Làm đường", deadline=deadline
    )
    task.assignees.set([people[0]])
    return meeting


def run(meeting):
    """meeting_checks on the meeting re-read as the meeting page reads it."""
    fresh = Meeting.objects.select_related("unit", "chair", "minute_taker", "brief_writer")
    return meeting_checks(meeting=fresh.get(pk=meeting.pk))


def by_code(result) -> dict:
    """{check code: Check}."""
    return {c.code: c for c in result.checks}


# --- ATT-2: the rate, unexcused absences ------------------------------------------------------

RATE_TABLE = table(
    # (id, roll call, rate passes, nobody absent without reason) — rule ATT-2, ATT-1
    ("ATT-2 17/20 = 85% fails", "17 present, 3 excused", False, True),
    ("ATT-2 18/20 = 90% passes", "18 present, 2 excused", True, True),
    ("ATT-2 6/7 = 85.7% passes", "6 present, 1 excused", True, True),
    # 3 exempted absentees leave the denominator: 6/7, not 6/10 = 60 %
    ("ATT-2 exempted excluded", "6 present, 1 excused, 3 exempted", True, True),
    # 6 / (11 − 2 attached elsewhere − 2 special duty) = 6/7
    (
        "ATT-2 attached, special duty excluded",
        "6 present, 1 excused, 2 attached_elsewhere, 2 special_duty",
        True,
        True,
    ),
    ("ATT-2 85% with exempted still fails", "17 present, 3 excused, 5 exempted", False, True),
    # an exempted member who attends is present and expected: (5 + 1)/7
    ("ATT-2 exempted present counted", "5 present, 1 exempted_present, 1 excused", True, True),
    # 18/20 = 90 % passes the rate, but any unexcused absence fails
    ("ATT-2 unexcused absence fails", "18 present, 2 unexcused", True, False),
    ("ATT-2 everyone present", "20 present", True, True),
)


@pytest.mark.parametrize(("groups", "rate_passes", "none_unexcused"), RATE_TABLE)
def test_attendance_rate_and_unexcused(tree, groups, rate_passes, none_unexcused):
    groups = roll(groups)
    cell = make_cell_with_members(tree.commune_a, "Chi bộ thôn Khuôn Hà", sum(groups.values()))
    checks = by_code(run(complete_meeting(cell, groups=groups)))
    assert (checks["attendance_rate"].rule, checks["no_unexcused"].rule) == ("ATT-2", "ATT-2")
    assert checks["attendance_rate"].passed is rate_passes
    assert checks["no_unexcused"].passed is none_unexcused


def test_attendance_reasons_in_vietnamese(tree):
    cell = make_cell_with_members(tree.commune_a, "Chi bộ thôn Khuôn Hà", 20)
    meeting = complete_meeting(cell, groups=roll("17 present, 2 excused, 1 unexcused"))
    with translation.override("vi"):
        checks = by_code(run(meeting))
    # rule ATT-2: 17/20 = 85,0 %; threshold 85 % (HD42-2025)
    assert checks["attendance_rate"].reason == "17/20 đảng viên có mặt (85,0%); cần trên 85,0%."
    assert checks["no_unexcused"].reason == "Vắng không lý do: Đảng viên 020."


def test_no_roll_call_fails_the_rate(tree):
    meeting = complete_meeting(tree.cell_a1)
    meeting.attendance.all().delete()
    assert by_code(run(meeting))["attendance_rate"].passed is False


# --- ATT-2: runs of absences -----------------------------------------------------------------

#: One mark per meeting of Lê Văn Cường, oldest first: P present, E excused, U unexcused,
#: X exempted, A attached elsewhere, S special duty at a cell meeting; C / c a committee
#: meeting he attended / missed with a reason.
MARKS = {"P": "present", "E": "excused", "U": "unexcused", "X": "exempted"}
MARKS |= {"A": "attached_elsewhere", "S": "special_duty", "C": "present", "c": "excused"}
JAN5, NOV10 = D(2026, 1, 5), D(2025, 11, 10)

RUN_TABLE = table(
    # (id, marks, first date, run at the last meeting, check passes) — rule ATT-2: nobody
    # absent more than 3 consecutive times in the year, even with reasons
    ("ATT-2 3 excused in a row pass", "EEE", JAN5, 3, True),
    ("ATT-2 4th excused in a row fails", "EEEE", JAN5, 4, False),
    ("ATT-2 unexcused counts in the run", "EEUE", JAN5, 4, False),
    ("ATT-2 a present meeting resets", "EEPEE", JAN5, 2, True),
    ("ATT-2 present now: no run", "EEEEP", JAN5, None, True),
    ("ATT-2 exempted neither counts nor resets", "EEXEE", JAN5, 4, False),
    ("ATT-2 special duty neither counts nor resets", "EESEE", JAN5, 4, False),
    ("ATT-2 attached elsewhere neither counts nor resets", "EEAEE", JAN5, 4, False),
    ("ATT-2 committee attendance does not reset", "EECEE", JAN5, 4, False),
    ("ATT-2 committee absence does not count", "EEcE", JAN5, 3, True),
    # 10/11/2025, 10/12/2025, 9/1/2026, 8/2/2026: the run restarts on 1 January → 2
    ("ATT-2 runs restart on 1 January", "EEEE", NOV10, 2, True),
)


def absences(tree, marks: str, start: datetime.date) -> list[Meeting]:
    """Meetings of cell A1 every 30 days from `start`, one per mark, where Lê Văn Cường has
    the mark's status and Nguyễn Văn Ân and Trần Thị Bích are present."""
    made = []
    for i, mark in enumerate(marks):
        status, fields = GROUPS[MARKS[mark]]
        meeting = Meeting.objects.create(
            unit=tree.cell_a1,
            kind=K.COMMITTEE if mark in "Cc" else K.REGULAR,
            status=MeetingStatus.DRAFT,
            date=start + datetime.timedelta(days=30 * i),
        )
        Attendance.objects.create(meeting=meeting, member=tree.cuong_a1, status=status, **fields)
        for other in (tree.an_a1, tree.bich_a1):
            Attendance.objects.create(meeting=meeting, member=other, status=S.PRESENT)
        made.append(meeting)
    return made


@pytest.mark.parametrize(("marks", "start", "run_length", "passes"), RUN_TABLE)
def test_absence_runs(tree, marks, start, run_length, passes):
    last = absences(tree, marks, start)[-1]
    assert absence_runs(last).get(tree.cuong_a1.pk) == run_length
    with translation.override("vi"):
        check = by_code(run(last))["absence_run"]
    assert (check.rule, check.passed) == ("ATT-2", passes)
    if not passes:
        assert check.reason == "Lê Văn Cường: vắng 4 lần liên tiếp"


def test_a_later_sitting_the_same_day_does_not_count(tree):
    # rule ATT-2: two sittings on one day count in the order they were recorded
    *_, third = absences(tree, "EEE", JAN5)
    fourth = Meeting.objects.create(
        unit=tree.cell_a1, kind=K.THEMATIC, status=MeetingStatus.DRAFT, date=third.date
    )
    Attendance.objects.create(meeting=fourth, member=tree.cuong_a1, status=S.EXCUSED, reason="Ốm")
    assert absence_runs(third) == {tree.cuong_a1.pk: 3}
    assert absence_runs(fourth) == {tree.cuong_a1.pk: 4}


# --- DUR-1/2/3 -------------------------------------------------------------------------------

DURATION_TABLE = table(
    # (id, kind, start, end, rule, passes) — rules DUR-1 (≥ 90 min), DUR-2 (≥ 120 min)
    ("DUR-1 90 min pass", K.REGULAR, T(19, 30), T(21, 0), "DUR-1", True),
    ("DUR-1 89 min fail", K.REGULAR, T(19, 30), T(20, 59), "DUR-1", False),
    ("DUR-1 90 min across midnight", K.REGULAR, T(23, 0), T(0, 30), "DUR-1", True),
    ("DUR-2 combined 110 min fail", K.COMBINED, T(19, 30), T(21, 20), "DUR-2", False),
    ("DUR-2 combined 120 min pass", K.COMBINED, T(19, 30), T(21, 30), "DUR-2", True),
    ("DUR-1 no times recorded fails", K.REGULAR, None, None, "DUR-1", False),
    ("DUR thematic alone: N/A", K.THEMATIC, T(19, 30), T(20, 0), "DUR-1", None),
)


@pytest.mark.parametrize(("kind", "start", "end", "rule", "passes"), DURATION_TABLE)
def test_duration(tree, kind, start, end, rule, passes):
    meeting = complete_meeting(tree.cell_a1, kind=kind)
    Meeting.objects.filter(pk=meeting.pk).update(started_at=start, ended_at=end)
    check = by_code(run(meeting))["duration"]
    assert (check.rule, check.passed) == (rule, passes)


# --- one change at a time to a complete meeting: MIN-2, PREP-1..3, Đề án 16 items -------------


EVE = at(D(2026, 3, 9), 23, 59)
UTC_EVE = datetime.datetime(2026, 3, 9, 18, 0, tzinfo=datetime.UTC)


def update(**fields):
    """A change: set `fields` on the meeting."""
    return lambda meeting: Meeting.objects.filter(pk=meeting.pk).update(**fields)


def committee(**fields):
    """A change: set `fields` on the cell's committee meeting (three days before)."""
    return lambda m: Meeting.objects.filter(unit=m.unit, kind=K.COMMITTEE).update(**fields)


def delete(model, **filters):
    """A change: delete the meeting's rows of `model` matching `filters`."""
    return lambda meeting: model.objects.filter(meeting=meeting, **filters).delete()


CHANGE_TABLE = table(
    # (id, change, check, passes, other checks failing with it)
    ("all pass on a complete meeting", lambda m: None, "minutes", True, set()),
    # rule MIN-2: chair, resolution, vote figures are required
    ("MIN-2 no chair fails", update(chair=None), "minutes", False, set()),
    ("MIN-2 no vote figures fails", update(votes_for=None), "minutes", False, set()),
    ("MIN-2 no resolution fails", update(resolution=""), "minutes", False, set()),
    # rule PREP-1: agenda, draft resolution, a committee meeting held in the 31 days before
    ("PREP-1 no draft fails", update(draft_resolution=""), "prep1", False, set()),
    ("PREP-1 no agenda fails", delete(AgendaItem), "prep1", False, {"minutes"}),
    ("PREP-1 committee 31 days before", committee(date=D(2026, 2, 7)), "prep1", True, set()),
    ("PREP-1 committee 32 days before", committee(date=D(2026, 2, 6)), "prep1", False, set()),
    ("PREP-1 committee not held", committee(status=MeetingStatus.PLANNED), "prep1", False, set()),
    ("PREP-1 committee cancelled", committee(status="cancelled"), "prep1", False, set()),
    ("PREP-1 committee after", committee(date=D(2026, 3, 11)), "prep1", False, set()),
    # rule PREP-2: the notice is sent before the start (19:30, 10/3/2026, local time)
    ("PREP-2 no notice fails", update(notified_at=None), "prep2", False, set()),
    ("PREP-2 a minute before passes", update(notified_at=at(DAY, 19, 29)), "prep2", True, set()),
    ("PREP-2 at the start fails", update(notified_at=at(DAY, 19, 30)), "prep2", False, set()),
    # rule PREP-3 (HD42-2025): documents at least 1 day before, by local date
    ("PREP-3 nothing published", update(documents_published_at=None), "prep3", False, set()),
    ("PREP-3 the day before", update(documents_published_at=EVE), "prep3", True, set()),
    ("PREP-3 same day fails", update(documents_published_at=at(DAY, 0, 1)), "prep3", False, set()),
    # 18:00 UTC on 9/3 is 01:00 on 10/3 in Hà Nội: the same day
    ("PREP-3 same local day fails", update(documents_published_at=UTC_EVE), "prep3", False, set()),
    # Đề án 16 items (Kết luận 256-KL/TU): tasks (also MIN-2), self-criticism, study
    ("no assignment fails", delete(Assignment), "assignments_made", False, {"minutes"}),
    ("no self-criticism", delete(Speech, kind="self_criticism"), "self_criticism", False, set()),
    ("no document study", update(study_document=""), "document_study", False, set()),
)


@pytest.mark.parametrize(("change", "code", "passes", "also_failing"), CHANGE_TABLE)
def test_one_change_to_a_complete_meeting(tree, change, code, passes, also_failing):
    meeting = complete_meeting(tree.cell_a1)
    change(meeting)
    result = run(meeting)
    assert by_code(result)[code].passed is passes
    failing = {c.code for c in result.failed}
    assert failing == ({code} if passes is False else set()) | also_failing


def test_reasons_name_what_is_missing(tree):
    meeting = complete_meeting(tree.cell_a1)
    update(chair=None, draft_resolution="", notified_at=None)(meeting)
    committee(status=MeetingStatus.PLANNED)(meeting)
    with translation.override("vi"):
        checks = by_code(run(meeting))
    assert checks["minutes"].reason == "Còn thiếu: chủ trì."
    assert checks["prep1"].reason == "Còn thiếu: dự thảo nghị quyết, cuộc họp chi ủy trước đó."
    assert checks["prep2"].reason == "Chưa gửi thông báo trước buổi sinh hoạt."


FOLLOWUP = ["assignments_made", "previous_reviewed", "self_criticism", "document_study"]
ATT = ["attendance_rate", "no_unexcused", "absence_run", "duration", "minutes"]
KIND_TABLE = table(
    # (id, kind, the checks in order, those not applying) — PREP-1, document study and the
    # review belong to the regular meeting; PREP-4 to thematic ones; DUR-1/2 set no length
    # for a thematic meeting held alone; nothing earlier is due for review here
    ("regular", K.REGULAR, [*ATT, "prep1", "prep2", "prep3", *FOLLOWUP], {"previous_reviewed"}),
    (
        "combined",
        K.COMBINED,
        [*ATT, "prep1", "prep2", "prep3", "prep4", *FOLLOWUP],
        {"previous_reviewed"},
    ),
    (
        "thematic",
        K.THEMATIC,
        [*ATT, "prep2", "prep3", "prep4", "assignments_made", "self_criticism"],
        {"duration", "self_criticism"},  # RULES "A thematic meeting": no self-criticism
    ),
)


@pytest.mark.parametrize(("kind", "codes", "not_applying"), KIND_TABLE)
def test_checks_per_kind(tree, kind, codes, not_applying):
    result = run(complete_meeting(tree.cell_a1, kind=kind))
    assert [c.code for c in result.checks] == codes
    assert {c.code for c in result.checks if c.passed is None} == not_applying
    assert result.failed == []


@pytest.mark.parametrize("kind", [K.THEMATIC, K.COMBINED])
@pytest.mark.parametrize(
    ("fields", "passes"),
    table(
        ("PREP-4 topic and writer pass", {}, True),
        ("PREP-4 no brief writer fails", {"brief_writer": None}, False),
        ("PREP-4 no topic fails", {"topic": ""}, False),
    ),
)
def test_thematic_brief(tree, kind, fields, passes):
    meeting = complete_meeting(tree.cell_a1, kind=kind)
    update(**fields)(meeting)
    check = by_code(run(meeting))["prep4"]
    assert (check.rule, check.passed) == ("PREP-4", passes)


SELF_CRITICISM_TABLE = table(
    # (id, kind, self-criticism recorded, check passes, points of the criterion of 5)
    # Kết luận 256-KL/TU for the regular meeting; RULES "A thematic meeting: purpose stated →
    # brief → discussion → conclusion → minutes" has none: the check does not apply
    ("regular with", K.REGULAR, True, True, 5),
    ("regular without fails", K.REGULAR, False, False, 0),
    ("combined with", K.COMBINED, True, True, 5),
    ("combined without fails", K.COMBINED, False, False, 0),  # its regular part has it
    ("thematic with: N/A", K.THEMATIC, True, None, 5),
    ("thematic without: N/A, full points", K.THEMATIC, False, None, 5),
)


@pytest.mark.parametrize(("kind", "recorded", "passes", "points"), SELF_CRITICISM_TABLE)
def test_self_criticism_per_kind(tree, kind, recorded, passes, points):
    meeting = complete_meeting(tree.cell_a1, kind=kind)
    if not recorded:
        delete(Speech, kind="self_criticism")(meeting)
    with translation.override("en"):
        result = run(meeting)
    check = by_code(result)["self_criticism"]
    assert check.passed is passes
    if passes is None:
        assert check.reason == "A thematic meeting has no self-criticism in its order."
    criteria = sheet_for(result.rule_set).criteria.all()
    assert computed_points(criteria, result)["self_criticism"] == points


def test_committee_meetings_get_no_checks(tree):
    complete_meeting(tree.cell_a1)
    result = run(Meeting.objects.get(unit=tree.cell_a1, kind=K.COMMITTEE))
    assert (result.checks, result.rule_set.code) == ([], "HD42-2025")


# --- previous assignments reviewed ---------------------------------------------------------------


def earlier_task(tree, day: datetime.date) -> Assignment:
    """A held meeting of cell A1 on `day` with one assignment."""
    earlier = Meeting.objects.create(
        unit=tree.cell_a1, kind=K.REGULAR, status=MeetingStatus.ADOPTED, date=day
    )
    return Assignment.objects.create(
        unit=tree.cell_a1,
        meeting=earlier,
        title="Việc cũ",
        deadline=day + datetime.timedelta(days=20),
    )


REVIEW_TABLE = table(
    # (id, where the earlier task was reviewed, status of this meeting, check passes)
    ("not reviewed fails", None, MeetingStatus.DRAFT, False),
    ("reviewed here passes", "here", MeetingStatus.DRAFT, True),
    ("reviewed here, minutes adopted passes", "here", MeetingStatus.ADOPTED, True),
    # submitted or adopted minutes list only what they reviewed (MIN-3): a skipped task
    # still counts against them
    ("not reviewed, minutes submitted fails", None, MeetingStatus.SUBMITTED, False),
    ("not reviewed, minutes adopted fails", None, MeetingStatus.ADOPTED, False),
    ("reviewed only at a later meeting fails", "later", MeetingStatus.ADOPTED, False),
    ("reviewed at a meeting before: N/A", "before", MeetingStatus.ADOPTED, None),
)


@pytest.mark.parametrize(("reviewed", "status", "passes"), REVIEW_TABLE)
def test_previous_assignments_reviewed(tree, reviewed, status, passes):
    task = earlier_task(tree, D(2026, 1, 12))
    meeting = complete_meeting(tree.cell_a1)
    other = {"later": D(2026, 4, 10), "before": D(2026, 2, 10)}.get(reviewed)
    where = meeting if reviewed == "here" else None
    if other:
        where = Meeting.objects.create(
            unit=tree.cell_a1, kind=K.REGULAR, status="adopted", date=other
        )
    Assignment.objects.filter(pk=task.pk).update(reviewed_in=where)
    update(status=status)(meeting)
    with translation.override("vi"):
        check = by_code(run(meeting))["previous_reviewed"]
    assert check.passed is passes
    if passes is not None:
        why = {
            None: " 1 nhiệm vụ chưa được kiểm điểm.",
            "later": " 1 nhiệm vụ chỉ được kiểm điểm ở buổi sau.",
        }
        expected = f"Đã kiểm điểm {int(passes)}/1 nhiệm vụ kỳ trước." + why.get(reviewed, "")
        assert check.reason == expected


# --- computed points --------------------------------------------------------------------------


def test_computed_points_full_when_passed_or_not_applying_floor_when_failed(tree):
    cell = make_cell_with_members(tree.commune_a, "Chi bộ thôn Khuôn Hà", 4)
    meeting = complete_meeting(cell, groups={"present": 3, "unexcused": 1})
    result = run(meeting)
    sheet = sheet_for(result.rule_set)
    floored = Criterion(
        code="att_floor", label="Dự họp (sàn 5)", max_points=15, min_points=5, source="attendance"
    )
    # rule QUAL-5: ATT-2 fails (an unexcused absence) → attendance at its floor (0, or 5);
    # previous_reviewed does not apply → full points; manual criteria are not computed
    full = dict.fromkeys(["content_prepared", "notified", "documents_in_time", "document_study"], 5)
    full |= {"duration": 10, "self_criticism": 5, "minutes": 5, "assignments_made": 5}
    expected = {"attendance": 0, **full, "previous_reviewed": 5, "att_floor": 5}
    assert computed_points([*sheet.criteria.all(), floored], result) == expected


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "earlier"), [(4, 1), (30, 8)])
def test_meeting_checks_queries_do_not_grow(tree, django_assert_num_queries, size, earlier):
    cell = make_cell_with_members(tree.commune_a, "Chi bộ thôn Khuôn Hà", size)
    for month in range(1, earlier + 1):
        complete_meeting(cell, day=D(2025, month, 10), groups={"present": size - 1, "excused": 1})
    meeting = complete_meeting(cell, groups={"present": size - 1, "excused": 1})
    fresh = Meeting.objects.select_related("unit", "chair", "minute_taker", "brief_writer").get(
        pk=meeting.pk
    )
    # the record: agenda, attendance, rule set, assignments (+ assignees), guests, speeches,
    # review (+ assignees), documents, addenda = 11; checks: absence runs, DUR-3 decision,
    # PREP-1 committee meeting, assignments due for review = 4
    with django_assert_num_queries(15):
        meeting_checks(meeting=fresh)
    record = meeting_record(meeting=fresh)
    with django_assert_num_queries(4):
        meeting_checks(meeting=fresh, record=record)
