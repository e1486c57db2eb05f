"""Pinned query counts of the organisation pages; they do not grow with the number of members.

Each page is requested by the administrator of commune A (a role grant, not a superuser) with
a logged-in session, so every count starts with the same three queries:
  1. the session row, 2. the user, 3. the user's role grants (fetched once, cached on the
  user object for the rest of the request; every scoped selector reuses them);
and every full page (not an htmx partial) ends with one more: the unread notices counted for
the nav's badge (meetings.context_processors.unread_notices, read lazily by base.html).
"""

import datetime

import pytest
from django.urls import reverse

from chibo.members.models import (
    AttachmentReason,
    Exemption,
    ExemptionReason,
    Member,
    Position,
    PositionKind,
    TemporaryAttachment,
    WorkingAway,
)
from tests.factories import make_cell_with_members

pytestmark = pytest.mark.django_db

SIZES = [pytest.param(5, id="5-members"), pytest.param(60, id="60-members")]


def _cell(tree, size):
    """A new cell of commune A with `size` members, a secretary and dated records on many of
    its members (so that a per-row query for statuses or leaders would show in the count)."""
    cell = make_cell_with_members(tree.commune_a, "Chi bộ thôn Nà Mý", size)
    members = list(Member.objects.filter(memberships__unit=cell).order_by("pk"))
    start = datetime.date(2025, 1, 1)
    Exemption.objects.bulk_create(
        Exemption(member=m, reason=ExemptionReason.AGE, start_date=start) for m in members[::3]
    )
    TemporaryAttachment.objects.bulk_create(
        TemporaryAttachment(
            member=m, reason=AttachmentReason.WORK, host_unit=tree.cell_a1, start_date=start
        )
        for m in members[1::4]
    )
    WorkingAway.objects.bulk_create(WorkingAway(member=m, start_date=start) for m in members[2::5])
    Position.objects.create(
        member=members[0], unit=cell, kind=PositionKind.SECRETARY, start_date=start
    )
    Position.objects.create(
        member=members[1], unit=cell, kind=PositionKind.DEPUTY_SECRETARY, start_date=start
    )
    return cell


@pytest.mark.parametrize("size", SIZES)
def test_tree_page_queries(tree, client_for, django_assert_num_queries, size):
    _cell(tree, size)
    client = client_for(tree.xa)
    # session, user, role grants — the roots come from the grants; children load by htmx —
    # and the nav's unread notices = 4.
    with django_assert_num_queries(4):
        response = client.get(reverse("tree"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_branch_partial_queries(tree, client_for, django_assert_num_queries, size):
    _cell(tree, size)
    client = client_for(tree.xa)
    # session, user, grants, the unit, its visible children.
    with django_assert_num_queries(5):
        response = client.get(reverse("unit-branch", args=[tree.commune_a.pk]))
    assert [u.name for u in response.context["children"]] == [
        "Chi bộ Chiêm Hóa",
        "Chi bộ thôn Bản Chợ",
        "Chi bộ thôn Nà Mý",
    ]


@pytest.mark.parametrize("size", SIZES)
def test_cell_page_queries(tree, client_for, django_assert_num_queries, size):
    cell = _cell(tree, size)
    client = client_for(tree.xa)
    # session, user, grants, the unit, breadcrumbs (ancestors), leaders (positions with
    # their members), members attached here from other cells, status counts (one query; its
    # total also serves the paginator), the page of members (statuses as EXISTS
    # annotations), sub-units, the nav's unread notices = 11.
    with django_assert_num_queries(11):
        response = client.get(reverse("unit-detail", args=[cell.pk]))
    assert len(response.context["rows"]) == min(size, 50)
    assert response.context["counts"]["total"] == size
    assert [p.member.full_name for p in response.context["leaders"]] == [
        "Đảng viên 001",
        "Đảng viên 002",
    ]


@pytest.mark.parametrize("size", SIZES)
def test_commune_page_queries(tree, client_for, django_assert_num_queries, size):
    _cell(tree, size)
    client = client_for(tree.xa)
    # A cell page's queries but the attached members (cells only) + the cell of each listed
    # member (one query for the page) = 11 (the nav's unread notices included).
    with django_assert_num_queries(11):
        response = client.get(reverse("unit-detail", args=[tree.commune_a.pk]))
    assert response.context["counts"]["total"] == size + 5


@pytest.mark.parametrize("size", SIZES)
def test_search_page_queries(tree, client_for, django_assert_num_queries, size):
    _cell(tree, size)
    client = client_for(tree.xa)
    # session, user, grants, units found (count, first 20), members found (count, page),
    # the cell of each member found, the parents of those units and cells, the nav's unread
    # notices = 10.
    with django_assert_num_queries(10):
        response = client.get(reverse("search"), {"q": "dang vien 00"})
    # "Đảng viên 001" … "Đảng viên 009" match (only 001 … 005 in the 5-member cell).
    assert len(response.context["members"]) == min(size, 9)


@pytest.mark.parametrize("size", SIZES)
def test_home_page_queries(tree, client_for, django_assert_num_queries, size):
    _cell(tree, size)
    client = client_for(tree.xa)
    # session, user, grants (roots and the roles list), the member linked to the account,
    # the nav's unread notices.
    with django_assert_num_queries(5):
        response = client.get(reverse("home"))
    assert response.status_code == 200


@pytest.mark.parametrize("attached", [1, 3])
def test_cell_page_with_attached_members_adds_one_query(
    tree, client_for, django_assert_num_queries, attached
):
    import datetime

    from chibo.members.models import TemporaryAttachment

    for member in (tree.dung_a2, tree.an_b1, tree.hoa_b1)[:attached]:
        TemporaryAttachment.objects.create(
            member=member,
            reason="work",
            host_unit=tree.cell_a1,
            start_date=datetime.date(2025, 1, 1),
        )
    client = client_for(tree.xa)
    # The 11 queries of a cell page + the home cells of the attached members = 12.
    with django_assert_num_queries(12):
        response = client.get(reverse("unit-detail", args=[tree.cell_a1.pk]))
    assert len(response.context["attached"]) == attached
