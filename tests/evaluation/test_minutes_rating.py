"""The minutes carry the meeting's rating (RULES "Order" item 11, rule QUAL-3), as it was
when they were adopted (rule MIN-3)."""

import datetime

from django.utils import timezone

from chibo.core.rules import rules_in_force
from chibo.evaluation.models import Level, Rating, RatingColumn, ScoreSheet
from chibo.meetings.models import Meeting, MeetingStatus
from tests.meetings.test_exports import _download, _lines, held  # noqa: F401  (fixture)


def _rate(meeting, column, level, total, rater="", at=None):
    return Rating.objects.create(
        meeting=meeting,
        column=column,
        sheet=ScoreSheet.objects.get(code="QUAL2-VD"),
        rule_set=rules_in_force(meeting.date, meeting.unit),
        points={},
        total=total,
        maximum=100,
        level=level,
        rater_name=rater,
        rated_at=at or timezone.now(),
    )


def test_unrated_meeting_has_a_blank_to_fill(held, tree, client_for):  # noqa: F811
    lines = _lines(_download(client_for(tree.bithu), "minutes-docx", held))
    assert "Chi bộ tự đánh giá, xếp loại chất lượng buổi sinh hoạt: …………" in lines


def test_self_and_superior_ratings_are_written(held, tree, client_for):  # noqa: F811
    _rate(held, RatingColumn.SELF, Level.FAIR, 82)
    _rate(held, RatingColumn.SUPERIOR, Level.AVERAGE, 68, rater="Hoàng Thị Lan")
    lines = _lines(_download(client_for(tree.bithu), "minutes-docx", held))
    assert "Chi bộ tự đánh giá, xếp loại chất lượng buổi sinh hoạt: Khá (82/100 điểm)." in lines
    assert "Cấp ủy cấp trên (Hoàng Thị Lan) xếp loại: Trung bình (68/100 điểm)." in lines


def test_adopted_minutes_print_only_ratings_given_by_adoption(held, tree, client_for):  # noqa: F811
    # rule MIN-3: adopted minutes never change, so a superior rating given after the
    # adoption stays on the score sheet and out of the minutes
    adopted_at = timezone.now() - datetime.timedelta(days=2)
    Meeting.objects.filter(pk=held.pk).update(status=MeetingStatus.ADOPTED, adopted_at=adopted_at)
    _rate(held, RatingColumn.SELF, Level.FAIR, 82, at=adopted_at - datetime.timedelta(hours=1))
    superior = _rate(held, RatingColumn.SUPERIOR, Level.AVERAGE, 68, rater="Hoàng Thị Lan")
    lines = _lines(_download(client_for(tree.bithu), "minutes-docx", held))
    assert "Chi bộ tự đánh giá, xếp loại chất lượng buổi sinh hoạt: Khá (82/100 điểm)." in lines
    assert not [line for line in lines if line.startswith("Cấp ủy cấp trên")]
    # given at the very moment of adoption (not after it): printed
    Rating.objects.filter(pk=superior.pk).update(rated_at=adopted_at)
    lines = _lines(_download(client_for(tree.bithu), "minutes-docx", held))
    assert "Cấp ủy cấp trên (Hoàng Thị Lan) xếp loại: Trung bình (68/100 điểm)." in lines


def test_minutes_not_adopted_yet_print_every_rating(held, tree, client_for):  # noqa: F811
    Meeting.objects.filter(pk=held.pk).update(status=MeetingStatus.SUBMITTED)
    _rate(held, RatingColumn.SUPERIOR, Level.GOOD, 95, rater="Hoàng Thị Lan")
    lines = _lines(_download(client_for(tree.bithu), "minutes-docx", held))
    assert "Cấp ủy cấp trên (Hoàng Thị Lan) xếp loại: Tốt (95/100 điểm)." in lines
    assert "Chi bộ tự đánh giá, xếp loại chất lượng buổi sinh hoạt: …………" in lines
