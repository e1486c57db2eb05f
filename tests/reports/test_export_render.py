"""The DOCX review report of the small demo province, rendered by LibreOffice: its first page
is the reviewers' screenshot docs/screenshots/report-docx.png."""

import io
import os
import tempfile
import time

import docx
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from chibo.demo.builder import build_demo
from chibo.org.models import Unit
from chibo.reports.exports import build_report_file
from chibo.reports.indicators import GROUPS
from chibo.reports.periods import Period
from chibo.reports.report import unit_report
from tests.demo.conftest import TODAY as DEMO_TODAY
from tests.e2e.render import render_first_page

pytestmark = pytest.mark.django_db


@pytest.mark.e2e
def test_render_the_small_demo_province_report(db):
    """The small demo's province report of its year opens in LibreOffice; its first page is
    saved as PNG for reviewers (`CHIBO_SCREENSHOTS=docs/screenshots` refreshes the committed
    docs/screenshots/report-docx.png). Generation stays within the 10 s target (the small
    demo has 33 cells; the province scale is timed by `make bench`)."""
    build_demo(seed=2026, scale="small", progress=False, today=DEMO_TODAY)
    tinh = get_user_model().objects.get(username="tinh")
    root = Unit.objects.get(depth=1)
    year = Period("year", DEMO_TODAY.replace(month=1, day=1), DEMO_TODAY.replace(month=12, day=1))
    started = time.perf_counter()
    with translation.override("vi"):
        report = unit_report(actor=tinh, unit_id=root.pk, period=year, today=DEMO_TODAY)
        content = build_report_file(report, "docx", actor=tinh)
    assert time.perf_counter() - started < 10
    document = docx.Document(io.BytesIO(content))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Chỉ tiêu"]
    assert len(tables) == len(GROUPS) and len(document.inline_shapes) == 2
    folder = os.environ.get("CHIBO_SCREENSHOTS") or tempfile.gettempdir() + "/chibo-screenshots"
    png = render_first_page(content, f"{folder}/report-docx.png", dpi=80)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
