"""Query counts of the report definition are pinned and do not grow with the number of
units or meetings (issue 5 acceptance; ARCHITECTURE "Query counts are pinned").

`unit_report` reads: the actor's grants (1), the unit (1), its own monthly sums (1), the
open warnings by sub-unit and kind (1), the previous period's sums and warnings (2); below
the province, the province unit, its sums and its warnings (3); for a unit with sub-units,
the visible children (1), their sums (1: the dataset's sub-units are all cells or all
communes) and the few sums of every cell that choose the weakest and exemplary (1); for a
cell, its meetings and their ratings (2).
"""

import datetime

import pytest
from django.contrib.auth import get_user_model

from chibo.evaluation.models import EarlyWarning
from chibo.org.models import Unit
from chibo.reports.report import unit_report, unit_summary
from chibo.reports.rollup import rollups_refresh
from tests.factories import make_cell_with_members
from tests.reports.dataset import EXPECTED, M10, Q3, TODAY, make_report_dataset, meeting

EXPECTED_PROVINCE_Q3 = EXPECTED[("province", "2026-Q3")]

D = datetime.date

#: (user, unit, period, queries)
CASES = [
    ("tinh", "province", Q3, 1 + 1 + 2 + 2 + 1 + 1 + 1),  # 9
    ("tinh", "province", M10, 9),
    ("tinh", "commune_a", Q3, 1 + 1 + 2 + 2 + 3 + 1 + 1 + 1),  # 12
    ("xa", "commune_a", M10, 12),
    ("bithu", "cell_a1", Q3, 1 + 1 + 2 + 2 + 3 + 2),  # 11
    ("ngoai", "cell_b1", M10, 11),
]


def fresh(username):
    """The user read again: grants are cached on the user object after the first read."""
    return get_user_model().objects.get(username=username)


def grow(t, cells_per_commune=3):
    """More cells under both communes, each with five members, a meeting a month from 07 to
    10/2026 (roll call, ratings, self-criticism, two tasks) and an open warning; then the
    roll-ups refreshed."""
    for commune in (t.commune_a, t.commune_b):
        for n in range(cells_per_commune):
            parent = Unit.objects.get(pk=commune.pk)
            cell = make_cell_with_members(parent, f"Chi bộ thêm {commune.pk}-{n}", 5)
            members = [m.member for m in cell.memberships.select_related("member")]
            for month in (7, 8, 9, 10):
                meeting(
                    cell, D(2026, month, 12), "combined" if month == 8 else "regular",
                    adopted_days=3, roll=[(m, "P") for m in members[:4]] + [(members[4], "U")],
                    levels=("good", "fair"), speech="self_criticism",
                    tasks=[(D(2026, month, 28), "done", D(2026, month, 20)),
                           (D(2026, month + 1, 5), "open", None)],
                )  # fmt: skip
            EarlyWarning.objects.create(
                unit=cell, kind="missed_month", key="2026-06", detected_on=D(2026, 7, 1)
            )
    rollups_refresh(today=TODAY)


@pytest.fixture
def data(db):
    return make_report_dataset()


def run(t, user, unit, period):
    return unit_report(actor=user, unit_id=getattr(t, unit).pk, period=period, today=TODAY)


@pytest.mark.parametrize(("username", "unit", "period", "queries"), CASES)
def test_report_queries_are_pinned(data, django_assert_num_queries, username, unit, period,
                                   queries):  # fmt: skip
    user = fresh(username)
    with django_assert_num_queries(queries):
        run(data, user, unit, period)
    grow(data)
    user = fresh(username)
    with django_assert_num_queries(queries):
        r = run(data, user, unit, period)
    if unit == "province":
        assert len(r.cells) == 3 + 6
    elif unit == "commune_a":
        assert len(r.cells) == 2 + 3 and len(r.rows) == 5


def test_grown_figures_add_up(data):
    """`grow` really adds records the report reads (by hand: 6 new cells, each judged from
    07, its first record, holding 3/3 months of Q3, one combined meeting, every meeting
    rated, one warning open)."""
    grow(data)
    r = run(data, fresh("tinh"), "province", Q3)
    assert r.figures["unrated"].text == "1"  # every new meeting is rated
    assert r.figures["thematic_held"].text == "8"
    # Months: 6/8 before; each new cell judged from 07 (its first record) holds 3/3 → 24/26.
    assert r.figures["months_held"].detail == "24/26"
    assert r.figures["warnings_open"].text == str(3 + 6)


def test_unit_summary_reads_two_queries(data, django_assert_num_queries):
    with django_assert_num_queries(2):
        figures = unit_summary(unit=data.commune_a, period=Q3, today=TODAY)
    assert figures["months_held"].text == "83,3%"  # 5/6, see tests.reports.dataset
    grow(data)
    with django_assert_num_queries(2):
        unit_summary(unit=data.commune_a, period=Q3, today=TODAY)


def test_the_province_comparison_is_kept_a_while(data, settings, django_assert_num_queries):
    """With CHIBO_REPORTS_PROVINCE_SECONDS set, the province's sums and open warnings (2
    queries) are read once and then taken from the cache by every dashboard below it, with
    the same figures."""
    from django.core.cache import cache

    cache.clear()
    settings.CHIBO_REPORTS_PROVINCE_SECONDS = 60
    first = unit_report(actor=fresh("bithu"), unit_id=data.cell_a1.pk, period=Q3, today=TODAY)
    actor = fresh("bithu")
    with django_assert_num_queries(11 - 2):
        again = unit_report(actor=actor, unit_id=data.cell_a1.pk, period=Q3, today=TODAY)
    assert {k: f.text for k, f in again.province.items()} == EXPECTED_PROVINCE_Q3
    assert {k: f.text for k, f in first.province.items()} == EXPECTED_PROVINCE_Q3
    cache.clear()
