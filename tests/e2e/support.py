"""What the browser tests share: Chromium's arguments, where screenshots go, and the shipped
data that a transactional test must put back after an earlier one flushed the database."""

import importlib
import os
import tempfile
from pathlib import Path

from django.apps import apps as django_apps

# Screenshots go to a temporary folder; `CHIBO_SCREENSHOTS=docs/screenshots make test` refreshes
# the ones committed for reviewers (a plain test run leaves the work tree clean).
SCREENSHOTS = Path(
    os.environ.get("CHIBO_SCREENSHOTS") or tempfile.gettempdir() + "/chibo-screenshots"
)

#: Debian's Chromium flags for this machine (design/STACK.md "Browser tests").
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

#: Data migrations whose rows a transactional test may find flushed (their `ship` is idempotent).
SHIPPED_DATA = (
    "chibo.core.migrations.0003_shipped_rule_sets",  # rule sets HD12-2018, HD42-2025
    "chibo.core.migrations.0004_evaluation_rule_values",  # their QUAL/MIN-3/MEM-2 values
    "chibo.meetings.migrations.0002_default_agenda",  # the standard agenda templates
    "chibo.evaluation.migrations.0002_example_score_sheet",  # the QUAL-2 example sheet
)


def reship() -> None:
    """Run the shipped data migrations' `ship` again (a live-server test needs a transactional
    database, flushed after every such test; serialized rollback cannot restore these rows,
    since the flush re-creates the content types with new ids)."""
    for module in SHIPPED_DATA:
        importlib.import_module(module).ship(django_apps, None)
