"""The issue's journey in Debian's Chromium: paste a press report's sentence with one word changed, see it
marked altered with the changed word, open the statement, download its RIS citation, and subscribe to
the speaker's feed. Screenshots go to test-artifacts/.
"""

import feedparser
import pytest
import rispy
from playwright.sync_api import expect

from archive.models import Statement
from tests.web.conftest import NEW_START_ANSWER_START, import_seed_texts
from tests.web.test_browser import chromium_page, screenshot

REPORTED = ("Of course, we are aware that from February 2026 there will be a chaos in this area. In fact, the "
            "process of deregulation of the strategic offensive arms sphere has already begun.")


@pytest.fixture
def new_start_answer(db):
    import_seed_texts()
    return Statement.objects.get(text__startswith=NEW_START_ANSWER_START)


def test_verify_a_changed_quote_open_it_cite_it_and_follow_the_speaker(live_server, new_start_answer):
    with chromium_page(accept_downloads=True) as page:
        page.goto(live_server.url)
        page.get_by_label("Paste a quote from a press report to check it against the archive").fill(REPORTED)
        page.get_by_role("button", name="Verify").click()
        page.wait_for_url("**/verify/?q=*")
        expect(page.get_by_role("heading", name="Altered: words were changed, added or dropped")).to_be_visible()
        expect(page.locator(".diff del", has_text="vacuum")).to_be_visible()
        expect(page.locator(".diff ins", has_text="chaos")).to_be_visible()
        screenshot(page, "follow-1-verify")

        page.get_by_role("link", name="Open the statement").first.click()
        page.wait_for_url(f"**/s/{new_start_answer.key}/**")
        screenshot(page, "follow-2-statement")
        with page.expect_download() as download:
            page.get_by_role("link", name="RIS").click()
        [entry] = rispy.loads(open(download.value.path(), encoding="utf-8").read())
        assert entry["authors"] == ["Ryabkov, Sergey"] and new_start_answer.key in entry["urls"][0]

        page.locator("article").get_by_role("link", name="Sergey Ryabkov").first.click()
        page.wait_for_url("**/speakers/sergey-ryabkov/")
        feed_link = page.get_by_role("link", name="Follow new statements (Atom feed)")
        response = page.request.get(live_server.url + feed_link.get_attribute("href"))
        parsed = feedparser.parse(response.body())
        assert not parsed.bozo and parsed.entries
        screenshot(page, "follow-3-speaker")
