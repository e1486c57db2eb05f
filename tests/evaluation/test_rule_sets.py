"""Which rules judge a meeting: the national set in force on its date, a province's own set
inside its subtree only, a cell's shorter-meeting decision (DUR-3); and the validation of
rule sets an administrator adds (RULES "Rule sets to ship", QUAL-2, QUAL-5).

The two meetings of autumn 2025 are recorded through the services, as a secretary would;
the other meetings come from tests.evaluation.test_checks.complete_meeting (10/3/2026).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from chibo.core.models import RuleSet
from chibo.core.rules import rules_in_force
from chibo.evaluation.models import Criterion, DurationDecision, ScoreSheet
from chibo.evaluation.scoring import sheet_for
from chibo.meetings.models import Assignment, Meeting, MeetingKind, MeetingStatus
from chibo.meetings.services import assignments, lifecycle, planning, preparation
from chibo.org.models import UnitKind
from tests.evaluation.test_checks import DAY, by_code, complete_meeting, run, table
from tests.factories import make_cell_with_members, make_unit
from tests.meetings.conftest import hold

D, T, K = datetime.date, datetime.time, MeetingKind
JAN1 = D(2026, 1, 1)


def recorded(tree, day: datetime.date) -> Meeting:
    """A regular meeting of cell A1 on `day`, prepared and recorded through the services
    (agenda, draft resolution, roll call, minutes, speeches, vote, one assignment)."""
    meeting = planning.meeting_add(
        actor=tree.bithu,
        unit_id=tree.cell_a1.pk,
        kind=K.REGULAR,
        date=day,
        start_time=T(19, 30),
        place="Nhà văn hóa thôn Bản Chợ",
    )
    preparation.preparation_save(
        actor=tree.bithu,
        meeting_id=meeting.pk,
        expected_version=None,
        draft_resolution="Dự thảo nghị quyết",
        study_document="Chỉ thị 05-CT/TW",
    )
    return hold(tree, meeting)


def test_autumn_2025_meetings_are_judged_by_the_set_in_force_on_their_date(tree):
    # RULES "Rule sets to ship": HD12-2018 until 27/10/2025, HD42-2025 from 28/10/2025;
    # PREP-3 (documents 1 day before) exists only in HD42-2025
    october = recorded(tree, D(2025, 10, 15))
    november = recorded(tree, D(2025, 11, 15))
    earlier = Assignment.objects.get(meeting=october)
    assignments.assignment_review(
        actor=tree.bithu,
        meeting_id=november.pk,
        expected_version=None,
        reviews={earlier.pk: {"status": "done", "note": "Đã hoàn thành."}},
    )
    lifecycle.minutes_submit(actor=tree.bithu, meeting_id=november.pk, expected_version=None)
    with translation.override("vi"):
        old, new = by_code(run(october)), by_code(run(november))
        assert run(october).rule_set.code == "HD12-2018"
        assert run(november).rule_set.code == "HD42-2025"
    assert (old["prep3"].passed, old["prep3"].reason) == (None, "HD12-2018 không quy định.")
    assert (new["prep3"].passed, new["prep3"].reason) == (
        False,
        "Chưa gửi tài liệu cho đảng viên.",
    )
    # the November meeting reviewed October's task before its minutes were submitted
    assert (new["previous_reviewed"].passed, old["previous_reviewed"].passed) == (True, None)
    assert new["previous_reviewed"].reason == "Đã kiểm điểm 1/1 nhiệm vụ kỳ trước."
    # documents sent the day before (14/11/2025, local time) meet PREP-3
    sent = timezone.make_aware(datetime.datetime(2025, 11, 14, 20, 0))
    Meeting.objects.filter(pk=november.pk).update(documents_published_at=sent)
    assert by_code(run(november))["prep3"].passed is True


def test_a_meeting_recorded_without_reviewing_the_last_tasks(tree):
    # the record of submitted minutes lists only what they reviewed (MIN-3); the check still
    # counts the task they skipped
    recorded(tree, D(2025, 11, 15))
    december = recorded(tree, D(2025, 12, 15))
    lifecycle.minutes_submit(actor=tree.bithu, meeting_id=december.pk, expected_version=None)
    december.refresh_from_db()
    assert december.status == MeetingStatus.SUBMITTED
    assert by_code(run(december))["previous_reviewed"].passed is False


# --- a province's own rule set -----------------------------------------------------------------


@pytest.fixture
def own_sheet(db) -> ScoreSheet:
    """A province's own score sheet "TQ-2026": attendance 10, duration 10, three hand-scored
    criteria (80), a thematic brief worth 5 on thematic meetings only."""
    sheet = ScoreSheet.objects.create(code="TQ-2026", title="Phiếu chấm điểm của Tỉnh ủy")
    rows = [
        (1, "du_hop", 10, "attendance", []),
        (3, "thoi_luong", 10, "duration", []),
        (3, "to_chuc", 30, "manual", []),
        (4, "nguyen_tac", 30, "manual", []),
        (5, "ket_qua", 20, "manual", []),
        (2, "de_dan", 5, "brief", ["thematic", "combined"]),
    ]
    for order, (group, code, most, source, kinds) in enumerate(rows):
        Criterion.objects.create(
            sheet=sheet,
            group=group,
            order=order,
            code=code,
            label=code,
            max_points=most,
            source=source,
            kinds=kinds,
        )
    return sheet


def own_set(code: str, unit, valid_from=JAN1, valid_to=None, **values) -> RuleSet:
    """An unsaved rule set for `unit`'s subtree: the national values with `values` changed."""
    national = RuleSet.objects.get(code="HD42-2025").values
    return RuleSet(
        code=code,
        title=f"Quy định {code}",
        legal_basis="Hướng dẫn của Ban Tổ chức Tỉnh ủy, 20/12/2025",
        valid_from=valid_from,
        valid_to=valid_to,
        unit=unit,
        values={**national, **values},
    )


def test_a_province_set_overrides_inside_its_subtree_only(tree, own_sheet):
    # a 60-minute meeting passes under the commune's set (60 minutes, its own sheet) and
    # fails DUR-1 (90) elsewhere; the province's set (75 minutes) covers commune B
    commune = own_set(
        "CH-2026",
        tree.commune_a,
        regular_min_minutes=60,
        score_sheet="TQ-2026",
        rating_gate_criteria=["du_hop", "thoi_luong"],
    )
    province = own_set("TQ-2026", tree.province, regular_min_minutes=75)
    for rule_set in (commune, province):
        rule_set.full_clean()
        rule_set.save()
    inside, outside = complete_meeting(tree.cell_a1), complete_meeting(tree.cell_b1)
    before = complete_meeting(tree.cell_a1, day=D(2025, 12, 10))
    for meeting in (inside, outside, before):
        Meeting.objects.filter(pk=meeting.pk).update(started_at=T(19, 30), ended_at=T(20, 30))
    judged = {m: run(m) for m in (inside, outside, before)}
    assert judged[inside].rule_set.code == "CH-2026"
    assert by_code(judged[inside])["duration"].passed is True
    assert sheet_for(judged[inside].rule_set) == own_sheet
    codes = {c.code for c in sheet_for(judged[inside].rule_set).criteria.all()}
    assert codes == {"du_hop", "thoi_luong", "to_chuc", "nguyen_tac", "ket_qua", "de_dan"}
    assert judged[outside].rule_set.code == "TQ-2026"
    assert by_code(judged[outside])["duration"].passed is False  # 60 < 75
    assert sheet_for(judged[outside].rule_set).code == "QUAL2-VD"
    # before the province's sets are in force, the national one judges cell A1
    assert judged[before].rule_set.code == "HD42-2025"
    assert by_code(judged[before])["duration"].passed is False  # 60 < 90
    assert rules_in_force(DAY).code == "HD42-2025"  # no unit: national


def test_a_cell_of_another_province_gets_the_national_set(tree):
    own_set("TQ-2026", tree.province, regular_min_minutes=75).save()
    other = make_unit("Đảng bộ tỉnh Hà Giang", UnitKind.PROVINCE, admin_code="02")
    commune = make_unit("Đảng bộ xã Yên Minh", UnitKind.COMMUNE, other)
    cell = make_cell_with_members(commune, "Chi bộ thôn Na Pô", 3)
    assert rules_in_force(DAY, cell).code == "HD42-2025"
    assert rules_in_force(DAY, tree.cell_b1).code == "TQ-2026"
    meeting = complete_meeting(cell)
    Meeting.objects.filter(pk=meeting.pk).update(started_at=T(19, 30), ended_at=T(21, 0))
    assert by_code(run(meeting))["duration"].passed is True  # 90 ≥ 90 (not 75 … nor 60)


# --- validation of a rule set ------------------------------------------------------------------


def test_overlapping_sets_for_one_scope_are_refused_in_vietnamese(tree):
    own_set("CH-2026", tree.commune_a, valid_to=D(2026, 12, 31)).save()
    clash = own_set("CH-2026B", tree.commune_a, valid_from=D(2026, 7, 1))
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert error.value.message_dict["valid_from"] == [
        "Khoảng thời gian này trùng với bộ quy định CH-2026 cùng phạm vi."
    ]
    own_set("HA-2026", tree.commune_b, valid_from=D(2026, 7, 1)).full_clean()  # other scope
    own_set("CH-2027", tree.commune_a, valid_from=D(2027, 1, 1)).full_clean()  # the day after


def test_a_set_naming_a_missing_score_sheet(tree):
    rule_set = own_set("CH-2026", tree.commune_a, score_sheet="KHONG-CO")
    with pytest.raises(ScoreSheet.DoesNotExist, match="KHONG-CO"):
        sheet_for(rule_set)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rule_set.full_clean()
    assert error.value.message_dict == {"values": ["No score sheet has the code KHONG-CO."]}


def test_gate_criteria_must_be_on_the_sheet(tree, own_sheet):
    # QUAL-2: the national gates (attendance, duration, participation, minutes) are not
    # criteria of sheet TQ-2026
    rule_set = own_set("CH-2026", tree.commune_a, score_sheet="TQ-2026")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rule_set.full_clean()
    assert error.value.message_dict == {
        "values": [
            "The score sheet TQ-2026 has no criterion attendance, duration, minutes, participation."
        ]
    }


@pytest.mark.parametrize(
    "thresholds",
    table(
        ("not a dict", [90, 70, 50]),
        ("a level missing", {"good": 90, "fair": 70}),
        ("an unknown level", {"good": 90, "fair": 70, "average": 50, "poor": 0}),
        ("not a number", {"good": "90", "fair": 70, "average": 50}),
        ("a boolean", {"good": 90, "fair": 70, "average": True}),
        ("not decreasing", {"good": 70, "fair": 90, "average": 50}),
        ("equal levels", {"good": 90, "fair": 90, "average": 50}),
        ("above 100", {"good": 101, "fair": 70, "average": 50}),
        ("below 0", {"good": 90, "fair": 70, "average": -1}),
    ),
)
def test_malformed_rating_thresholds_are_refused(tree, thresholds):
    rule_set = own_set("CH-2026", tree.commune_a, rating_thresholds=thresholds)
    with pytest.raises(ValidationError) as error:
        rule_set.full_clean()
    assert list(error.value.message_dict) == ["values"]


def test_well_formed_thresholds_are_accepted(tree):
    # QUAL-5: thresholds seen are 90 / 70 / 50, but a province may set others
    good = {"good": 85, "fair": 65.5, "average": 0}
    own_set("CH-2026", tree.commune_a, rating_thresholds=good).full_clean()
    own_set("CH-2026", tree.commune_a).full_clean()


# --- DUR-3: a cell's decision allowing shorter meetings -------------------------------------------

DECISION_TABLE = table(
    # (id, valid_from, valid_to, kind, rule, passes) — rule DUR-3: a decision for cell A1
    # allowing 60 minutes; the meeting of 10/3/2026 lasts 60 minutes
    ("DUR-3 in force", D(2026, 1, 1), None, K.REGULAR, "DUR-3", True),
    ("DUR-3 in force, combined", D(2026, 1, 1), None, K.COMBINED, "DUR-3", True),
    ("DUR-3 first and last day", DAY, DAY, K.REGULAR, "DUR-3", True),
    ("DUR-3 not before valid_from", D(2026, 3, 11), None, K.REGULAR, "DUR-1", False),
    ("DUR-3 not after valid_to", D(2025, 1, 1), D(2026, 3, 9), K.REGULAR, "DUR-1", False),
)


@pytest.mark.parametrize(("valid_from", "valid_to", "kind", "rule", "passes"), DECISION_TABLE)
def test_duration_decision(tree, valid_from, valid_to, kind, rule, passes):
    DurationDecision.objects.create(
        unit=tree.cell_a1,
        min_minutes=60,
        decision="Quyết định 15-QĐ/ĐU",
        valid_from=valid_from,
        valid_to=valid_to,
    )
    meeting = complete_meeting(tree.cell_a1, kind=kind)
    Meeting.objects.filter(pk=meeting.pk).update(started_at=T(19, 30), ended_at=T(20, 30))
    with translation.override("vi"):
        check = by_code(run(meeting))["duration"]
    assert (check.rule, check.passed) == (rule, passes)
    if rule == "DUR-3":
        assert check.reason == (
            "60 phút; cần ít nhất 60 phút. (thời lượng rút ngắn theo Quyết định 15-QĐ/ĐU)"
        )


def test_duration_decision_of_another_cell_or_longer_does_not_apply(tree):
    # rule DUR-3 sets a *shorter* duration, for the cell it names only
    for cell, minutes in ((tree.cell_a2, 60), (tree.cell_a1, 100)):
        DurationDecision.objects.create(
            unit=cell, min_minutes=minutes, decision="QĐ", valid_from=D(2026, 1, 1)
        )
    meeting = complete_meeting(tree.cell_a1)
    Meeting.objects.filter(pk=meeting.pk).update(started_at=T(19, 30), ended_at=T(21, 0))
    check = by_code(run(meeting))["duration"]
    assert (check.rule, check.passed) == ("DUR-1", True)  # 90 ≥ 90, the rule set's limit
