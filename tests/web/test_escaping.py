"""Text from sources is shown as text: markup in a statement, a speaker's name or a document's title is
escaped everywhere it appears, including highlighted snippets, meta tags and JSON."""

import json

import pytest

from archive.presentation import statement_path

TEXT = 'Words <script>alert("text")</script> about the treaty & "quotes" <b>bold</b>.'
NAME = '<script>alert("name")</script> Smith'
TITLE = '<script>alert("title")</script> Interview'
OUTLET = "<i>Outlet</i>"


@pytest.fixture
def hostile(build):
    document = build.document(title=TITLE, outlet=OUTLET, date="2023-05-05", raw_text=f"{TEXT}\nMore text.")
    return build.statement(TEXT, speaker=NAME, document=document, kind="answer", context="<img src=x onerror=alert(1)>?")


def assert_no_live_markup(html: str) -> None:
    for live in ("<script>alert", "<b>bold", "<img src=x", "<i>Outlet"):
        assert live not in html, live


def test_search_snippet_escapes_first_and_marks_after(client, hostile):
    response = client.get("/search/", {"q": "treaty"})
    html = response.content.decode()

    assert_no_live_markup(html)
    snippet = str(response.context["page"].results[0].snippet)
    assert snippet == (
        "Words &lt;script&gt;alert(\"text\")&lt;/script&gt; about the <mark>treaty</mark> &amp; \"quotes\" "
        "&lt;b&gt;bold&lt;/b&gt;."
    )
    assert snippet in html
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Smith" in html


def test_search_snippet_can_highlight_words_inside_markup(client, hostile):
    html = client.get("/search/", {"q": "bold"}).content.decode()

    assert_no_live_markup(html)
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt;" in html


def test_browsing_without_words_escapes_too(client, hostile):
    html = client.get("/search/").content.decode()

    assert_no_live_markup(html)
    assert "Words &lt;script&gt;alert(" in html


def test_permalink_page_and_its_meta_tags(client, hostile):
    response = client.get(statement_path(hostile))
    html = response.content.decode()

    assert response.status_code == 200
    assert_no_live_markup(html)
    assert '<meta property="og:title" content="&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Smith, 5 May 2023">' in html
    assert (
        '<meta property="og:description" content="Words &lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt; about '
        'the treaty &amp; &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt;.">'
    ) in html
    assert '<meta name="twitter:title" content="&lt;script&gt;' in html
    assert "<cite>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Interview</cite>" in html
    assert "&lt;img src=x onerror=alert(1)&gt;?" in html  # the question


def test_document_page_turns_and_source(client, hostile):
    turns = client.get(f"/documents/{hostile.document_id}/").content.decode()
    source = client.get(f"/documents/{hostile.document_id}/", {"view": "source"}).content.decode()

    for html in (turns, source):
        assert_no_live_markup(html)
        assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Interview" in html
    assert f'<mark id="src-{hostile.key}">Words &lt;script&gt;alert(&quot;text&quot;)' in source


def test_speaker_page(client, hostile):
    html = client.get(f"/speakers/{hostile.speaker.slug}/").content.decode()

    assert_no_live_markup(html)
    assert "<h1>&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Smith</h1>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=treaty&format=json",
        "/search/?format=json",
        "STATEMENT?format=json",
        "DOCUMENT?format=json",
        "SPEAKER?format=json",
        "/speakers/?format=json",
    ],
)
def test_json_holds_the_raw_text_and_cannot_be_read_as_html(client, hostile, url):
    url = (
        url.replace("STATEMENT", statement_path(hostile))
        .replace("DOCUMENT", f"/documents/{hostile.document_id}/")
        .replace("SPEAKER", f"/speakers/{hostile.speaker.slug}/")
    )
    response = client.get(url)
    body = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "<" not in body and ">" not in body
    # Decoded, the data holds the names and words exactly as they are.
    assert f'"name": {json.dumps(NAME, ensure_ascii=False)}' in json.dumps(response.json(), ensure_ascii=False)


def test_json_snippet_is_escaped_html_and_text_is_the_raw_text(client, hostile):
    result = client.get("/search/", {"q": "treaty", "format": "json"}).json()["results"][0]

    assert result["text"] == TEXT
    assert result["speaker"]["name"] == NAME
    assert result["snippet"].startswith("Words &lt;script&gt;alert(\"text\")&lt;/script&gt; about the <mark>treaty</mark>")


def test_statement_json_keeps_raw_values(client, hostile):
    data = client.get(statement_path(hostile), {"format": "json"}).json()

    assert data["text"] == TEXT
    assert data["speaker"]["name"] == NAME
    assert data["document"]["title"] == TITLE
    assert data["outlet"] == OUTLET
