"""Synthetic members of the demo: rolls, positions and dated records (rules MEM-1..4, CELL-3)."""

import datetime
from collections import Counter

from chibo.members.models import (
    Exemption,
    Member,
    Membership,
    Position,
    PositionKind,
    TemporaryAttachment,
)
from chibo.org.models import CELL_KINDS, Unit, UnitKind
from tests.demo.conftest import TODAY


def _full_members(cell) -> int:
    return Membership.objects.on(TODAY).filter(unit=cell, member__full_member_on__lte=TODAY).count()


def test_every_member_has_exactly_one_current_membership_in_a_cell(tiny):
    current = Counter(Membership.objects.on(TODAY).values_list("member_id", flat=True))
    assert set(current) == set(Member.objects.values_list("pk", flat=True))
    assert set(current.values()) == {1}
    kinds = set(Membership.objects.values_list("unit__kind", flat=True))
    assert kinds <= set(CELL_KINDS)


def test_transfer_history_ends_the_day_before_the_new_membership(tiny):
    ended = Membership.objects.filter(end_date__isnull=False)
    assert ended.exists()
    for old in ended:
        new = Membership.objects.get(member=old.member, end_date__isnull=True)
        assert new.start_date == old.end_date + datetime.timedelta(days=1)
        assert new.unit_id != old.unit_id


def test_every_cell_has_one_secretary_and_a_committee_from_nine_full_members(tiny):
    # rule CELL-3
    for cell in Unit.objects.filter(kind__in=CELL_KINDS):
        positions = Counter(
            Position.objects.on(TODAY).filter(unit=cell).values_list("kind", flat=True)
        )
        assert positions[PositionKind.SECRETARY] == 1, cell.name
        if _full_members(cell) >= 9:
            assert positions[PositionKind.DEPUTY_SECRETARY] == 1, cell.name
            assert 1 <= positions[PositionKind.COMMITTEE_MEMBER] <= 3, cell.name
        else:
            assert positions[PositionKind.COMMITTEE_MEMBER] == 0, cell.name
            assert positions[PositionKind.DEPUTY_SECRETARY] <= 1, cell.name
        assert sum(positions.values()) <= 7


def test_cell_positions_are_held_by_full_members_of_that_cell(tiny):
    for position in Position.objects.filter(unit__kind__in=CELL_KINDS).select_related("member"):
        assert position.member.full_member_on <= position.start_date
        assert (
            Membership.objects.on(position.start_date)
            .filter(member=position.member, unit=position.unit_id)
            .exists()
        )


def test_communes_have_a_secretary_deputies_and_committee(tiny):
    for commune in Unit.objects.filter(kind=UnitKind.COMMUNE):
        positions = Counter(
            Position.objects.on(TODAY).filter(unit=commune).values_list("kind", flat=True)
        )
        assert positions[PositionKind.SECRETARY] == 1
        assert positions[PositionKind.DEPUTY_SECRETARY] >= 1
        assert positions[PositionKind.STANDING_COMMITTEE_MEMBER] >= 1
        holders = Position.objects.filter(unit=commune).values_list("member_id", flat=True)
        cells = Membership.objects.on(TODAY).filter(member_id__in=holders)
        assert all(m.unit.path.startswith(commune.path) for m in cells)


def test_card_numbers_are_unique_and_only_full_members_have_one(tiny):
    cards = list(Member.objects.exclude(card_number=None).values_list("card_number", flat=True))
    assert len(cards) == len(set(cards))
    assert all(card.isdigit() and len(card) == 9 for card in cards)
    assert not Member.objects.filter(full_member_on=None).exclude(card_number=None).exists()
    assert not Member.objects.exclude(full_member_on=None).filter(card_number=None).exists()


def test_ages_admission_and_probation_are_consistent(tiny):
    # rule MEM-1: probation lasts 12 months, then full membership
    probationary = 0
    for m in Member.objects.all():
        age = TODAY.year - m.birth_year
        assert 18 <= age <= 93, m.full_name
        if m.birth_date:
            assert m.birth_date.year == m.birth_year
            assert m.admitted_on >= m.birth_date.replace(
                year=m.birth_date.year + 18, day=min(m.birth_date.day, 28)
            )
        assert m.admitted_on < TODAY
        if m.full_member_on is None:
            probationary += 1
            assert (TODAY - m.admitted_on).days < 366
        else:
            assert (m.full_member_on - m.admitted_on).days in (365, 366)
            assert m.full_member_on <= TODAY
    assert probationary >= 1


def test_members_look_like_tuyen_quang_party_members(tiny):
    members = list(Member.objects.all())
    assert {m.gender for m in members} == {"M", "F"}
    assert len({m.ethnicity for m in members}) >= 3
    assert all(m.residence.endswith(("Xã Chiêm Hoá", "Phường Minh Xuân")) for m in members)
    assert all(
        m.phone == "" or (m.phone.startswith("0900") and len(m.phone) == 10) for m in members
    )
    assert all(m.occupation for m in members)


def test_dated_records_exist_and_attachments_go_to_another_cell(tiny):
    assert Exemption.objects.on(TODAY).exists()
    for attachment in TemporaryAttachment.objects.select_related("member"):
        home = Membership.objects.on(attachment.start_date).get(member=attachment.member)
        assert attachment.host_unit_id != home.unit_id
        assert attachment.host_unit_id or attachment.host_name
