"""Every indicator of `unit_report`, for a cell, a commune and the province, over a quarter
and a month on either side of the Q3/Q4 boundary, equals the figure worked out by hand in
`tests.reports.dataset` (issue 5 acceptance: "agree with values computed by hand").
"""

import pytest

from chibo.reports.indicators import BY_CODE, INDICATORS, Figure, evaluate
from chibo.reports.report import unit_report, unit_summary
from tests.reports.dataset import EXPECTED, NOTHING, PERIODS, TODAY, make_report_dataset

pytestmark = pytest.mark.django_db

CODES = [i.code for i in INDICATORS]
#: (unit, period slug, slug of the previous period).
REPORTS = [
    ("cell_a1", "2026-Q3", "2026-Q2"),
    ("commune_a", "2026-Q3", "2026-Q2"),
    ("province", "2026-Q3", "2026-Q2"),
    ("cell_a1", "2026-10", "2026-09"),
    ("commune_a", "2026-10", "2026-09"),
    ("province", "2026-10", "2026-09"),
]


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    """The dataset, built once for the module, and the report of every (unit, period)."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            t = make_report_dataset()
            found = {}
            for unit, slug, _prev in REPORTS:
                found[(unit, slug)] = unit_report(
                    actor=t.tinh, unit_id=getattr(t, unit).pk, period=PERIODS[slug], today=TODAY
                )
            yield t, found
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_expected_covers_every_indicator():
    assert set(NOTHING) == set(BY_CODE)
    for key, texts in EXPECTED.items():
        assert set(texts) == set(BY_CODE), key


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(("unit", "slug", "previous"), REPORTS)
def test_figures(reports, unit, slug, previous, code):
    _t, found = reports
    assert found[(unit, slug)].figures[code].text == EXPECTED[(unit, slug)][code]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(("unit", "slug", "previous"), REPORTS)
def test_previous_period(reports, unit, slug, previous, code):
    _t, found = reports
    assert found[(unit, slug)].previous[code].text == EXPECTED[(unit, previous)][code]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(("unit", "slug"), [("commune_a", "2026-Q3"), ("commune_a", "2026-10"),
                                             ("cell_a1", "2026-Q3")])  # fmt: skip
def test_province_column(reports, unit, slug, code):
    _t, found = reports
    report = found[(unit, slug)]
    assert report.province_unit.name == "Đảng bộ tỉnh Tuyên Quang"
    assert report.province[code].text == EXPECTED[("province", slug)][code]


@pytest.mark.parametrize(("unit", "slug", "previous"), REPORTS)
def test_unit_summary_agrees(reports, unit, slug, previous):
    """The unit page's panel reads the same figures."""
    t, _found = reports
    figures = unit_summary(unit=getattr(t, unit), period=PERIODS[slug], today=TODAY)
    assert {code: f.text for code, f in figures.items()} == EXPECTED[(unit, slug)]


def test_the_province_has_no_province_column(reports):
    _t, found = reports
    report = found[("province", "2026-Q3")]
    assert report.province is None and report.province_unit is None


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize(
    ("unit", "slug", "children"),
    [
        ("province", "2026-Q3", ["commune_a", "commune_b"]),
        ("province", "2026-10", ["commune_a", "commune_b"]),
        # Vietnamese name order: "Chi bộ Chiêm Hóa" (A2) before "Chi bộ thôn Bản Chợ" (A1).
        ("commune_a", "2026-Q3", ["cell_a2", "cell_a1"]),
        ("commune_a", "2026-10", ["cell_a2", "cell_a1"]),
    ],
)
def test_rows_of_sub_units(reports, unit, slug, children, code):
    t, found = reports
    rows = found[(unit, slug)].rows
    assert [r.unit.pk for r in rows] == [getattr(t, c).pk for c in children]
    for row, child in zip(rows, children, strict=True):
        assert row.figures[code].text == EXPECTED[(child, slug)][code], child


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("slug", ["2026-Q3", "2026-10"])
def test_cells_of_the_province(reports, slug, code):
    t, found = reports
    cells = found[("province", slug)].cells
    assert [c.unit.pk for c in cells] == [t.cell_a2.pk, t.cell_a1.pk, t.cell_b1.pk]  # by name
    for c, name in zip(cells, ["cell_a2", "cell_a1", "cell_b1"], strict=True):
        assert c.figures[code].text == EXPECTED[(name, slug)][code], name


def test_trend_by_month(reports):
    _t, found = reports
    trend = found[("province", "2026-Q3")].trend
    assert [m.month for m, _f in trend] == [7, 8, 9]
    # 07: A1 09/07 ✓, A2 02/07 ✓ (B1 not judged) → 2/2; 08: A1 ✗, A2 ✓, B1 ✓ → 2/3;
    # 09: A1 ✓, A2 ✓, B1 ✗ → 2/3. Thematic quota only in 09 (Q3: A1 met, A2 short) → 1/2.
    assert [f["months_held"].text for _m, f in trend] == ["100,0%", "66,7%", "66,7%"]
    assert [f["thematic_quota"].text for _m, f in trend] == ["—", "—", "50,0%"]
    # Attendance 07: (3/4 + 3/3)/2 = 87,5%; 08: (3/4 + 2/3 + 1)/3 = 29/36 = 80,56%;
    # 09: (1 + 2/3)/2 = 83,33%.
    assert [f["attendance_mean"].text for _m, f in trend] == ["87,5%", "80,6%", "83,3%"]


def test_weakest_and_exemplary(reports):
    t, found = reports
    q3 = found[("province", "2026-Q3")]
    # Q3 problems (missed months, quarters short, final Trung bình/Kém):
    # A1 (1, 0, 1), B1 (1, 0, 0), A2 (0, 1, 1): most missed months first, then most quarters
    # short, then most weak levels. None is exemplary (A1 and B1 missed a month, A2 a quarter).
    assert [c.unit.pk for c in q3.weakest] == [t.cell_a1.pk, t.cell_b1.pk, t.cell_a2.pk]
    assert q3.exemplary == []
    m10 = found[("province", "2026-10")]
    # 10/2026: A2 missed the month: weak. A1 and B1 each have one unexcused absence only,
    # which orders weak cells but does not make a cell weak. A1 held its month, met every
    # judged quarter, its meeting is rated Tốt: exemplary (never in both lists).
    assert [c.unit.pk for c in m10.weakest] == [t.cell_a2.pk]
    assert [c.unit.pk for c in m10.exemplary] == [t.cell_a1.pk]


def test_a_cell_report_lists_its_meetings(reports):
    t, found = reports
    report = found[("cell_a1", "2026-Q3")]
    assert report.is_cell and report.rows == [] and report.cells == []
    lines = [
        (m.meeting.pk, m.attendance.text, m.self_level, m.final_level) for m in report.meetings
    ]
    assert lines == [
        (t.a1_07.pk, "75,0%", "good", "fair"),  # 3/4
        (t.a1_08_cancelled.pk, "—", "", ""),
        (t.a1_08.pk, "75,0%", "average", "average"),  # 3/4
        (t.a1_09.pk, "100,0%", "", ""),  # 4/4
    ]
    assert report.warnings_on.isoformat() == "2026-09-30"
    assert report.computed_on == TODAY


def test_warnings_of_a_period_not_ended_are_counted_today(reports):
    t, _found = reports
    from chibo.reports.periods import Period

    november = Period("month", TODAY.replace(day=1), TODAY.replace(day=1))
    report = unit_report(actor=t.tinh, unit_id=t.province.pk, period=november, today=TODAY)
    # On 15/11: W1, W8 (A1), W4, W5 (A2), W6 (B1) → 5; missed_month W1, W5, W6 → 3.
    assert report.warnings_on == TODAY
    assert report.figures["warnings_open"].text == "5"
    assert report.figures["warning_missed_month"].text == "3"


def test_figure_formats():
    from fractions import Fraction

    assert Figure(Fraction(2, 3), 2, 3, "percent").text == "66,7%"
    assert Figure(Fraction(1, 8), 1, 8, "percent").text == "12,5%"  # half up
    assert Figure(Fraction(1, 8), 1, 8, "percent").number == 12.5
    assert Figure(Fraction(1, 20), 1, 20, "ratio").text == "0,1"  # 0,05 half up
    assert Figure(Fraction(3, 2), 3, 2, "ratio").detail == "3/2"
    assert Figure(1234).text == "1.234"
    assert Figure(None, None, 0, "percent").text == "—"
    figures = evaluate({"month_due": 4, "month_held": 3, "held": 2, "final_good": 1,
                        "att_rate_sum": 2.5, "att_meetings": 3})  # fmt: skip
    assert figures["months_missed"].text == "1" and figures["unrated"].text == "1"
    assert figures["months_held"].detail == "3/4"
    assert figures["assignments_per_meeting"].detail == "0/2"


def test_detail_is_empty_without_both_parts():
    """`Figure.detail`: "numerator/denominator" of a share or ratio, "" for counts — and
    when a part is unknown: the mean of attendance rates (ATT-1) has no whole numerator,
    and a share with nothing to divide by has none either (never "None/3")."""
    figures = evaluate({"att_rate_sum": 2.5, "att_meetings": 3})
    assert figures["attendance_mean"].text == "83,3%"  # 2,5/3
    assert figures["attendance_mean"].detail == ""
    assert figures["tasks_on_time"].text == "—"
    assert figures["tasks_on_time"].detail == ""
    assert figures["unexcused"].detail == ""
