"""Builder of the synthetic demo province (`chibo demo`).

Public API: `build_demo()`, `latest_demo()`, `count_rows()`, `SCALES`, `DEMO_ACCOUNTS`,
`DEMO_PASSWORD`, `account_lines()`, `summary_lines()`. Modules: scales (sizes), names and places
(synthetic names and villages), plan (the unit tree), people (members and their records),
accounts (demo users), meetings (twelve months — or `months` — of meetings per cell and their
ratings, written with executemany or COPY), evaluation (early warnings and the spread of
ratings), wipe (guard and wipe), build (the transaction, `founded_on`), report (printed text).
"""

from chibo.demo.builder.accounts import (
    ACCOUNT_CELL,
    ACCOUNT_COMMUNE,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    VISIT_CELLS,
    VISIT_COMMUNE,
)
from chibo.demo.builder.build import build_demo, latest_demo
from chibo.demo.builder.people import ACCOUNT_AN_NAME
from chibo.demo.builder.report import account_lines, summary_lines
from chibo.demo.builder.scales import SCALES
from chibo.demo.builder.state import count_rows
from chibo.demo.exceptions import DemoRefused

__all__ = [
    "ACCOUNT_AN_NAME",
    "ACCOUNT_CELL",
    "ACCOUNT_COMMUNE",
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "SCALES",
    "VISIT_CELLS",
    "VISIT_COMMUNE",
    "DemoRefused",
    "account_lines",
    "build_demo",
    "count_rows",
    "latest_demo",
    "summary_lines",
]
