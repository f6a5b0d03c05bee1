"""Following a search, a speaker or a topic: Atom feeds parsed with feedparser, linked from the pages."""

import feedparser
import pytest
from django.core.management import call_command

from archive.models import Statement


@pytest.fixture
def archive(db):
    call_command("import_statements", "fixtures/texts", stdout=open("/dev/null", "w"))


def feed(client, url, **params):
    response = client.get(url, {**params, "format": "atom"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed


def test_a_speaker_feed_lists_statements_newest_first_linking_to_permalinks(archive, client):
    parsed = feed(client, "/speakers/sergey-ryabkov/")
    assert parsed.feed.title.startswith("Sergey Ryabkov")
    entries = parsed.entries
    assert entries and all(e.link.startswith("http://testserver/s/") for e in entries)
    published = [e.get("published_parsed") for e in entries]
    dated = [p for p in published if p]
    assert dated == sorted(dated, reverse=True) and published[: len(dated)] == dated  # undated ones come last
    first_key = entries[0].link.split("/s/")[1].split("/")[0]
    assert Statement.objects.get(key=first_key).document.outlet == "Interfax"  # the newest, dated document


def test_a_topic_feed_and_a_search_feed(archive, client):
    topic = feed(client, "/topics/arms-control/")
    assert topic.entries and all("/s/" in e.link for e in topic.entries)
    search = feed(client, "/search/", q="new start")
    keys = {e.link.split("/s/")[1].split("/")[0] for e in search.entries}
    assert keys and keys <= set(Statement.objects.filter(text__icontains="start").values_list("key", flat=True))


def test_pages_announce_their_feeds(archive, client):
    for url in ("/speakers/sergey-ryabkov/", "/topics/arms-control/", "/search/?q=nato"):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html, url
        assert "format=atom" in html
