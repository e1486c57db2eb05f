"""The sentences of the review report's part II (strengths, shortcomings) and part III
(proposed tasks), chosen by rules on a report's figures.

No threshold is written here (ARCHITECTURE "Rules are data"): a figure is compared with 100%,
with zero, with the previous period and with the province, and the values quoted (the
attendance threshold of ATT-2, the thematic quota of THEM-1, the days of MIN-3) are read from
the rule set in force. What Kết luận 256-KL/TU names as shortcomings is what is looked for:
months without a regular meeting (FREQ-1), too few thematic meetings (THEM-1), low
attendance and unexcused absences (ATT-1, ATT-2), weak meetings (QUAL-3), minutes not adopted
on time (MIN-3), tasks unclear or late and weak self-criticism (QUAL-1), members to review
for removal (MEM-5) and probationary members due (MEM-1).

The text is Vietnamese, as every party document (not gettext): a draft the organisation
commission edits.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from chibo.meetings.documents.layout import percent
from chibo.reports.exports.common import cell_name, day_text, parent_names
from chibo.reports.exports.common import count_text as num
from chibo.reports.periods import ROMAN
from chibo.reports.report import LIST_SIZE

PREVIOUS = "kỳ trước"
PROVINCE = "mức chung của toàn tỉnh"

#: The first proposed task, whatever the figures (Kết luận 256-KL/TU, tasks 1–3).
GENERAL_TASK = (
    "Tiếp tục quán triệt, thực hiện nghiêm túc Đề án số 16-ĐA/TU và Kết luận số 256-KL/TU "
    "của Ban Thường vụ Tỉnh ủy; duy trì nền nếp, chế độ sinh hoạt chi bộ theo Điều lệ Đảng "
    "và hướng dẫn của cấp trên, bảo đảm tính lãnh đạo, tính giáo dục và tính chiến đấu."
)
#: The proposed task for each shortcoming found (several may share one task).
TASKS = {
    "months_missed": (
        "Cấp ủy cấp trên trực tiếp kiểm tra, làm rõ nguyên nhân, trách nhiệm ở những chi bộ "
        "không sinh hoạt thường kỳ; chỉ đạo các chi bộ tổ chức sinh hoạt đầy đủ hằng tháng."
    ),
    "thematic_short": (
        "Xây dựng kế hoạch sinh hoạt chuyên đề từng quý với chủ đề sát nhiệm vụ chính trị của "
        "địa phương, cơ quan, đơn vị; phân công đảng viên chuẩn bị đề dẫn, bảo đảm số buổi "
        "sinh hoạt chuyên đề theo quy định."
    ),
    "attendance": (
        "Tăng cường quản lý đảng viên, thông báo lịch và nội dung sinh hoạt kịp thời; có giải "
        "pháp phù hợp với đảng viên đi làm ăn xa để nâng tỷ lệ đảng viên dự sinh hoạt."
    ),
    "discipline": (
        "Kiểm điểm đảng viên vắng sinh hoạt không có lý do; xem xét, xử lý theo quy định những "
        "trường hợp vắng nhiều tháng, kiên quyết đưa ra khỏi Đảng những đảng viên không còn đủ "
        "tư cách."
    ),
    "levels": (
        "Đánh giá, xếp loại chất lượng từng buổi sinh hoạt theo phiếu chấm điểm; cấp ủy cấp "
        "trên hướng dẫn, giúp đỡ những chi bộ có buổi sinh hoạt xếp loại Trung bình, Kém."
    ),
    "minutes_late": (
        "Hoàn thiện và thông qua biên bản sinh hoạt đúng thời hạn, ghi đầy đủ nội dung theo "
        "quy định."
    ),
    "tasks": (
        "Phân công nhiệm vụ cụ thể, rõ ràng, có thời hạn cho từng đảng viên sau mỗi buổi sinh "
        "hoạt; kiểm điểm kết quả thực hiện tại kỳ sinh hoạt sau."
    ),
    "criticism_short": (
        "Tăng cường tự phê bình và phê bình trong sinh hoạt chi bộ; kiểm điểm chức trách, "
        "nhiệm vụ của đảng viên hằng tháng."
    ),
    "probation_due": (
        "Xét công nhận đảng viên chính thức đúng thời hạn cho những đảng viên dự bị đủ điều kiện."
    ),
    "warnings_open": (
        "Rà soát, khắc phục dứt điểm các cảnh báo sớm còn tồn đọng; cấp ủy cấp trên theo dõi, "
        "đôn đốc."
    ),
}
#: Which task each shortcoming calls for.
TASK_OF = {
    "months_missed": "months_missed",
    "thematic_short": "thematic_short",
    "attendance_low": "attendance",
    "attendance_down": "attendance",
    "unexcused": "discipline",
    "removal_review": "discipline",
    "weak_levels": "levels",
    "unrated": "levels",
    "minutes_late": "minutes_late",
    "tasks_late": "tasks",
    "assignments_down": "tasks",
    "criticism_short": "criticism_short",
    "probation_due": "probation_due",
    "warnings_open": "warnings_open",
}
#: The closing task when exemplary cells were found (Kết luận 256-KL/TU, task 5).
PRAISE_TASK = (
    "Kịp thời biểu dương, nhân rộng các chi bộ tiêu biểu; thường xuyên sơ kết, rút kinh "
    "nghiệm về nâng cao chất lượng sinh hoạt chi bộ."
)
NO_STRENGTH = "Chưa có chỉ tiêu nào đạt trọn vẹn hoặc cao hơn kỳ trước."
NO_SHORTCOMING = "Chưa phát hiện hạn chế qua các chỉ tiêu được theo dõi."
NO_DATA = (
    "Trong kỳ chưa có số liệu để đánh giá: chưa có tháng nào kết thúc kể từ khi các chi bộ "
    "bắt đầu ghi nhận sinh hoạt trên chibo và chưa có buổi sinh hoạt nào được tổ chức."
)


@dataclass
class Finding:
    """One sentence of part II: `code` names the rule that chose it (a key of TASK_OF for a
    shortcoming)."""

    code: str
    text: str


@dataclass
class Findings:
    """Parts II and III: strengths, shortcomings, proposed tasks (sentences)."""

    strengths: list[Finding] = field(default_factory=list)
    shortcomings: list[Finding] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)


def rule_value(rule_set, key: str):
    """The value of `key` in the rule set (None when there is no rule set or no such key)."""
    values = getattr(rule_set, "values", None) or {}
    return values.get(key)


def number_text(value) -> str:
    """A rule value as written: "85", "2", "92,5"."""
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def join(items: list[str], *, limit: int | None = None, noun: str = "chi bộ") -> str:
    """ "A, B và C"; beyond `limit` items: "A, B, C và 4 <noun> khác"."""
    shown = items if limit is None else items[:limit]
    rest = len(items) - len(shown)
    if rest:
        return f"{', '.join(shown)} và {num(rest)} {noun} khác"
    if len(shown) > 1:
        return f"{', '.join(shown[:-1])} và {shown[-1]}"
    return shown[0] if shown else ""


def versus(report, code: str, *, want: str) -> list[str]:
    """Clauses comparing the figure `code` with the previous period and the province, kept
    only when it is `want` ("higher" or "lower") than them (on the printed, rounded values):
    ["thấp hơn kỳ trước (97,9%)", "thấp hơn mức chung của toàn tỉnh (95,8%)"]."""
    mine = report.figures[code].number
    clauses = []
    for name, others in ((PREVIOUS, report.previous), (PROVINCE, report.province)):
        if others is None or mine is None or others[code].number is None:
            continue
        other = others[code]
        if (want == "higher" and mine > other.number) or (want == "lower" and mine < other.number):
            word = "cao hơn" if want == "higher" else "thấp hơn"
            clauses.append(f"{word} {name} ({other.text})")
    return clauses


def _with(clauses: list[str]) -> str:
    """ ", cao hơn kỳ trước (…) và …" or ""."""
    return f", {join(clauses)}" if clauses else ""


def _full(figure) -> bool:
    """The share is 100% (something to divide by, nothing missing)."""
    return figure.value is not None and figure.value == 1


def _short(figure) -> bool:
    """The share is below 100%."""
    return figure.value is not None and figure.value < 1


def _missing(figure) -> int:
    """denominator − numerator of a share of counts."""
    return (figure.denominator or 0) - (figure.numerator or 0)


def done(figure) -> str:
    """ "numerator/denominator" of a share, with thousands dots: "36.553/37.595"."""
    return f"{num(figure.numerator)}/{num(figure.denominator)}"


def missing(figure) -> str:
    """ "(denominator − numerator)/denominator" of a share: what is missing, "1.042/37.595"."""
    return f"{num(_missing(figure))}/{num(figure.denominator)}"


def _cells_with(report, problem, unit_word: str) -> str:
    """The cells of the report for which `problem(sums)` is positive, most first, with the
    amount: "Chi bộ A (xã X) (3 tháng), Chi bộ B (1 tháng)"; at most LIST_SIZE named."""
    parents = parent_names(report)
    found = [(problem(c.sums), c) for c in report.cells if problem(c.sums) > 0]
    found.sort(key=lambda pair: (-pair[0], pair[1].unit.sort_key, pair[1].unit.pk))
    names = [f"{cell_name(report, c.unit, parents)} ({n} {unit_word})" for n, c in found]
    return join(names, limit=LIST_SIZE)


def _count_cells(report, problem) -> int:
    """How many cells of the report have `problem(sums)` positive."""
    return sum(1 for c in report.cells if problem(c.sums) > 0)


def strengths(report, rule_set=None) -> list[Finding]:
    """The strengths shown by the figures (see the module docstring)."""
    f = report.figures
    out = []
    held = f["months_held"]
    if _full(held):
        subject = "Chi bộ duy trì" if report.is_cell else "Các chi bộ duy trì"
        out.append(Finding("frequency_full", (
            f"{subject} nền nếp sinh hoạt thường kỳ: {done(held)} "
            "tháng đến kỳ đều tổ chức sinh hoạt (100%)."
        )))  # fmt: skip
    thematic = f["thematic_quota"]
    if _full(thematic):
        quota = rule_value(rule_set, "thematic_per_quarter")
        rule = f" (ít nhất {number_text(quota)} buổi mỗi quý)" if quota else ""
        out.append(Finding("thematic_full", (
            f"Cả {num(thematic.denominator)} lượt quý đến kỳ đều bảo đảm số buổi sinh hoạt chuyên "
            f"đề theo quy định{rule}."
        )))  # fmt: skip
    better = versus(report, "attendance_mean", want="higher")
    if better:
        out.append(Finding("attendance_up", (
            f"Tỷ lệ đảng viên dự sinh hoạt bình quân đạt {f['attendance_mean'].text}"
            f"{_with(better)}."
        )))  # fmt: skip
    if f["unexcused"].value == 0 and f["attendance_mean"].denominator:
        out.append(
            Finding("no_unexcused", "Không có lượt đảng viên vắng sinh hoạt không có lý do.")
        )
    better = versus(report, "final_good", want="higher")
    if better:
        out.append(Finding("good_up", (
            f"Tỷ lệ buổi sinh hoạt được xếp loại Tốt đạt {f['final_good'].text}{_with(better)}."
        )))  # fmt: skip
    minutes = f["minutes_on_time"]
    if _full(minutes):
        out.append(Finding("minutes_full", (
            f"Biên bản sinh hoạt đều được thông qua đúng thời hạn ({done(minutes)} "
            "biên bản)."
        )))  # fmt: skip
    tasks = f["tasks_on_time"]
    if _full(tasks):
        out.append(Finding("tasks_full", (
            "Các nhiệm vụ giao cho đảng viên đến hạn đều hoàn thành đúng hạn "
            f"({done(tasks)} nhiệm vụ)."
        )))  # fmt: skip
    criticism = f["self_criticism"]
    if _full(criticism):
        out.append(Finding("criticism_full", (
            f"Các buổi sinh hoạt thường kỳ đều có nội dung tự phê bình và phê bình "
            f"({done(criticism)} buổi)."
        )))  # fmt: skip
    if not report.is_cell and report.exemplary:
        parents = parent_names(report)
        names = [cell_name(report, c.unit, parents) for c in report.exemplary]
        out.append(Finding("exemplary", (
            "Các chi bộ tiêu biểu (sinh hoạt đủ các tháng, đủ chuyên đề các quý, mọi buổi sinh "
            f"hoạt được xếp loại, không buổi nào Trung bình hoặc Kém): {join(names)}."
        )))  # fmt: skip
    return out


def _months_missed(report) -> Finding | None:
    """FREQ-1: months without the regular meeting, with the cells or the months."""
    f = report.figures
    missed = f["months_missed"].value
    if not missed:
        return None
    rate = f"tỷ lệ tháng sinh hoạt thường kỳ đạt {f['months_held'].text}"
    rate += _with(versus(report, "months_held", want="lower"))
    if report.is_cell:
        months = [
            f"tháng {m.month}/{m.year}" for m, figs in report.trend if figs["months_missed"].value
        ]
        return Finding("months_missed", (
            f"Chi bộ không tổ chức sinh hoạt thường kỳ {missed} tháng ({join(months)}); {rate}."
        ))  # fmt: skip
    problem = lambda s: s["month_due"] - s["month_held"]  # noqa: E731
    cells = _count_cells(report, problem)
    return Finding("months_missed", (
        f"Còn {num(missed)} lượt tháng chi bộ không tổ chức sinh hoạt thường kỳ, ở "
        f"{num(cells)} chi bộ: {_cells_with(report, problem, 'tháng')}; {rate}."
    ))  # fmt: skip


def _thematic_short(report, rule_set) -> Finding | None:
    """THEM-1: quarters short of thematic meetings, with the cells or the quarters."""
    figure = report.figures["thematic_quota"]
    if not _short(figure):
        return None
    quota = rule_value(rule_set, "thematic_per_quarter")
    rule = f" (ít nhất {number_text(quota)} buổi mỗi quý)" if quota else ""
    if report.is_cell:
        quarters = [
            f"quý {ROMAN[(m.month - 1) // 3 + 1]}/{m.year}"
            for m, figs in report.trend
            if _missing(figs["thematic_quota"]) > 0
        ]
        return Finding("thematic_short", (
            f"Chi bộ chưa bảo đảm số buổi sinh hoạt chuyên đề theo quy định{rule} ở "
            f"{join(quarters)}."
        ))  # fmt: skip
    problem = lambda s: s["quarter_due"] - s["quarter_met"]  # noqa: E731
    return Finding("thematic_short", (
        f"{missing(figure)} lượt quý chưa bảo đảm số buổi sinh hoạt "
        f"chuyên đề theo quy định{rule}, ở {num(_count_cells(report, problem))} chi bộ: "
        f"{_cells_with(report, problem, 'quý')}."
    ))  # fmt: skip


def _attendance(report, rule_set) -> list[Finding]:
    """ATT-1, ATT-2: meetings not above the threshold; mean attendance below comparisons."""
    f = report.figures
    out = []
    over = f["attendance_over"]
    if _short(over):
        threshold = rule_value(rule_set, "attendance_good_percent")
        level = f"mức {number_text(threshold)}%" if threshold is not None else "mức quy định"
        share = percent(Fraction(_missing(over), over.denominator))
        out.append(Finding("attendance_low", (
            f"{share} số buổi sinh hoạt ({missing(over)} buổi) có tỷ lệ "
            f"đảng viên dự chưa vượt {level} (điều kiện để xếp loại Tốt)."
        )))  # fmt: skip
    lower = versus(report, "attendance_mean", want="lower")
    if lower:
        out.append(Finding("attendance_down", (
            f"Tỷ lệ đảng viên dự sinh hoạt bình quân ({f['attendance_mean'].text}) "
            f"{join(lower)}."
        )))  # fmt: skip
    if f["unexcused"].value:
        before = ""
        if report.counts_comparable:  # a count is compared only over as many months
            before = f" ({PREVIOUS}: {report.previous['unexcused'].text} lượt)"
        out.append(Finding("unexcused", (
            f"Còn {f['unexcused'].text} lượt đảng viên vắng sinh hoạt không có lý do{before}."
        )))  # fmt: skip
    return out


def _quality(report, rule_set) -> list[Finding]:
    """QUAL-3, MIN-3, QUAL-1: weak and unrated meetings, late minutes and tasks, tasks per
    meeting below the comparisons, self-criticism not recorded."""
    f = report.figures
    out = []
    average, poor = f["final_average"], f["final_poor"]
    weak = (average.numerator or 0) + (poor.numerator or 0)
    if weak:
        share = percent(Fraction(weak, average.denominator))
        out.append(Finding("weak_levels", (
            f"{num(average.numerator)} buổi sinh hoạt xếp loại Trung bình và "
            f"{num(poor.numerator)} buổi xếp loại Kém, chiếm {share} số buổi đã xếp loại."
        )))  # fmt: skip
    if f["unrated"].value:
        out.append(Finding("unrated", (
            f"{f['unrated'].text} buổi sinh hoạt đã tổ chức nhưng chưa được xếp loại chất lượng."
        )))  # fmt: skip
    minutes = f["minutes_on_time"]
    if _short(minutes):
        days = rule_value(rule_set, "minutes_adopt_days")
        within = f" trong {number_text(days)} ngày sau buổi sinh hoạt" if days else " đúng thời hạn"
        out.append(Finding("minutes_late", (
            f"{missing(minutes)} biên bản chưa được thông qua{within}."
        )))  # fmt: skip
    tasks = f["tasks_on_time"]
    if _short(tasks):
        out.append(Finding("tasks_late", (
            f"{missing(tasks)} nhiệm vụ giao cho đảng viên chưa hoàn thành đúng hạn."
        )))  # fmt: skip
    lower = versus(report, "assignments_per_meeting", want="lower")
    if lower:
        out.append(Finding("assignments_down", (
            f"Bình quân mỗi buổi sinh hoạt chỉ giao {f['assignments_per_meeting'].text} nhiệm "
            f"vụ cho đảng viên, {join(lower)}."
        )))  # fmt: skip
    criticism = f["self_criticism"]
    if _short(criticism):
        out.append(Finding("criticism_short", (
            f"Tự phê bình và phê bình chưa được ghi nhận ở {missing(criticism)} buổi sinh "
            "hoạt thường kỳ."
        )))  # fmt: skip
    return out


def _members(report) -> list[Finding]:
    """MEM-5, MEM-1 and the early warnings still open."""
    f = report.figures
    out = []
    if f["removal_review"].value:
        out.append(Finding("removal_review", (
            f"{f['removal_review'].text} đảng viên vắng sinh hoạt không có lý do nhiều tháng, "
            "thuộc diện xem xét xóa tên."
        )))  # fmt: skip
    if f["probation_due"].value:
        out.append(Finding("probation_due", (
            f"{f['probation_due'].text} đảng viên dự bị sắp hết hoặc đã quá thời hạn dự bị, "
            "cần xét công nhận đảng viên chính thức."
        )))  # fmt: skip
    if f["warnings_open"].value:
        out.append(Finding("warnings_open", (
            f"Còn {f['warnings_open'].text} cảnh báo sớm chưa được khắc phục "
            f"(tính đến ngày {day_text(report.warnings_on)})."
        )))  # fmt: skip
    return out


def shortcomings(report, rule_set=None) -> list[Finding]:
    """The shortcomings shown by the figures, in the order of Kết luận 256-KL/TU."""
    out = [
        _months_missed(report),
        _thematic_short(report, rule_set),
        *_attendance(report, rule_set),
        *_quality(report, rule_set),
        *_members(report),
    ]
    return [item for item in out if item is not None]


def proposed_tasks(report, found: list[Finding]) -> list[str]:
    """Part III: the general task, then one task per kind of shortcoming found (in order,
    without repeats), then praise of the exemplary cells when there are any."""
    tasks = [GENERAL_TASK]
    for item in found:
        task = TASKS[TASK_OF[item.code]]
        if task not in tasks:
            tasks.append(task)
    if not report.is_cell and report.exemplary:
        tasks.append(PRAISE_TASK)
    return tasks


def findings(report, rule_set=None) -> Findings:
    """Parts II and III of the review report of `report` (a `reports.report.Report`), with
    the values of `rule_set` (the rule set in force at the end of the period; None: the
    sentences say "theo quy định" without a number)."""
    if not has_figures(report):
        return Findings([], [Finding("no_data", NO_DATA)], [GENERAL_TASK])
    found = shortcomings(report, rule_set)
    return Findings(strengths(report, rule_set), found, proposed_tasks(report, found))


def has_figures(report) -> bool:
    """True when the period holds something to judge: a complete month judged or a meeting
    held (a period before the cells' first records, or the current month alone, has none)."""
    return bool(report.months_judged or report.figures["attendance_mean"].denominator)
