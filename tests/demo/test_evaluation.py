"""The demo's meeting ratings and early warnings (issue 4: "the demo province shows a realistic
spread of ratings and warnings"; rules QUAL-1..5, ATT-2, DUR-1/2, MIN-2, PREP-1..4).

Built at the small scale (four communes, 33 cells, ~390 rated meetings): the tiny one has
too few meetings for every level to occur.
"""

import datetime
import random
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from chibo.core.rules import rules_in_force
from chibo.demo.builder import ACCOUNT_CELL, ACCOUNT_COMMUNE, build_demo
from chibo.demo.builder.evaluation import evaluation_summary
from chibo.demo.builder.meetings.ratings import LEVEL_WORDS
from chibo.demo.builder.report import summary_lines
from chibo.demo.exceptions import DemoRefused
from chibo.evaluation.checks import computed_points, meeting_checks
from chibo.evaluation.models import (
    LEVEL_ORDER,
    CriterionSource,
    EarlyWarning,
    Rating,
    RatingColumn,
)
from chibo.evaluation.scoring import applicable, score, sheet_for
from chibo.meetings.models import AgendaItem, Meeting, MeetingKind, MeetingStatus, Section
from chibo.org.models import Unit
from chibo.org.selectors import subtree_q
from tests.demo.conftest import TODAY

pytestmark = pytest.mark.django_db
RATED = [MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED]


@pytest.fixture
def small(db) -> dict:
    """Build the small demo province (seed 2026) on TODAY and return its row counts."""
    return build_demo(seed=2026, scale="small", progress=False, today=TODAY)


def _rated_meetings():
    return Meeting.objects.filter(status__in=RATED).exclude(kind=MeetingKind.COMMITTEE)


def test_every_submitted_or_adopted_cell_meeting_has_one_final_rating_and_its_own(small):
    # rule QUAL-3: the cell rates each meeting; the superior's rating, when given, is final
    rated = set(_rated_meetings().values_list("pk", flat=True))
    assert len(rated) > 300
    finals = Counter(Rating.objects.filter(is_final=True).values_list("meeting_id", flat=True))
    assert set(finals) == rated and set(finals.values()) == {1}
    own = Counter(
        Rating.objects.filter(column=RatingColumn.SELF).values_list("meeting_id", flat=True)
    )
    assert set(own) == rated and set(own.values()) == {1}
    # committee meetings, drafts, planned and cancelled meetings have none
    assert not Rating.objects.exclude(meeting_id__in=rated).exists()
    assert small["ratings"] == Rating.objects.count()


def test_a_superior_rates_about_a_fifth_and_is_final_and_a_bit_stricter(small):
    superior = list(Rating.objects.filter(column=RatingColumn.SUPERIOR).select_related("meeting"))
    midnight = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(0)))
    own = {r.meeting_id: r for r in Rating.objects.filter(column=RatingColumn.SELF)}
    assert 0.12 <= len(superior) / len(own) <= 0.3
    stricter = 0
    for rating in superior:
        mine = own[rating.meeting_id]
        assert rating.is_final and not mine.is_final
        assert rating.total <= mine.total
        assert all(rating.points[code] <= points for code, points in mine.points.items())
        stricter += rating.total < mine.total
        # the superior rates after the minutes are submitted, before the build's day
        assert rating.meeting.submitted_at < rating.rated_at < midnight
        assert rating.rater_name
    assert 0 < stricter < len(superior)
    rated_above = {r.meeting_id for r in superior}
    assert all(r.is_final for r in own.values() if r.meeting_id not in rated_above)


def test_ratings_are_made_by_the_build_not_by_a_user(small):
    ratings = Rating.objects.select_related("meeting")
    assert not ratings.filter(rated_by__isnull=False).exists()
    assert set(ratings.values_list("version", flat=True)) == {1}
    for rating in ratings.filter(column=RatingColumn.SELF).select_related("meeting__chair")[:50]:
        # the cell rates at the end of the meeting, chaired by its secretary (or deputy)
        meeting = rating.meeting
        assert rating.rater_name == meeting.chair.full_name
        local = timezone.localtime(rating.rated_at)
        assert (local.date(), local.time()) == (meeting.date, meeting.ended_at)


def _sample():
    """Five final ratings of each level (QUAL-2), drawn with a fixed seed: 20 meetings."""
    rng, chosen = random.Random(4), []
    for level in LEVEL_ORDER:
        pks = list(
            Rating.objects.filter(is_final=True, level=level)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        chosen += rng.sample(pks, 5)
    return chosen


def test_computed_points_total_and_level_are_what_the_app_computes(small):
    # rules ATT-2, DUR-1/2, MIN-2, PREP-1..3 and the Đề án 16 items give the computed
    # criteria; QUAL-2/QUAL-5 the total, level and cap (evaluation.checks, evaluation.scoring)
    sample = _sample()
    assert len(sample) == 20
    lost = Counter()
    for rating_pk in sample:
        final = Rating.objects.select_related("meeting__unit", "rule_set", "sheet").get(
            pk=rating_pk
        )
        meeting = final.meeting
        checks = meeting_checks(meeting=meeting)
        rule_set = rules_in_force(meeting.date, meeting.unit)
        assert checks.rule_set == rule_set
        criteria = applicable(sheet_for(rule_set).criteria.all(), meeting.kind)
        for rating in meeting.ratings.all():
            assert rating.rule_set_id == rule_set.pk
            assert rating.sheet.code == rule_set["score_sheet"] == "QUAL2-VD"
            assert set(rating.points) == {c.code for c in criteria}
            expected = computed_points(criteria, checks)
            assert {code: rating.points[code] for code in expected} == expected, meeting.pk
            result = score(criteria, rating.points, meeting.kind, rule_set)
            assert (rating.total, rating.maximum, rating.level, rating.capped) == (
                result.total,
                result.maximum,
                result.level,
                result.capped,
            )
            assert rating.maximum == 100  # the example sheet applies to every kind
        lost.update(c.source for c in criteria if final.points[c.code] < c.max_points)
    # the sample exercises failed checks, not only full marks
    # (submitted minutes are complete, MIN-2, so the minutes criterion keeps full points)
    assert lost[CriterionSource.ATTENDANCE] and lost[CriterionSource.SELF_CRITICISM]


def test_final_levels_cover_all_four_levels_with_a_realistic_spread(small):
    levels = evaluation_summary()["levels"]
    total = sum(levels.values())
    assert total == _rated_meetings().count()
    assert all(levels[level] > 0 for level in ["good", "fair", "average", "poor"])
    assert levels["good"] > levels["average"] > levels["poor"]
    assert levels["fair"] > levels["poor"]
    weak = (levels["average"] + levels["poor"]) / total
    assert 0.05 <= weak <= 0.3


def test_the_minutes_name_the_cell_own_level(small):
    # rule QUAL-3: the cell writes its own rating into the minutes
    own = dict(Rating.objects.filter(column=RatingColumn.SELF).values_list("meeting_id", "level"))
    closing = AgendaItem.objects.filter(meeting_id__in=own, section=Section.CLOSING)
    notes = list(closing.values_list("meeting_id", "notes"))
    assert len(notes) == len(own)
    for meeting_id, text in notes:
        assert f"đạt loại {LEVEL_WORDS[own[meeting_id]]}." in text


def test_warnings_exist_after_the_build_for_the_province_and_the_account_units(small):
    summary = evaluation_summary()["warnings"]
    kinds = {kind for kind, count in summary.items() if count}
    assert len(kinds) >= 4
    assert EarlyWarning.objects.filter(resolved_on__isnull=True).count() == sum(summary.values())
    # dated from when each condition began (detect.condition_since), none after the build
    dates = set(EarlyWarning.objects.values_list("detected_on", flat=True))
    assert max(dates) <= TODAY and len(dates) > 1
    commune = Unit.objects.get(name=ACCOUNT_COMMUNE)
    in_commune = EarlyWarning.objects.filter(subtree_q(commune.path, "unit__"))
    assert len(set(in_commune.values_list("kind", flat=True))) >= 2
    cell = Unit.objects.get_children(commune).get(name=ACCOUNT_CELL)
    assert EarlyWarning.objects.filter(unit=cell).exists()


def test_the_report_prints_the_spread_and_the_warnings(small):
    lines = summary_lines(1.5, small, evaluation_summary())
    text = "\n".join(lines)
    assert "Tốt" in text and "Kém" in text
    assert any("%" in line for line in lines)
    assert len(lines) == 2 + len(small) + 1 + 4 + 1 + len(evaluation_summary()["warnings"])


def test_a_rating_saved_by_a_user_counts_as_work_on_the_demo(tiny):
    rating = Rating.objects.filter(column=RatingColumn.SELF).order_by("pk").first()
    rating.rated_by = get_user_model().objects.get(username="bithu")
    rating.save(update_fields=["rated_by"])
    with pytest.raises(DemoRefused):
        build_demo(scale="tiny", progress=False, today=TODAY)
    assert Rating.objects.filter(rated_by__isnull=False).count() == 1


def test_a_forced_rebuild_wipes_ratings_and_warnings(tiny):
    ratings, warnings = Rating.objects.count(), EarlyWarning.objects.count()
    assert ratings and warnings
    old_rating = Rating.objects.order_by("pk").first().pk
    warning = EarlyWarning.objects.order_by("pk").first()
    warning.note = "Đã nhắc chi bộ"
    warning.acknowledged_by = get_user_model().objects.get(username="xa")
    warning.save()
    Rating.objects.filter(pk=old_rating).update(rated_by=warning.acknowledged_by)
    second = build_demo(scale="tiny", force=True, progress=False, today=TODAY)
    assert second == tiny
    assert (Rating.objects.count(), EarlyWarning.objects.count()) == (ratings, warnings)
    assert not Rating.objects.filter(pk=old_rating).exists()
    assert not Rating.objects.filter(rated_by__isnull=False).exists()
    assert not EarlyWarning.objects.exclude(note="").exists()
