"""A real browser on the live server: Debian's Chromium, never a browser downloaded by Playwright."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling out, and this machine has no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def page():
    """A browser page. Playwright's sync API runs an event loop in this thread, so while the page is open
    Django refuses database access here: prepare data in fixtures requested before this one."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.fixture
def quoted_statement(make_statement):
    return make_statement("Strategic stability needs a dialogue.")


def test_home_page_in_browser(live_server, quoted_statement, page):
    page.goto(live_server.url)

    assert page.title() == "Statement Archive"
    assert page.get_by_role("search").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "home.png", full_page=True)

    page.get_by_label("Words, phrases or speakers").fill("stability")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=stability")
    assert page.get_by_text(quoted_statement.text).is_visible()
