"""Stored ratings follow the record: `ratings_recompute` and the Meeting post_save receiver
that runs it after the commit (rules QUAL-2, QUAL-3, QUAL-5).

Worked by hand on the example sheet QUAL2-VD under HD42-2025 (see test_ratings_service):
the `hold` meeting computes 45 of 65 (duration 10: 19:30–21:15 = 105 minutes ≥ 90).
Self column: FULL by hand (35) → 80 → Khá. Superior column (xa): principles 5 instead of 10
→ 75 → Khá. The secretary returns the minutes, sets the end to 20:30 (60 minutes < 90:
DUR-1 fails, duration at its floor 0) and re-submits: self 70 → 70 % ≥ 70 % → still Khá;
superior 65 → 65 % < 70 %, ≥ 50 % → Trung bình.
"""

import datetime

import pytest

from chibo.core.models import AuditEntry, RuleSet
from chibo.evaluation.models import Rating, RatingColumn
from chibo.evaluation.services.ratings import ratings_recompute
from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus
from chibo.meetings.services import lifecycle, record
from tests.evaluation.test_ratings_service import FULL, rate, submit
from tests.meetings.conftest import hold, meeting  # noqa: F401  (fixture)

SELF, SUPERIOR = RatingColumn.SELF, RatingColumn.SUPERIOR
#: The superior's points by hand: principles 5 of 10 (30 of 35).
STRICTER = {**FULL, "principles": 5}


@pytest.fixture
def rated(tree, meeting):  # noqa: F811
    """The `hold` meeting, submitted, rated by the cell (80, Khá) and by xa (75, Khá)."""
    held = submit(tree, hold(tree, meeting))
    rate(tree.bithu, held)
    rate(tree.xa, held, SUPERIOR, STRICTER)
    return held


def correct_end_time(tree, held, ended_at):
    """Return the minutes to draft, set the end time, re-submit (the secretary)."""
    lifecycle.minutes_return(
        actor=tree.bithu, meeting_id=held.pk, expected_version=None, reason="Sửa giờ kết thúc"
    )
    items = {i.pk: i.notes for i in held.agenda_items.all()}
    record.minutes_save(
        actor=tree.bithu,
        meeting_id=held.pk,
        expected_version=None,
        started_at=datetime.time(19, 30),
        ended_at=ended_at,
        place=held.place,
        chair_id=tree.an_a1.pk,
        minute_taker_id=tree.bich_a1.pk,
        study_document="Chỉ thị 05-CT/TW",
        item_notes=items,
    )
    lifecycle.minutes_submit(actor=tree.bithu, meeting_id=held.pk, expected_version=None)


def stored(held) -> dict:
    return {r.column: r for r in Rating.objects.filter(meeting=held)}


def test_resubmitted_minutes_recompute_every_rating(
    tree, rated, django_capture_on_commit_callbacks
):  # rules DUR-1, QUAL-2, QUAL-3, QUAL-5
    before = stored(rated)
    with django_capture_on_commit_callbacks(execute=True):
        correct_end_time(tree, rated, datetime.time(20, 30))  # 60 minutes
    after = stored(rated)
    own, superior = after[SELF], after[SUPERIOR]
    assert (own.points["duration"], own.total, own.maximum, own.level) == (0, 70, 100, "fair")
    assert (superior.points["duration"], superior.total, superior.level) == (0, 65, "average")
    # the points given by hand are kept; computed ones follow the checks
    assert {c: own.points[c] for c in FULL} == FULL
    assert {c: superior.points[c] for c in FULL} == STRICTER
    for column in (SELF, SUPERIOR):
        rating, old = after[column], before[column]
        assert rating.version == old.version + 1 == 2
        assert (rating.is_final, rating.rated_at, rating.rated_by_id, rating.rater_name) == (
            old.is_final,
            old.rated_at,
            old.rated_by_id,
            old.rater_name,
        )
    assert (own.is_final, superior.is_final) == (False, True)
    entries = {
        e.data["column"]: e.data for e in AuditEntry.objects.filter(action="rating.recompute")
    }
    assert entries[SELF]["old_level"] == "fair" and entries[SELF]["new_level"] == "fair"
    assert (entries[SELF]["old_total"], entries[SELF]["new_total"]) == (80, 70)
    assert (entries[SUPERIOR]["old_level"], entries[SUPERIOR]["new_level"]) == ("fair", "average")
    assert all(e.actor is None for e in AuditEntry.objects.filter(action="rating.recompute"))


def test_a_corrected_record_can_raise_the_points_again(
    tree, rated, django_capture_on_commit_callbacks
):  # rule DUR-1: exactly 90 minutes passes
    with django_capture_on_commit_callbacks(execute=True):
        correct_end_time(tree, rated, datetime.time(20, 30))
    with django_capture_on_commit_callbacks(execute=True):
        correct_end_time(tree, rated, datetime.time(21, 0))  # 90 minutes
    after = stored(rated)
    assert (after[SELF].total, after[SELF].level, after[SELF].version) == (80, "fair", 3)
    assert (after[SUPERIOR].total, after[SUPERIOR].level) == (75, "fair")


def test_recompute_waits_for_the_commit(tree, rated, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        correct_end_time(tree, rated, datetime.time(20, 30))
        # inside the transaction nothing is recomputed yet
        assert stored(rated)[SELF].total == 80
    assert callbacks
    for callback in callbacks:
        callback()
    assert stored(rated)[SELF].total == 70


def test_adoption_of_an_unchanged_record_changes_nothing(
    tree, rated, django_capture_on_commit_callbacks
):  # rule MIN-3: adoption recomputes, but the record did not change since the rating
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.minutes_adopt(actor=tree.bithu, meeting_id=rated.pk, expected_version=None)
    after = stored(rated)
    assert (after[SELF].version, after[SUPERIOR].version) == (1, 1)
    assert (after[SELF].total, after[SUPERIOR].total) == (80, 75)
    assert not AuditEntry.objects.filter(action="rating.recompute").exists()


def test_adoption_recomputes_a_stale_rating(tree, rated, django_capture_on_commit_callbacks):
    # a record changed behind the ratings' back (an update sends no signal): 60 minutes
    Meeting.objects.filter(pk=rated.pk).update(ended_at=datetime.time(20, 30))
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.minutes_adopt(actor=tree.bithu, meeting_id=rated.pk, expected_version=None)
    after = stored(rated)
    assert (after[SELF].total, after[SUPERIOR].total, after[SUPERIOR].level) == (70, 65, "average")


def test_each_rating_keeps_its_own_rule_set(tree, rated):  # rules QUAL-2, QUAL-5
    # The cell's rating was given under an older province set demanding 80 % for Khá.
    national = RuleSet.objects.get(code="HD42-2025")
    strict = RuleSet.objects.create(
        code="TQ-2000",
        title="Quy định TQ-2000",
        legal_basis="Hướng dẫn của Ban Tổ chức Tỉnh ủy, 20/12/1999",
        valid_from=datetime.date(2000, 1, 1),
        valid_to=datetime.date(2000, 12, 31),
        unit=tree.province,
        values={**national.values, "rating_thresholds": {"good": 90, "fair": 80, "average": 50}},
    )
    Rating.objects.filter(meeting=rated, column=SELF).update(rule_set=strict)
    Meeting.objects.filter(pk=rated.pk).update(ended_at=datetime.time(20, 30))
    assert ratings_recompute(meeting=rated) == 2
    after = stored(rated)
    # 70 % under TQ-2000 (fair from 80 %) → Trung bình; the superior's 65 % under HD42-2025.
    assert (after[SELF].total, after[SELF].level, after[SELF].rule_set_id) == (
        70,
        "average",
        strict.pk,
    )
    assert (after[SUPERIOR].level, after[SUPERIOR].rule_set.code) == ("average", "HD42-2025")
    assert ratings_recompute(meeting=rated) == 0  # nothing left to change


@pytest.mark.parametrize("status", [MeetingStatus.DRAFT, MeetingStatus.CANCELLED])
def test_meetings_not_rated_now_are_left_alone(tree, rated, status):
    Meeting.objects.filter(pk=rated.pk).update(status=status, ended_at=datetime.time(20, 30))
    assert ratings_recompute(meeting=rated) == 0
    assert stored(rated)[SELF].total == 80


def test_committee_and_unrated_meetings(tree, meeting, django_assert_num_queries):  # noqa: F811
    committee = Meeting.objects.create(
        unit=tree.cell_a1, kind=MeetingKind.COMMITTEE, status=MeetingStatus.SUBMITTED,
        date=meeting.date,
    )  # fmt: skip
    # in a test the atomic block is a savepoint: SAVEPOINT and RELEASE are two queries
    with django_assert_num_queries(3):  # the meeting only
        assert ratings_recompute(meeting=committee) == 0
    held = submit(tree, hold(tree, meeting))
    with django_assert_num_queries(4):  # the meeting, its (no) ratings
        assert ratings_recompute(meeting=held) == 0


def test_a_rating_missing_hand_points_is_left_as_it_is(tree, rated):
    own = Rating.objects.get(meeting=rated, column=SELF)
    points = dict(own.points)
    del points["principles"]
    Rating.objects.filter(pk=own.pk).update(points=points)
    Meeting.objects.filter(pk=rated.pk).update(ended_at=datetime.time(20, 30))
    assert ratings_recompute(meeting=rated) == 1  # the superior's only
    own.refresh_from_db()
    assert (own.total, own.version, own.points) == (80, 1, points)


def test_a_failure_is_logged_not_raised(tree, rated, monkeypatch, caplog):
    from chibo.evaluation import signals

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("chibo.evaluation.services.ratings.ratings_recompute", broken)
    signals._recompute_after_commit(rated.pk)  # does not raise
    assert "ratings recompute failed" in caplog.text
