"""The rating lines of the minutes (RULES "Order" item 11; rule QUAL-3): the cell writes its
own rating into the minutes, with the superior's when given. Registered with
`chibo.meetings.documents.minutes.register_closing_lines` by the app config."""

from chibo.evaluation.models import Level, Rating, RatingColumn
from chibo.meetings.models import MeetingKind, MeetingStatus

#: Level names as printed in party documents (GLOSSARY "Tốt / Khá / Trung bình / Kém").
LEVEL_WORDS = {
    Level.GOOD: "Tốt",
    Level.FAIR: "Khá",
    Level.AVERAGE: "Trung bình",
    Level.POOR: "Kém",
}
BLANK = "…………"


def rating_lines(record) -> list[str]:
    """Sentences stating the meeting's ratings, for a `MeetingRecord`: the self rating (a
    blank to fill by hand when none is recorded) and the superior's when given. Committee
    meetings are not rated: no line. One query.

    Adopted minutes never change (rule MIN-3): once the meeting is adopted only ratings
    given by its adoption (`rated_at` not after `adopted_at`) are printed, so a superior
    rating given later stays on the score sheet and out of the adopted minutes. The cell's
    own rating locks at adoption, so it prints as it was then.
    """
    meeting = record.meeting
    if meeting.kind == MeetingKind.COMMITTEE:
        return []
    ratings = Rating.objects.filter(meeting_id=meeting.pk)
    if meeting.status == MeetingStatus.ADOPTED and meeting.adopted_at is not None:
        ratings = ratings.filter(rated_at__lte=meeting.adopted_at)
    ratings = {r.column: r for r in ratings}
    own = ratings.get(RatingColumn.SELF)
    if own is None:
        lines = [f"Chi bộ tự đánh giá, xếp loại chất lượng buổi sinh hoạt: {BLANK}"]
    else:
        lines = [
            "Chi bộ tự đánh giá, xếp loại chất lượng buổi sinh hoạt: "
            f"{LEVEL_WORDS[own.level]} ({own.total}/{own.maximum} điểm)."
        ]
    superior = ratings.get(RatingColumn.SUPERIOR)
    if superior is not None:
        who = f" ({superior.rater_name})" if superior.rater_name else ""
        lines.append(
            f"Cấp ủy cấp trên{who} xếp loại: {LEVEL_WORDS[superior.level]} "
            f"({superior.total}/{superior.maximum} điểm)."
        )
    return lines
