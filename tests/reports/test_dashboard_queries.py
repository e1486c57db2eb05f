"""Query counts of the dashboard pages are pinned and do not grow with the number of units
or meetings (issue 5 acceptance; ARCHITECTURE "Query counts are pinned").

A dashboard reads the session and the user (2), the actor's grants (1), the unit (1), what
`unit_report` reads besides the grants (tests/reports/test_report_queries.py: the unit again,
the sums and warnings of the unit and of the previous period, 5; below the province, the
province unit, sums and warnings, 3; with sub-units, the children, their sums (one query for
child cells or child units: the dataset's communes hold cells, the province communes), and
the few sums of every cell, 3), the weakest and exemplary cells with all their sums,
warnings and units (3; for a cell, its meetings and ratings, 2, instead of the sub-units and
lists), the breadcrumbs (1,
none for the province, which has no ancestor) and the nav's unread notices (1).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from chibo.evaluation.models import EarlyWarning
from chibo.org.models import Unit, UnitKind
from chibo.reports.rollup import rollups_refresh
from tests.factories import make_cell_with_members, make_unit
from tests.reports.dataset import TODAY, make_report_dataset, meeting

D = datetime.date
Q3 = {"period": "quarter", "year": "2026", "quarter": "3"}
M10 = {"period": "month", "year": "2026", "month": "10"}

#: (user, unit, period, queries)
CASES = [
    ("tinh", "province", Q3, 2 + 1 + 1 + 5 + 3 + 3 + 0 + 1),  # 16
    ("tinh", "province", M10, 16),
    ("xa", "commune_a", Q3, 2 + 1 + 1 + 5 + 3 + 3 + 3 + 1 + 1),  # 20
    ("tinh", "commune_a", M10, 20),
    ("bithu", "cell_a1", Q3, 2 + 1 + 1 + 5 + 3 + 2 + 1 + 1),  # 16
    ("ngoai", "cell_b1", M10, 16),
]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("chibo.reports.views.dashboard.today", lambda: TODAY)


@pytest.fixture
def data(db):
    return make_report_dataset()


def grow(t):
    """A third commune with three cells, and two more cells in each commune, each with five
    members, a meeting a month from 07 to 10/2026 (roll call, ratings, self-criticism, two
    tasks) and an open warning; two more meetings of cell A1 in Q3; the roll-ups refreshed."""
    province = Unit.objects.get(pk=t.province.pk)
    commune_c = make_unit("Đảng bộ xã Thêm", UnitKind.COMMUNE, province)
    cells = []
    for commune in (Unit.objects.get(pk=t.commune_a.pk), t.commune_b, commune_c):
        for n in range(3 if commune is commune_c else 2):
            parent = Unit.objects.get(pk=commune.pk)
            cells.append(make_cell_with_members(parent, f"Chi bộ thêm {commune.pk}-{n}", 5))
    for cell in cells:
        members = [m.member for m in cell.memberships.select_related("member")]
        for month in (7, 8, 9, 10):
            meeting(
                cell, D(2026, month, 12), "combined" if month == 8 else "regular",
                adopted_days=3, roll=[(m, "P") for m in members[:4]] + [(members[4], "U")],
                levels=("good", "fair"), speech="self_criticism",
                tasks=[(D(2026, month, 28), "done", D(2026, month, 20))],
            )  # fmt: skip
        EarlyWarning.objects.create(
            unit=cell, kind="missed_month", key="2026-06", detected_on=D(2026, 7, 1)
        )
    four = [(t.an_a1, "P"), (t.bich_a1, "P"), (t.cuong_a1, "U"), (t.lan_group, "P")]
    for day in (D(2026, 7, 25), D(2026, 9, 24)):
        meeting(t.cell_a1, day, "thematic", adopted_days=2, roll=four, levels=("good", "good"))
    rollups_refresh(today=TODAY)


@pytest.mark.parametrize(("username", "unit", "period", "queries"), CASES)
def test_dashboard_queries_are_pinned_and_flat(
    data, client_for, django_assert_num_queries, username, unit, period, queries
):
    url = reverse("reports:dashboard", args=[getattr(data, unit).pk]) + "?" + urlencode(period)
    client = client_for(getattr(data, username))
    client.get(url)  # charts drawn and cached: later pages only read the cache
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    grow(data)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    if unit == "province":
        assert response.content.decode().count("<tr data-unit=") == 3  # three communes
    if unit == "cell_a1":
        assert response.content.decode().count("<tr data-meeting=") == 6  # 4 + 2 added


def test_home_redirect_reads_only_the_grants(data, client_for, django_assert_num_queries):
    client = client_for(data.xa)
    with django_assert_num_queries(3):  # session, user, grants
        assert client.get(reverse("reports:home")).status_code == 302


def test_bad_period_reads_no_figures(data, client_for, django_assert_num_queries):
    url = reverse("reports:dashboard", args=[data.commune_a.pk]) + "?period=month&month=13"
    client = client_for(data.xa)
    with django_assert_num_queries(2 + 1 + 1 + 1 + 1):  # session, user, grants, unit, crumbs, nav
        assert client.get(url).status_code == 200
