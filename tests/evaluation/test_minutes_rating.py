"""The minutes carry the meeting's rating (RULES "Order" item 11, rule QUAL-3)."""

from django.utils import timezone

from chibo.core.rules import rules_in_force
from chibo.evaluation.models import Level, Rating, RatingColumn, ScoreSheet
from tests.meetings.test_exports import _download, _lines, held  # noqa: F401  (fixture)


def _rate(meeting, column, level, total, rater=""):
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
        rated_at=timezone.now(),
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
