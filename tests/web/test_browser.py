"""A real browser on the live server: Debian's Chromium, never a browser downloaded by Playwright.

Playwright's sync API runs an event loop in the test's thread, and while it runs Django refuses database
access there. So data is prepared in fixtures requested before the page opens, and a test that needs the
database in the middle closes its browser first (see the re-import in the journey below).
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from archive.presentation import statement_path

from .conftest import NEW_START_ANSWER_START, SEED_TEXTS

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
REPOSITORY = Path(__file__).resolve().parents[2]
ARTIFACTS = REPOSITORY / "test-artifacts"
# Installed from package-lock.json by `npm ci` (make test does it).
AXE = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"


@contextmanager
def chromium_page(**context_options):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_context(**context_options).new_page()
        finally:
            browser.close()


@pytest.fixture
def page():
    """A browser page. Prepare data in fixtures requested before this one."""
    with chromium_page() as page:
        yield page


def screenshot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=full_page)


@pytest.fixture
def quoted_statement(make_statement):
    return make_statement("Strategic stability needs a dialogue.")


def test_home_page_in_browser(live_server, quoted_statement, page):
    page.goto(live_server.url)

    assert page.title() == "Statement Archive"
    assert page.get_by_role("search").is_visible()
    screenshot(page, "home")

    page.get_by_label("Words, phrases or speakers").fill("stability")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=stability")
    assert page.get_by_text(quoted_statement.text).is_visible()


def test_find_narrow_open_cite_and_come_back_after_a_re_import(live_server, new_start_answer):
    """The issue's test: find Ryabkov's answer about New START by typing `new start`, narrow to the topic,
    open the quote, and paste a citation whose link brings a colleague back to the same quote after the
    data has been re-imported."""
    key, document_id = new_start_answer.key, new_start_answer.document_id
    permalink = live_server.url + statement_path(new_start_answer)

    with chromium_page(permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1280, "height": 900}) as page:
        page.goto(live_server.url)
        page.get_by_label("Words, phrases or speakers").fill("new start")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=new+start")
        expect(page.locator(".results-list > li")).to_have_count(3)
        screenshot(page, "journey-1-search")

        filters = page.get_by_role("complementary", name="Narrow the results")
        filters.get_by_role("link", name=re.compile(r"^Arms control and New START")).click()
        page.wait_for_url("**/search/?q=new+start&topic=arms-control")
        expect(page.locator(".chip").first).to_contain_text("Topic: Arms control and New START")
        screenshot(page, "journey-2-topic")

        page.locator(".result-title a").first.click()
        page.wait_for_url(f"**/s/{key}/*/")
        expect(page.locator(".quote blockquote")).to_contain_text(NEW_START_ANSWER_START)
        button = page.locator(".copy-button")  # its name changes to "Copied"
        expect(button).to_have_text("Copy citation")
        button.click()
        expect(button).to_have_text("Copied")
        expect(page.get_by_role("status")).to_have_text("The citation is on your clipboard.")
        pasted = page.evaluate("navigator.clipboard.readText()")
        assert pasted == page.locator("#citation").inner_text().strip()
        assert pasted.startswith("Sergey Ryabkov, Deputy Foreign Minister: “Of course, we keep this time reference")
        link = re.search(r"https?://\S+/", pasted)[0]
        assert link == permalink
        screenshot(page, "journey-3-statement")

        page.get_by_role("link", name="Read it in the whole document").click()
        page.wait_for_url(f"**/documents/{document_id}/#s-{key}")
        anchored = page.locator(f"#s-{key}")
        expect(anchored).to_contain_text(NEW_START_ANSWER_START)
        expect(anchored).to_be_in_viewport()
        screenshot(page, "journey-4-document", full_page=False)  # the window, scrolled to the quote

    # The browser is closed, so this thread may use the database again: re-import everything.
    call_command("import_statements", str(SEED_TEXTS), force=True, stdout=open("/dev/null", "w"))

    with chromium_page() as page:
        page.goto(link)
        expect(page.locator(".quote blockquote")).to_contain_text(NEW_START_ANSWER_START)
        assert page.url == permalink
        screenshot(page, "journey-5-colleague")


def test_everything_works_without_javascript(live_server, new_start_answer):
    with chromium_page(java_script_enabled=False) as page:
        page.goto(f"{live_server.url}/search/?q=new+start")
        page.get_by_role("link", name=re.compile(r"^Interfax")).click()
        page.wait_for_url("**/search/?q=new+start&outlet=Interfax")
        expect(page.locator(".results-list > li")).to_have_count(1)
        page.locator(".facet-more summary, .tips summary").first.click()  # <details> needs no script

        page.goto(live_server.url + statement_path(new_start_answer))
        expect(page.get_by_role("button", name="Copy citation")).to_be_hidden()
        expect(page.locator("#citation")).to_contain_text(live_server.url + statement_path(new_start_answer))
        screenshot(page, "statement-without-javascript")


AXE_PAGES = {
    "home": "/",
    "search": "/search/?q=new+start&topic=arms-control&topic=strategic-stability&kind=answer",
    "statement": "STATEMENT",
    "document": "/documents/DOCUMENT/",
    "document-source": "/documents/DOCUMENT/?view=source",
    "speaker": "/speakers/sergey-ryabkov/",
    "topic": "/topics/arms-control/",
    "speaker-list": "/speakers/",
    "topic-list": "/topics/",
}


@pytest.mark.parametrize("name", AXE_PAGES)
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violations(live_server, new_start_answer, name, width):
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    url = (
        AXE_PAGES[name]
        .replace("STATEMENT", statement_path(new_start_answer))
        .replace("DOCUMENT", str(new_start_answer.document_id))
    )
    # bypass_csp: axe-core is injected as an inline script, which the site's Content-Security-Policy forbids.
    with chromium_page(viewport={"width": width, "height": 900}, bypass_csp=True) as page:
        page.goto(live_server.url + url)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        if width == 390:
            screenshot(page, f"phone-{name}")

    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
