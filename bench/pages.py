"""Benchmark of the foundation, meetings and evaluation pages on the demo province (run by
`make bench`).

Measures the server time of the tree, unit (province, commune, cell), member and search pages,
the meeting pages and the evaluation pages (the province administrator's early warning list,
the meeting's score sheet and evaluation panel, the cell's annual self-assessment) through
Django's test client, 20 requests each after one warm-up, and prints median and p95 in
milliseconds with the number of SQL queries per request; then the time of one early-warning
refresh of the whole province (`warnings_refresh()`, the daily `chibo warnings` run; 3 runs,
BENCH_REFRESH_RUNS). A page whose URL name does not resolve yet is skipped with a note. Uses
the database the settings point at (SQLite under var/ by default, or DATABASE_URL), which must
hold the demo (`chibo demo`).
"""

import os
import statistics
import sys
import time
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("CHIBO_MANIFEST_STATIC", "0")  # no collectstatic needed to render

import django  # noqa: E402

django.setup()

from common import url_or_note  # noqa: E402  (bench/common.py; run as python bench/pages.py)
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from chibo.meetings.models import Meeting  # noqa: E402
from chibo.members.models import Member, Membership  # noqa: E402
from chibo.org.models import Unit, UnitKind  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
REFRESH_RUNS = int(os.environ.get("BENCH_REFRESH_RUNS", "3"))


def evaluation_pages(admin: Client, secretary: Client, commune, cell) -> list[tuple]:
    """The evaluation pages (issue 4): the province administrator's warning list (default
    filters, one commune, one kind), the cell's warnings panel, a rated meeting's score
    sheet and evaluation panel, the cell's annual self-assessment (page and DOCX)."""
    rated = (
        Meeting.objects.filter(unit=cell, status__in=["submitted", "adopted"])
        .exclude(kind="committee")
        .order_by("-date", "-pk")
        .first()
    )
    year = rated.date.year if rated else date.today().year
    wanted = [
        ("warning list (province admin)", admin, "evaluation:warnings", (), ""),
        (
            "warning list, one commune (province admin)",
            admin,
            "evaluation:warnings",
            (),
            f"?unit={commune.pk}",
        ),
        (
            "warning list, overdue assignments (province admin)",
            admin,
            "evaluation:warnings",
            (),
            "?kind=assignment_overdue",
        ),
        (
            "warnings panel: cell (secretary)",
            secretary,
            "evaluation:unit-warnings-panel",
            (cell.pk,),
            "",
        ),
        (
            "cell annual assessment (secretary)",
            secretary,
            "evaluation:cell-assessment",
            (cell.pk, year),
            "",
        ),
        (
            "cell annual assessment DOCX",
            secretary,
            "evaluation:cell-assessment-docx",
            (cell.pk, year),
            "",
        ),
    ]
    if rated is not None:
        wanted += [
            ("meeting rating (secretary)", secretary, "evaluation:meeting-rating", (rated.pk,), ""),
            ("meeting panel (secretary)", secretary, "evaluation:meeting-panel", (rated.pk,), ""),
        ]
    pages = []
    for label, client, name, args, query in wanted:
        url = url_or_note(name, *args, query=query)
        if url is not None:
            pages.append((label, client, url))
    return pages


def time_refresh() -> None:
    """Print median and slowest seconds of REFRESH_RUNS early-warning refreshes of the whole
    province (the daily run; it writes only what changed since the last one)."""
    try:
        from chibo.evaluation.services.warnings import warnings_refresh
    except ImportError:
        print("note: evaluation.services.warnings.warnings_refresh is missing; skipped")
        return
    times, counts = [], {}
    for _ in range(REFRESH_RUNS):
        start = time.perf_counter()
        counts = warnings_refresh()
        times.append(time.perf_counter() - start)
    print(
        f"warnings_refresh() over the province: median {statistics.median(times):.2f} s, "
        f"slowest {max(times):.2f} s ({REFRESH_RUNS} runs; last: {counts})"
    )


def measure(client: Client, url: str) -> tuple[float, float, int]:
    """Return (median ms, p95 ms, queries) of RUNS GET requests to `url` after a warm-up."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, len(queries)


def main() -> int:
    """Print the table of page timings; exit 1 when the demo is missing."""
    users = get_user_model().objects
    if not users.filter(username="tinh").exists():
        print("No demo in this database: run `chibo demo --scale province` first.", file=sys.stderr)
        return 1
    province = Unit.objects.get(kind=UnitKind.PROVINCE)
    bithu = users.get(username="bithu")
    cell = Membership.objects.filter(member__user=bithu, end_date__isnull=True).first().unit
    commune = Unit.objects.get_parent(cell)
    member = Member.objects.filter(memberships__unit=cell).first()
    admin, secretary = Client(), Client()
    admin.force_login(users.get(username="tinh"))
    secretary.force_login(bithu)
    pages = [
        ("tree (province admin)", admin, reverse("tree")),
        ("branch: province's communes", admin, reverse("unit-branch", args=[province.pk])),
        ("unit: province", admin, reverse("unit-detail", args=[province.pk])),
        ("unit: province, page 50", admin, reverse("unit-detail", args=[province.pk]) + "?page=50"),
        ("unit: commune", admin, reverse("unit-detail", args=[commune.pk])),
        ("unit: cell (secretary)", secretary, reverse("unit-detail", args=[cell.pk])),
        ("member (secretary)", secretary, reverse("member-detail", args=[member.pk])),
        ("search 'nguyen van an' (province)", admin, reverse("search") + "?q=nguyen+van+an"),
        ("search 'nguyen van an' (cell)", secretary, reverse("search") + "?q=nguyen+van+an"),
    ]
    held = (
        Meeting.objects.filter(unit=cell, status__in=["draft", "submitted", "adopted"])
        .order_by("-date")
        .first()
    )
    if held is not None:  # the demo holds meetings (issue 3)
        year = held.date.year
        pages += [
            (
                "cell year of meetings (panel)",
                secretary,
                reverse("meetings:cell-year-panel", args=[cell.pk, year]),
            ),
            ("meeting page (secretary)", secretary, reverse("meetings:detail", args=[held.pk])),
            ("minutes DOCX", secretary, reverse("meetings:minutes-docx", args=[held.pk])),
            (
                "attendance sheet DOCX",
                secretary,
                reverse("meetings:attendance-docx", args=[held.pk]),
            ),
        ]
    draft = Meeting.objects.filter(status="draft").order_by("-date", "pk").first()
    if draft is not None:  # an editable record: the roll-call form of a draft meeting
        pages.append(
            (
                "roll call form (province admin)",
                admin,
                reverse("meetings:roll-call", args=[draft.pk]),
            )
        )
    pages += evaluation_pages(admin, secretary, commune, cell)
    members = Member.objects.count()
    units = Unit.objects.count()
    print(f"database: {connection.vendor}; {units} units, {members} members; {RUNS} requests each")
    print("| page | median ms | p95 ms | queries |\n|---|---:|---:|---:|")
    for label, client, url in pages:
        median, p95, queries = measure(client, url)
        print(f"| {label} | {median:.0f} | {p95:.0f} | {queries} |")
    time_refresh()
    return 0


if __name__ == "__main__":
    sys.exit(main())
