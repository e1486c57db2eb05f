"""Views of the organisation tree: the tree, its lazy branches, unit pages and search.

Views are thin: every read goes through a scoped selector, which answers 404 outside scope.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from chibo.members.selectors import (
    attached_members,
    members_search,
    roll_units_by_member,
    today,
    unit_leaders,
    unit_members,
    unit_status_counts,
)
from chibo.org.forms import SearchForm
from chibo.org.permissions import can_edit_unit
from chibo.org.selectors import (
    parent_names,
    scope_roots,
    unit_ancestors,
    unit_children,
    unit_get,
    units_search,
)

#: How many units and members a search shows at once.
SEARCH_UNITS = 20
SEARCH_MEMBERS = 20


@login_required
def tree(request):
    """The unit tree from the top of the user's scope, with the search box."""
    form = SearchForm(request.GET or None)
    return render(
        request, "org/tree.html", {"roots": scope_roots(actor=request.user), "form": form}
    )


@login_required
def branch(request, unit_id):
    """htmx partial: the visible children of one unit (lazy tree expansion)."""
    unit = unit_get(actor=request.user, unit_id=unit_id)
    children = unit_children(actor=request.user, unit=unit)
    return render(request, "org/_branch.html", {"unit": unit, "children": children})


@login_required
def search(request):
    """Search units and members in scope, ignoring case and diacritics, closest matches first.

    Units: the first SEARCH_UNITS with the total; members: paginated. Each result names its
    parent unit (cell of a member, commune of a cell) so that namesakes can be told apart.
    Full page normally; only the results block when requested by htmx (search as you type).
    """
    actor = request.user
    form = SearchForm(request.GET or None)
    units, unit_total, page, query = [], 0, None, ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        found = units_search(actor=actor, query=query)
        unit_total = found.count()
        units = list(found[:SEARCH_UNITS])
        page = Paginator(members_search(actor=actor, query=query), SEARCH_MEMBERS).get_page(
            request.GET.get("page")
        )
    members = list(page.object_list) if page else []
    cells = roll_units_by_member([m.pk for m in members], today()) if members else {}
    parents = parent_names(actor=actor, units=[*units, *cells.values()])
    for unit in [*units, *cells.values()]:
        unit.parent_name = parents.get(unit.pk, "")
    context = {
        "form": form,
        "query": query,
        "units": units,
        "unit_total": unit_total,
        "page": page,
        "members": [(m, cells.get(m.pk)) for m in members],
    }
    template = "org/_search_results.html" if request.htmx else "org/search.html"
    return render(request, template, context)


@login_required
def unit_detail(request, unit_id):
    """A unit: breadcrumbs, sub-units, leaders, counts by status and the paginated member list."""
    actor = request.user
    unit = unit_get(actor=actor, unit_id=unit_id)
    on = today()
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    paginator = Paginator(
        unit_members(actor=actor, unit=unit, on=on, query=query), settings.CHIBO_PAGE_SIZE
    )
    counts = unit_status_counts(actor=actor, unit=unit, on=on)
    if not query:
        paginator.count = counts["total"]  # the same roll: spare a second COUNT(*)
    page = paginator.get_page(request.GET.get("page"))
    cells = roll_units_by_member([m.pk for m in page.object_list], on) if not unit.is_cell else {}
    context = {
        "unit": unit,
        "ancestors": unit_ancestors(actor=actor, unit=unit),
        "children": unit_children(actor=actor, unit=unit),
        "leaders": unit_leaders(unit=unit, on=on),
        "attached": attached_members(actor=actor, unit=unit, on=on) if unit.is_cell else [],
        "counts": counts,
        "page": page,
        "rows": [(m, cells.get(m.pk)) for m in page.object_list],
        "form": form,
        "query": query,
        "can_edit": can_edit_unit(actor, unit),
        "on": on,
    }
    return render(request, "org/unit_detail.html", context)
