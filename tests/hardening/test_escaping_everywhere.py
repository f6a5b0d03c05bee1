"""Markup from sources is text everywhere: every public page, its JSON twin, and the admin's lists and forms.

Each field a source or an editor can fill holds a tag of its own (``<xss-name>``, ``<xss-title>``, ...)
and a try at breaking out of an HTML attribute. Every HTML response must show the escaped form and never
the tag itself, and every JSON response must hold the exact text with no raw ``<`` or ``>`` in its body.
tests/web/test_escaping.py checks the exact escaped form on the search and permalink pages; this file
covers every page that can show one of these fields.
"""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser

import pytest

from archive.models import Document, Speaker, SpeakerAlias, Statement, StatementTopic, Topic
from archive.presentation import statement_path

NAME = 'Ann <xss-name>"O\'Neil"</xss-name> & Co'
ROLE = "Minister <xss-role>"
ORGANISATION = "<xss-organisation>Ministry</xss-organisation>"
ALIAS = "A. <xss-alias>"
TITLE = 'Talk <xss-title> "t" </xss-title>'
OUTLET = "<xss-outlet>Daily</xss-outlet>"
PUBLISHER = "<xss-publisher>Blog</xss-publisher>"
TEXT = 'We said <xss-text>"it"</xss-text> & meant sanctions "><xss-attr> \' onmouseover=\'alert(1)'
CONTEXT = "Question <xss-context>?"
TOPIC_NAME = "Treaties <xss-topic>"
TOPIC_DESCRIPTION = "About <xss-description>"
RAW_EXTRA = "\nMore source <xss-source> text."

ALL_VALUES = [NAME, ROLE, ORGANISATION, ALIAS, TITLE, OUTLET, PUBLISHER, TEXT, CONTEXT, TOPIC_NAME, TOPIC_DESCRIPTION]


@pytest.fixture
def hostile(db) -> Statement:
    speaker = Speaker.objects.create(name=NAME, slug="ann", role=ROLE, organisation=ORGANISATION)
    SpeakerAlias.objects.create(speaker=speaker, name=ALIAS)
    topic = Topic.objects.create(slug="treaties", name=TOPIC_NAME, description=TOPIC_DESCRIPTION)
    document = Document.objects.create(
        title=TITLE,
        outlet=OUTLET,
        publisher=PUBLISHER,
        url="https://example.org/a?b=<xss-url>",
        date=datetime.date(2023, 5, 5),
        date_precision="day",
        file_name="<xss-file>.txt",
        checksum="0" * 64,
        raw_text=TEXT + RAW_EXTRA,
    )
    statement = Statement.objects.create(
        key="xss0000001",
        document=document,
        speaker=speaker,
        position=0,
        kind=Statement.Kind.ANSWER,
        text=TEXT,
        context=CONTEXT,
        start_offset=0,
        end_offset=len(TEXT),
    )
    StatementTopic.objects.create(statement=statement, topic=topic)
    return statement


def public_urls(statement: Statement) -> list[str]:
    return [
        "/",
        "/search/",
        "/search/?q=sanctions",
        "/search/?q=said&topic=treaties&speaker=ann&outlet=" + OUTLET.replace("<", "%3C").replace(">", "%3E"),
        "/search/?q=%3Cxss-q%3E&year=%3Cxss-year%3E&kind=%3Cxss-kind%3E&sort=%3Cxss-sort%3E&from=%3Cxss-from%3E",
        statement_path(statement),
        f"/documents/{statement.document_id}/",
        f"/documents/{statement.document_id}/?view=source",
        "/speakers/",
        "/speakers/ann/",
        "/topics/",
        "/topics/treaties/",
    ]


class MarkupParser(HTMLParser):
    """What a browser would take for markup: the tags and the attributes of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


def assert_shown_as_text(html: str, url: str) -> None:
    parser = MarkupParser()
    parser.feed(html)
    parser.close()
    injected = [tag for tag in parser.tags if tag.startswith("xss-")]
    handlers = [name for name, _ in parser.attributes if name.startswith("on")]
    assert not injected, f"live markup on {url}: {injected}"
    assert not handlers, f"event handler attributes on {url}: {handlers}"
    assert not re.search(r"<\s*/?\s*xss-", html, re.IGNORECASE), url  # not even inside a comment or script


def test_every_public_page_shows_markup_as_text(client, hostile):
    seen = ""
    for url in public_urls(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_shown_as_text(html, url)
        seen += html
    # Each value is shown somewhere, escaped (so the check above was not passed by leaving it out).
    for marker in [
        "xss-name",
        "xss-role",
        "xss-organisation",
        "xss-alias",
        "xss-title",
        "xss-outlet",
        "xss-text",
        "xss-context",
        "xss-topic",
        "xss-description",
        "xss-source",
        "xss-q",
        "xss-year",
        "xss-kind",
    ]:
        assert f"&lt;{marker}&gt;" in seen, marker


def test_share_card_tags_hold_escaped_text(client, hostile):
    html = client.get(statement_path(hostile)).content.decode()
    meta = re.findall(r"<meta [^>]*>", html)
    cards = [tag for tag in meta if "og:" in tag or "twitter:" in tag or 'name="description"' in tag]

    assert any("og:title" in tag and "&lt;xss-name&gt;" in tag for tag in cards)
    assert any("og:description" in tag and "&lt;xss-text&gt;" in tag for tag in cards)
    for tag in cards:  # one attribute's value never leaks into another attribute or a new tag
        assert re.fullmatch(r'<meta (?:name|property)="[a-z_:]+" content="[^"<>]*">', tag), tag


def test_every_json_twin_keeps_the_text_and_cannot_be_read_as_html(client, hostile):
    for url in public_urls(hostile):
        response = client.get(url + ("&" if "?" in url else "?") + "format=json")
        body = response.content.decode()
        assert response["Content-Type"] == "application/json", url
        assert "<" not in body and ">" not in body, url
        json.loads(body)

    statement = client.get(statement_path(hostile), {"format": "json"}).json()
    assert (statement["text"], statement["speaker"]["name"], statement["context"]) == (TEXT, NAME, CONTEXT)
    assert (statement["document"]["title"], statement["outlet"]) == (TITLE, OUTLET)
    document = client.get(f"/documents/{hostile.document_id}/", {"format": "json"}).json()
    assert document["source_text"] == TEXT + RAW_EXTRA and document["publisher"] == PUBLISHER
    speaker = client.get("/speakers/ann/", {"format": "json"}).json()
    assert (speaker["role"], speaker["organisation"], speaker["aliases"]) == (ROLE, ORGANISATION, [ALIAS])
    topic = client.get("/topics/treaties/", {"format": "json"}).json()
    assert (topic["name"], topic["description"]) == (TOPIC_NAME, TOPIC_DESCRIPTION)
    search = client.get("/search/", {"q": "sanctions", "format": "json"}).json()
    assert search["facets"]["topic"][0]["label"] == TOPIC_NAME
    assert (
        "&lt;xss-text&gt;" in search["results"][0]["snippet"]
        and "<mark>sanctions</mark>" in search["results"][0]["snippet"]
    )
    refused = client.get("/search/", {"year": "<xss-year>", "format": "json"}).json()
    assert "<xss-year>" in refused["errors"]["year"][0]


ADMIN_PAGES = [
    "/admin/archive/statement/",
    "/admin/archive/statement/?q=%3Cxss-q%3E",
    "/admin/archive/statement/?q=said",
    "/admin/archive/speaker/",
    "/admin/archive/speaker/?q=ann",
    "/admin/archive/document/",
    "/admin/archive/topic/",
    "/admin/archive/statement/STATEMENT/change/",
    "/admin/archive/speaker/SPEAKER/change/",
    "/admin/archive/document/DOCUMENT/change/",
    "/admin/archive/topic/TOPIC/change/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_lists_and_forms_show_markup_as_text(admin_client, hostile, url):
    url = (
        url.replace("STATEMENT", str(hostile.pk))
        .replace("SPEAKER", str(hostile.speaker_id))
        .replace("DOCUMENT", str(hostile.document_id))
        .replace("TOPIC", str(hostile.topics.get().pk))
    )
    response = admin_client.get(url)
    html = response.content.decode()

    assert response.status_code == 200
    assert_shown_as_text(html, url)
    if "/change/" not in url and "q=" not in url:
        assert "&lt;xss-" in html  # the list shows the hostile row, escaped
