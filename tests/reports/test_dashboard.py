"""Dashboard pages (issue 5 item 2) over the hand-worked dataset of `tests.reports.dataset`:
the figures of the province, a commune and a cell as printed, the previous period and the
province column, the ranking (sort parameter, exact order), drill-down links down to a
meeting, the weakest and exemplary lists, the period form's messages. Assertions read ids
and data attributes, not wording (the site is Vietnamese once the catalogue is merged)."""

import re

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from tests.reports.dataset import EXPECTED, TODAY, make_report_dataset

pytestmark = pytest.mark.django_db

Q3 = {"period": "quarter", "year": "2026", "quarter": "3"}
M10 = {"period": "month", "year": "2026", "month": "10"}


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """The dataset, built once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield make_report_dataset()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The dashboards' today is the dataset's (15/11/2026)."""
    monkeypatch.setattr("chibo.reports.views.dashboard.today", lambda: TODAY)


def url(unit, params=None) -> str:
    """The dashboard of `unit` with query `params`."""
    base = reverse("reports:dashboard", args=[unit.pk])
    return f"{base}?{urlencode(params)}" if params else base


def page(client, unit, params=None) -> str:
    response = client.get(url(unit, params))
    assert response.status_code == 200
    return response.content.decode()


def indicator_cells(html: str, attr: str) -> dict[str, str]:
    """{code: text} of the indicators table's column marked `attr` (data-value, data-previous,
    data-province)."""
    found = {}
    for code, row in re.findall(r'<tr data-indicator="(\w+)">(.*?)</tr>', html, re.S):
        cell = re.search(rf"<span {attr}>(.*?)</span>", row)
        found[code] = cell.group(1) if cell else None
    return found


def ranking(html: str) -> list[int]:
    """Unit ids of the ranking table, in order."""
    table = html[html.index("data-ranking") :]
    table = table[: table.index("</table>")]
    return [int(pk) for pk in re.findall(r'<tr data-unit="(\d+)"', table)]


def listed(html: str, name: str) -> list[int]:
    """Unit ids of the weakest or exemplary list."""
    match = re.search(rf'data-list="{name}">(.*?)</ol>', html, re.S)
    return [int(pk) for pk in re.findall(r'data-unit="(\d+)"', match.group(1))] if match else []


@pytest.mark.parametrize(
    ("user", "unit", "params", "slug", "previous", "province"),
    [
        ("tinh", "province", Q3, "2026-Q3", "2026-Q2", None),
        ("xa", "commune_a", Q3, "2026-Q3", "2026-Q2", "province"),
        ("bithu", "cell_a1", Q3, "2026-Q3", "2026-Q2", "province"),
        ("tinh", "province", M10, "2026-10", "2026-09", None),
        ("kiemtra", "commune_a", M10, "2026-10", "2026-09", "province"),
        ("bithu", "cell_a1", M10, "2026-10", "2026-09", "province"),
    ],
)
def test_every_figure_as_worked_out_by_hand(
    data, client_for, user, unit, params, slug, previous, province
):
    html = page(client_for(getattr(data, user)), getattr(data, unit), params)
    assert indicator_cells(html, "data-value") == EXPECTED[(unit, slug)]
    assert indicator_cells(html, "data-previous") == EXPECTED[(unit, previous)]
    if province:
        assert indicator_cells(html, "data-province") == EXPECTED[(province, slug)]
    else:
        assert "data-province>" not in html
    kpi = dict(re.findall(r'data-kpi="(\w+)">(.*?)</div>', html))
    assert kpi["months_held"] == EXPECTED[(unit, slug)]["months_held"]


def test_numerator_denominator_and_change(data, client_for):
    html = page(client_for(data.xa), data.commune_a, Q3)
    row = re.search(r'<tr data-indicator="months_held">(.*?)</tr>', html, re.S).group(1)
    # Commune A, Q3: 5 of 6 months held (83,3%); Q2: 3/3 (100,0%) → −16,7 points, worse.
    assert '<span class="detail" data-detail>5/6</span>' in row
    assert 'data-change="bad"' in row and "-16,7" in row
    row = re.search(r'<tr data-indicator="unexcused">(.*?)</tr>', html, re.S).group(1)
    assert 'data-change="bad"' in row and "+1" in row  # 2 against 1 (lower is better)
    # The mean of attendance rates has no whole numerator: no "n/d" shown.
    row = re.search(r'<tr data-indicator="attendance_mean">(.*?)</tr>', html, re.S).group(1)
    assert "data-detail" not in row and "None" not in row
    # Every label carries its definition and rule (hover) and links to the help page.
    assert re.search(r'href="/reports/indicators/#ind-months_held" title="[^"]+\(FREQ-1\)"', html)


def test_dates_and_title(data, client_for):
    html = page(client_for(data.tinh), data.province, Q3)
    assert "30/09/2026" in html  # warnings counted at the end of Q3
    assert "15/11/2026" in html  # roll-ups computed on the dataset's today
    assert "Đảng bộ tỉnh Tuyên Quang" in html


def test_province_ranks_its_communes_and_drills_down(data, client_for):
    html = page(client_for(data.tinh), data.province, Q3)
    # Default: months held, best first: commune A 83,3% before commune B 50,0%.
    assert ranking(html) == [data.commune_a.pk, data.commune_b.pk]
    drill = reverse("reports:dashboard", args=[data.commune_a.pk]) + "?" + urlencode(Q3)
    assert drill.replace("&", "&amp;") in html
    assert re.search(
        rf'<tr data-unit="{data.commune_b.pk}">.*?data-col="months_held"[^>]*>50,0%<', html, re.S
    )


@pytest.mark.parametrize(
    ("sort", "order", "expected"),
    [
        ("", "", ["cell_a2", "cell_a1"]),  # months held: A2 100,0%, A1 66,7%
        ("attendance_mean", "", ["cell_a1", "cell_a2"]),  # 83,3% before 77,8%
        ("attendance_mean", "asc", ["cell_a2", "cell_a1"]),
        ("thematic_quota", "desc", ["cell_a1", "cell_a2"]),  # 100,0% before 0,0%
        ("unrated", "", ["cell_a2", "cell_a1"]),  # lower is better: 0 before 1
        ("unrated", "desc", ["cell_a1", "cell_a2"]),
    ],
)
def test_ranking_sort(data, client_for, sort, order, expected):
    params = {**Q3, **({"sort": sort} if sort else {}), **({"order": order} if order else {})}
    html = page(client_for(data.xa), data.commune_a, params)
    assert ranking(html) == [getattr(data, name).pk for name in expected]
    assert "data-sort-note" not in html
    if sort:  # the drill-down keeps the ranking
        assert f"sort={sort}" in html.split("data-ranking")[1]


def test_ties_share_a_rank_and_units_without_value_come_last(data, client_for):
    # Q3 final level Kém: A1 0/2 = 0,0%, A2 1/3 = 33,3%; lower is better → A1 1st, A2 2nd.
    html = page(client_for(data.xa), data.commune_a, {**Q3, "sort": "final_poor"})
    assert ranking(html) == [data.cell_a1.pk, data.cell_a2.pk]
    # 10/2026 thematic quota: no quarter ends → both "—", unranked, in name order.
    html = page(client_for(data.xa), data.commune_a, {**M10, "sort": "thematic_quota"})
    assert ranking(html) == [data.cell_a2.pk, data.cell_a1.pk]
    assert re.findall(r"<td class=\"num\" data-rank>(.*?)</td>", html) == ["—", "—"]
    # Q2 months held: A1 3/3 = 100,0%, A2 not judged yet (—): A1 ranked 1, A2 unranked.
    html = page(client_for(data.xa), data.commune_a, {"period": "quarter", "year": "2026",
                                                       "quarter": "2"})  # fmt: skip
    assert ranking(html) == [data.cell_a1.pk, data.cell_a2.pk]
    assert re.findall(r"<td class=\"num\" data-rank>(.*?)</td>", html) == ["1", "—"]


@pytest.mark.parametrize(("params"), [{"sort": "nope"}, {"order": "sideways"}])
def test_bad_sort_gives_a_message(data, client_for, params):
    html = page(client_for(data.xa), data.commune_a, {**Q3, **params})
    assert "data-sort-note" in html
    assert ranking(html) == [data.cell_a2.pk, data.cell_a1.pk]  # the default ranking


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"period": "year", "year": "2062"}, 'value="2062"'),
        ({"period": "month", "year": "2026", "month": "13"}, 'value="2026"'),
        ({"period": "weekly", "year": "2026"}, 'value="2026"'),
        ({"period": "range", "from": "2026-09", "to": "2026-03"}, 'value="2026-09"'),
        ({"period": "range", "from": "sep", "to": "2026-03"}, 'value="sep"'),
        ({"period": "quarter", "year": "x", "quarter": "5"}, 'value="x"'),
    ],
)
def test_bad_period_gives_a_message_and_keeps_the_input(data, client_for, params, kept):
    html = page(client_for(data.xa), data.commune_a, params)
    assert "data-period-error" in html
    assert kept in html
    assert "data-indicators" not in html  # no figures for a period that is not one


def test_default_period_is_the_current_year(data, client_for):
    html = page(client_for(data.xa), data.commune_a)
    assert 'name="period"' in html and '<option value="year" selected>' in html
    assert "data-indicators" in html


def test_weakest_and_exemplary_lists(data, client_for):
    html = page(client_for(data.tinh), data.province, Q3)
    # Q3: A1 and B1 each missed a month (A1 also has a meeting rated Trung bình), A2 is a
    # quarter short: most missed months first, then most weak levels.
    assert listed(html, "weakest") == [data.cell_a1.pk, data.cell_b1.pk, data.cell_a2.pk]
    assert listed(html, "exemplary") == []
    weak = re.search(r'data-list="weakest">(.*?)</ol>', html, re.S).group(1)
    assert "83,3%" in weak  # A1's attendance, in the reasons
    assert "Đảng bộ xã Chiêm Hoá" in weak and "Đảng bộ xã Hòa An" in weak  # their communes
    drill = reverse("reports:dashboard", args=[data.cell_b1.pk]) + "?" + urlencode(Q3)
    assert drill.replace("&", "&amp;") in weak
    # 10/2026: only A2 missed its month; A1 held it, its one meeting rated Tốt: exemplary.
    html = page(client_for(data.tinh), data.province, M10)
    assert listed(html, "weakest") == [data.cell_a2.pk]
    assert listed(html, "exemplary") == [data.cell_a1.pk]
    best = re.search(r'data-list="exemplary">(.*?)</ol>', html, re.S).group(1)
    assert "100,0%" in best and "50,0%" in best  # rated Tốt 100,0%, attendance 50,0%


def test_commune_lists_and_ranking_hold_no_other_commune(data, client_for):
    for params in (Q3, M10):
        html = page(client_for(data.xa), data.commune_a, params)
        shown = set(ranking(html)) | set(listed(html, "weakest")) | set(listed(html, "exemplary"))
        assert shown <= {data.cell_a1.pk, data.cell_a2.pk}
        assert data.cell_b1.pk not in shown and "Đồng Chùa" not in html and "Hòa An" not in html
    html = page(client_for(data.xa), data.commune_a, Q3)
    assert listed(html, "weakest") == [data.cell_a1.pk, data.cell_a2.pk]


def test_cell_shows_its_meetings_linking_to_the_meeting_page(data, client_for):
    html = page(client_for(data.bithu), data.cell_a1, Q3)
    rows = re.findall(r'<tr data-meeting="(\d+)">(.*?)</tr>', html, re.S)
    assert [int(pk) for pk, _row in rows] == [
        data.a1_07.pk, data.a1_08_cancelled.pk, data.a1_08.pk, data.a1_09.pk,
    ]  # fmt: skip
    cells = {int(pk): row for pk, row in rows}
    assert reverse("meetings:detail", args=[data.a1_07.pk]) in cells[data.a1_07.pk]
    # 09/07: present 3 of 4 expected (the attached, the exempted and the one on duty are not
    # expected, ATT-1); self good, final fair (the superior's).
    assert "75,0%" in cells[data.a1_07.pk] and "3/4" in cells[data.a1_07.pk]
    assert 'data-self="good"' in cells[data.a1_07.pk]
    assert 'data-final="fair"' in cells[data.a1_07.pk]
    assert 'data-final=""' in cells[data.a1_09.pk] and "100,0%" in cells[data.a1_09.pk]
    assert "data-ranking" not in html and 'data-list="weakest"' not in html


def test_breadcrumbs_drill_up_with_the_same_period(data, client_for):
    html = page(client_for(data.tinh), data.cell_a1, Q3)
    for unit in (data.province, data.commune_a):
        link = reverse("reports:dashboard", args=[unit.pk]) + "?" + urlencode(Q3)
        assert f'href="{link.replace("&", "&amp;")}" data-crumb="{unit.pk}"' in html
    # The secretary sees no unit above the cell: no crumb links.
    assert "data-crumb" not in page(client_for(data.bithu), data.cell_a1, Q3)


def test_charts_inline_with_their_figures(data, client_for):
    html = page(client_for(data.xa), data.commune_a, Q3)
    assert html.count('<svg role="img"') == 2
    assert "http://www.w3.org/1999/xlink" not in html
    table = re.search(r'data-chart-table="trend">(.*?)</table>', html, re.S).group(1)
    # Commune A by month: months held 07 2/2, 08 1/2, 09 2/2.
    assert re.findall(r'<td class="num">(.*?)</td>', table)[::3] == ["100,0%", "50,0%", "100,0%"]
    levels = re.search(r'data-chart-table="levels">(.*?)</table>', html, re.S).group(1)
    assert "60,0%" in levels and "3/5" in levels  # Khá: 3 of 5 rated meetings
    # 10/2026 for the cell A2: nothing rated → no levels chart.
    assert page(client_for(data.xa), data.cell_a2, M10).count('<svg role="img"') == 1


def test_print_button_stylesheet_and_exports(data, client_for):
    html = page(client_for(data.xa), data.commune_a, Q3)
    assert "window.print()" in html and "reports/reports.css" in html
    assert reverse("reports:export-create", args=[data.commune_a.pk]) in html
    assert '<input type="hidden" name="quarter" value="3">' in html


def test_home_redirects_to_the_first_unit_with_reports(data, client_for):
    for user, unit in (("tinh", "province"), ("xa", "commune_a"), ("bithu", "cell_a1"),
                       ("giamsat", "cell_a2"), ("admin", "province")):  # fmt: skip
        response = client_for(getattr(data, user)).get(reverse("reports:home"))
        assert response.status_code == 302, user
        assert response["Location"] == url(getattr(data, unit)), user
    # The visiting official follows two cells: the other one is offered.
    html = page(client_for(data.giamsat), data.cell_a2, Q3)
    assert reverse("reports:dashboard", args=[data.cell_b1.pk]) in html


def test_home_without_reports_is_a_friendly_page(data, client_for):
    for user in (data.dangvien, data.staff):
        response = client_for(user).get(reverse("reports:home"))
        assert response.status_code == 200
        assert "data-no-reports" in response.content.decode()
    response = client_for(None).get(reverse("reports:home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_nav_link_only_for_who_may_read_reports(data, client_for):
    link = f'href="{reverse("reports:home")}"'
    assert link in client_for(data.bithu).get(reverse("home")).content.decode()
    assert link in client_for(data.giamsat).get(reverse("home")).content.decode()
    assert link not in client_for(data.dangvien).get(reverse("home")).content.decode()


def test_indicators_help_page(data, client_for):
    from chibo.reports.indicators import INDICATORS

    response = client_for(data.dangvien).get(reverse("reports:indicators"))
    assert response.status_code == 200
    html = response.content.decode()
    for ind in INDICATORS:
        assert f'id="ind-{ind.code}"' in html
    # FREQ-1: months held, months missed and the warnings of missed months.
    assert html.count("data-rule>FREQ-1<") == 3 and "data-rule>ATT-1<" in html
    assert client_for(None).get(reverse("reports:indicators")).status_code == 302
