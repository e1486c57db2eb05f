"""Browser test of the dashboards and the exports (issue 5 acceptance): Playwright (sync API)
driving Debian's Chromium against pytest-django's live_server, on the fixed dataset of
tests/reports/dataset.py (hand-computed figures in its EXPECTED table).

The province administrator (tinh) opens the reports, chooses the third quarter of 2026 and
sees the province's figures; drills down to commune A in the ranking, to its weakest cell
(A1: a month without a regular meeting in Q3) and to one of its meetings (the thematic
meeting of 20/08/2026). Back on the province, he asks for the XLSX and the DOCX: both are
prepared (the task runs when the request commits), listed on "My exports", downloaded, and
read back: the province's months held in Q3 is 75,0 % (6 of 8 months due: A1 missed
August, B1 September) in both files, as on the page. The DOCX's first page is rendered to
PNG, and the pages are photographed (SCREENSHOTS of tests/e2e/support.py;
`CHIBO_SCREENSHOTS=docs/screenshots` refreshes the committed ones).
"""

import io

import pytest
from django.db import transaction
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.render import render_first_page
from tests.e2e.support import SCREENSHOTS, reship
from tests.e2e.test_meetings_flow import _log_in
from tests.reports.dataset import EXPECTED, make_report_dataset
from tests.reports.test_rollup import forget_noted

pytestmark = pytest.mark.e2e

Q3 = "period=quarter&year=2026&quarter=3"


@pytest.fixture
def data(transactional_db):
    """The dataset (shipped rule sets first: a flushed transactional database lost them),
    built in one transaction whose noted records are forgotten before it commits: the
    signals would otherwise recompute the warnings and roll-ups as of the real today, while
    the dataset states them as of its TODAY."""
    reship()
    with transaction.atomic():
        made = make_report_dataset()
        forget_noted()
    return made


def _desktop(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _download(page, fmt: str) -> bytes:
    """Ask for the export `fmt` from the dashboard, land on "My exports", download it."""
    page.locator(f".export-buttons form:has(input[name=format][value={fmt}]) button").click()
    expect(page).to_have_url(f"{page.url.split('/reports/')[0]}/reports/exports/")
    row = page.locator(".export-row").first
    expect(row).to_have_attribute("data-status", "done")
    with page.expect_download() as info:
        row.locator("a.export-download").click()
    return open(info.value.path(), "rb").read()


def test_province_admin_drills_down_and_downloads_the_reports(live_server, browser, data):
    expected = EXPECTED[("province", "2026-Q3")]
    context, page = _desktop(browser)
    base = live_server.url
    _log_in(page, base, "tinh")

    # The reports open on the province; the period form picks Q3/2026.
    page.goto(f"{base}/reports/")
    expect(page).to_have_url(f"{base}/reports/unit/{data.province.pk}/")
    page.select_option("#p-period", "quarter")
    page.fill("#p-year", "2026")
    page.select_option("#p-quarter", "3")
    page.locator("[data-period-form] button[type=submit]").click()
    expect(page.locator('[data-kpi="months_held"]')).to_have_text(expected["months_held"])
    expect(page.locator('[data-indicator="attendance_mean"]')).to_contain_text(
        expected["attendance_mean"]
    )
    _shot(page, "dashboard-province.png")

    # Ranking → commune A → its weakest cell → one of its meetings.
    page.locator(f'[data-ranking] tr[data-unit="{data.commune_a.pk}"] a').click()
    expect(page.locator("h1")).to_contain_text(data.commune_a.name)
    commune = EXPECTED[("commune_a", "2026-Q3")]
    expect(page.locator('[data-kpi="months_held"]')).to_have_text(commune["months_held"])
    weakest = page.locator('[data-list="weakest"] li').first
    expect(weakest).to_have_attribute("data-unit", str(data.cell_a1.pk))
    weakest.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text(data.cell_a1.name)
    cell = EXPECTED[("cell_a1", "2026-Q3")]
    expect(page.locator('[data-kpi="months_held"]')).to_have_text(cell["months_held"])
    _shot(page, "dashboard-cell.png")
    page.locator(f'[data-meetings] tr[data-meeting="{data.a1_08.pk}"] a').click()
    expect(page).to_have_url(f"{base}/meetings/{data.a1_08.pk}/")
    expect(page.locator("main")).to_contain_text("20/08/2026")

    # Back on the province: the XLSX and the DOCX of Q3.
    page.goto(f"{base}/reports/unit/{data.province.pk}/?{Q3}")
    workbook = load_workbook(io.BytesIO(_download(page, "xlsx")), data_only=True)
    page.goto(f"{base}/reports/unit/{data.province.pk}/?{Q3}")
    docx_bytes = _download(page, "docx")
    context.close()

    # XLSX: the first group's sheet, the totals row of the province; 75,0 % is stored as 75.0.
    sheet = workbook.worksheets[1]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(r for r in values if isinstance(r[1], str) and data.province.name in r[1])
    assert total[2] == 75.0
    info = [str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row if c.value]
    assert any(data.province.name in v for v in info)
    assert any("Quý III/2026" in v for v in info)

    # DOCX: the group table prints the same text as the page.
    document = Document(io.BytesIO(docx_bytes))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert expected["months_held"] in cells
    assert "BÁO CÁO" in "\n".join(p.text for p in document.paragraphs)
    png = render_first_page(docx_bytes, SCREENSHOTS / "report-docx-downloaded.png")
    assert png.stat().st_size > 10_000
