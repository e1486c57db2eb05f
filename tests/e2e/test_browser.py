"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live_server, with the factories' small province (tests.factories.make_tree).

(1) A cell secretary on a phone (360 px): log in, open the cell from the home page, find a
member without typing diacritics, open them, then try a unit of another commune → 404 page.
(2) The province administrator on a desktop: browse the tree through the htmx "+" buttons
down to a cell and open it.
Each test saves one screenshot under docs/screenshots/ for reviewers.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.support import SCREENSHOTS, reship
from tests.factories import PASSWORD, make_tree

pytestmark = pytest.mark.e2e


@pytest.fixture
def e2e_tree(transactional_db):
    """The test tree; the shipped data (rule sets, templates) is re-shipped first, since an
    earlier transactional test flushed it (tests/e2e/support.py)."""
    reship()
    return make_tree()


def _page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    context.set_default_timeout(10_000)
    return context, context.new_page()


def _log_in(page, base_url, username):
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.locator("h1")).to_have_text("Đăng nhập chibo")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{base_url}/")


def test_secretary_on_a_phone_finds_a_member_and_cannot_see_another_commune(
    browser, live_server, e2e_tree
):
    tree = e2e_tree
    context, page = _page(browser, 360, 800)
    try:
        _log_in(page, live_server.url, "bithu")

        # Home → "Đơn vị của tôi" → the cell.
        page.get_by_role("link", name=re.compile("Chi bộ thôn Bản Chợ")).click()
        expect(page).to_have_url(f"{live_server.url}/units/{tree.cell_a1.pk}/")
        expect(page.locator("h1")).to_have_text("Chi bộ thôn Bản Chợ")
        expect(page.locator('[data-count="total"]')).to_have_text("4")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "unit-page-phone.png"), full_page=True)

        # Search the cell's members without diacritics.
        page.fill('main input[name="q"]', "nguyen van an")
        page.press('main input[name="q"]', "Enter")
        expect(page).to_have_url(re.compile(r"\?q=nguyen\+van\+an$"))
        rows = page.locator("main table tbody tr td:nth-child(2) > a")
        expect(rows).to_have_text(["Nguyễn Văn Ân"])

        rows.first.click()
        expect(page).to_have_url(f"{live_server.url}/members/{tree.an_a1.pk}/")
        expect(page.locator("h1")).to_have_text("Nguyễn Văn Ân")
        expect(page.locator("main")).to_contain_text("Đảng viên chính thức")

        # A unit of another commune: the Vietnamese 404 page, as for a unit that does not exist.
        response = page.goto(f"{live_server.url}/units/{tree.cell_b1.pk}/")
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
        expect(page.locator("main")).not_to_contain_text("Chi bộ thôn Đồng Chùa")
    finally:
        context.close()


def test_province_admin_browses_the_tree_to_a_cell(browser, live_server, e2e_tree):
    tree = e2e_tree
    context, page = _page(browser, 1280, 900)
    try:
        _log_in(page, live_server.url, "tinh")
        page.click('nav a[href="/units/"]')
        expect(page.locator("h1")).to_have_text("Tổ chức đảng")

        # The root expands by itself (hx-trigger "load"); its communes appear in name order.
        root_branch = page.locator(f"#branch-{tree.province.pk}")
        expect(root_branch.locator(":scope > ul > li > a")).to_have_text(
            ["Đảng bộ xã Chiêm Hoá", "Đảng bộ xã Hòa An"]
        )

        # "+" on the commune, then on the cell: their children are fetched by htmx.
        page.locator(f'button[hx-get="/units/{tree.commune_a.pk}/branch/"]').click()
        commune_branch = page.locator(f"#branch-{tree.commune_a.pk}")
        expect(commune_branch.locator(":scope > ul > li > a")).to_have_text(
            ["Chi bộ Chiêm Hóa", "Chi bộ thôn Bản Chợ"]
        )
        page.locator(f'button[hx-get="/units/{tree.cell_a1.pk}/branch/"]').click()
        expect(page.locator(f"#branch-{tree.cell_a1.pk} > ul > li > a")).to_have_text(
            ["Tổ đảng số 1"]
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "tree-desktop.png"), full_page=True)

        # The same button folds the branch and unfolds it again, without reloading it.
        toggle = page.locator(f'button[data-branch="branch-{tree.cell_a1.pk}"]')
        expect(toggle).to_have_text("−")
        toggle.click()
        expect(page.locator(f"#branch-{tree.cell_a1.pk}")).to_be_hidden()
        expect(toggle).to_have_text("+")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(page.locator(f"#branch-{tree.cell_a1.pk}")).to_be_visible()
        expect(toggle).to_have_text("−")

        # The root, opened on load, folds on the first click too (no second fetch).
        root_toggle = page.locator(f'button[data-branch="branch-{tree.province.pk}"]')
        expect(root_toggle).to_have_text("−")
        root_toggle.click()
        expect(root_branch).to_be_hidden()
        expect(root_toggle).to_have_attribute("aria-expanded", "false")
        root_toggle.click()
        expect(root_branch).to_be_visible()
        # The commune's sub-branch opened earlier is still there: nothing was re-fetched.
        expect(page.locator(f"#branch-{tree.cell_a1.pk}")).to_be_visible()

        commune_branch.get_by_role("link", name="Chi bộ thôn Bản Chợ").click()
        expect(page).to_have_url(f"{live_server.url}/units/{tree.cell_a1.pk}/")
        expect(page.locator("h1")).to_have_text("Chi bộ thôn Bản Chợ")
        expect(page.locator("nav ol.breadcrumb")).to_contain_text("Đảng bộ xã Chiêm Hoá")
    finally:
        context.close()
