"""Score sheet ratings of the demo's held cell meetings (rules QUAL-1..5).

Every cell meeting (not a committee meeting) whose minutes are submitted or adopted gets the
cell's own rating ("self" column) and about a fifth of them also the superior's, which is
then the final one (QUAL-3). Computed criteria get exactly the points the app computes from
the record (verdicts.py mirrors evaluation.checks in bulk); criteria scored by hand follow a
per-cell quality drawn from the cell's tier (year.TIERS), lowered at the meetings the builder
made weak, so weak cells cluster lower and some have three weak meetings in a row (the
WEAK_MEETINGS warning). Totals, levels and caps come from `evaluation.scoring.score`, so they
are what the app computes. The closing note of the minutes names the cell's own level.

Rows are written with the builder's `save.insert` (executemany or COPY), after the meetings
have their ids; `rated_by` stays empty (the guard counts a rating by a user as real work).
"""

import datetime
import random
import re

from chibo.demo.builder.meetings import texts, verdicts
from chibo.demo.builder.meetings.save import AgendaRow, AttendanceRow, GuestRow, SpeechRow, insert
from chibo.evaluation.models import CriterionSource, Rating, RatingColumn, ScoreSheet
from chibo.evaluation.scoring import applicable, score
from chibo.meetings.models import MeetingKind, MeetingStatus, Section

#: Statuses whose meetings are rated (evaluation.permissions.RATABLE_STATUSES).
RATED_STATUSES = frozenset({MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED})
#: The levels as the minutes write them (Hướng dẫn 12-HD/BTCTW; party documents are Vietnamese).
LEVEL_WORDS = {"good": "Tốt", "fair": "Khá", "average": "Trung bình", "poor": "Kém"}
_CLOSING_LEVEL = re.compile(r"đạt loại (Tốt|Khá|Trung bình|Kém)")
#: A cell's usual quality for the hand-scored criteria, (low, high) by tier (year.TIERS):
#: about the share of those points its meetings earn (above 1: nearly always full points).
QUALITY = {"good": (0.96, 1.06), "fair": (0.65, 0.88), "weak": (0.42, 0.68)}
#: A meeting's quality varies around its cell's by this much (low, high).
JITTER = (-0.06, 0.06)
#: A weak meeting (year.Slot.weak) is this much lower; now and then (`DIP_CHANCE`) an
#: ordinary meeting is `DIP` lower.
WEAK_MEETING_DROP = 0.2
DIP_CHANCE, DIP = 0.02, 0.3
#: Participation and content follow attendance and preparation: a meeting's quality drops
#: by DRAG × (computed points lost, at most DRAG_CAP) ÷ (computed points of the sheet).
#: Tuned on the province so the final levels come to about 37 % Tốt, 45 % Khá, 14 %
#: Trung bình, 4 % Kém (docs/benchmarks.md "Evaluation").
DRAG, DRAG_CAP = 1.45, 20
#: Chance that the superior rates a meeting: by default, for a weak cell, with an official
#: guest at the meeting (the visiting official scores at the meeting, QUAL-3).
SUPERIOR_CHANCE = {"default": 0.16, "weak": 0.35, "visited": 0.7}
#: Comments of the superior, by final level.
SUPERIOR_NOTES = {
    "good": ("Chi bộ chuẩn bị chu đáo, sinh hoạt nền nếp.", ""),
    "fair": ("Cần phát huy hơn nữa tinh thần tự phê bình và phê bình.", ""),
    "average": (
        "Đề nghị chi ủy rút kinh nghiệm về chuẩn bị nội dung và thời lượng sinh hoạt.",
        "Tỷ lệ đảng viên dự họp thấp; đề nghị chi bộ kiểm điểm, khắc phục.",
    ),
    "poor": ("Buổi sinh hoạt chưa bảo đảm yêu cầu; đề nghị chi ủy kiểm điểm, báo cáo đảng ủy.",),
}
_FIELDS = [
    "meeting_id",
    "column",
    "sheet_id",
    "rule_set_id",
    "points",
    "total",
    "maximum",
    "level",
    "capped",
    "is_final",
    "note",
    "rater_name",
    "rated_at",
    "version",
]


class Sheets:
    """The score sheets and their criteria, read once (two queries), by rule set and kind."""

    def __init__(self):
        """Load every sheet with its criteria in sheet order."""
        self.by_code = {}
        self._applicable: dict[tuple[str, str], list] = {}
        for sheet in ScoreSheet.objects.prefetch_related("criteria"):
            criteria = sorted(sheet.criteria.all(), key=lambda c: (c.group, c.order, c.id))
            self.by_code[sheet.code] = (sheet, criteria)

    def get(self, rule_set, kind: str) -> tuple:
        """(sheet, criteria applying to a meeting of `kind`) of the sheet the rule set names
        (`score_sheet`; KeyError when no sheet has that code)."""
        code = rule_set["score_sheet"]
        sheet, criteria = self.by_code[code]
        key = (code, kind)
        if key not in self._applicable:
            self._applicable[key] = applicable(criteria, kind)
        return sheet, self._applicable[key]


def hand_points(rng: random.Random, criteria, quality: float) -> dict[str, int]:
    """Points of the criteria scored by hand for a meeting of `quality` (0–1): each
    criterion is full with chance quality ** 0.8, else it gets a share of its points drawn
    between quality − 0.45 and quality − 0.05 (below its maximum, never below its floor)."""
    points = {}
    for c in criteria:
        if c.source != CriterionSource.MANUAL:
            continue
        span = c.max_points - c.min_points
        if not span or rng.random() < quality**0.8:
            points[c.code] = c.max_points
            continue
        share = min(0.95, max(0.0, rng.uniform(quality - 0.45, quality - 0.05)))
        points[c.code] = c.min_points + min(span - 1, round(span * share))
    return points


def stricter(rng: random.Random, criteria, points: dict[str, int]) -> dict[str, int]:
    """The superior's points: usually the cell's own, else one or two hand-scored criteria
    a point or two lower (superiors are as strict or a bit stricter, never more generous)."""
    result = dict(points)
    if rng.random() < 0.55:
        return result
    manual = [c for c in criteria if c.source == CriterionSource.MANUAL and c.code in points]
    for c in rng.sample(manual, min(len(manual), rng.choice((1, 1, 2)))):
        result[c.code] = max(c.min_points, result[c.code] - rng.choice((1, 1, 2)))
    return result


class CommuneRatings:
    """Rates the meetings of one commune's batch: `add()` each cell's year and slots as they
    are written, `prepare(batch)` before `batch.save()` (it computes the ratings and writes
    the level into the closing notes), `save()` after it (the meetings then have ids)."""

    def __init__(self, shared, sheets: Sheets, rng: random.Random, commune):
        """`shared` is the builder's minutes.Shared; `commune` the plan.CommunePlan."""
        self.shared = shared
        self.sheets = sheets
        self.rng = rng
        self.commune = commune
        self.cells: list[tuple] = []
        self.rows: list[tuple] = []  # (meeting, column, fields after meeting_id)

    def add(self, year, slots: list) -> None:
        """Record a cell's year (year.CellYear) and its slots (year.Slot), already written."""
        self.cells.append((year, slots))

    def prepare(self, batch) -> None:
        """Compute the ratings of the batch's rated meetings and name the cell's own level in
        each one's closing note."""
        rows = verdicts.CommuneRows(batch, AgendaRow, AttendanceRow, SpeechRow)
        officials: dict[int, str] = {}
        for guest in batch.rows[GuestRow]:
            if guest.is_official:
                officials.setdefault(id(guest.meeting), f"{guest.name}, {guest.position}")
        levels: dict[int, str] = {}
        for year, slots in self.cells:
            low, high = QUALITY[year.tier]
            quality = self.rng.uniform(low, high)
            cell = verdicts.CellFacts([slot.meeting for slot in slots], rows, year.cell.unit.pk)
            for slot in slots:
                meeting = slot.meeting
                if meeting.kind == MeetingKind.COMMITTEE or meeting.status not in RATED_STATUSES:
                    continue
                share = quality + self.rng.uniform(*JITTER)
                if slot.weak:
                    share -= WEAK_MEETING_DROP
                if self.rng.random() < DIP_CHANCE:
                    share -= DIP
                chance = SUPERIOR_CHANCE["weak" if year.tier == "weak" else "default"]
                official = officials.get(id(meeting))
                if official:
                    chance = SUPERIOR_CHANCE["visited"]
                levels[id(meeting)] = self._rate(
                    meeting,
                    year.cell.unit,
                    rows,
                    cell,
                    share,
                    chance,
                    official,
                )
        self._closing_notes(batch, levels)

    def _rate(self, meeting, unit, rows, cell, share, chance, official) -> str:
        """Queue the rating(s) of one meeting of the cell `unit`; return the cell's own
        level. `share` is the meeting's quality for the hand-scored criteria, `chance` that of
        a superior rating, `official` the name of an official guest (who then rates)."""
        shared, rng = self.shared, self.rng
        rule_set = shared.rule_set(meeting.date, unit)
        sheet, criteria = self.sheets.get(rule_set, meeting.kind)
        found = verdicts.by_source(meeting, rows, cell, rule_set, shared.tz)
        points = verdicts.computed_points(criteria, found)
        computed = sum(c.max_points for c in criteria if c.code in points)
        lost = sum(c.max_points - points[c.code] for c in criteria if c.code in points)
        if computed:
            share -= DRAG * min(lost, DRAG_CAP) / computed
        points.update(hand_points(rng, criteria, max(0.05, min(share, 1.0))))
        own = score(criteria, points, meeting.kind, rule_set)
        submitted = meeting.submitted_at.astimezone(shared.tz).date()
        days = (shared.today - submitted).days
        superior = days >= 2 and rng.random() < chance
        names = shared.records.names
        ended = datetime.datetime.combine(meeting.date, meeting.ended_at, tzinfo=shared.tz)
        common = (sheet.pk, rule_set.pk)
        self.rows.append(
            # (meeting, then the values of _FIELDS after meeting_id)
            (meeting, RatingColumn.SELF.value, *common, points, own.total, own.maximum)
            + (own.level, own.capped, not superior, "", names.get(meeting.chair_id, ""), ended, 1)
        )
        if superior:
            their = stricter(rng, criteria, points)
            result = score(criteria, their, meeting.kind, rule_set)
            when = submitted + datetime.timedelta(days=rng.randint(1, min(7, days - 1)))
            self.rows.append(
                (meeting, RatingColumn.SUPERIOR.value, *common, their, result.total)
                + (result.maximum, result.level, result.capped, True)
                + (
                    rng.choice(SUPERIOR_NOTES[result.level]),
                    official or self._superior_name(meeting.date),
                )
                + (shared.at(when, 15), 1)
            )
        return own.level

    def _superior_name(self, day: datetime.date) -> str:
        """A member of the commune's committee on `day`, with the title, or the committee."""
        commune = self.commune.unit
        holders = self.shared.records.holders(commune.pk, day.toordinal())
        if not holders:
            return "Đảng ủy " + commune.name.removeprefix("Đảng bộ ")
        kind, member = self.rng.choice(holders)
        title = texts.COMMITTEE_TITLES.get(kind, "Đảng ủy viên")
        return f"{self.shared.records.names[member]}, {title}"

    @staticmethod
    def _closing_notes(batch, levels: dict[int, str]) -> None:
        """Write each rated meeting's own level into its closing note ("đạt loại …")."""
        agenda = batch.rows[AgendaRow]
        for index, row in enumerate(agenda):
            if row.section != Section.CLOSING or not row.notes:
                continue
            level = levels.get(id(row.meeting))
            if level is not None:
                notes = _CLOSING_LEVEL.sub(f"đạt loại {LEVEL_WORDS[level]}", row.notes)
                agenda[index] = row._replace(notes=notes)

    def save(self) -> None:
        """INSERT the queued ratings (after `batch.save()` gave the meetings their ids)."""
        insert(Rating, _FIELDS, [(row[0].pk, *row[1:]) for row in self.rows])
        self.rows = []
