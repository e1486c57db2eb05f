"""Fixtures shared by the browser tests."""

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.support import CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless (STACK.md "Browser tests"), shared by a module's tests."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
