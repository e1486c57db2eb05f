"""Pages of early warnings: the list, the unit page's panel, acknowledging; who sees what,
and the list's query count (issue 4 item 4). Assertions use names, ids and data
attributes, not the wording (the site is Vietnamese once the catalogue is merged)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from chibo.evaluation.models import EarlyWarning, WarningKind
from chibo.evaluation.selectors.warnings import describe
from chibo.evaluation.services.warnings import warnings_refresh
from chibo.members.models import Exemption
from chibo.members.selectors import today
from chibo.org.models import Role
from tests.factories import make_cell_with_members, make_user

W = WarningKind
LIST = reverse("evaluation:warnings")


@pytest.fixture
def warned(tree):
    """Warnings of the small province: A2 and B1 have too few full members (CELL-1), and
    Trần Thị Bích of A1 has been exempted for two years (MEM-2). `tree.xa_b` administers
    commune B."""
    Exemption.objects.create(
        member=tree.bich_a1, reason="age", start_date=today() - datetime.timedelta(days=800)
    )
    warnings_refresh()
    tree.xa_b = make_user(Role.UNIT_ADMIN, tree.commune_b, username="xab")
    tree.w_a1 = EarlyWarning.objects.get(unit=tree.cell_a1)
    tree.w_a2 = EarlyWarning.objects.get(unit=tree.cell_a2)
    tree.w_b1 = EarlyWarning.objects.get(unit=tree.cell_b1)
    return tree


def shown(response) -> set[int]:
    """Ids of the warnings listed on a page."""
    return {int(pk) for pk in re.findall(r'id="warning-(\d+)"', response.content.decode())}


def test_list_needs_login_and_a_warning_role(warned, client_for):
    response = client_for(None).get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(warned.dangvien).get(LIST).status_code == 403  # plain cell member
    assert client_for(warned.staff).get(LIST).status_code == 403  # no grant at all


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("tinh", {"w_a1", "w_a2", "w_b1"}),
        ("admin", {"w_a1", "w_a2", "w_b1"}),
        ("xa", {"w_a1", "w_a2"}),
        ("kiemtra", {"w_a1", "w_a2"}),
        ("bithu", {"w_a1"}),
        ("giamsat", {"w_a2", "w_b1"}),  # visiting official of A2 and B1
        ("xa_b", {"w_b1"}),  # commune B never sees commune A's warnings
        ("ngoai", {"w_b1"}),
    ],
)
def test_who_sees_which_warnings(warned, client_for, user, expected):
    response = client_for(getattr(warned, user)).get(LIST)
    assert response.status_code == 200
    assert shown(response) == {getattr(warned, w).pk for w in expected}


def test_rows_show_unit_commune_message_and_link(warned, client_for):
    html = client_for(warned.tinh).get(LIST).content.decode()
    assert "Chi bộ Chiêm Hóa" in html and "Đảng bộ xã Chiêm Hoá" in html  # A2 and its commune
    assert "Trần Thị Bích" in html  # the exemption's member, in the message
    assert reverse("member-detail", args=[warned.bich_a1.pk]) in html  # link to act
    assert reverse("unit-detail", args=[warned.cell_b1.pk]) in html
    assert 'data-count="few_full_members">2<' in html
    assert reverse("evaluation:warning-acknowledge", args=[warned.w_a2.pk]) in html
    assert f'href="{LIST}"' in html  # the nav's link


def test_inspector_sees_but_gets_no_acknowledge_form(warned, client_for):
    html = client_for(warned.kiemtra).get(LIST).content.decode()
    assert str(warned.w_a2.pk) in html
    assert reverse("evaluation:warning-acknowledge", args=[warned.w_a2.pk]) not in html


def test_filters(warned, client_for):
    client = client_for(warned.tinh)
    assert shown(client.get(LIST, {"unit": warned.cell_a1.pk})) == {warned.w_a1.pk}
    assert shown(client.get(LIST, {"unit": warned.commune_b.pk})) == {warned.w_b1.pk}
    assert shown(client.get(LIST, {"kind": W.FEW_FULL_MEMBERS})) == {
        warned.w_a2.pk,
        warned.w_b1.pk,
    }
    assert shown(client.get(LIST, {"kind": "nonsense"})) == {
        warned.w_a1.pk,
        warned.w_a2.pk,
        warned.w_b1.pk,
    }
    assert shown(client.get(LIST, {"state": "resolved"})) == set()
    EarlyWarning.objects.filter(pk=warned.w_b1.pk).update(resolved_on=today())
    assert shown(client.get(LIST, {"state": "resolved"})) == {warned.w_b1.pk}
    # A unit outside the user's scope answers 404, a malformed one too.
    assert client_for(warned.xa).get(LIST, {"unit": warned.cell_b1.pk}).status_code == 404
    assert client.get(LIST, {"unit": "x"}).status_code == 404


def test_fifty_a_page_and_the_filters_survive_paging(warned, client_for):
    EarlyWarning.objects.bulk_create(
        EarlyWarning(
            unit=warned.cell_b1,
            kind=W.MISSED_MONTH,
            key=f"20{i:02d}-01",
            facts={"year": 2000 + i, "month": 1, "cancelled": False, "planned": False},
            detected_on=today(),
        )
        for i in range(60)
    )
    client = client_for(warned.tinh)
    first = client.get(LIST, {"kind": W.MISSED_MONTH})
    assert len(shown(first)) == 50
    assert "?q=kind%3Dmissed_month%26state%3Dopen&amp;page=2" in first.content.decode()
    second = client.get(LIST, {"q": "kind=missed_month&state=open", "page": 2})
    assert len(shown(second)) == 10 and not shown(first) & shown(second)


def test_unit_panel(warned, client_for):
    url = reverse("evaluation:unit-warnings-panel", args=[warned.commune_a.pk])
    response = client_for(warned.xa).get(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'data-warning-count="total">2<' in html and "Chi bộ Chiêm Hóa" in html
    assert f"{LIST}?unit={warned.commune_a.pk}" in html
    cell = reverse("evaluation:unit-warnings-panel", args=[warned.cell_a1.pk])
    assert 'data-kind="exemption_old"' in client_for(warned.bithu).get(cell).content.decode()
    # A plain member sees the unit but not its warnings: an empty answer, no panel.
    empty = client_for(warned.dangvien).get(cell)
    assert empty.status_code == 200 and empty.content == b""
    assert client_for(warned.ngoai).get(cell).status_code == 404
    assert client_for(None).get(cell).status_code == 302


def test_unit_pages_load_the_panel_for_cells_and_communes(warned, client_for):
    client = client_for(warned.tinh)
    for unit, loads in ((warned.cell_a1, True), (warned.commune_a, True), (warned.province, False)):
        html = client.get(reverse("unit-detail", args=[unit.pk])).content.decode()
        panel = reverse("evaluation:unit-warnings-panel", args=[unit.pk])
        assert (panel in html) is loads


def ack_url(warning):
    return reverse("evaluation:warning-acknowledge", args=[warning.pk])


def test_acknowledge_without_htmx(warned, client_for):
    client = client_for(warned.xa)
    assert client.get(ack_url(warned.w_a2)).status_code == 200  # the form page
    response = client.post(
        ack_url(warned.w_a2), {"note": "Đang kết nạp thêm", "next": f"{LIST}?kind=few_full_members"}
    )
    assert response.status_code == 302 and response["Location"] == f"{LIST}?kind=few_full_members"
    warned.w_a2.refresh_from_db()
    assert warned.w_a2.note == "Đang kết nạp thêm" and warned.w_a2.acknowledged_by == warned.xa
    # Acknowledged warnings leave the default list and show under "acknowledged".
    assert warned.w_a2.pk not in shown(client.get(LIST))
    assert shown(client.get(LIST, {"state": "acknowledged"})) == {warned.w_a2.pk}
    # An outside address for `next` is ignored.
    response = client.post(ack_url(warned.w_a1), {"note": "Đã xem", "next": "https://evil.test/"})
    assert response["Location"] == LIST


def test_acknowledge_refused_keeps_the_typed_note(warned, client_for):
    EarlyWarning.objects.filter(pk=warned.w_a2.pk).update(resolved_on=today())
    response = client_for(warned.xa).post(ack_url(warned.w_a2), {"note": "Đã nhắc chi bộ"})
    html = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in html and 'role="alert"' in html
    assert "Đã nhắc chi bộ</textarea>" in html
    warned.w_a2.refresh_from_db()
    assert warned.w_a2.acknowledged_at is None


def test_acknowledge_with_htmx(warned, client_for):
    client = client_for(warned.xa)
    refused = client.post(ack_url(warned.w_a2), {"note": "  "}, HTTP_HX_REQUEST="true")
    html = refused.content.decode()
    assert refused.status_code == 200 and "<html" not in html and "is-invalid" in html
    done = client.post(ack_url(warned.w_a2), {"note": "Đã báo cáo"}, HTTP_HX_REQUEST="true")
    html = done.content.decode()
    assert f'id="warning-{warned.w_a2.pk}"' in html and 'data-state="acknowledged"' in html
    assert "Đã báo cáo" in html and "<textarea" not in html


@pytest.mark.parametrize(("user", "status"), [("kiemtra", 403), ("ngoai", 404), ("dangvien", 404)])
def test_acknowledge_refused_to(warned, client_for, user, status):
    client = client_for(getattr(warned, user))
    assert client.post(ack_url(warned.w_a2), {"note": "Đã xem"}).status_code == status
    assert client.get(ack_url(warned.w_a2)).status_code == status
    warned.w_a2.refresh_from_db()
    assert warned.w_a2.acknowledged_at is None


def test_acknowledge_anonymous_is_sent_to_login(warned, client_for):
    response = client_for(None).post(ack_url(warned.w_a2), {"note": "Đã xem"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("extra_cells", [0, 4])
def test_list_queries_do_not_grow(warned, client_for, django_assert_num_queries, extra_cells):
    for i in range(extra_cells):  # each with one full member: one more warning each
        make_cell_with_members(warned.commune_b, f"Chi bộ thêm {i}", 1)
    warnings_refresh()
    client = client_for(warned.tinh)
    client.get(LIST)
    # session, user, grants, count, page, communes, rule sets, visible members (A1's
    # exemption), counts by kind, the unit filter's choices, notice badge
    with django_assert_num_queries(11):
        response = client.get(LIST)
    assert len(shown(response)) == 3 + extra_cells


def test_nav_link_only_for_warning_roles(warned, client_for):
    home = reverse("home")
    assert f'href="{LIST}"' in client_for(warned.bithu).get(home).content.decode()
    assert f'href="{LIST}"' not in client_for(warned.dangvien).get(home).content.decode()


def test_every_kind_is_described_with_a_link(tree):
    """describe(): each kind's words (English here) and the page to act on."""
    on = today()
    ago = (on - datetime.timedelta(days=10)).isoformat()
    soon = (on + datetime.timedelta(days=20)).isoformat()
    m = {"member_id": tree.bich_a1.pk, "meeting_id": 7, "assignment_id": 9}
    cases = [
        (
            W.MISSED_MONTH,
            {"year": 2026, "month": 3, "cancelled": True, "planned": False},
            "3/2026",
            reverse("meetings:cell-year", args=[tree.cell_a1.pk, 2026]),
        ),
        (
            W.THEMATIC_QUARTER,
            {"year": 2025, "quarter": 4, "held": 0, "due": 1},
            "4/2025",
            reverse("meetings:cell-year", args=[tree.cell_a1.pk, 2025]),
        ),
        (
            W.MINUTES_LATE,
            {"date": ago, "kind": "regular", "status": "draft", "limit": 7},
            "10 days",
            reverse("meetings:detail", args=[7]),
        ),
        (
            W.REMOVAL_REVIEW,
            {"name": "Trần Thị Bích", "year": 2026, "months": [1, 3, 4]},
            "1, 3, 4",
            reverse("member-detail", args=[tree.bich_a1.pk]),
        ),
        (
            W.PROBATION_ENDING,
            {"name": "Trần Thị Bích", "ends_on": soon, "admitted_on": ago},
            "in 20 days",
            reverse("member-detail", args=[tree.bich_a1.pk]),
        ),
        (
            W.PROBATION_OVERDUE,
            {"name": "Trần Thị Bích", "ends_on": ago, "admitted_on": ago},
            "10 days ago",
            reverse("member-detail", args=[tree.bich_a1.pk]),
        ),
        (
            W.FEW_FULL_MEMBERS,
            {"full": 2, "probationary": 1, "need": 3},
            "2 full members",
            reverse("unit-detail", args=[tree.cell_a1.pk]),
        ),
        (
            W.ASSIGNMENT_OVERDUE,
            {
                "title": "Làm đường",
                "deadline": ago,
                "assignees": ["Lê Văn Cường"],
                "committee": True,
            },
            "Lê Văn Cường, the cell committee",
            reverse("meetings:detail", args=[7]),  # the task page is for editors only
        ),
        (
            W.EXEMPTION_OLD,
            {"name": "Trần Thị Bích", "start": "2024-05-14", "reason": "age", "period": 12},
            "14/05/2024 (old age)",
            reverse("member-detail", args=[tree.bich_a1.pk]),
        ),
        (
            W.WEAK_MEETINGS,
            {
                "meetings": [
                    {"id": 5, "date": "2026-01-10", "level": "average"},
                    {"id": 6, "date": "2026-02-10", "level": "poor"},
                    {"id": 7, "date": "2026-03-10", "level": "average"},
                ],
                "rule_set": "HD42-2025",
            },
            "10/02/2026: Poor",
            reverse("meetings:detail", args=[7]),
        ),
    ]
    assert {c[0] for c in cases} == set(W.values)
    with translation.override("en"):
        for kind, facts, words, url in cases:
            warning = EarlyWarning(unit=tree.cell_a1, kind=kind, key="k", facts=facts, **m)
            message = describe(warning, {"HD42-2025": "Hướng dẫn 42-HD/BTCTW"})
            assert words in message["text"] and message["url"] == url, kind
    assert message["rule"] == "QUAL-1" and message["basis"] == "Hướng dẫn 42-HD/BTCTW"
    task = EarlyWarning(unit=tree.cell_a1, kind=W.ASSIGNMENT_OVERDUE, key="k", facts=facts, **m)
    task.facts = cases[7][1]
    assert describe(task, editor=True)["url"] == reverse("meetings:task", args=[9])
    assert describe(task)["rule"] == "" and "Kết luận 256-KL/TU" in describe(task)["basis"]
    # A member the reader does not see (left the roll, or in a group not covered): the cell.
    exemption = EarlyWarning(unit=tree.cell_a1, kind=W.EXEMPTION_OLD, facts=cases[8][1], **m)
    assert describe(exemption, sees_member=False)["url"] == reverse(
        "unit-detail", args=[tree.cell_a1.pk]
    )
