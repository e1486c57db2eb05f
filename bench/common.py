"""Shared parts of the reports benchmark (`bench/reports.py`, `bench/load.py`): Django set-up,
timings (median and p95), the demo's accounts and units, the URL of a page that may not exist
yet, the machine, the targets of issue 5.

Import it first: it sets the environment the benchmark runs in (settings module, hosts, no
manifest of static files) and calls django.setup(). Figures only, nothing secret is printed
or written (session keys stay in memory and in bench/load.py's temporary files).
"""

import os
import platform
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("CHIBO_MANIFEST_STATIC", "0")  # no collectstatic needed to render

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from chibo.members.models import Membership  # noqa: E402
from chibo.org.models import RoleGrant, Unit, UnitKind  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))

#: Targets of issue 5 ("Performance at province scale").
TARGET_PROVINCE_MS = 300  # province dashboard, median
TARGET_SQL_RATIO = 2.0  # province dashboard ÷ the bare SQL aggregate
TARGET_CELL_MS = 50  # cell pages, median
TARGET_EXPORT_S = 10  # XLSX and DOCX generation of the province report
TARGET_RPS = 150  # under 50 concurrent clients, 2 gunicorn workers
TARGET_P99_MS = 500


def percentile(values: list[float], share: float) -> float:
    """The value at `share` (0–1) of the sorted values (nearest rank, as bench/pages.py)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(func, runs: int = RUNS, warm_up: bool = True) -> list[float]:
    """Milliseconds of `runs` calls of `func()` after one warm-up call."""
    if warm_up:
        func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


class PageFailed(Exception):
    """A page did not answer 200 (or raised): the benchmark notes it and goes on."""


def measure_page(client: Client, url: str, runs: int = RUNS) -> dict:
    """GET `url` once (must answer 200), then `runs` times: median and p95 in ms, and the SQL
    queries of one more request. Raises PageFailed on another status or an exception."""
    try:
        response = client.get(url)
    except Exception as error:  # noqa: BLE001 (a page under construction: note and go on)
        raise PageFailed(f"{url} raised {type(error).__name__}: {error}") from error
    if response.status_code != 200:
        raise PageFailed(f"{url} answered {response.status_code}")
    times = timed(lambda: client.get(url), runs, warm_up=False)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "queries": len(queries),
    }


def url_or_note(name: str, *args, query: str = "") -> str | None:
    """reverse(name, args) + query, or None (with a printed note) when the URL name does not
    resolve yet (a page another part of the work has not added)."""
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        print(f"note: {name} does not resolve yet; skipped", file=sys.stderr)
        return None


class Demo:
    """The demo's accounts and units the benchmark uses: `tinh` (province administrator),
    `xa` (administrator of xã Chiêm Hoá), `bithu` (secretary of Chi bộ thôn Nà Tâu), the
    province, that commune and that cell. Raises SystemExit when the database holds no demo."""

    def __init__(self):
        users = get_user_model().objects
        if not users.filter(username="tinh").exists():
            raise SystemExit("No demo in this database: run `chibo demo --scale province` first.")
        self.tinh = users.get(username="tinh")
        self.xa = users.get(username="xa")
        self.bithu = users.get(username="bithu")
        self.province = Unit.objects.get(kind=UnitKind.PROVINCE)
        membership = Membership.objects.filter(member__user=self.bithu, end_date__isnull=True)
        self.cell = membership.select_related("unit").first().unit
        grant = RoleGrant.objects.filter(user=self.xa).select_related("unit").first()
        self.commune = grant.unit if grant else Unit.objects.get_parent(self.cell)
        self._clients: list[Client] = []

    def client(self, user) -> Client:
        """A test client logged in as `user` (its session is deleted by `close()`)."""
        client = Client()
        client.force_login(user)
        self._clients.append(client)
        return client

    def close(self) -> None:
        """Delete the sessions of every client made by `client()` (not `Client.logout()`:
        the logout signal's message needs a request with the messages middleware)."""
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for client in self._clients:
            cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            if cookie is not None:
                store(cookie.value).delete()
        self._clients.clear()


def machine() -> str:
    """One line: cores, memory, Python, database version."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        memory = "RAM unknown"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("show server_version")
            database = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), {memory}, "
        f"Python {platform.python_version()}, Django {django.get_version()}, {database}"
    )


def verdict(ok: bool | None) -> str:
    """ "met", "MISSED" or "n/a"."""
    return "n/a" if ok is None else ("met" if ok else "MISSED")
