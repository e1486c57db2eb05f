"""The rows of a commune's meetings, collected in memory and written in a few statements.

About 2.7 million rows at province scale. Django's bulk_create spends ~8 µs per value turning
model instances into SQL (it took ≈ 150 s for these rows on SQLite), so the tables are
written with the same INSERT built from the model's fields, run as `executemany` (SQLite)
or `COPY` (PostgreSQL) per table and commune; any other database falls back to bulk_create.
Meetings and assignments are model instances whose primary keys are reserved from the
table's sequence first, so that their children can point at them. No `save()` per row: no
signals and no django-simple-history rows.
"""

import enum
import json
from collections import namedtuple

from django.db import connections, models, router

from chibo.meetings.models import (
    AgendaItem,
    Assignment,
    Attendance,
    CellSchedule,
    Guest,
    Meeting,
    Speech,
)

#: Rows per statement or COPY chunk.
BATCH_SIZE = 5000

#: Child rows, built as tuples; the first item is the (unsaved) Meeting, replaced by its id.
AgendaRow = namedtuple(
    "AgendaRow", "meeting order section title presenter_id planned_minutes notes"
)
AttendanceRow = namedtuple(
    "AttendanceRow",
    "meeting member_id status reason full exempted attached_elsewhere special_duty attached_here",
)
GuestRow = namedtuple(
    "GuestRow", "meeting name position organisation is_official member_id comments user_id"
)
SpeechRow = namedtuple("SpeechRow", "meeting kind member_id speaker_name about content")
CHILDREN = (
    (AgendaItem, AgendaRow),
    (Attendance, AttendanceRow),
    (Guest, GuestRow),
    (Speech, SpeechRow),
)


def _attnames(row_type) -> list[str]:
    """Model attnames of a row type's fields (`meeting` → `meeting_id`)."""
    return ["meeting_id" if name == "meeting" else name for name in row_type._fields]


def _plain(value):
    """A choice's plain string value (drivers may dump an Enum by its name)."""
    return value.value if isinstance(value, enum.Enum) else value


def _converter(field, connection):
    """A function preparing values of `field` for the driver, or None when none is needed:
    on SQLite dates and times go through the backend's adapters (psycopg adapts them
    itself); choices become plain strings, JSON values their text."""
    if field.choices:
        return _plain
    if isinstance(field, models.JSONField):  # JSON text: SQLite's TEXT, PostgreSQL's jsonb
        return lambda value: json.dumps(value, cls=field.encoder)
    if connection.vendor != "sqlite":
        return None
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.TimeField):
        return ops.adapt_timefield_value
    return None


def _complete(model, fields: list[str], rows: list) -> tuple[list[str], list]:
    """`fields` and `rows` extended with every other column of `model` (but the primary key)
    set to its field default, so that a column added later without a database default
    still gets a value."""
    given = set(fields)
    missing = [
        f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in given
    ]
    if not missing:
        return fields, rows
    if any(callable(f.default) for f in missing):
        return fields + [f.attname for f in missing], [
            (*row, *(f.get_default() for f in missing)) for row in rows
        ]
    defaults = tuple(f.get_default() for f in missing)
    return fields + [f.attname for f in missing], [(*row, *defaults) for row in rows]


def insert(model, fields: list[str], rows: list) -> None:
    """INSERT `rows` (sequences of values in the order of the attnames `fields`; other
    columns get their defaults) into the table of `model`: COPY on PostgreSQL, executemany
    on SQLite, bulk_create elsewhere."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor not in ("postgresql", "sqlite"):
        objs = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        return
    fields, rows = _complete(model, fields, rows)
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    convert = [(i, c) for i, f in enumerate(columns) if (c := _converter(f, connection))]
    if convert:
        prepared = []
        for row in rows:
            row = list(row)
            for i, function in convert:
                if row[i] is not None:
                    row[i] = function(row[i])
            prepared.append(row)
        rows = prepared
    names = ", ".join(quote(f.column) for f in columns)
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            for start in range(0, len(rows), BATCH_SIZE):
                cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def reserve_ids(model, count: int) -> list[int] | None:
    """`count` new primary keys of `model`'s table, taken from its sequence (None: this
    database is not supported, use bulk_create). Call inside the build's transaction."""
    connection = connections[router.db_for_write(model)]
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor == "sqlite":
            # Holding the write lock (the build has written), nobody else can take ids.
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(pk)}) FROM {table}")
            last = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            first = max(last, row[0] if row else 0) + 1
            return list(range(first, first + count))
    return None


def insert_objects(model, objs: list) -> None:
    """Give the unsaved model instances `objs` primary keys and INSERT them."""
    if not objs:
        return
    ids = reserve_ids(model, len(objs))
    if ids is None:
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        return
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
    fields = [f.attname for f in model._meta.concrete_fields]
    insert(model, fields, [[getattr(obj, name) for name in fields] for obj in objs])


class Batch:
    """Unsaved rows of one commune's meetings, written by `save()`."""

    def __init__(self):
        """Start empty."""
        self.schedules: list[CellSchedule] = []
        self.meetings: list[Meeting] = []
        self.assignments: list[Assignment] = []
        self.rows: dict[type, list] = {row_type: [] for _model, row_type in CHILDREN}
        self.assignees: list[tuple[Assignment, int]] = []

    def add(self, row) -> None:
        """Queue a child row (AgendaRow, AttendanceRow, GuestRow or SpeechRow)."""
        self.rows[type(row)].append(row)

    def add_assignment(self, meeting: Meeting, assignment: Assignment, members: list[int]):
        """Queue an assignment given at `meeting` to `members` (may be empty)."""
        assignment.meeting = meeting
        self.assignments.append(assignment)
        self.assignees.extend((assignment, member) for member in members)

    def save(self) -> None:
        """Write the schedules, the meetings, then every child row and assignment member."""
        CellSchedule.objects.bulk_create(self.schedules, batch_size=BATCH_SIZE)
        insert_objects(Meeting, self.meetings)
        for assignment in self.assignments:
            assignment.meeting_id = assignment.meeting.pk
            if assignment.reviewed_in is not None:
                assignment.reviewed_in_id = assignment.reviewed_in.pk
        insert_objects(Assignment, self.assignments)
        for model, row_type in CHILDREN:
            rows = [(row[0].pk, *row[1:]) for row in self.rows[row_type]]
            insert(model, _attnames(row_type), rows)
        through = Assignment.assignees.through
        insert(
            through,
            ["assignment_id", "member_id"],
            [(assignment.pk, member) for assignment, member in self.assignees],
        )
