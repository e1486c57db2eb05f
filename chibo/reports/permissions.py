"""Who may read reports: pure predicates over the actor's role grants.

Reports show the same people what the early warnings show them: the editors of a unit (cell
secretary and deputy, unit administrators, the province administrator), inspectors and
visiting officials, on the units their grants cover (a commune's grant covers its cells).
Plain members do not see reports (Kết luận 256-KL/TU: the committees and the organisation
commission follow the cells).
"""

from chibo.evaluation.permissions import WARNING_ROLES
from chibo.org.permissions import roles_on

#: Roles that may read the reports of the units their grants cover.
REPORT_ROLES = WARNING_ROLES


def can_view_reports(actor, unit) -> bool:
    """True if the actor may read the reports of `unit`: a superuser, or a REPORT_ROLES grant
    covering it."""
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return True
    return bool(roles_on(actor, unit) & REPORT_ROLES)
