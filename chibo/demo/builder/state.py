"""The state of a demo database: row counts and a fingerprint of what people could change.

`chibo demo` rebuilds a demo only while it is exactly as built: `wipe.holds_foreign_data()`
compares these with the values stored in DemoDataset at build time.
"""

import hashlib

from django.db.models import Count

from chibo.demo.builder.accounts import demo_users
from chibo.evaluation.models import Rating
from chibo.meetings.models import (
    AgendaItem,
    Assignment,
    Attendance,
    CellSchedule,
    Guest,
    Meeting,
    Speech,
)
from chibo.members.models import (
    Exemption,
    Member,
    Membership,
    Position,
    SpecialDuty,
    TemporaryAttachment,
    TemporaryExemption,
    WorkingAway,
)
from chibo.org.models import RoleGrant, Unit, UnitKind


def count_rows() -> dict[str, int]:
    """Row counts of the demo tables (units also by kind), in a stable order. Early warnings
    are not counted: the daily refresh changes them without anyone working on the demo."""
    kinds = dict(
        Unit.objects.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    counts = {"units": sum(kinds.values())}
    for key, kind in (
        ("provinces", UnitKind.PROVINCE),
        ("communes", UnitKind.COMMUNE),
        ("cells", UnitKind.CELL),
        ("party_groups", UnitKind.PARTY_GROUP),
    ):
        counts[key] = kinds.get(kind, 0)
    counts["members"] = Member.objects.count()
    counts["probationary"] = Member.objects.filter(full_member_on__isnull=True).count()
    for key, model in (
        ("memberships", Membership),
        ("positions", Position),
        ("exemptions", Exemption),
        ("temporary_exemptions", TemporaryExemption),
        ("temporary_attachments", TemporaryAttachment),
        ("working_away", WorkingAway),
        ("special_duties", SpecialDuty),
        ("role_grants", RoleGrant),
        ("meeting_schedules", CellSchedule),
        ("meetings", Meeting),
        ("agenda_items", AgendaItem),
        ("attendance", Attendance),
        ("guests", Guest),
        ("speeches", Speech),
        ("assignments", Assignment),
        ("ratings", Rating),
    ):
        counts[key] = model.objects.count()
    counts["users"] = demo_users().count()
    return counts


def fingerprint() -> str:
    """SHA-256 (hex) of the rows people edit in the admin without leaving other traces: units
    (names, kinds, places in the tree, dates), role grants, users, positions and the dated
    status records. Members are covered by their history rows, memberships by their count."""
    digest = hashlib.sha256()
    tables = [
        Unit.objects.values_list(
            "pk",
            "path",
            "name",
            "kind",
            "cell_type",
            "residential_area",
            "admin_code",
            "valid_from",
            "valid_to",
        ),
        RoleGrant.objects.values_list("pk", "user_id", "role", "unit_id", "include_descendants"),
        demo_users().model.objects.values_list(
            # Not the password: Django re-hashes the fast demo hash on the first login.
            "pk",
            "username",
            "is_active",
            "is_staff",
            "is_superuser",
            "email",
        ),
        Position.objects.values_list(
            "pk", "member_id", "unit_id", "kind", "start_date", "end_date"
        ),
    ]
    for model in (Exemption, TemporaryExemption, TemporaryAttachment, WorkingAway, SpecialDuty):
        tables.append(
            model.objects.values_list("pk", "member_id", "start_date", "end_date", "note")
        )
    for rows in tables:
        for row in rows.order_by("pk").iterator(chunk_size=5000):
            digest.update(repr(row).encode())
        digest.update(b"|")
    return digest.hexdigest()
