"""The member page: pinned query count (not growing with records or cell size), content."""

import datetime
import re

import pytest
from django.urls import reverse

from chibo.members.models import (
    AttachmentReason,
    Exemption,
    ExemptionReason,
    Membership,
    Position,
    PositionKind,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)
from tests.factories import make_cell_with_members, make_member

pytestmark = pytest.mark.django_db
D = datetime.date

#: session, user, role grants, the member (scoped member_get), the member again with its
#: records (member_with_records: 1 + 7 prefetches: memberships+unit, positions+unit,
#: exemptions, temporary exemptions, attachments+host unit, working away, special duties),
#: breadcrumbs (ancestors of the cell), the file's change history, the nav's unread notices
#: (meetings.context_processors.unread_notices) = 15.
MEMBER_PAGE_QUERIES = 15


def _give_records(member, host, count):
    """`count` closed records of every kind, one after the other from 2016, plus positions."""
    for i in range(count):
        start, end = D(2016 + i, 1, 1), D(2016 + i, 6, 30)
        Exemption.objects.create(
            member=member, reason=ExemptionReason.HEALTH, start_date=start, end_date=end
        )
        TemporaryExemption.objects.create(member=member, start_date=start, end_date=end)
        TemporaryAttachment.objects.create(
            member=member,
            reason=AttachmentReason.WORK,
            host_unit=host,
            start_date=start,
            end_date=end,
        )
        WorkingAway.objects.create(
            member=member, place="Bình Dương", start_date=start, end_date=end
        )
        SpecialDuty.objects.create(member=member, start_date=start, end_date=end)
        Position.objects.create(
            member=member,
            unit=member.memberships.get().unit,
            kind=PositionKind.COMMITTEE_MEMBER,
            start_date=start,
            end_date=end,
        )
        member.occupation = f"Nghề {i}"
        member.save()  # one more history row each time


@pytest.mark.parametrize(("cell_size", "records"), [(5, 0), (60, 8)])
def test_member_page_queries_do_not_grow(
    tree, client_for, django_assert_num_queries, cell_size, records
):
    cell = make_cell_with_members(tree.commune_a, "Chi bộ thôn Nà Mý", cell_size)
    member = Membership.objects.filter(unit=cell).order_by("member_id").first().member
    _give_records(member, tree.cell_a1, records)
    client = client_for(tree.xa)
    with django_assert_num_queries(MEMBER_PAGE_QUERIES):
        response = client.get(reverse("member-detail", args=[member.pk]))
    assert response.status_code == 200
    # Membership + positions + 5 record kinds per round, + admission + full membership.
    assert len(response.context["timeline"]) == 1 + 6 * records + 2


def test_member_page_shows_status_and_history(tree, client_for):
    member = make_member(
        tree.cell_a1,
        "Đinh Thị Mai",
        admitted_on=D(2015, 3, 10),
        full_member_on=D(2016, 3, 10),
        birth_year=1958,
        phone="0912345678",
    )
    Exemption.objects.create(member=member, reason=ExemptionReason.AGE, start_date=D(2024, 1, 1))
    TemporaryAttachment.objects.create(
        member=member,
        reason=AttachmentReason.STUDY,
        host_name="Chi bộ Trường Chính trị tỉnh",
        start_date=D(2023, 9, 1),
        end_date=D(2023, 12, 31),
    )
    response = client_for(tree.bithu).get(reverse("member-detail", args=[member.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h3 mb-1">Đinh Thị Mai</h1>' in html
    badges = re.findall(
        r'<span class="badge [^"]+">([^<]+)</span>', html.split("<h1", 1)[1].split("</p>", 1)[0]
    )
    assert badges == [
        "Đảng viên chính thức",
        "Miễn công tác và sinh hoạt đảng",
    ]  # the attachment ended
    assert f'<a href="/units/{tree.cell_a1.pk}/">Chi bộ thôn Bản Chợ</a>' in html

    def cell(row: str, name: str) -> str:
        found = re.search(rf'{name}">([^<]+)<', row)
        return found.group(1) if found else ""

    chunks = html.split('<li class="list-group-item tl-row">')[1:]
    rows = [
        tuple(
            cell(row.split("</li>")[0], n) for n in ("tl-start", "tl-end", "tl-kind", "tl-detail")
        )
        for row in chunks
    ]
    # Ranges show their last day ("nay" while open); events (admission, full membership) one day.
    assert [(start, end) for start, end, _kind, _detail in rows] == [
        ("01/01/2024", "nay"),
        ("01/09/2023", "31/12/2023"),
        ("10/03/2016", ""),
        ("10/03/2015", "nay"),
        ("10/03/2015", ""),
    ]
    assert (rows[2][2], rows[3][2], rows[3][3], rows[4][2]) == (
        "Công nhận đảng viên chính thức",
        "Chi bộ",
        "Chi bộ thôn Bản Chợ",
        "Kết nạp vào Đảng",
    )
    assert [u.name for u in response.context["ancestors"]] == ["Chi bộ thôn Bản Chợ"]


def test_member_of_a_party_group_has_full_breadcrumbs_for_the_province_admin(tree, client_for):
    response = client_for(tree.tinh).get(reverse("member-detail", args=[tree.lan_group.pk]))
    assert [u.name for u in response.context["ancestors"]] == [
        "Đảng bộ tỉnh Tuyên Quang",
        "Đảng bộ xã Chiêm Hoá",
        "Chi bộ thôn Bản Chợ",
        "Tổ đảng số 1",
    ]


def test_member_who_left_the_roll_is_not_found(tree, client_for):
    member = make_member(tree.cell_a1, "Bùi Văn Tư", roll_until=D(2020, 12, 31))
    assert client_for(tree.tinh).get(reverse("member-detail", args=[member.pk])).status_code == 404


def test_page_of_a_bulk_created_member_without_history(tree, client_for):
    # Bulk-created members (the demo builder, imports) have no django-simple-history rows;
    # the page used to fail with a 500 (zip(strict=True) in member_changes).
    cell = make_cell_with_members(tree.commune_a, "Chi bộ thôn Nà Mý", 1)
    member = Membership.objects.get(unit=cell).member
    assert member.history.count() == 0
    response = client_for(tree.xa).get(reverse("member-detail", args=[member.pk]))
    assert response.status_code == 200
    assert response.context["changes"] == []
    assert "Chưa có thay đổi nào." in response.content.decode()
