"""The rows of a commune's meetings, collected in memory and written with bulk_create.

Children (agenda items, roll call, guests, speeches, assignments) are collected before their
meeting has a primary key; `Batch.save()` creates the meetings first (the databases chibo
supports return the keys of bulk-inserted rows), then points the children at them. No
`save()` per row, so no signals and no django-simple-history rows.
"""

from chibo.meetings.models import (
    AgendaItem,
    Assignment,
    Attendance,
    CellSchedule,
    Guest,
    Meeting,
    Speech,
)

#: Rows per INSERT statement (the backend lowers it to fit its parameter limit).
BATCH_SIZE = 2000
#: Child models in the order they are written (Assignment before its members).
CHILDREN = (AgendaItem, Attendance, Guest, Speech, Assignment)


class Batch:
    """Unsaved rows of one commune's meetings, written by `save()`."""

    def __init__(self):
        """Start empty."""
        self.schedules: list[CellSchedule] = []
        self.meetings: list[Meeting] = []
        self.rows: dict[type, list] = {model: [] for model in CHILDREN}
        self.owners: dict[type, list[Meeting]] = {model: [] for model in CHILDREN}
        self.assignees: list[tuple[Assignment, int]] = []
        self.reviews: list[tuple[Assignment, Meeting]] = []

    def add(self, meeting: Meeting, row) -> None:
        """Queue `row` (an AgendaItem, Attendance, Guest, Speech or Assignment) of `meeting`."""
        model = type(row)
        self.rows[model].append(row)
        self.owners[model].append(meeting)

    def save(self) -> None:
        """Bulk-create the schedules, the meetings, then every child row and the assignees."""
        CellSchedule.objects.bulk_create(self.schedules, batch_size=BATCH_SIZE)
        Meeting.objects.bulk_create(self.meetings, batch_size=BATCH_SIZE)
        for assignment, meeting in self.reviews:
            assignment.reviewed_in_id = meeting.pk
        for model in CHILDREN:
            rows = self.rows[model]
            for row, owner in zip(rows, self.owners[model], strict=True):
                row.meeting_id = owner.pk
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        through = Assignment.assignees.through
        through.objects.bulk_create(
            [through(assignment_id=a.pk, member_id=m) for a, m in self.assignees],
            batch_size=BATCH_SIZE,
        )
