"""The reports panel of a unit page (`reports:unit-panel`, loaded by htmx): the unit's key
figures of the current year, the same texts as its dashboard; empty for a plain member;
404 outside the user's scope; a fixed number of queries."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from chibo.reports.periods import period_from_params
from chibo.reports.report import unit_report
from chibo.reports.views.panel import PANEL_CODES
from tests.reports.dataset import make_report_dataset


@pytest.fixture
def data(db):
    return make_report_dataset()


def figures_shown(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-indicator="([a-z_]+)">([^<]*)<', html))


@pytest.mark.parametrize(("user", "unit"), [("xa", "commune_a"), ("bithu", "cell_a1")])
def test_the_panel_shows_the_dashboard_figures_of_the_year(data, client_for, user, unit):
    actor, target = getattr(data, user), getattr(data, unit)
    response = client_for(actor).get(reverse("reports:unit-panel", args=[target.pk]))
    assert response.status_code == 200
    today = timezone.localdate()
    period = period_from_params({}, today)
    report = unit_report(actor=actor, unit_id=target.pk, period=period, today=today)
    assert figures_shown(response.content.decode()) == {
        code: report.figures[code].text for code in PANEL_CODES
    }
    dashboard = reverse("reports:dashboard", args=[target.pk]) + "?" + period.query
    assert dashboard.replace("&", "&amp;") in response.content.decode()


def test_the_dataset_year_figures_by_hand(data, client_for):
    """Commune A in 2026, roll-ups as on 15/11/2026 (tests/reports/dataset.py).

    - FREQ-1 judges complete months: A1 from 04/2026 (its first record; the committee
      meeting of 26/03 does not count), April–October → 7 due; August had only a cancelled
      regular and a thematic meeting → 6 held. A2 from 07/2026: July–October, October
      without a regular meeting → 3 of 4. Commune: 9/11 = 81,8%.
    - THEM-1 (1 a quarter) judges complete quarters: A1's Q2 (combined 09/04) and Q3
      (thematic 20/08) met; A2's Q3 short; Q4 has not ended → 2/3 = 66,7%.
    - QUAL-3 final levels: A1 Tốt (04), Trung bình (05), Khá (07), Trung bình (08), Tốt (10);
      A2 Khá (07), Kém (08), Khá (09) → Tốt 2/8 = 25,0%.
    """
    response = client_for(data.xa).get(reverse("reports:unit-panel", args=[data.commune_a.pk]))
    shown = figures_shown(response.content.decode())
    assert shown["months_held"] == "81,8%"
    assert shown["thematic_quota"] == "66,7%"
    assert shown["final_good"] == "25,0%"


def test_a_plain_member_gets_an_empty_answer(data, client_for):
    response = client_for(data.dangvien).get(reverse("reports:unit-panel", args=[data.cell_a1.pk]))
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    ("user", "unit"), [("ngoai", "commune_a"), ("ngoai", "cell_a1"), ("xa", "commune_b")]
)
def test_outside_the_scope_not_found(data, client_for, user, unit):
    url = reverse("reports:unit-panel", args=[getattr(data, unit).pk])
    assert client_for(getattr(data, user)).get(url).status_code == 404


def test_the_panel_queries_are_pinned(data, client_for, django_assert_num_queries):
    client = client_for(data.xa)
    url = reverse("reports:unit-panel", args=[data.commune_a.pk])
    # Session and user (2), grants (1), the unit (1), its sums of the year (1), its open
    # warnings (1).
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
