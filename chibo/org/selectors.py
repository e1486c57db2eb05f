"""Scoped reads of the organisation tree.

Every read takes the actor first and returns only what the actor may see: the union of their
role grants, each the granted unit alone or its whole subtree (ARCHITECTURE "Every read is
scoped"). The visible set is one indexed query on the materialised path: a disjunction of
`path LIKE 'prefix%'` terms, one per grant, never a loop over units in Python.
"""

from django.db.models import Case, Q, QuerySet, Value, When

from chibo.core.scoping import NotInScope
from chibo.core.text import fold
from chibo.org.models import RoleGrant, Unit

_GRANTS_CACHE = "_chibo_role_grants"


def grants_of(actor) -> list[RoleGrant]:
    """The actor's role grants with their units (one query, cached on the actor object).

    Returns [] for anonymous or inactive users.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    cached = getattr(actor, _GRANTS_CACHE, None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user=actor).select_related("unit"))
        setattr(actor, _GRANTS_CACHE, cached)
    return cached


def forget_grants(actor) -> None:
    """Drop the cached grants of `actor` (after grants change within one request or test)."""
    if hasattr(actor, _GRANTS_CACHE):
        delattr(actor, _GRANTS_CACHE)


def _path_upper_bound(path: str) -> str | None:
    """The smallest path greater than every path starting with `path` (None: no bound).

    Treebeard paths use the alphabet 0-9A-Z; "0001000Z" → "00010010". With it a subtree is a
    range `path >= P AND path < upper`, which both SQLite and PostgreSQL answer from the
    path's unique index (SQLite never uses an index for Django's `LIKE … ESCAPE`).
    """
    alphabet = Unit.alphabet
    stripped = path.rstrip(alphabet[-1])
    if not stripped:
        return None
    return stripped[:-1] + alphabet[alphabet.index(stripped[-1]) + 1]


def subtree_q(path: str, prefix: str = "") -> Q:
    """A Q object for the unit with materialised path `path` and all its descendants.

    `prefix` is the lookup path to the Unit ("" for Unit itself, "unit__" through a foreign
    key). An indexed range on the path, not a LIKE.
    """
    upper = _path_upper_bound(path)
    q = Q(**{f"{prefix}path__gte": path})
    return q & Q(**{f"{prefix}path__lt": upper}) if upper else q


def unit_scope_q(actor, prefix: str = "") -> Q:
    """A Q object limiting a query to units the actor may see.

    `prefix` is the lookup path from the queried model to its Unit ("" for Unit itself,
    "unit__" for a model with a `unit` foreign key). Superusers see everything; an actor
    without grants sees nothing.
    """
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return Q()
    q = Q(**{f"{prefix}pk__in": []})
    for grant in grants_of(actor):
        if grant.include_descendants:
            q |= subtree_q(grant.unit.path, prefix)
        else:
            q |= Q(**{f"{prefix}pk": grant.unit_id})
    return q


def units_visible(*, actor) -> QuerySet[Unit]:
    """All units the actor may see, in tree order."""
    return Unit.objects.filter(unit_scope_q(actor)).order_by("path")


def unit_get(*, actor, unit_id) -> Unit:
    """One unit by id, if the actor may see it.

    Raises NotInScope (answers 404) when the unit does not exist, the id is malformed, or the
    unit lies outside the actor's scope.
    """
    try:
        unit_id = int(unit_id)
    except (TypeError, ValueError):
        raise NotInScope("malformed unit id") from None
    unit = units_visible(actor=actor).filter(pk=unit_id).first()
    if unit is None:
        raise NotInScope("unit not in scope")
    return unit


def scope_roots(*, actor) -> list[Unit]:
    """The top units of the actor's scope: granted units not inside another visible subtree.

    For a province administrator this is [the province]; for a visiting official, the cells
    they follow. Ordered as in the tree. Superusers get the roots of the whole tree.
    """
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return list(Unit.objects.get_root_nodes())
    units = {g.unit.pk: g.unit for g in grants_of(actor)}
    subtree_paths = [g.unit.path for g in grants_of(actor) if g.include_descendants]
    roots = [
        u
        for u in units.values()
        if not any(u.path != p and u.path.startswith(p) for p in subtree_paths)
    ]
    return sorted(roots, key=lambda u: u.path)


def unit_children(*, actor, unit: Unit) -> QuerySet[Unit]:
    """The visible direct children of `unit`, in Vietnamese name order."""
    return (
        units_visible(actor=actor)
        .filter(subtree_q(unit.path), depth=unit.depth + 1)
        .order_by("sort_key", "pk")
    )


def unit_ancestors(*, actor, unit: Unit) -> list[Unit]:
    """The visible ancestors of `unit`, root first (for breadcrumbs); one query."""
    steplen = Unit.steplen
    paths = [unit.path[:i] for i in range(steplen, len(unit.path), steplen)]
    return list(units_visible(actor=actor).filter(path__in=paths).order_by("depth"))


def search_rank(query: str, name_field: str) -> Case:
    """Ordering expression putting the closest matches of a search first.

    0: the name contains `query` exactly as typed (with its accents); 1: the folded name is the
    folded query, or starts with it followed by a space; 2: any other match. `name_field` is
    the model's display-name field ("name" or "full_name"); both models keep `search_text`.
    """
    folded = fold(query)
    return Case(
        When(**{f"{name_field}__contains": query.strip()}, then=Value(0)),
        When(Q(search_text=folded) | Q(search_text__startswith=f"{folded} "), then=Value(1)),
        default=Value(2),
    )


def units_search(*, actor, query: str) -> QuerySet[Unit]:
    """Visible units whose name contains `query`, ignoring case and diacritics, best first.

    "chiem hoa" finds "Xã Chiêm Hoá" and "Chi bộ Chiêm Hóa". Ordered by `search_rank`, then
    Vietnamese name order. Empty for an empty query.
    """
    folded = fold(query)
    if not folded:
        return Unit.objects.none()
    return (
        units_visible(actor=actor)
        .filter(search_text__contains=folded)
        .order_by(search_rank(query, "name"), "sort_key", "pk")
    )


def parent_names(*, actor, units) -> dict[int, str]:
    """Map unit id → the name of its parent, for the parents the actor may see; one query.

    Used to tell apart units of the same name ("Chi bộ Trạm Y tế" of each commune).
    """
    units = [u for u in units if u is not None and u.depth > 1]
    if not units:
        return {}
    parent_paths = {u.pk: u.path[: -Unit.steplen] for u in units}
    names = dict(
        units_visible(actor=actor)
        .filter(path__in=set(parent_paths.values()))
        .values_list("path", "name")
    )
    return {pk: names[path] for pk, path in parent_paths.items() if path in names}
