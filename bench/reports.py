"""Benchmark of the dashboards and reports at province scale (issue 5; run by `make bench`).

Measures, on the database the settings point at (SQLite under var/ or DATABASE_URL), which must
hold the demo (`chibo demo --scale province --months 24`):

(a–d) server time through Django's test client of the province dashboard for the current year
     (as `tinh`), the commune dashboard (as `xa`), the cell dashboard (as `bithu`) and the
     province administrator's early-warning list: median and p95 of BENCH_RUNS (20) requests
     after one warm-up, and the SQL queries of one request; also `unit_report()` alone (the
     report definition without the page) and the unit page's reports panel;
(e)  the two hand-written SQL aggregates of bench/sql.py for the province's figures of the
     year — over the records (meetings, roll calls, ratings …) and over the roll-up table
     reports_cellmonth —, BENCH_RUNS runs each after a warm-up, their median, the dashboard's
     median as a ratio to each, and whether their figures agree with the dashboard's;
(f)  the province's XLSX and DOCX report generation (`unit_report()` + the export function,
     `reports.exports.build_report_file`), BENCH_EXPORT_RUNS (3) runs each, median.

Prints Markdown tables and the targets met or missed; `--json PATH` also writes the figures
(no secrets) for bench/load.py and docs/benchmarks.md. A URL name or an export that does not
exist yet is skipped with a note.
"""

import argparse
import json
import os
import statistics
import sys
import time

import common  # noqa: F401  (sets up Django; run as `python bench/reports.py`)
import sql
from common import (
    RUNS,
    TARGET_CELL_MS,
    TARGET_EXPORT_S,
    TARGET_PROVINCE_MS,
    TARGET_SQL_RATIO,
    Demo,
    PageFailed,
    machine,
    measure_page,
    percentile,
    timed,
    url_or_note,
    verdict,
)
from django.db import connection
from django.utils import timezone

from chibo.meetings.models import Attendance, Meeting
from chibo.reports.indicators import evaluate
from chibo.reports.models import CellMonth
from chibo.reports.periods import period_from_params
from chibo.reports.report import unit_report, warnings_day

EXPORT_RUNS = int(os.environ.get("BENCH_EXPORT_RUNS", "3"))


def year_query(today) -> str:
    """The query string of the current year's dashboard."""
    return f"?period=year&year={today.year}"


def pages(demo: Demo, today) -> list[tuple[str, str, object, str]]:
    """(key, label, client, url) of the pages measured; URL names not resolving are skipped."""
    tinh, xa, bithu = demo.client(demo.tinh), demo.client(demo.xa), demo.client(demo.bithu)
    year = year_query(today)
    wanted = [
        ("province", "province dashboard, year (tinh)", tinh, demo.province.pk, year),
        ("commune", f"commune dashboard, year ({demo.commune.name}; xa)", xa, demo.commune.pk,
         year),
        ("cell", f"cell dashboard, year ({demo.cell.name}; bithu)", bithu, demo.cell.pk, year),
    ]  # fmt: skip
    found = []
    for key, label, client, unit_id, query in wanted:
        url = url_or_note("reports:dashboard", unit_id, query=query)
        if url is not None:
            found.append((key, label, client, url))
    url = url_or_note("evaluation:warnings")
    if url is not None:
        found.append(("warnings", "warning list (tinh)", tinh, url))
    url = url_or_note("reports:unit-panel", demo.province.pk)
    if url is not None:
        found.append(("panel", "unit page's reports panel: province (tinh)", tinh, url))
    return found


def sql_aggregates(demo: Demo, period, today) -> dict:
    """Time the two SQL aggregates of the province's year and compare their figures with
    `unit_report()`'s. Returns {"raw"|"rollup": {"median_ms", "p95_ms", "agree", "differ"}}."""
    report = unit_report(actor=demo.tinh, unit_id=demo.province.pk, period=period, today=today)
    values = sql.params(demo.province, period, today, warnings_day(period, today))
    out = {}
    for key, statement in (("raw", sql.raw_sql()), ("rollup", sql.rollup_sql())):
        figures = evaluate(sql.run(statement, values))
        differ = [
            f"{code}: {fig.text} ≠ {report.figures[code].text}"
            for code, fig in figures.items()
            if fig.text != report.figures[code].text
        ]
        times = timed(lambda s=statement: sql.run(s, values))
        out[key] = {
            "median_ms": statistics.median(times),
            "p95_ms": percentile(times, 0.95),
            "agree": not differ,
            "differ": differ,
        }
    return out


def exports(demo: Demo, period, today) -> dict:
    """Median seconds of EXPORT_RUNS generations of the province's XLSX and DOCX (the report
    read + the file written), and the file sizes; {} with a note when the export function
    is missing."""
    try:
        from chibo.reports.exports import build_report_file
    except ImportError as error:
        print(f"note: reports.exports.build_report_file is missing ({error}); skipped")
        return {}
    out = {}
    for fmt in ("xlsx", "docx"):
        times, size = [], 0
        try:
            for _ in range(EXPORT_RUNS):
                start = time.perf_counter()
                report = unit_report(
                    actor=demo.tinh, unit_id=demo.province.pk, period=period, today=today
                )
                size = len(build_report_file(report, fmt, actor=demo.tinh))
                times.append(time.perf_counter() - start)
        except ImportError as error:
            print(f"note: the {fmt.upper()} export is missing ({error}); skipped")
            continue
        out[fmt] = {"median_s": statistics.median(times), "max_s": max(times), "bytes": size}
    return out


def main() -> int:
    """Run (a)–(f), print the tables and the targets; exit 0 (missed targets are reported,
    not failures)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    demo = Demo()
    today = timezone.localdate()
    period = period_from_params({"period": "year", "year": str(today.year)}, today)
    print(f"machine: {machine()}")
    print(
        f"database: {connection.vendor}; {Meeting.objects.count():,} meetings, "
        f"{Attendance.objects.count():,} roll-call rows, {CellMonth.objects.count():,} "
        f"CellMonth rows; period {period.label}; {RUNS} requests each after a warm-up"
    )
    results: dict = {"machine": machine(), "vendor": connection.vendor, "pages": {}}

    print("\n| page | median ms | p95 ms | queries |\n|---|---:|---:|---:|")
    for key, label, client, url in pages(demo, today):
        try:
            figures = measure_page(client, url)
        except PageFailed as error:
            print(f"note: {label} skipped: {error}", file=sys.stderr)
            continue
        results["pages"][key] = {"label": label, **figures}
        print(f"| {label} | {figures['median_ms']:.0f} | {figures['p95_ms']:.0f} | "
              f"{figures['queries']} |")  # fmt: skip
    times = timed(
        lambda: unit_report(actor=demo.tinh, unit_id=demo.province.pk, period=period, today=today)
    )
    results["report_only"] = {"median_ms": statistics.median(times), "p95": percentile(times, 0.95)}
    print(f"| unit_report() of the province, year (no page) | {statistics.median(times):.0f} | "
          f"{percentile(times, 0.95):.0f} | |")  # fmt: skip

    aggregates = sql_aggregates(demo, period, today)
    results["sql"] = aggregates
    province = results["pages"].get("province")
    print("\n| bare SQL aggregate, province, year | median ms | p95 ms | figures agree "
          "| province dashboard ÷ SQL |\n|---|---:|---:|---|---:|")  # fmt: skip
    labels = {
        "raw": "over the records (meetings, roll calls, ratings, speeches, assignments, warnings)",
        "rollup": "over the roll-up table reports_cellmonth (+ warnings)",
    }
    for key, figures in aggregates.items():
        ratio = province["median_ms"] / figures["median_ms"] if province else None
        figures["ratio"] = ratio
        agree = "yes" if figures["agree"] else "NO: " + "; ".join(figures["differ"])
        print(f"| {labels[key]} | {figures['median_ms']:.1f} | {figures['p95_ms']:.1f} | "
              f"{agree} | {f'{ratio:.2f}×' if ratio else 'n/a'} |")  # fmt: skip

    made = exports(demo, period, today)
    results["exports"] = made
    if made:
        print("\n| province report, year | median s | slowest s | size |\n|---|---:|---:|---:|")
        for fmt, figures in made.items():
            print(f"| {fmt.upper()} (unit_report + file) | {figures['median_s']:.2f} | "
                  f"{figures['max_s']:.2f} | {figures['bytes'] / 1024:.0f} KiB |")  # fmt: skip

    cell = results["pages"].get("cell")
    province_ms = province["median_ms"] if province else None
    checks = [
        (f"province dashboard median ≤ {TARGET_PROVINCE_MS} ms", province_ms, TARGET_PROVINCE_MS),
        (f"province dashboard ≤ {TARGET_SQL_RATIO:g}× the SQL over the records",
         aggregates["raw"].get("ratio"), TARGET_SQL_RATIO),
        (f"province dashboard ≤ {TARGET_SQL_RATIO:g}× the SQL over reports_cellmonth",
         aggregates["rollup"].get("ratio"), TARGET_SQL_RATIO),
        (f"cell dashboard median ≤ {TARGET_CELL_MS} ms", cell and cell["median_ms"],
         TARGET_CELL_MS),
        *((f"{fmt.upper()} generation ≤ {TARGET_EXPORT_S} s", made[fmt]["median_s"],
           TARGET_EXPORT_S) for fmt in made),
    ]  # fmt: skip
    print("\n| target | measured | |\n|---|---:|---|")
    results["targets"] = []
    for label, value, limit in checks:
        met = None if value is None else value <= limit
        shown = "n/a" if value is None else (f"{value:.2f}" if value < 100 else f"{value:.0f}")
        print(f"| {label} | {shown} | {verdict(met)} |")
        results["targets"].append({"target": label, "value": value, "met": met})
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=1, ensure_ascii=False, default=str)
    demo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
