"""The sentences of the review report's parts II and III for crafted figures (exact text).

Reports are built by hand (no database): `Report` with figures from `indicators.evaluate`
of given sums, cells as unsaved units. The rule set is a stand-in holding the values the
sentences quote (attendance_good_percent, thematic_per_quarter, minutes_adopt_days), so
the thresholds in these sentences come from the test's rule set, not from code.
"""

import datetime
from types import SimpleNamespace

from chibo.org.models import Unit, UnitKind
from chibo.reports.exports.findings import (
    GENERAL_TASK,
    PRAISE_TASK,
    TASKS,
    findings,
    join,
)
from chibo.reports.indicators import evaluate
from chibo.reports.models import SUM_FIELDS
from chibo.reports.periods import Period
from chibo.reports.report import Report, UnitFigures

D = datetime.date
Q3 = Period("quarter", D(2026, 7, 1), D(2026, 9, 1))
RULES = SimpleNamespace(
    values={"attendance_good_percent": 85, "thematic_per_quarter": 1, "minutes_adopt_days": 7}
)


def sums(**values) -> dict:
    """Every CellMonth sum (0 unless given) plus the given warning counts."""
    return {f: 0 for f in SUM_FIELDS} | values


def unit(pk, name, kind, path, sort_key=""):
    """An unsaved unit (only what the sentences read)."""
    return Unit(
        pk=pk, name=name, kind=kind, path=path, depth=len(path) // 4, sort_key=sort_key or name
    )


def cell(pk, name, path, sort_key, **values) -> UnitFigures:
    """A cell of the report with its sums."""
    s = sums(**values)
    return UnitFigures(unit(pk, name, UnitKind.CELL, path, sort_key), evaluate(s), s)


def report(the_unit, total, *, previous=None, province=None, rows=(), cells=(), trend=()):
    """A Report of Q3/2026 as on 10/10/2026 (warnings counted on 30/09/2026); its cells are
    given (unsaved units), so the weakest and exemplary lists read no database."""
    made = Report(
        unit=the_unit,
        period=Q3,
        today=D(2026, 10, 10),
        generated_at=datetime.datetime(2026, 10, 10, 8, 0),
        figures=evaluate(sums(**total)),
        previous=evaluate(sums(**(previous or {}))),
        province_unit=None,
        province=None if province is None else evaluate(sums(**province)),
        rows=list(rows),
        trend=list(trend),
        cell_sums={c.unit.pk: c.sums for c in cells},
        meetings=[],
        warnings_on=D(2026, 9, 30),
        computed_on=D(2026, 10, 10),
    )
    made.cells = list(cells)
    return made


COMMUNE = unit(10, "Đảng bộ xã Chiêm Hoá", UnitKind.COMMUNE, "00010001")


def test_join():
    assert join([]) == ""
    assert join(["A"]) == "A"
    assert join(["A", "B", "C"]) == "A, B và C"
    assert join(["A", "B", "C"], limit=2) == "A, B và 1 chi bộ khác"
    assert join([str(n) for n in range(1, 1004)], limit=1) == "1 và 1.002 chi bộ khác"


def test_commune_with_shortcomings():
    """Every shortcoming rule fires; no strength; one task per kind of shortcoming."""
    cells = [
        # Bản Chợ missed 2 months; Chiêm Hóa missed 1 and is a quarter short; Nà Tâu a
        # quarter short.
        cell(1, "Chi bộ thôn Bản Chợ", "000100010001", "b", month_due=3, month_held=1,
             quarter_due=1, quarter_met=1),
        cell(2, "Chi bộ Chiêm Hóa", "000100010002", "c", month_due=3, month_held=2,
             quarter_due=1, quarter_met=0),
        cell(3, "Chi bộ thôn Nà Tâu", "000100010003", "n", month_due=3, month_held=3,
             quarter_due=1, quarter_met=0),
    ]  # fmt: skip
    total = dict(
        month_due=9, month_held=6, quarter_due=3, quarter_met=1, thematic_held=1, held=8,
        regular_held=6, att_meetings=8, att_rate_sum=6.4, att_over=5, unexcused=4,
        final_good=2, final_fair=3, final_average=2, final_poor=1,
        self_good=2, self_fair=3, self_average=2, self_poor=1,
        minutes_due=8, minutes_on_time=6, self_criticism=3, assignments_made=8,
        tasks_due=10, tasks_on_time=7,
        warning_removal_review=1, warning_probation_ending=1, warning_missed_month=3,
    )  # fmt: skip
    previous = dict(
        month_due=9, month_held=9, held=9, att_meetings=9, att_rate_sum=7.65, unexcused=1,
        assignments_made=18, final_good=4, final_fair=5,
    )  # fmt: skip
    province = dict(
        month_due=90, month_held=81, held=80, att_meetings=80, att_rate_sum=68.0,
        assignments_made=120, final_good=40, final_fair=40,
    )  # fmt: skip
    r = report(COMMUNE, total, previous=previous, province=province, rows=cells, cells=cells)
    found = findings(r, RULES)
    assert found.strengths == []
    assert [f.text for f in found.shortcomings] == [
        "Còn 3 lượt tháng chi bộ không tổ chức sinh hoạt thường kỳ, ở 2 chi bộ: Chi bộ thôn "
        "Bản Chợ (2 tháng) và Chi bộ Chiêm Hóa (1 tháng); tỷ lệ tháng sinh hoạt thường kỳ đạt "
        "66,7%, thấp hơn kỳ trước (100,0%) và thấp hơn mức chung của toàn tỉnh (90,0%).",
        "2/3 lượt quý chưa bảo đảm số buổi sinh hoạt chuyên đề theo quy định (ít nhất 1 buổi "
        "mỗi quý), ở 2 chi bộ: Chi bộ Chiêm Hóa (1 quý) và Chi bộ thôn Nà Tâu (1 quý).",
        "37,5% số buổi sinh hoạt (3/8 buổi) có tỷ lệ đảng viên dự chưa vượt mức 85% (điều "
        "kiện để xếp loại Tốt).",
        "Tỷ lệ đảng viên dự sinh hoạt bình quân (80,0%) thấp hơn kỳ trước (85,0%) và thấp "
        "hơn mức chung của toàn tỉnh (85,0%).",
        "Còn 4 lượt đảng viên vắng sinh hoạt không có lý do (kỳ trước: 1 lượt).",
        "2 buổi sinh hoạt xếp loại Trung bình và 1 buổi xếp loại Kém, chiếm 37,5% số buổi "
        "đã xếp loại.",
        "2/8 biên bản chưa được thông qua trong 7 ngày sau buổi sinh hoạt.",
        "3/10 nhiệm vụ giao cho đảng viên chưa hoàn thành đúng hạn.",
        "Bình quân mỗi buổi sinh hoạt chỉ giao 1,0 nhiệm vụ cho đảng viên, thấp hơn kỳ trước "
        "(2,0) và thấp hơn mức chung của toàn tỉnh (1,5).",
        "Tự phê bình và phê bình chưa được ghi nhận ở 3/6 buổi sinh hoạt thường kỳ.",
        "1 đảng viên vắng sinh hoạt không có lý do nhiều tháng, thuộc diện xem xét xóa tên.",
        "1 đảng viên dự bị sắp hết hoặc đã quá thời hạn dự bị, cần xét công nhận đảng viên "
        "chính thức.",
        "Còn 5 cảnh báo sớm chưa được khắc phục (tính đến ngày 30/09/2026).",
    ]
    assert found.tasks == [
        GENERAL_TASK,
        TASKS["months_missed"],
        TASKS["thematic_short"],
        TASKS["attendance"],
        TASKS["discipline"],
        TASKS["levels"],
        TASKS["minutes_late"],
        TASKS["tasks"],
        TASKS["criticism_short"],
        TASKS["probation_due"],
        TASKS["warnings_open"],
    ]


def test_cell_names_its_months_and_quarters_without_a_rule_set():
    """A cell report names the months missed and the quarters short; without a rule set
    the quota is "theo quy định" with no number."""
    a1 = unit(5, "Chi bộ thôn Bản Chợ", UnitKind.CELL, "000100010001")
    trend = [
        (D(2026, 7, 1), evaluate(sums(month_due=1, month_held=1))),
        (D(2026, 8, 1), evaluate(sums(month_due=1, month_held=0))),
        (D(2026, 9, 1), evaluate(sums(month_due=1, month_held=1, quarter_due=1))),
    ]
    total = dict(
        month_due=3, month_held=2, quarter_due=1, quarter_met=0, held=2, regular_held=2,
        att_meetings=2, att_rate_sum=2.0, att_over=2, final_good=2, self_good=2,
        minutes_due=2, minutes_on_time=2, self_criticism=2, assignments_made=2,
    )  # fmt: skip
    found = findings(report(a1, total, trend=trend), None)
    assert [f.text for f in found.shortcomings] == [
        "Chi bộ không tổ chức sinh hoạt thường kỳ 1 tháng (tháng 8/2026); tỷ lệ tháng sinh "
        "hoạt thường kỳ đạt 66,7%.",
        "Chi bộ chưa bảo đảm số buổi sinh hoạt chuyên đề theo quy định ở quý III/2026.",
    ]
    assert [f.text for f in found.strengths] == [
        "Không có lượt đảng viên vắng sinh hoạt không có lý do.",
        "Biên bản sinh hoạt đều được thông qua đúng thời hạn (2/2 biên bản).",
        "Các buổi sinh hoạt thường kỳ đều có nội dung tự phê bình và phê bình (2/2 buổi).",
    ]
    assert found.tasks == [GENERAL_TASK, TASKS["months_missed"], TASKS["thematic_short"]]


def test_province_all_good_praises_its_exemplary_cells():
    """Everything at 100% or better than before and than... (the province has no province
    to compare with): every strength, no shortcoming, the exemplary cells named with their
    commune, best first; the tasks: the general one and praise."""
    province = unit(1, "Đảng bộ tỉnh Tuyên Quang", UnitKind.PROVINCE, "0001")
    commune = unit(2, "Đảng bộ xã Chiêm Hoá", UnitKind.COMMUNE, "00010001")
    good = dict(month_due=3, month_held=3, quarter_due=1, quarter_met=1, held=3,
                regular_held=3, att_meetings=3, att_rate_sum=3.0, att_over=3)  # fmt: skip
    cells = [
        cell(3, "Chi bộ thôn Bản Chợ", "000100010001", "b", final_good=2, final_fair=1, **good),
        cell(4, "Chi bộ Chiêm Hóa", "000100010002", "c", final_good=3, **good),
    ]
    rows = [UnitFigures(commune, evaluate(sums()), sums())]
    total = dict(
        month_due=6, month_held=6, quarter_due=2, quarter_met=2, thematic_held=2, held=6,
        regular_held=6, att_meetings=6, att_rate_sum=5.7, att_over=6, final_good=5,
        final_fair=1, minutes_due=6, minutes_on_time=6, self_criticism=6, assignments_made=12,
        tasks_due=4, tasks_on_time=4,
    )  # fmt: skip
    previous = dict(held=6, att_meetings=6, att_rate_sum=5.1, final_good=3, final_fair=3)
    r = report(province, total, previous=previous, rows=rows, cells=cells)
    found = findings(r, RULES)
    assert [f.text for f in found.strengths] == [
        "Các chi bộ duy trì nền nếp sinh hoạt thường kỳ: 6/6 tháng đến kỳ đều tổ chức sinh "
        "hoạt (100%).",
        "Cả 2 lượt quý đến kỳ đều bảo đảm số buổi sinh hoạt chuyên đề theo quy định (ít nhất "
        "1 buổi mỗi quý).",
        "Tỷ lệ đảng viên dự sinh hoạt bình quân đạt 95,0%, cao hơn kỳ trước (85,0%).",
        "Không có lượt đảng viên vắng sinh hoạt không có lý do.",
        "Tỷ lệ buổi sinh hoạt được xếp loại Tốt đạt 83,3%, cao hơn kỳ trước (50,0%).",
        "Biên bản sinh hoạt đều được thông qua đúng thời hạn (6/6 biên bản).",
        "Các nhiệm vụ giao cho đảng viên đến hạn đều hoàn thành đúng hạn (4/4 nhiệm vụ).",
        "Các buổi sinh hoạt thường kỳ đều có nội dung tự phê bình và phê bình (6/6 buổi).",
        "Các chi bộ tiêu biểu (sinh hoạt đủ các tháng, đủ chuyên đề các quý, mọi buổi sinh "
        "hoạt được xếp loại, không buổi nào Trung bình hoặc Kém): Chi bộ Chiêm Hóa (xã Chiêm "
        "Hoá) và Chi bộ thôn Bản Chợ (xã Chiêm Hoá).",
    ]
    assert found.shortcomings == []
    assert found.tasks == [GENERAL_TASK, PRAISE_TASK]
