"""`build_demo()`: wipe any previous demo and build the demo province in one transaction."""

import datetime
import sys
import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from chibo.core.services import audit_record
from chibo.demo.builder.accounts import create_accounts
from chibo.demo.builder.evaluation import evaluation_summary, refresh_warnings
from chibo.demo.builder.meetings import DEFAULT_MONTHS, build_meetings, month_list
from chibo.demo.builder.people import CommuneMembers, Context
from chibo.demo.builder.plan import NEW_ORDER, create_units, plan_province
from chibo.demo.builder.report import summary_lines
from chibo.demo.builder.scales import SCALES
from chibo.demo.builder.state import count_rows, fingerprint
from chibo.demo.builder.wipe import check_may_build, wipe
from chibo.demo.models import DemoDataset
from chibo.reports.rollup import rollups_refresh


def founded_on(today: datetime.date, months: int = DEFAULT_MONTHS) -> datetime.date:
    """The day the demo's units, their first positions and cell memberships start.

    01/7/2025, when the communes of the two-level local government came into force (rule
    CELL-4; `plan.NEW_ORDER`): months before it are not built (the cells did not exist yet).
    A build of more than 12 months (`chibo demo --months 24`, for the benchmark of issue 5)
    whose first month starts earlier moves that day back to the first day of the month before
    its first month (the committee meeting prepares the first regular meeting in it, FREQ-2),
    so that every month holds meetings: a synthetic history, the new communes as if they had
    existed then. Builds of up to 12 months never move it, so the default build is the same
    whatever the date. Raises ValueError when `months` < 1.
    """
    year, month = month_list(today, months)[0]
    if months <= DEFAULT_MONTHS:
        return NEW_ORDER
    before = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    return min(NEW_ORDER, before.replace(day=1))


@contextmanager
def _fast_sqlite(alias: str = DEFAULT_DB_ALIAS):
    """On SQLite, outside any transaction: no fsync and in-memory temp tables for the build.

    The settings already use WAL. A crash during the build loses at most the build itself (it
    runs in one transaction). Does nothing on other databases or inside an atomic block.
    """
    connection = connections[alias]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA temp_store=DEFAULT")
            cursor.execute("PRAGMA cache_size=-2000")


def build_demo(
    *,
    seed: int = 2026,
    scale: str = "small",
    force: bool = False,
    progress: bool = True,
    stdout=None,
    today: datetime.date | None = None,
    months: int = DEFAULT_MONTHS,
) -> dict:
    """Build the synthetic demo province of Tuyên Quang and return its row counts.

    Args:
        seed: the random seed; the same seed and scale give the same units, members and dates
            (relative to `today`).
        scale: "tiny", "small" or "province" (see scales.py).
        force: build even if the database holds non-demo data (which is then wiped: every
            unit and member, and users holding a demo username).
        progress: show a progress bar on stderr (only when stderr is a terminal).
        stdout: a text stream (e.g. a command's self.stdout); if given, the build time and row
            counts are written to it.
        today: the reference date for ages, probation, dated records and the meetings (the
            `months` months ending with its month, and the next month planned; default: today).
        months: the months of meetings built (default 12; `founded_on` says when the tree
            starts, earlier than 01/7/2025 only for builds of more than 12 months). Recorded
            in DemoDataset.months.

    Returns:
        A dict of row counts: units (and provinces, communes, cells, party_groups), members,
        probationary, memberships, positions, exemptions, temporary_exemptions,
        temporary_attachments, working_away, special_duties, role_grants, meeting_schedules,
        meetings, agenda_items, attendance, guests, speeches, assignments, ratings, users.

    Raises:
        DemoRefused: the database holds non-demo data and `force` is False (nothing changed).
        ValueError: unknown scale, or `months` < 1.

    Source: issue "Demo province (`chibo demo`)"; the tree follows rule CELL-4, positions
    CELL-3, member records MEM-1..4, `months` months of meetings FREQ-1/2, THEM-1, ATT-0/1,
    VOTE-1/2, ratings QUAL-1..5 (RULES.md; see meetings/), then the early warnings on `today`
    (issue 4; evaluation.py). The whole build is one transaction: a failed build leaves the
    database as it was.
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    profile = SCALES[scale]
    today = today or timezone.localdate()
    origin = founded_on(today, months)  # ValueError when months < 1, before any change
    started = time.perf_counter()
    with _fast_sqlite(), transaction.atomic():
        check_may_build(force=force)
        wipe(force=force)
        plan = plan_province(profile, seed)
        if origin != NEW_ORDER:
            for unit in plan.all_units():
                unit.valid_from = origin
        create_units(plan)
        ctx = Context(
            seed=seed,
            scale=scale,
            today=today,
            host_cells=[cell.unit for cell in plan.cells],
            months=months,
            origin=origin,
        )
        account_members: dict = {}
        bar = tqdm(
            plan.communes,
            desc=_("Communes"),
            unit="",
            file=sys.stderr,
            disable=None if progress else True,
            leave=False,
        )
        for commune in bar:
            people = CommuneMembers(ctx, commune)
            people.generate()
            people.save()
            account_members = account_members or people.account
        bar.close()
        create_accounts(plan, account_members)
        build_meetings(ctx, plan, progress=progress)
        refresh_warnings(today)
        rollups_refresh(today=today)  # the dashboards' monthly figures (reports.rollup)
        counts = count_rows()
        dataset = DemoDataset.objects.create(
            seed=seed, scale=scale, months=months, counts=counts, fingerprint=fingerprint()
        )
        audit_record(
            actor=None,
            action="demo.build",
            target=dataset,
            data={"seed": seed, "scale": scale, "months": months, "counts": counts},
        )
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner: without them (autovacuum off, or not yet run)
        # PostgreSQL plans the scoped reads as if the tables were empty — seconds per page.
        # VACUUM too (outside a transaction only): after a rebuild the dead rows of the old
        # demo made the planner's index probes cost 160 ms per cell page (docs/benchmarks.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    seconds = round(time.perf_counter() - started, 2)
    DemoDataset.objects.filter(pk=dataset.pk).update(seconds=seconds)
    if stdout is not None:
        for line in summary_lines(seconds, counts, evaluation_summary()):
            stdout.write(line + "\n")
    return counts


def latest_demo() -> DemoDataset | None:
    """The most recent DemoDataset row (the demo in the database), or None."""
    return DemoDataset.objects.order_by("-built_at", "-pk").first()
