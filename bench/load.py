"""Load benchmark of issue 5 (run by `make bench`): requests per second, p99 latency and errors
of a mix of cell pages and dashboards under 50 concurrent clients against gunicorn with 2
workers on 127.0.0.1, for a bounded time.

Starts `gunicorn chibo.wsgi` (2 sync workers, a free port, the same settings and database as
this process: SQLite under var/ or DATABASE_URL; static files through whitenoise without a
manifest), logs the demo accounts in through Django's session store (one session each:
`bithu`, `xa`, `tinh`), checks every URL answers 200, then runs `wrk` (Debian package `wrk`;
`make bench` installs it) with bench/load.lua for BENCH_LOAD_SECONDS (30) with BENCH_CLIENTS
(50) connections on 2 threads. Two mixes, each a weighted random choice per request:

- "mixed" (the issue's target): 40 % cell pages (the unit page of a cell: bithu's own, and
  the cells of xã Chiêm Hoá as its administrator `xa`), 40 % cell dashboards (the same cells),
  15 % the commune dashboard (`xa`), 5 % the province dashboard (`tinh`); dashboards with their
  default period;
- "cells": cell pages and cell dashboards only (50/50), to show the server's capacity for the
  cheapest pages.

Any answer but 200 (a redirect to the login page included), a timeout (10 s) or a socket error
counts as an error. gunicorn is started afresh for each mix (requests still queued from the
previous one would slow the next). Before the load, each page class's server time is measured
one request at a time through the test client: the mix's mean gives the bound on requests per
second that 2 workers can reach (2 ÷ mean). During each run the machine's CPU is split into
gunicorn, the PostgreSQL backends of the benchmark's database, wrk and every other process
(Linux /proc), so that a run disturbed by other work shows it. The sessions are deleted and
gunicorn stopped at the end; the temporary file with the cookies is removed. Prints Markdown
tables; `--json PATH` writes the figures.
"""

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import common  # noqa: F401  (sets up Django; run as `python bench/load.py`)
from common import ROOT, TARGET_P99_MS, TARGET_RPS, Demo, timed, url_or_note, verdict
from django.conf import settings
from django.db import connection

from chibo.org.models import CELL_KINDS, Unit
from chibo.org.selectors import subtree_q

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "30"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
WORKERS = 2
CELLS = 10  # cells of the commune in the mix, besides bithu's
#: mix → {page class: weight}
MIXES = {
    "mixed": {"cell page": 40, "cell dashboard": 40, "commune dashboard": 15,
              "province dashboard": 5},
    "cells": {"cell page": 50, "cell dashboard": 50},
}  # fmt: skip


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def service_times(demo: Demo, pages: dict) -> dict[str, float]:
    """page class → the mean over its URLs of the median server time (ms) of 3 requests after
    a warm-up through Django's test client, one at a time: what a worker spends per page."""
    clients = {user.username: demo.client(user) for user in (demo.bithu, demo.xa, demo.tinh)}
    found = {}
    for page_class, entries in pages.items():
        medians = []
        for username, path in entries:
            client = clients[username]
            medians.append(statistics.median(timed(lambda c=client, p=path: c.get(p), 3)))
        found[page_class] = statistics.mean(medians)
    return found


def sessions(demo: Demo) -> dict[str, str]:
    """username → Cookie header of a new logged-in session (Django's session store)."""
    cookies = {}
    for user in (demo.bithu, demo.xa, demo.tinh):
        client = demo.client(user)
        cookies[user.username] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return cookies


def urls(demo: Demo) -> dict[str, list[tuple[str, str]]]:
    """page class → [(username, path)]; classes whose URL name does not resolve are left out
    (with a note)."""
    cells = list(
        Unit.objects.filter(subtree_q(demo.commune.path), kind__in=CELL_KINDS)
        .exclude(pk=demo.cell.pk)
        .order_by("path")[:CELLS]
    )
    found: dict[str, list[tuple[str, str]]] = {}
    pages = [("cell page", "bithu", "unit-detail", demo.cell.pk)]
    pages += [("cell page", "xa", "unit-detail", cell.pk) for cell in cells]
    pages += [("cell dashboard", "bithu", "reports:dashboard", demo.cell.pk)]
    pages += [("cell dashboard", "xa", "reports:dashboard", cell.pk) for cell in cells]
    pages += [
        ("commune dashboard", "xa", "reports:dashboard", demo.commune.pk),
        ("province dashboard", "tinh", "reports:dashboard", demo.province.pk),
    ]
    for page_class, username, name, unit_id in pages:
        path = url_or_note(name, unit_id)
        if path is not None:
            found.setdefault(page_class, []).append((username, path))
    return found


def start_server(port: int) -> subprocess.Popen:
    """Start gunicorn (WORKERS sync workers) on 127.0.0.1:`port` and wait until it answers."""
    env = dict(os.environ)
    env.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    env.setdefault("CHIBO_MANIFEST_STATIC", "0")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "chibo.wsgi:application", "--workers", str(WORKERS), "--bind",
         f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5)
            return process
        except urllib.error.HTTPError:
            return process  # it answers
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise SystemExit("gunicorn did not start within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    """Stop gunicorn (its process group: the arbiter and its workers) by its id."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _cpu_total() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine since boot, from /proc/stat (Linux)."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:9]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / tick, sum(values) / tick


def _group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the live processes of group `pgid`."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, …
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _database_cpu() -> float:
    """CPU seconds used so far by the live PostgreSQL backends connected to the benchmark's
    database (0 on SQLite, which runs inside the server's processes)."""
    if connection.vendor != "postgresql":
        return 0.0
    name = connection.settings_dict["NAME"].encode()
    total = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes()
            if not text.startswith(b"postgres:") or b" " + name + b" " not in text:
                continue
            fields = (cmdline.parent / "stat").read_text("ascii").rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


class CpuShare:
    """The machine's CPU over a run, split into the server (gunicorn's process group), its
    database (PostgreSQL backends of the benchmark's database), wrk (this process's
    waited-for children) and every other process: shares of all cores."""

    def __init__(self, pgid: int):
        self.pgid = pgid
        self.start = (_cpu_total(), _group_cpu(pgid), _database_cpu(), self._children())

    @staticmethod
    def _children() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def stop(self) -> dict:
        """{"server", "database", "wrk", "others"}: percent of all cores' time during the
        run."""
        (busy1, all1), server1, db1, wrk1 = self.start
        busy2, all2 = _cpu_total()
        server = _group_cpu(self.pgid) - server1
        database = _database_cpu() - db1
        wrk = self._children() - wrk1
        elapsed = all2 - all1 or 1
        return {
            "server": 100 * server / elapsed,
            "database": 100 * database / elapsed,
            "wrk": 100 * wrk / elapsed,
            "others": max(0.0, 100 * (busy2 - busy1 - server - database - wrk) / elapsed),
        }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(port: int, cookies: dict, pages: dict) -> list[str]:
    """GET every URL once with its session (a warm-up); the problems found ([] when all 200)."""
    opener = urllib.request.build_opener(_NoRedirect)
    problems = []
    for entries in pages.values():
        for username, path in entries:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookies[username]}
            )
            try:
                status = opener.open(request, timeout=60).status
            except urllib.error.HTTPError as error:
                status = error.code
            if status != 200:
                problems.append(f"{path} as {username}: {status}")
    return problems


def run_wrk(
    port: int, cookies: dict, pages: dict, weights: dict, workdir: str, server_pgid: int
) -> dict:
    """Run wrk for SECONDS with CLIENTS connections over the weighted mix; its figures and
    the CPU shares (server, wrk, other processes) during the run."""
    lines = []
    for page_class, weight in weights.items():
        entries = pages.get(page_class, [])
        for i in range(weight * 10 if entries else 0):
            username, path = entries[i % len(entries)]
            lines.append(f"{cookies[username]}\t{path}")
    data = Path(workdir) / "urls.tsv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data.chmod(0o600)
    command = [
        "wrk", "-t2", f"-c{CLIENTS}", f"-d{SECONDS}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "load.lua"), f"http://127.0.0.1:{port}",
    ]  # fmt: skip
    env = dict(os.environ, CHIBO_BENCH_URLS=str(data))
    cpu = CpuShare(server_pgid)
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    shares = cpu.stop()
    line = next(x for x in output.splitlines() if x.startswith("{"))
    figures = json.loads(line)
    seconds = figures["duration_us"] / 1e6
    errors = sum(
        figures[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
    ) + max(figures["non_200"], figures["status_errors"])
    return {
        "requests": figures["requests"],
        "seconds": seconds,
        "rps": figures["requests"] / seconds,
        "p50_ms": figures["p50_us"] / 1000,
        "p90_ms": figures["p90_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "max_ms": figures["max_us"] / 1000,
        "errors": errors,
        "timeouts": figures["timeouts"],
        "weights": weights,
        "cpu": shares,
    }


def main() -> int:
    """Run the load mixes; print the table and the targets. Exit 0 (a missed target is
    reported, not a failure; without wrk, a note says the load was not measured)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--mix", choices=[*MIXES, "all"], default="all")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("note: wrk is not installed (apt-get install wrk); load benchmark skipped")
        return 0
    demo = Demo()
    pages = urls(demo)
    service = service_times(demo, pages)
    demo.close()
    cookies = sessions(demo)
    connection.close()  # gunicorn's workers open their own connections
    results = {"vendor": connection.vendor, "clients": CLIENTS, "workers": WORKERS, "mixes": {}}
    workdir = tempfile.mkdtemp(prefix="chibo-bench-")
    print(
        f"\nLoad: gunicorn {WORKERS} sync workers on 127.0.0.1 (started afresh for each mix), "
        f"wrk 2 threads, {CLIENTS} connections, {SECONDS} s per mix ({connection.vendor})"
    )
    print("\n| page class (one request at a time, test client) | server ms |\n|---|---:|")
    for page_class, ms in service.items():
        print(f"| {page_class} | {ms:.0f} |")
    results["service_ms"] = service
    print(
        "\n| mix | mean server ms | bound: workers ÷ mean | requests | req/s | p50 ms | p90 ms "
        "| p99 ms | max ms | errors | CPU: gunicorn / database / wrk / others |"
        "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    )
    try:
        for mix, weights in MIXES.items():
            if args.mix not in ("all", mix):
                continue
            # A fresh server per mix: requests queued by the previous run are dropped with it.
            port = free_port()
            server = start_server(port)
            try:
                problems = check(port, cookies, pages)
                if problems:
                    print(f"note: mix {mix} skipped, pages not answering 200: {problems}")
                    continue
                figures = run_wrk(port, cookies, pages, weights, workdir, server.pid)
            finally:
                stop_server(server)
            mean = sum(service.get(c, 0) * w for c, w in weights.items()) / sum(weights.values())
            figures["mean_service_ms"] = mean
            figures["bound_rps"] = WORKERS * 1000 / mean
            results["mixes"][mix] = figures
            shares = ", ".join(f"{w} % {name}" for name, w in weights.items())
            cpu = figures["cpu"]
            print(
                f"| {mix} ({shares}) | {mean:.0f} | {figures['bound_rps']:.0f} | "
                f"{figures['requests']:,} | {figures['rps']:.1f} | "
                f"{figures['p50_ms']:.0f} | {figures['p90_ms']:.0f} | {figures['p99_ms']:.0f} | "
                f"{figures['max_ms']:.0f} | {figures['errors']} | "
                f"{cpu['server']:.0f} % / {cpu['database']:.0f} % / {cpu['wrk']:.0f} % / "
                f"{cpu['others']:.0f} % |"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        demo.close()  # the sessions of the load's cookies
    mixed = results["mixes"].get("mixed")
    if mixed:
        checks = [
            (f"≥ {TARGET_RPS} requests/s (mixed)", mixed["rps"], mixed["rps"] >= TARGET_RPS),
            (f"p99 ≤ {TARGET_P99_MS} ms (mixed)", mixed["p99_ms"],
             mixed["p99_ms"] <= TARGET_P99_MS),
            ("zero errors (mixed)", mixed["errors"], mixed["errors"] == 0),
        ]  # fmt: skip
        print("\n| target | measured | |\n|---|---:|---|")
        for label, value, ok in checks:
            print(f"| {label} | {value:.1f} | {verdict(ok)} |")
        results["targets"] = [
            {"target": label, "value": value, "met": ok} for label, value, ok in checks
        ]
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
