"""Who fills which column of a meeting's score sheet (rule QUAL-3, VIS-3; Hướng dẫn
12-HD/BTCTW): the cell's own column only by its secretary or deputy; the superior column
only by a UNIT_ADMIN or VISITING_OFFICIAL covering a unit strictly above the cell, or an
official guest of the meeting. Inspectors (read-only), the province administrator and
superusers rate nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from chibo.evaluation.models import Rating, RatingColumn
from chibo.evaluation.permissions import can_rate_self, can_rate_superior, is_superior_of
from chibo.meetings.models import Meeting, MeetingKind, MeetingStatus
from chibo.org.models import Role
from tests.evaluation.test_ratings_service import rate, submit
from tests.factories import make_user
from tests.meetings.conftest import hold, meeting  # noqa: F401  (fixture)

SELF, SUPERIOR = RatingColumn.SELF, RatingColumn.SUPERIOR

TREE_USERS = [
    # (user of tests.factories.make_tree, fills the self column, fills the superior column)
    ("bithu", True, False),  # CELL_SECRETARY of A1: the cell itself
    ("phobithu", True, False),  # CELL_DEPUTY of A1
    ("xa", False, True),  # UNIT_ADMIN of commune A: the committee above, not the cell
    ("tinh", False, False),  # PROVINCE_ADMIN: runs the system, is not the committee above
    ("kiemtra", False, False),  # INSPECTOR of commune A: read-only by design
    ("dangvien", False, False),  # CELL_MEMBER of A1
    ("giamsat", False, False),  # VISITING_OFFICIAL of A2 and B1, not above A1
    ("ngoai", False, False),  # CELL_SECRETARY of B1
    ("admin", False, False),  # a superuser maintains the site, signs for nobody
]


def submitted_meeting(tree) -> Meeting:
    """An unsaved submitted regular meeting of cell A1 (the predicates read no record)."""
    return Meeting(unit=tree.cell_a1, kind=MeetingKind.REGULAR, status=MeetingStatus.SUBMITTED)


@pytest.mark.parametrize(("username", "own", "superior"), TREE_USERS)
def test_tree_users(tree, username, own, superior):
    actor = getattr(tree, username)
    held = submitted_meeting(tree)
    assert can_rate_self(actor, held) is own
    assert can_rate_superior(actor, held) is superior
    assert is_superior_of(actor, tree.cell_a1) is superior


GRANTS = [
    # (role, unit of the grant, include_descendants, fills self, fills superior)
    (Role.VISITING_OFFICIAL, "commune_a", True, False, True),
    (Role.VISITING_OFFICIAL, "commune_a", False, False, False),  # not covering the cell
    (Role.VISITING_OFFICIAL, "cell_a1", True, False, False),  # not above the cell
    (Role.UNIT_ADMIN, "province", True, False, True),  # strictly above
    (Role.UNIT_ADMIN, "commune_a", False, False, False),
    (Role.UNIT_ADMIN, "cell_a1", True, False, False),  # an editor of the cell, not it
    (Role.UNIT_ADMIN, "commune_b", True, False, False),
    (Role.INSPECTOR, "province", True, False, False),
    (Role.CELL_SECRETARY, "cell_a2", True, False, False),  # another cell's secretary
    (Role.CELL_DEPUTY, "cell_a1", False, True, False),
]


@pytest.mark.parametrize(("role", "unit", "descendants", "own", "superior"), GRANTS)
def test_one_grant(tree, role, unit, descendants, own, superior):
    actor = make_user(role, getattr(tree, unit), descendants)
    held = submitted_meeting(tree)
    assert (can_rate_self(actor, held), can_rate_superior(actor, held)) == (own, superior)


def test_an_official_guest_rates_above_whatever_their_grants(tree):
    held = submitted_meeting(tree)
    assert can_rate_superior(tree.giamsat, held, frozenset({tree.giamsat.pk}))
    assert not can_rate_self(tree.giamsat, held)


@pytest.fixture
def submitted(tree, meeting):  # noqa: F811
    return submit(tree, hold(tree, meeting))


def test_the_service_refuses_others(tree, submitted):  # rule QUAL-3
    for actor in (tree.xa, tree.tinh, tree.admin):
        with pytest.raises(PermissionDenied):  # the cell's own column
            rate(actor, submitted, SELF)
    for actor in (tree.kiemtra, tree.tinh, tree.admin, tree.bithu):
        with pytest.raises(PermissionDenied):
            rate(actor, submitted, SUPERIOR)
    assert not Rating.objects.exists()
    assert rate(tree.bithu, submitted).rater_name == "bithu, Chi bộ thôn Bản Chợ"
    assert rate(tree.xa, submitted, SUPERIOR).rater_name == "xa, Đảng bộ xã Chiêm Hoá"
