"""`rating_save`: one column of a meeting's score sheet (rules QUAL-2, QUAL-3, QUAL-5).

Worked by hand on the example sheet QUAL2-VD (migration evaluation 0002) under HD42-2025
(the fixture meeting is three days ago, after 28/10/2025). The `hold` meeting's checks:
attendance 4/4, no unexcused, no run → 15; no draft resolution nor committee meeting → PREP-1
0; no notice → PREP-2 0; no documents → PREP-3 0 (HD42: 1 day before); document studied 5;
105 minutes ≥ 90 → 10; only an opinion, no self-criticism → 0; minutes complete 5; nothing
to review → 5 (does not apply: full points); one assignment → 5. Computed: 45 of 65.
Manual criteria: on_time 5, full_content 5, participation 10, principles 10,
resolution_results 5 (35). Levels (rating_thresholds): good ≥ 90 %, fair ≥ 70 %, average
≥ 50 %; gates: attendance, duration, participation, minutes.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation

from chibo.core.errors import StaleVersion
from chibo.core.models import AuditEntry
from chibo.evaluation.models import Level, Rating, RatingColumn
from chibo.evaluation.services.ratings import rating_save
from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus, SpeechKind
from chibo.meetings.services import lifecycle, record
from chibo.org.models import Role
from tests.factories import make_user
from tests.meetings.conftest import hold, meeting  # noqa: F401  (fixture)

#: Full points on every criterion scored by hand (35).
FULL = {"on_time": 5, "full_content": 5, "participation": 10, "principles": 10,
        "resolution_results": 5}  # fmt: skip
SELF, SUPERIOR = RatingColumn.SELF, RatingColumn.SUPERIOR


def submit(tree, held) -> Meeting:
    """Submit the held meeting's minutes and return it re-read."""
    lifecycle.minutes_submit(actor=tree.bithu, meeting_id=held.pk, expected_version=None)
    held.refresh_from_db()
    return held


def prepare_fully(tree, held) -> Meeting:
    """Make every computed criterion pass on a held (draft) meeting: draft resolution and a
    committee meeting before it (PREP-1), notice and documents two days before (PREP-2,
    PREP-3), a self-criticism recorded."""
    Meeting.objects.create(
        unit=tree.cell_a1,
        kind=MeetingKind.COMMITTEE,
        status=MeetingStatus.DRAFT,
        date=held.date - datetime.timedelta(days=3),
    )
    before = timezone.make_aware(
        datetime.datetime.combine(held.date - datetime.timedelta(days=2), datetime.time(9))
    )
    Meeting.objects.filter(pk=held.pk).update(
        draft_resolution="Dự thảo nghị quyết tháng", notified_at=before,
        documents_published_at=before,
    )  # fmt: skip
    record.speeches_save(
        actor=tree.bithu,
        meeting_id=held.pk,
        expected_version=None,
        speeches=[
            {"kind": SpeechKind.OPINION, "member_id": tree.an_a1.pk, "content": "Đồng ý."},
            {"kind": SpeechKind.SELF_CRITICISM, "member_id": tree.bich_a1.pk,
             "content": "Tôi nhận khuyết điểm chậm nộp đảng phí."},
        ],
    )  # fmt: skip
    held.refresh_from_db()
    return held


def rate(actor, held, column=SELF, points=None, version=None, note=""):
    return rating_save(
        actor=actor,
        meeting_id=held.pk,
        column=column,
        points=FULL if points is None else points,
        note=note,
        expected_version=version,
    )


@pytest.fixture
def submitted(tree, meeting):  # noqa: F811
    """The fixture meeting held by `hold` and its minutes submitted."""
    return submit(tree, hold(tree, meeting))


def test_self_rating_of_a_held_meeting(tree, submitted):  # rules QUAL-2, QUAL-3
    rating = rate(tree.bithu, submitted, note="Chi bộ tự đánh giá")
    # 45 computed + 35 by hand = 80 of 100 → 80 % ≥ 70 %, < 90 % → Khá.
    assert (rating.total, rating.maximum, rating.level, rating.capped) == (80, 100, "fair", False)
    assert rating.points == {
        **FULL, "attendance": 15, "content_prepared": 0, "notified": 0,
        "documents_in_time": 0, "document_study": 5, "duration": 10, "self_criticism": 0,
        "minutes": 5, "previous_reviewed": 5, "assignments_made": 5,
    }  # fmt: skip
    assert rating.is_final and rating.version == 1
    assert rating.rule_set.code == "HD42-2025" and rating.sheet.code == "QUAL2-VD"
    assert rating.rater_name == "bithu, Chi bộ thôn Bản Chợ"  # no name on the user: username
    assert rating.note == "Chi bộ tự đánh giá" and rating.rated_by == tree.bithu
    entry = AuditEntry.objects.get(action="rating.save")
    assert entry.data["total"] == 80 and entry.data["column"] == "self"


def test_computed_criteria_cannot_be_changed(tree, submitted):  # rule QUAL-5
    rating = rate(tree.bithu, submitted, points={**FULL, "attendance": 0, "notified": 5})
    assert rating.points["attendance"] == 15 and rating.points["notified"] == 0
    assert rating.total == 80


def test_gate_drops_good_to_fair(tree, meeting):  # noqa: F811  rules QUAL-2, QUAL-5
    held = submit(tree, prepare_fully(tree, hold(tree, meeting)))
    # Everything computed passes: 65; by hand 35 → 100 → Tốt.
    assert rate(tree.bithu, held).level == Level.GOOD
    # Participation (a gate) 9 of 10: 99 % ≥ 90 % but not full on a gate → one level down.
    rating = rate(tree.bithu, held, points={**FULL, "participation": 9})
    assert (rating.total, rating.level, rating.capped) == (99, "fair", True)
    # Principles 9 of 10 is not a gate: 99 % stays Tốt.
    rating = rate(tree.bithu, held, points={**FULL, "principles": 9})
    assert (rating.total, rating.level, rating.capped) == (99, "good", False)


def test_superior_rating_is_final(tree, submitted):  # rule QUAL-3
    own = rate(tree.bithu, submitted)
    # The commune's unit administrator: 45 + 5 + 0 + 5 + 5 + 0 = 60 → 60 % ≥ 50 % → Trung bình.
    low = {"on_time": 5, "full_content": 0, "participation": 5, "principles": 5,
           "resolution_results": 0}  # fmt: skip
    theirs = rate(tree.xa, submitted, SUPERIOR, low, note="Cần chuẩn bị kỹ hơn")
    assert (theirs.total, theirs.level, theirs.is_final) == (60, "average", True)
    assert theirs.rater_name == "xa, Đảng bộ xã Chiêm Hoá"
    own.refresh_from_db()
    assert own.is_final is False and own.level == "fair"
    # The cell corrects its own rating before adoption: the superior's stays final.
    again = rate(tree.bithu, submitted, points={**FULL, "on_time": 4}, version=1)
    assert (again.total, again.is_final, again.version) == (79, False, 2)
    assert Rating.objects.get(meeting=submitted, is_final=True).column == SUPERIOR


def test_self_column_locked_after_adoption(tree, submitted):  # rules MIN-3, QUAL-3
    rate(tree.bithu, submitted)
    lifecycle.minutes_adopt(actor=tree.bithu, meeting_id=submitted.pk, expected_version=None)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rate(tree.bithu, submitted, version=1)
    assert "the cell's own rating is locked" in error.value.messages[0]
    # The superior rates after adoption.
    assert rate(tree.xa, submitted, SUPERIOR).is_final


@pytest.mark.parametrize("status", ["planned", "draft", "cancelled"])
def test_meeting_not_ratable_yet(tree, meeting, status):  # noqa: F811  rule QUAL-3
    if status == "draft":
        meeting = hold(tree, meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    for actor, column in ((tree.bithu, SELF), (tree.xa, SUPERIOR)):
        with translation.override("en"), pytest.raises(ValidationError) as error:
            rate(actor, meeting, column)
        text = error.value.messages[0]
        expected = "cancelled meeting" if status == "cancelled" else "minutes are complete"
        assert expected in text
    assert not Rating.objects.exists()


def test_committee_meeting_is_not_rated(tree):
    committee = Meeting.objects.create(
        unit=tree.cell_a1, kind=MeetingKind.COMMITTEE, status=MeetingStatus.SUBMITTED,
        date=datetime.date(2026, 1, 5),
    )  # fmt: skip
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rate(tree.bithu, committee)
    assert "committee meetings are not rated" in error.value.messages[0]


def test_points_above_maximum_refused(tree, submitted):  # rule QUAL-2
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rate(tree.bithu, submitted, points={**FULL, "full_content": 9})
    assert error.value.message_dict == {
        "full_content": [
            "“Nội dung đầy đủ, trọng tâm, phù hợp nhiệm vụ của chi bộ” has at most 5 points; "
            "9 is too many."
        ]
    }
    assert not Rating.objects.exists()


def test_negative_and_blank_points_refused(tree, submitted):  # rule QUAL-2
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rate(tree.bithu, submitted, points={**FULL, "principles": -1, "on_time": None})
    errors = error.value.message_dict
    assert set(errors) == {"principles", "on_time"}
    assert "has at least 0 points; -1 is too few" in errors["principles"][0]
    assert errors["on_time"][0] == "Enter the points for “Khai mạc đúng giờ, đúng trình tự”."
    missing = dict(FULL)
    del missing["resolution_results"]
    with pytest.raises(ValidationError) as error:
        rate(tree.bithu, submitted, points=missing)
    assert set(error.value.message_dict) == {"resolution_results"}


def test_stale_version_refused(tree, submitted):
    rate(tree.bithu, submitted, version=0)
    # A deputy had the empty sheet open: their save is refused, nothing is overwritten.
    with pytest.raises(StaleVersion) as stale:
        rate(tree.phobithu, submitted, points={**FULL, "on_time": 0}, version=0)
    assert stale.value.current_version == 1
    assert Rating.objects.get().points["on_time"] == 5
    assert rate(tree.phobithu, submitted, points={**FULL, "on_time": 0}, version=1).version == 2


def test_who_may_fill_which_column(tree, submitted):  # rule QUAL-3
    with pytest.raises(PermissionDenied):  # a cell secretary is not a superior
        rate(tree.bithu, submitted, SUPERIOR)
    for column in (SELF, SUPERIOR):
        with pytest.raises(PermissionDenied):  # a plain cell member
            rate(tree.dangvien, submitted, column)
        with pytest.raises(Http404):  # the secretary of another commune's cell
            rate(tree.ngoai, submitted, column)
    for column in (SELF, SUPERIOR):  # an inspector and the province administrator only read
        for actor in (tree.kiemtra, tree.tinh):
            with pytest.raises(PermissionDenied):
                rate(actor, submitted, column)
    with pytest.raises(PermissionDenied):  # the commune's administrator is not the cell
        rate(tree.xa, submitted, SELF)
    assert rate(tree.xa, submitted, SUPERIOR).rater_name == "xa, Đảng bộ xã Chiêm Hoá"
    official = make_user(Role.VISITING_OFFICIAL, tree.commune_a, username="uyvien")
    rating = rate(official, submitted, SUPERIOR, version=1)  # follows the whole commune
    assert rating.rater_name == "uyvien, Đảng bộ xã Chiêm Hoá"
    with pytest.raises(ValidationError):
        rate(tree.xa, submitted, "other")


def test_official_guest_gives_the_superior_rating(tree, meeting):  # noqa: F811  QUAL-3, VIS-3
    official = make_user(
        Role.VISITING_OFFICIAL, tree.cell_a1, False, username="theodoi",
        last_name="Hoàng Văn", first_name="Minh",
    )  # fmt: skip
    held = hold(tree, meeting)
    record.guests_save(
        actor=tree.bithu,
        meeting_id=held.pk,
        expected_version=None,
        guests=[{"user_id": official.pk, "organisation": "Đảng ủy xã Chiêm Hoá"}],
    )
    held = submit(tree, held)
    rating = rate(official, held, SUPERIOR)
    assert rating.rater_name == "Hoàng Văn Minh, Đảng ủy xã Chiêm Hoá" and rating.is_final
    with pytest.raises(PermissionDenied):  # following the cell is not being its superior
        rate(official, held, SELF)
    held.guests.update(is_official=False)
    with pytest.raises(PermissionDenied):  # no longer recorded as a visiting official
        rate(official, held, SUPERIOR, version=1)
