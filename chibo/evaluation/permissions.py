"""Pure predicates: who may rate a meeting, and who sees and acknowledges early warnings.

Rule QUAL-3: the cell rates its own meeting (its secretary, deputy and the administrators
above it); the superior committee or the visiting official scores too, and that rating is
final. Warnings are for the unit's leaders and every superior up the tree (issue 4).
"""

from chibo.meetings.models import MeetingKind, MeetingStatus
from chibo.org.models import Role
from chibo.org.permissions import EDITOR_ROLES, can_edit_unit, roles_on
from chibo.org.selectors import grants_of

#: Roles that see a unit's early warnings: its editors, inspectors and visiting officials.
WARNING_ROLES = EDITOR_ROLES | {Role.INSPECTOR, Role.VISITING_OFFICIAL}
#: Roles that may give the superior rating when held on a unit above the cell.
SUPERIOR_ROLES = frozenset(
    {Role.PROVINCE_ADMIN, Role.UNIT_ADMIN, Role.INSPECTOR, Role.VISITING_OFFICIAL}
)
#: Statuses in which a meeting can be rated: minutes complete (submitted) or adopted.
RATABLE_STATUSES = frozenset({MeetingStatus.SUBMITTED, MeetingStatus.ADOPTED})


def _superuser(actor) -> bool:
    return bool(getattr(actor, "is_superuser", False) and actor.is_active)


def can_rate_self(actor, meeting) -> bool:
    """True if the actor may fill the cell's own column: an editor of the cell, a cell
    meeting (not a committee meeting) whose minutes are submitted and not yet adopted (the
    rating is written into the minutes before adoption; MIN-3 locks it after)."""
    return (
        meeting.kind != MeetingKind.COMMITTEE
        and meeting.status == MeetingStatus.SUBMITTED
        and can_edit_unit(actor, meeting.unit)
    )


def is_superior_of(actor, unit) -> bool:
    """True if the actor holds a superior role (SUPERIOR_ROLES) on a unit strictly above
    `unit`, covering it (include_descendants), or is a superuser."""
    if _superuser(actor):
        return True
    return any(
        grant.role in SUPERIOR_ROLES
        and grant.include_descendants
        and grant.unit_id != unit.pk
        and unit.path.startswith(grant.unit.path)
        for grant in grants_of(actor)
    )


def can_rate_superior(actor, meeting, official_user_ids=frozenset()) -> bool:
    """True if the actor may fill the superior column of a submitted or adopted cell
    meeting: a superior of the cell (`is_superior_of`) or a visiting official recorded as a
    guest of the meeting (`official_user_ids`: user ids of its official guests)."""
    if meeting.kind == MeetingKind.COMMITTEE or meeting.status not in RATABLE_STATUSES:
        return False
    actor_id = getattr(actor, "pk", None)
    return is_superior_of(actor, meeting.unit) or (
        actor_id is not None and actor_id in official_user_ids
    )


def can_see_warnings(actor, unit) -> bool:
    """True if the actor sees the early warnings of `unit` (a WARNING_ROLES grant covering it)."""
    return _superuser(actor) or bool(roles_on(actor, unit) & WARNING_ROLES)


def can_acknowledge(actor, unit) -> bool:
    """True if the actor may acknowledge a warning of `unit` (an editor covering it)."""
    return can_edit_unit(actor, unit)
