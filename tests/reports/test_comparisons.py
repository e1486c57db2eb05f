"""Comparisons with the previous period say "better" or "worse" only when that means
something: never for the share of Khá (a rise may come from Tốt or from Trung bình), and not
for counts over a different number of judged months (a year against a one-month year
before); the page then says so, and the review report leaves the count's comparison out.
A period with nothing judged gets a plain "no figures" sentence."""

import datetime
from fractions import Fraction

from django.urls import reverse

from chibo.reports.exports.findings import NO_DATA, findings
from chibo.reports.indicators import Figure
from chibo.reports.templatetags.report_tags import change_of
from tests.reports.test_export_findings import COMMUNE, report


def pct(n, d):
    return Figure(Fraction(n, d), n, d, "percent")


def test_good_is_better_fair_has_no_verdict():
    assert change_of("final_good", pct(3, 4), pct(1, 2))["tone"] == "good"
    assert change_of("final_poor", pct(1, 4), pct(1, 2))["tone"] == "good"
    fair = change_of("final_fair", pct(1, 4), pct(1, 2))
    assert (fair["tone"], fair["arrow"], fair["text"]) == ("plain", "▼", "-25,0")


def test_counts_over_different_months_have_no_verdict():
    more = change_of("unexcused", Figure(169), Figure(20))
    assert (more["tone"], more["text"]) == ("bad", "+149")
    assert change_of("unexcused", Figure(169), Figure(20), False) is None  # shown as "—"
    # Shares stay comparable.
    assert change_of("months_held", pct(9, 10), pct(1, 1), False)["tone"] == "bad"


def test_the_report_leaves_out_an_incomparable_count():
    made = report(
        COMMUNE, dict(month_due=3, month_held=3, held=3, att_meetings=3, att_rate_sum=2.7,
                      unexcused=4),
        previous=dict(unexcused=1, month_due=1, month_held=1),
    )  # fmt: skip
    made.months_judged, made.previous_months_judged = 3, 1
    text = " ".join(f.text for f in findings(made).shortcomings)
    assert "Còn 4 lượt đảng viên vắng sinh hoạt không có lý do." in text
    made.previous_months_judged = 3
    text = " ".join(f.text for f in findings(made).shortcomings)
    assert "Còn 4 lượt đảng viên vắng sinh hoạt không có lý do (kỳ trước: 1 lượt)." in text


def test_nothing_to_judge_says_so():
    empty = report(COMMUNE, {})
    found = findings(empty)
    assert [f.text for f in found.shortcomings] == [NO_DATA] and found.strengths == []


def test_the_dashboard_notes_an_unfinished_period_and_uneven_months(tree, client_for):
    today = datetime.date.today()
    url = reverse("reports:dashboard", args=[tree.province.pk])
    page = client_for(tree.tinh).get(url, {"period": "year", "year": today.year}).content.decode()
    assert 'data-note="unfinished"' in page
    past = client_for(tree.tinh).get(url, {"period": "year", "year": today.year - 2})
    assert 'data-note="unfinished"' not in past.content.decode()


def test_the_files_carry_the_notes_of_the_period():
    """The XLSX information sheet and the DOCX opening print the dashboard's notes: an
    unfinished period, and a previous period with fewer judged months."""
    from chibo.reports.exports.common import period_notes

    made = report(COMMUNE, dict(month_due=3, month_held=3))
    made.months_judged, made.previous_months_judged = 3, 1
    notes = period_notes(made)  # Q3/2026 as on 10/10/2026: ended
    assert notes == [
        "Kỳ này có số liệu 3 tháng, kỳ trước 1 tháng: các số đếm (số buổi, lượt vắng, cảnh báo) "
        "không so sánh được với kỳ trước, chỉ so sánh các tỷ lệ."
    ]
    made.today = datetime.date(2026, 9, 15)
    made.previous_months_judged = 3
    assert period_notes(made) == [
        "Kỳ báo cáo chưa kết thúc: tỷ lệ tháng có sinh hoạt thường kỳ và tỷ lệ quý đủ sinh "
        "hoạt chuyên đề chỉ tính các tháng, quý đã kết thúc (đến ngày 31/08/2026); các số liệu "
        "khác gồm cả các buổi sinh hoạt đã tổ chức trong tháng này."
    ]


def test_ranking_by_khá_is_highest_first_not_best_first():
    from chibo.reports.views.dashboard import _sort_params

    assert _sort_params({"sort": "final_fair"}) == ("final_fair", "desc", [])
    assert _sort_params({"sort": "final_good"}) == ("final_good", "", [])
    assert _sort_params({"sort": "final_fair", "order": "asc"}) == ("final_fair", "asc", [])
