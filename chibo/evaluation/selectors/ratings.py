"""Reads of a meeting's score sheet and checklist: what the rating page and the meeting
page's evaluation panel show (rules QUAL-1..3, QUAL-5; the checks of `evaluation.checks`).

The meeting always comes from a scoped selector (`meetings.selectors.meeting_get`), so
nothing here widens what the actor sees. Who may fill which column is decided here once
(`may_fill`, `rating_blocker`) and reused by the service, so the page and the service
never disagree.
"""

import dataclasses
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from chibo.core.rules import legal_basis_label
from chibo.evaluation.checks import (
    Check,
    MeetingChecks,
    computed_points,
    meeting_checks,
    percent_text,
)
from chibo.evaluation.models import (
    Criterion,
    CriterionGroup,
    CriterionSource,
    Level,
    Rating,
    RatingColumn,
    ScoreSheet,
)
from chibo.evaluation.permissions import is_superior_of, speaks_for_cell
from chibo.evaluation.scoring import Score, applicable, sheet_for
from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus

#: Display order of the two columns (rule QUAL-3: self, then superior).
COLUMNS = (RatingColumn.SELF, RatingColumn.SUPERIOR)


def official_user_ids(guests) -> frozenset[int]:
    """User ids of the visiting officials recorded as guests of a meeting (VIS-3): `guests`
    are its Guest rows (MeetingRecord.guests), so no query."""
    return frozenset(g.user_id for g in guests if g.is_official and g.user_id)


def may_fill(actor, meeting: Meeting, column: str, official_ids=frozenset()) -> bool:
    """True if the actor's roles let them fill `column` of the meeting's score sheet,
    whatever the meeting's state: the self column for the cell's secretary or deputy
    (`permissions.speaks_for_cell`), the superior column for a superior of the cell
    (`permissions.is_superior_of`) or a visiting official recorded as its guest (rule
    QUAL-3, VIS-3)."""
    if column == RatingColumn.SELF:
        return speaks_for_cell(actor, meeting.unit)
    if column == RatingColumn.SUPERIOR:
        actor_id = getattr(actor, "pk", None)
        return is_superior_of(actor, meeting.unit) or (
            actor_id is not None and actor_id in official_ids
        )
    return False


def rating_blocker(meeting: Meeting, column: str) -> str:
    """Why `column` of the meeting cannot be filled now (translated), "" when it can.

    Rated are cell meetings whose minutes are complete: submitted (both columns) or adopted
    (the superior column only; the cell's own rating is written into the minutes before
    adoption and locked with them, rule MIN-3). Rule QUAL-3.
    """
    if meeting.kind == MeetingKind.COMMITTEE:
        return _("Cell committee meetings are not rated.")
    if meeting.status == MeetingStatus.CANCELLED:
        return _("A cancelled meeting is not rated.")
    if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.DRAFT):
        return _(
            "A meeting is rated only once its minutes are complete and submitted. Submit the "
            "minutes first."
        )
    if column == RatingColumn.SELF and meeting.status == MeetingStatus.ADOPTED:
        return _(
            "The minutes are adopted, so the cell's own rating is locked and can no longer be "
            "changed (rule MIN-3)."
        )
    return ""


@dataclass
class ColumnView:
    """One column of a meeting's score sheet as shown: its stored `rating` (None: not rated
    yet), the `score` rebuilt from it (total, maximum, percent, level, capped, lost),
    `gate_names` (labels of gate criteria without full points when capped), whether the
    actor `may_fill` it by role and `editable` now, and `blocker` (why not, translated).
    When the rating was computed under another rule set than the one in force now (a
    province's own set added since, say), `other_rule_set` is that set, `other_basis` its
    legal basis and `other_thresholds` how it decides the level (`level_rule_text`)."""

    column: str
    label: str
    rating: Rating | None
    score: Score | None
    gate_names: list[str]
    may_fill: bool
    editable: bool
    blocker: str
    other_rule_set: object = None
    other_basis: str = ""
    other_thresholds: str = ""

    @property
    def level_label(self) -> str:
        """The level's name (Tốt / Khá / Trung bình / Kém), "" when not rated."""
        return Level(self.rating.level).label if self.rating else ""


@dataclass
class SheetRow:
    """One criterion of the sheet: `computed` criteria show the verdict of the `checks`
    feeding them (`verdict` False when one failed, True when all passed, None when none
    applies) and get `computed_points`; `points` is {column: points or None}; `cells` the
    same in column order as {"column", "value", "rated"}. `field` is the form field the
    view attaches for the column being filled."""

    criterion: Criterion
    computed: bool
    verdict: bool | None
    checks: list[Check]
    computed_points: int | None
    points: dict
    cells: list = dataclasses.field(default_factory=list)
    field: object = None


@dataclass
class SheetGroup:
    """The criteria of one of the five HD 12 groups (rule QUAL-1) and their maximum."""

    group: int
    label: str
    rows: list[SheetRow]
    maximum: int


@dataclass
class RatingSheet:
    """Everything the rating page shows (see `meeting_rating_sheet`)."""

    meeting: Meeting
    rule_set: object
    legal_basis: str
    checks: MeetingChecks
    columns: dict[str, ColumnView]
    final: ColumnView | None
    sheet: ScoreSheet | None = None
    groups: list[SheetGroup] = dataclasses.field(default_factory=list)
    maximum: int = 0
    computed: dict = dataclasses.field(default_factory=dict)
    thresholds: str = ""

    @property
    def editable(self) -> list[str]:
        """The columns the actor may fill now, in display order."""
        return [c for c in COLUMNS if self.columns[c].editable]

    @property
    def column_list(self) -> list[ColumnView]:
        """The two columns in display order (self, superior)."""
        return [self.columns[c] for c in COLUMNS]

    @property
    def final_level_label(self) -> str:
        """The level that counts (the superior's when given, else the cell's), or ""."""
        return self.final.level_label if self.final else ""


def _stored_score(rating: Rating, criteria: list | None) -> Score:
    """A Score from a stored rating: its total, maximum, level and cap as saved; `lost`
    (criterion, given, lost) worked out from its points against `criteria` (empty without)."""
    lost = []
    for criterion in criteria or []:
        given = rating.points.get(criterion.code)
        if isinstance(given, int) and given < criterion.max_points:
            lost.append((criterion, given, criterion.max_points - given))
    return Score(rating.total, rating.maximum, rating.percent, rating.level, rating.capped, lost)


def _gate_names(rating: Rating, criteria: list | None) -> list[str]:
    """Labels of the rule set's gate criteria (`rating_gate_criteria`, rule QUAL-2/QUAL-5)
    that lack full points in a capped rating."""
    if not rating.capped or not criteria:
        return []
    gates = set(rating.rule_set["rating_gate_criteria"] or [])
    return [
        c.label for c in criteria if c.code in gates and rating.points.get(c.code, 0) < c.max_points
    ]


def _columns(actor, meeting: Meeting, checks: MeetingChecks) -> dict:
    """{column: ColumnView} for both columns (without lost points: see
    `_add_lost_points`); one query for the stored ratings."""
    ratings = {
        r.column: r for r in Rating.objects.filter(meeting=meeting).select_related("rule_set")
    }
    officials = official_user_ids(checks.record.guests)
    columns = {}
    for column in COLUMNS:
        rating = ratings.get(column)
        allowed = may_fill(actor, meeting, column, officials)
        blocker = rating_blocker(meeting, column)
        columns[column] = ColumnView(
            column=column,
            label=RatingColumn(column).label,
            rating=rating,
            score=_stored_score(rating, None) if rating else None,
            gate_names=[],
            may_fill=allowed,
            editable=allowed and not blocker,
            blocker=blocker,
        )
        if rating is not None and rating.rule_set_id != checks.rule_set.pk:
            columns[column].other_rule_set = rating.rule_set
            columns[column].other_basis = legal_basis_label(rating.rule_set)
    return columns


def _final(columns: dict) -> ColumnView | None:
    """The column that counts: the superior's when rated, else the cell's (rule QUAL-3)."""
    for column in (RatingColumn.SUPERIOR, RatingColumn.SELF):
        if columns[column].rating is not None:
            return columns[column]
    return None


def meeting_evaluation(*, actor, meeting: Meeting) -> RatingSheet:
    """The checklist and rating summary of the meeting page's panel: the automatic checks
    under the rule set in force on the meeting's date (`evaluation.checks.meeting_checks`),
    both columns' stored ratings and the final one, and what the actor may fill.

    `meeting` comes from a scoped selector. Committee meetings get an empty checklist. A
    fixed number of queries (the meeting record's, the checks', one for the ratings).
    Returns a RatingSheet without the sheet's criteria (`groups` empty).
    """
    checks = meeting_checks(meeting=meeting)
    columns = _columns(actor, meeting, checks)
    return RatingSheet(
        meeting=meeting,
        rule_set=checks.rule_set,
        legal_basis=legal_basis_label(checks.rule_set),
        checks=checks,
        columns=columns,
        final=_final(columns),
    )


def meeting_rating_sheet(*, actor, meeting: Meeting) -> RatingSheet:
    """The score sheet of a meeting with its two columns (rules QUAL-1..3, QUAL-5).

    `meeting` comes from a scoped selector. The sheet is the one the rule set in force on
    the meeting's date for its cell names (`score_sheet`); only the criteria that apply to
    the meeting's kind are listed, grouped by the five HD 12 groups. Computed criteria carry
    the verdict and reasons of their checks and the points they get (`computed`: {code:
    points}); every row carries the points of both columns. Columns carry their stored
    total, percent, level, lost points and gate names; `thresholds` says how the rule set
    decides the level (`level_rule_text`). A fixed number of queries, whatever the number
    of members or criteria (two more per column rated under another rule set with another
    sheet, for the labels of its gate criteria).
    """
    result = meeting_evaluation(actor=actor, meeting=meeting)
    sheet = sheet_for(result.rule_set)
    criteria = applicable(sheet.criteria.all(), meeting.kind)
    result.sheet = sheet
    result.computed = computed_points(criteria, result.checks)
    result.thresholds = level_rule_text(result.rule_set, sheet.criteria.all())
    _add_lost_points(result, criteria)
    by_source: dict[str, list[Check]] = {}
    for check in result.checks.checks:
        by_source.setdefault(check.source, []).append(check)
    groups: dict[int, SheetGroup] = {}
    for criterion in criteria:
        computed = criterion.source != CriterionSource.MANUAL
        feeding = by_source.get(criterion.source, []) if computed else []
        verdicts = [c.passed for c in feeding if c.passed is not None]
        points = {
            column: view.rating.points.get(criterion.code) if view.rating else None
            for column, view in result.columns.items()
        }
        row = SheetRow(
            criterion=criterion,
            computed=computed,
            verdict=all(verdicts) if verdicts else None,
            checks=feeding,
            computed_points=result.computed.get(criterion.code),
            points=points,
            cells=[
                {"column": c, "value": points[c], "rated": result.columns[c].rating is not None}
                for c in COLUMNS
            ],
        )
        group = groups.get(criterion.group)
        if group is None:
            label = CriterionGroup(criterion.group).label
            group = groups[criterion.group] = SheetGroup(criterion.group, label, [], 0)
        group.rows.append(row)
        group.maximum += criterion.max_points
    result.groups = [groups[g] for g in sorted(groups)]
    result.maximum = sum(g.maximum for g in result.groups)
    return result


def _add_lost_points(result: RatingSheet, criteria: list) -> None:
    """Give the rated columns of `result` their lost points and gate names, and to those
    rated under another rule set its thresholds (no query unless that set names another
    sheet)."""
    for view in result.columns.values():
        if view.rating is not None:
            view.score = _stored_score(view.rating, criteria)
            view.gate_names = _gate_names(view.rating, criteria)
        if view.other_rule_set is not None:
            same = view.rating.sheet_id == result.sheet.pk
            labels = result.sheet.criteria.all() if same else view.rating.sheet.criteria.all()
            view.other_thresholds = level_rule_text(view.other_rule_set, labels)


def _percent(value) -> str:
    """A threshold as printed: "90", or "87,5" when not whole."""
    value = Fraction(str(value))
    return str(value.numerator) if value.denominator == 1 else percent_text(value)


def level_rule_text(rule_set, criteria) -> str:
    """How `rule_set` decides a meeting's level, as one translated sentence, e.g. "Tốt: từ
    90 % số điểm tối đa, và đạt điểm tối đa ở: “Đảng viên dự họp đủ…”, “Thời lượng…”;
    Khá: từ 70 %; Trung bình: từ 50 %; Kém: dưới 50 %" (rule QUAL-2: levels by
    `rating_thresholds`; QUAL-2/QUAL-5: Tốt needs full points on `rating_gate_criteria`).
    `criteria`: the sheet's criteria, for the gates' labels (a gate not on the sheet shows
    its code). No query."""
    thresholds = rule_set["rating_thresholds"]
    labels = {c.code: c.label for c in criteria}
    gates = [f"“{labels.get(code, code)}”" for code in rule_set["rating_gate_criteria"] or []]
    good = {"level": Level.GOOD.label, "percent": _percent(thresholds[Level.GOOD.value])}
    if gates:
        parts = [
            _("%(level)s: from %(percent)s %% of the maximum points, and full points on: %(names)s")
            % {**good, "names": ", ".join(gates)}
        ]
    else:
        parts = [_("%(level)s: from %(percent)s %% of the maximum points") % good]
    for level in (Level.FAIR, Level.AVERAGE):
        parts.append(
            _("%(level)s: from %(percent)s %%")
            % {"level": level.label, "percent": _percent(thresholds[level.value])}
        )
    parts.append(
        _("%(level)s: below %(percent)s %%")
        % {"level": Level.POOR.label, "percent": _percent(thresholds[Level.AVERAGE.value])}
    )
    return "; ".join(parts)
