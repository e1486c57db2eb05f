"""The guard (never touch real data) and the wipe of a previous demo.

A database is a *demo database* when it holds a DemoDataset row. Without one, any Unit, any
Member, or a non-demo user holding a demo account's username is real data, and the builder
refuses unless forced. The wipe deletes, with set-based SQL (no per-row signals, no history rows):

- every Unit and Member and, first, every row of any model that points at them through a
  foreign key (memberships, positions, role grants, and whatever other apps add: meetings,
  attendance, meeting ratings, early warnings …); nullable SET_NULL links are set to NULL
  instead, and rows pointing at kept rows are kept (so e.g. shipped rule sets without a unit
  and the score sheets survive);
- the history rows of every emptied model (members, meetings and their parts), the audit trail, the
  DemoDataset rows;
- the demo users (and what cascades from them).
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connections, models, transaction
from django.db.models import Q

from chibo.core.models import AuditEntry
from chibo.demo.builder.accounts import DEMO_ACCOUNTS, demo_users
from chibo.demo.builder.state import count_rows, fingerprint
from chibo.demo.exceptions import DemoRefused
from chibo.demo.models import DemoDataset
from chibo.evaluation.models import Rating
from chibo.members.models import Member
from chibo.org.models import Unit

_ALL = object()  # marker: every row of the table goes


def holds_foreign_data() -> bool:
    """True if the database holds data the demo builder did not make, or has changed since.

    Without a DemoDataset row: any Unit, any Member, or a non-demo user holding a demo
    account's username (other users, e.g. a superuser made before the first `make run`, are
    not party data and are kept). With one: the demo counts as changed — and so as real
    work — when anything but the build wrote to the audit trail (every service does), when a
    member or meeting record has a history row (every save makes one), when a user rated a
    meeting (the build's ratings have no `rated_by`), when a table's row count differs from
    the build's (tables the build did not count yet, from an older chibo, are not compared),
    or when units, grants, users, positions or status records were edited
    (state.fingerprint).
    """
    demo = DemoDataset.objects.order_by("-built_at", "-pk").first()
    if demo is not None:
        counts = count_rows()
        return (
            AuditEntry.objects.exclude(action="demo.build").exists()
            or _any_history()
            or Rating.objects.filter(rated_by__isnull=False).exists()
            or any(counts.get(key) != count for key, count in demo.counts.items())
            or (bool(demo.fingerprint) and fingerprint() != demo.fingerprint)
        )
    usernames = [account["username"] for account in DEMO_ACCOUNTS]
    users = (
        get_user_model()
        .objects.exclude(pk__in=demo_users().values("pk"))
        .filter(username__in=usernames)
    )
    return Unit.objects.exists() or Member.objects.exists() or users.exists()


def _any_history() -> bool:
    """True if any model with django-simple-history has a history row: every save through
    chibo or the admin makes one (member files, meeting records); the build makes none."""
    return any(
        history.objects.exists()
        for model in apps.get_models()
        for history in _history_models(model)
    )


def check_may_build(*, force: bool) -> None:
    """Raise DemoRefused if the database holds non-demo data and `force` is False.

    Source: issue "Demo province": the builder refuses to touch a database that holds non-demo
    data unless --force.
    """
    if not force and holds_foreign_data():
        raise DemoRefused(
            "The database holds data that is not demo data (units, members or users); "
            "refusing to overwrite it without --force."
        )


def _history_models(model) -> list:
    """The django-simple-history model(s) recording `model`, if any."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return [getattr(model, attribute).model] if attribute else []


def _links(model) -> list:
    """The foreign keys of `model`: many-to-one and one-to-one fields (e.g. a cell's
    meeting schedule, a user's calendar token)."""
    return [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]


def _lookup(field, rows) -> dict:
    """A filter for rows whose `field` points at `rows` (_ALL or a queryset)."""
    if rows is _ALL:
        return {f"{field.name}__isnull": False}
    return {f"{field.name}__in": rows.values("pk")}


def _deletion_order(doomed_models) -> list:
    """The doomed models ordered so that a model comes before every model it points at."""
    remaining, order = list(doomed_models), []
    while remaining:
        for model in remaining:
            if not any(
                other is not model and any(f.related_model is model for f in _links(other))
                for other in remaining
            ):
                break
        else:  # a cycle: any order will do, foreign keys are checked at commit
            model = remaining[0]
        order.append(model)
        remaining.remove(model)
    return order


def _doomed_rows(user_ids: list[int]) -> tuple[list, dict]:
    """Which rows go: (models in deletion order, {model: _ALL or a queryset of its doomed rows}).

    A model is doomed if it has a non-SET_NULL foreign key to a doomed model (closure over
    every installed model, many-to-many tables included); wholly (_ALL) when that key is
    required and its target table is emptied.
    """
    user_model = get_user_model()
    doomed: dict = {model: _ALL for model in (Unit, Member, AuditEntry, DemoDataset)}
    for model in (Unit, Member):
        for history in _history_models(model):
            doomed[history] = _ALL
    doomed[user_model] = None
    seeds = {user_model: Q(pk__in=user_ids)}
    cascades: dict = {user_model: []}
    every = apps.get_models(include_auto_created=True)
    changed = True
    while changed:
        changed = False
        for model in every:
            if doomed.get(model) is _ALL:
                continue
            fields = [
                f
                for f in _links(model)
                if f.related_model in doomed and f.remote_field.on_delete is not models.SET_NULL
            ]
            if any(not f.null and doomed[f.related_model] is _ALL for f in fields):
                doomed[model] = _ALL  # every row points at a table that is emptied
                changed = True
            elif fields and len(fields) != len(cascades.get(model, ())):
                cascades[model] = fields
                doomed[model] = None  # filled below, once the closure is complete
                changed = True
    # The history rows of every wholly emptied model go too (they hold plain ids, no keys).
    for model in [m for m, rows in doomed.items() if rows is _ALL]:
        for history in _history_models(model):
            doomed.setdefault(history, _ALL)
    order = _deletion_order(doomed)
    for model in reversed(order):  # targets first: dependents' filters use their querysets
        if doomed[model] is _ALL:
            continue
        condition = seeds.get(model, Q(pk__in=[]))
        for field in cascades[model]:
            target = doomed[field.related_model]
            if target is not None:  # None: a self-link or a cycle, left to the other links
                condition |= Q(**_lookup(field, target))
        doomed[model] = model._base_manager.filter(condition)
    return order, doomed


def wipe(*, force: bool = False) -> None:
    """Delete every demo row (see the module doc); call it inside the build's transaction.

    With `force`, units, members and users with demo usernames go even if the builder did not
    make them. Uses set-based DELETE and UPDATE statements: no signals, no history rows.
    """
    user_ids = list(demo_users(force=force).values_list("pk", flat=True))
    order, doomed = _doomed_rows(user_ids)
    for model in apps.get_models(include_auto_created=True):
        if doomed.get(model) is _ALL:
            continue
        for field in _links(model):  # kept (or not yet deleted) rows lose SET_NULL links
            if field.related_model in doomed and field.remote_field.on_delete is models.SET_NULL:
                lookup = _lookup(field, doomed[field.related_model])
                model._base_manager.filter(**lookup).update(**{field.name: None})
    emptied = [model for model in order if doomed[model] is _ALL]
    if _truncate(emptied):
        order = [model for model in order if doomed[model] is not _ALL]
    for model in order:
        rows = doomed[model]
        queryset = model._base_manager.all() if rows is _ALL else rows
        queryset._raw_delete(queryset.db)


def _truncate(emptied: list) -> bool:
    """On PostgreSQL, empty the `emptied` tables with one TRUNCATE; True if it was done.

    Much faster than DELETE there (no per-row foreign-key checks). Skipped when another
    table has a foreign-key constraint into one of them (TRUNCATE would refuse); a refusal we
    did not foresee rolls back to a savepoint and the caller deletes row by row instead.
    """
    connection = connections[Unit.objects.db]
    if connection.vendor != "postgresql" or not emptied:
        return False
    inside = set(emptied)
    for model in apps.get_models(include_auto_created=True):
        if model not in inside and any(
            f.related_model in inside and f.db_constraint for f in _links(model)
        ):
            return False
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in emptied)
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables}")
    except DatabaseError:
        return False
    return True
