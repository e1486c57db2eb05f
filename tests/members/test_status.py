"""members.selectors.member_status_on and unit_status_counts (rules MEM-1..4, ATT-0).

Every date range is inclusive at both ends; an empty end date means "still in force".
The record under test runs 01/06/2025 – 30/06/2025 (or from 01/06/2025, open-ended), so the
four boundary days are 31/05 (before), 01/06 (start), 30/06 (end) and 01/07 (after).
"""

import datetime

import pytest

from chibo.members.models import (
    AttachmentReason,
    Exemption,
    ExemptionReason,
    Member,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)
from chibo.members.selectors import (
    MemberStatus,
    member_status_on,
    member_with_records,
    unit_status_counts,
)
from chibo.org.models import CellType, Role, Unit, UnitKind
from tests.factories import make_member, make_unit, make_user

D = datetime.date
START, END = D(2025, 6, 1), D(2025, 6, 30)
BEFORE, AFTER = D(2025, 5, 31), D(2025, 7, 1)
LATER = D(2031, 12, 31)  # long after START, for open-ended records

pytestmark = pytest.mark.django_db


@pytest.fixture
def cells():
    province = make_unit("Đảng bộ tỉnh Tuyên Quang", UnitKind.PROVINCE)
    commune = make_unit("Đảng bộ xã Chiêm Hoá", UnitKind.COMMUNE, province)
    home = make_unit("Chi bộ thôn Bản Chợ", UnitKind.CELL, commune, cell_type=CellType.RURAL)
    host = make_unit("Chi bộ thôn Nà Mý", UnitKind.CELL, commune, cell_type=CellType.RURAL)
    return home, host


def _status(cell, **overrides) -> dict:
    """The MemberStatus fields of a full member on the roll of `cell` with no record in force."""
    fields = {
        "standing": "full",
        "unit": cell,
        "on_roll": True,
        "exempted": False,
        "temporarily_exempted": False,
        "attached_elsewhere": False,
        "host": "",
        "working_away": False,
        "special_duty": False,
    }
    fields.update(overrides)
    return fields


def _make_record(kind: str, member: Member, host_cell, end):
    """Create one dated record of `kind` for `member`, from START until `end`."""
    dates = {"start_date": START, "end_date": end}
    if kind == "exemption":
        Exemption.objects.create(member=member, reason=ExemptionReason.AGE, **dates)
    elif kind == "temporary_exemption":
        TemporaryExemption.objects.create(member=member, note="Lái xe đường dài", **dates)
    elif kind == "attachment_host_unit":
        TemporaryAttachment.objects.create(
            member=member, reason=AttachmentReason.WORK, host_unit=host_cell, **dates
        )
    elif kind == "attachment_host_name":
        TemporaryAttachment.objects.create(
            member=member,
            reason=AttachmentReason.STUDY,
            host_name="Chi bộ Trường Đại học Sư phạm Hà Nội",
            **dates,
        )
    elif kind == "working_away":
        WorkingAway.objects.create(member=member, place="Bình Dương", **dates)
    elif kind == "special_duty":
        SpecialDuty.objects.create(member=member, **dates)
    else:  # pragma: no cover - a typo in the table below
        raise AssertionError(kind)


#: kind → the MemberStatus fields that change while the record is in force.
IN_FORCE = {
    "exemption": {"exempted": True},
    "temporary_exemption": {"temporarily_exempted": True},
    "attachment_host_unit": {"attached_elsewhere": True, "host": "Chi bộ thôn Nà Mý"},
    "attachment_host_name": {
        "attached_elsewhere": True,
        "host": "Chi bộ Trường Đại học Sư phạm Hà Nội",
    },
    "working_away": {"working_away": True},
    "special_duty": {"special_duty": True},
}

#: (end date of the record, day asked, in force?) — the boundaries of an inclusive range.
BOUNDARIES = [
    pytest.param(END, BEFORE, False, id="closed-day-before-start"),
    pytest.param(END, START, True, id="closed-start-day"),
    pytest.param(END, END, True, id="closed-end-day"),
    pytest.param(END, AFTER, False, id="closed-day-after-end"),
    pytest.param(None, BEFORE, False, id="open-day-before-start"),
    pytest.param(None, START, True, id="open-start-day"),
    pytest.param(None, LATER, True, id="open-years-later"),
]


@pytest.mark.parametrize("kind", list(IN_FORCE))
@pytest.mark.parametrize(("end", "on", "in_force"), BOUNDARIES)
def test_dated_record_boundaries(cells, kind, end, on, in_force):
    home, host = cells
    member = make_member(home, "Nguyễn Văn Ân")  # full member since 10/03/2016, on the roll
    _make_record(kind, member, host, end)
    expected = _status(home, **(IN_FORCE[kind] if in_force else {}))
    assert member_status_on(member, on) == MemberStatus(on=on, **expected)
    # The same answer from prefetched relations (the member page's path).
    assert member_status_on(member_with_records(member), on) == MemberStatus(on=on, **expected)


@pytest.mark.parametrize(
    ("roll_until", "on", "on_roll"),
    [
        pytest.param(END, BEFORE, False, id="closed-day-before-start"),
        pytest.param(END, START, True, id="closed-start-day"),
        pytest.param(END, END, True, id="closed-end-day"),
        pytest.param(END, AFTER, False, id="closed-day-after-end"),
        pytest.param(None, START, True, id="open-start-day"),
        pytest.param(None, LATER, True, id="open-years-later"),
    ],
)
def test_membership_boundaries(cells, roll_until, on, on_roll):
    home, _host = cells
    member = make_member(home, "Trần Thị Bích", roll_from=START, roll_until=roll_until)
    expected = _status(home if on_roll else None, on_roll=on_roll)
    assert member_status_on(member, on) == MemberStatus(on=on, **expected)


def test_membership_history_gives_the_cell_of_the_day(cells):
    # Moved from the host cell to the home cell on 01/06/2025 (rule: the roll history).
    home, host = cells
    member = make_member(host, "Lê Văn Cường", roll_until=BEFORE)
    member.memberships.create(unit=home, start_date=START)
    assert member_status_on(member, BEFORE).unit == host
    assert member_status_on(member, START).unit == home


#: admitted 10/03/2024, full member from 10/03/2025 (rule MEM-1: 12 months of probation).
@pytest.mark.parametrize(
    ("full_member_on", "on", "standing"),
    [
        pytest.param(D(2025, 3, 10), D(2024, 3, 9), "", id="day-before-admission"),
        pytest.param(D(2025, 3, 10), D(2024, 3, 10), "probationary", id="admission-day"),
        pytest.param(D(2025, 3, 10), D(2025, 3, 9), "probationary", id="day-before-full"),
        pytest.param(D(2025, 3, 10), D(2025, 3, 10), "full", id="full-member-day"),
        pytest.param(D(2025, 3, 10), D(2030, 1, 1), "full", id="years-later"),
        pytest.param(None, D(2030, 1, 1), "probationary", id="never-made-full"),
    ],
)
def test_standing_around_admission_and_full_membership(cells, full_member_on, on, standing):
    home, _host = cells
    member = make_member(
        home, "Hoàng Thị Lan", admitted_on=D(2024, 3, 10), full_member_on=full_member_on
    )
    on_roll = on >= D(2024, 3, 10)  # the roll entry starts on the admission day
    expected = _status(home if on_roll else None, standing=standing, on_roll=on_roll)
    assert member_status_on(member, on) == MemberStatus(on=on, **expected)


def test_several_records_at_once(cells):
    home, host = cells
    member = make_member(home, "Phạm Văn Dũng")
    Exemption.objects.create(member=member, reason=ExemptionReason.HEALTH, start_date=START)
    WorkingAway.objects.create(member=member, place="Hà Nội", start_date=START, end_date=END)
    # An attachment that ended before START is history, not status.
    TemporaryAttachment.objects.create(
        member=member,
        reason=AttachmentReason.WORK,
        host_unit=host,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 6, 30),
    )
    assert member_status_on(member, END) == MemberStatus(
        on=END, **_status(home, exempted=True, working_away=True)
    )


# --- unit_status_counts -------------------------------------------------------------------

ON = D(2025, 6, 15)


def test_unit_status_counts_of_a_hand_built_cell(cells):
    home, host = cells
    actor = make_user(Role.CELL_SECRETARY, home)
    full = [
        make_member(home, name)
        for name in (
            "Nguyễn Văn Ân",
            "Trần Thị Bích",
            "Lê Văn Cường",
            "Phạm Văn Dũng",
            "Vũ Thị Hoa",
        )
    ]
    # Probationary on ON: one admitted 01/01/2025 (no full date yet), one whose full date
    # (16/06/2025) is the day after ON.
    make_member(home, "Hoàng Thị Lan", admitted_on=D(2025, 1, 1), full_member_on=None)
    make_member(home, "Đỗ Văn Bình", admitted_on=D(2024, 6, 16), full_member_on=D(2025, 6, 16))
    Exemption.objects.create(member=full[0], reason=ExemptionReason.AGE, start_date=D(2023, 1, 1))
    TemporaryAttachment.objects.create(
        member=full[1], reason=AttachmentReason.WORK, host_unit=host, start_date=START, end_date=END
    )
    WorkingAway.objects.create(member=full[2], place="Bình Dương", start_date=D(2025, 1, 1))

    # Not counted: an exemption that ended the day before ON, a member who left the cell
    # before ON, a member of another cell, a member who joins the roll after ON.
    Exemption.objects.create(
        member=full[3],
        reason=ExemptionReason.HEALTH,
        start_date=D(2024, 1, 1),
        end_date=D(2025, 6, 14),
    )
    make_member(home, "Bùi Văn Tư", roll_until=D(2025, 6, 14))
    make_member(host, "Đinh Thị Mai")
    make_member(home, "Cao Văn Sơn", roll_from=D(2025, 6, 16))

    assert unit_status_counts(actor=actor, unit=home, on=ON) == {
        "total": 7,
        "full": 5,
        "probationary": 2,
        "exempted": 1,
        "temporarily_exempted": 0,
        "attached_elsewhere": 1,
        "working_away": 1,
        "special_duty": 0,
    }


def test_unit_status_counts_of_a_commune_sum_its_cells_in_scope(cells):
    home, host = cells
    commune = Unit.objects.get_parent(home)
    make_member(home, "Nguyễn Văn Ân")
    make_member(home, "Trần Thị Bích", admitted_on=D(2025, 1, 1), full_member_on=None)
    make_member(host, "Lê Văn Cường")
    special = make_member(host, "Phạm Văn Dũng")
    SpecialDuty.objects.create(member=special, start_date=D(2025, 1, 1))
    unit_admin = make_user(Role.UNIT_ADMIN, commune)
    secretary = make_user(Role.CELL_SECRETARY, home)
    assert unit_status_counts(actor=unit_admin, unit=commune, on=ON) == {
        "total": 4,
        "full": 3,
        "probationary": 1,
        "exempted": 0,
        "temporarily_exempted": 0,
        "attached_elsewhere": 0,
        "working_away": 0,
        "special_duty": 1,
    }
    # Scope limits the figures too: the home cell's secretary counts only the home cell.
    assert unit_status_counts(actor=secretary, unit=commune, on=ON) == {
        "total": 2,
        "full": 1,
        "probationary": 1,
        "exempted": 0,
        "temporarily_exempted": 0,
        "attached_elsewhere": 0,
        "working_away": 0,
        "special_duty": 0,
    }


def test_province_counts_start_from_the_records_and_agree_with_the_cells(cells):
    # unit_status_counts plans a province's dated-record counts from the record tables and a
    # commune's from the roll: both must give the figures worked out by hand.
    home, host = cells
    commune = Unit.objects.get_parent(home)
    province = Unit.objects.get_parent(commune)
    exempted = make_member(home, "Nguyễn Văn Ân")
    attached = make_member(home, "Trần Thị Bích")
    away = make_member(host, "Lê Văn Cường")
    make_member(host, "Phạm Văn Dũng", admitted_on=D(2025, 1, 1), full_member_on=None)
    Exemption.objects.create(member=exempted, reason=ExemptionReason.AGE, start_date=D(2023, 1, 1))
    TemporaryAttachment.objects.create(
        member=attached,
        reason=AttachmentReason.STUDY,
        host_name="Trường Chính trị tỉnh",
        start_date=START,
    )
    WorkingAway.objects.create(member=away, place="Hà Nội", start_date=D(2025, 1, 1))
    TemporaryExemption.objects.create(member=away, start_date=D(2025, 6, 1), end_date=ON)
    # A record of a member who left the roll before ON is not counted anywhere.
    gone = make_member(host, "Vũ Thị Hoa", roll_until=D(2025, 6, 14))
    WorkingAway.objects.create(member=gone, place="Bắc Ninh", start_date=D(2025, 1, 1))
    expected = {
        "total": 4,
        "full": 3,
        "probationary": 1,
        "exempted": 1,
        "temporarily_exempted": 1,
        "attached_elsewhere": 1,
        "working_away": 1,
        "special_duty": 0,
    }
    admin = make_user(Role.PROVINCE_ADMIN, province)
    assert unit_status_counts(actor=admin, unit=province, on=ON) == expected
    assert unit_status_counts(actor=admin, unit=commune, on=ON) == expected
    # The home cell's secretary looking at the province sees only their own cell's figures.
    secretary = make_user(Role.CELL_SECRETARY, home)
    assert unit_status_counts(actor=secretary, unit=province, on=ON) == {
        "total": 2,
        "full": 2,
        "probationary": 0,
        "exempted": 1,
        "temporarily_exempted": 0,
        "attached_elsewhere": 1,
        "working_away": 0,
        "special_duty": 0,
    }


def test_a_receiving_cell_lists_and_sees_members_attached_to_it(cells):
    # Rule MEM-3: the member attends the receiving cell, which sees them; the home cell keeps
    # them on its roll (and in its counts).
    from django.test import Client
    from django.urls import reverse

    home, host = cells
    member = make_member(home, "Nguyễn Văn Ân")
    TemporaryAttachment.objects.create(
        member=member, reason=AttachmentReason.WORK, host_unit=host, start_date=D(2025, 1, 1)
    )
    host_secretary = make_user(Role.CELL_SECRETARY, host)
    client = Client()
    client.force_login(host_secretary)
    page = client.get(reverse("unit-detail", args=[host.pk]))
    assert [row["member"].full_name for row in page.context["attached"]] == ["Nguyễn Văn Ân"]
    assert page.context["attached"][0]["home"] == home
    assert page.context["counts"]["total"] == 0  # not on the host's roll
    assert client.get(reverse("member-detail", args=[member.pk])).status_code == 200
    # Read, not edit: the file stays with the home cell.
    assert client.get(reverse("member-edit", args=[member.pk])).status_code == 403
