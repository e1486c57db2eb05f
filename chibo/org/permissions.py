"""Pure predicates: what an actor may do on a unit, from their role grants."""

from chibo.org.models import Role, Unit
from chibo.org.selectors import grants_of

#: Roles that may edit the records of the units they cover (issue 2: secretaries edit their
#: cell; administrators their subtree). Readers: cell members, inspectors, visiting officials.
EDITOR_ROLES = frozenset(
    {Role.PROVINCE_ADMIN, Role.UNIT_ADMIN, Role.CELL_SECRETARY, Role.CELL_DEPUTY}
)


def _covers(grant, unit: Unit) -> bool:
    """True if `grant` covers `unit` (the unit itself, or a descendant when it includes them)."""
    if grant.unit_id == unit.pk:
        return True
    return grant.include_descendants and unit.path.startswith(grant.unit.path)


def roles_on(actor, unit: Unit) -> set[str]:
    """The roles the actor holds that cover `unit` (a set of Role values)."""
    return {g.role for g in grants_of(actor) if _covers(g, unit)}


def can_view_unit(actor, unit: Unit) -> bool:
    """True if the actor may see `unit` (any grant covering it, or a superuser)."""
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return True
    return bool(roles_on(actor, unit))


def can_edit_unit(actor, unit: Unit) -> bool:
    """True if the actor may edit the records of `unit` (an editor role covering it)."""
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return True
    return bool(roles_on(actor, unit) & EDITOR_ROLES)
