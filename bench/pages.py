"""Benchmark of the foundation and meetings pages on the demo province (run by `make bench`).

Measures the server time of the tree, unit (province, commune, cell), member and search pages
through Django's test client, 20 requests each after one warm-up, and prints median and p95 in
milliseconds with the number of SQL queries per request. Uses the database the settings point at
(SQLite under var/ by default, or DATABASE_URL), which must hold the demo (`chibo demo`).
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("CHIBO_MANIFEST_STATIC", "0")  # no collectstatic needed to render

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from chibo.meetings.models import Meeting  # noqa: E402
from chibo.members.models import Member, Membership  # noqa: E402
from chibo.org.models import Unit, UnitKind  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))


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
    members = Member.objects.count()
    units = Unit.objects.count()
    print(f"database: {connection.vendor}; {units} units, {members} members; {RUNS} requests each")
    print("| page | median ms | p95 ms | queries |\n|---|---:|---:|---:|")
    for label, client, url in pages:
        median, p95, queries = measure(client, url)
        print(f"| {label} | {median:.0f} | {p95:.0f} | {queries} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
