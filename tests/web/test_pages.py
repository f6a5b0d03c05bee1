"""The HTML pages: statement permalinks, documents, speakers, topics and the index pages."""

import datetime
import re

import pytest

from archive.models import Speaker, SpeakerAlias, Statement, Topic
from archive.presentation import human_date, statement_path


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_statement_page(client, new_start_answer):
    statement = new_start_answer
    html = page(client, statement_path(statement))
    canonical = f"http://testserver{statement_path(statement)}"

    assert "Of course, we keep this time reference in mind." in html
    assert '<a href="/speakers/sergey-ryabkov/">Sergey Ryabkov</a>' in html
    assert '<time datetime="2023-12-22">22 December 2023</time>' in html
    assert "Answer · Interfax" in html
    assert f'<a href="/documents/{statement.document_id}/#s-{statement.key}">Read it in the whole document</a>' in html
    assert "The question" in html and "In 2026, START will cease to exist." in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert '<a href="/topics/arms-control/">Arms control and New START</a>' in html
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Sergey Ryabkov, 22 December 2023">' in html
    assert '<meta property="og:description" content="Of course, we keep this time reference in mind.' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_statement_page_cite_box_works_without_javascript(client, new_start_answer):
    html = page(client, statement_path(new_start_answer))
    citation = re.search(r'<p class="citation" id="citation">(.*?)</p>', html, re.S)[1]

    assert citation.startswith("Sergey Ryabkov, Deputy Foreign Minister: “Of course, we keep this time reference")
    accessed = human_date(datetime.date.today())
    assert citation.endswith(f"Interfax, 22 December 2023. Statement Archive, "
                             f"http://testserver{statement_path(new_start_answer)} (accessed {accessed}).")
    # The copy button is an enhancement: hidden until the script shows it.
    assert '<button type="button" class="copy-button" data-copy-target="citation" hidden>Copy citation</button>' in html
    assert '<script src="/static/js/copy.js" defer></script>' in html


def test_quote_context_is_shown_as_the_reporting_sentence(client, seeded):
    quote = Statement.objects.get(text__startswith="launched a dialogue on strategic stability")
    html = page(client, statement_path(quote))

    assert "As reported in the source" in html and "The question" not in html
    assert "(undated)" in html


def test_no_inline_scripts_anywhere(client, new_start_answer):
    for url in ("/", "/search/?q=nato", statement_path(new_start_answer), f"/documents/{new_start_answer.document_id}/",
                "/speakers/sergey-ryabkov/", "/topics/nato/", "/speakers/", "/topics/"):
        for tag in re.findall(r"<script\b[^>]*>", page(client, url)):
            assert " src=" in tag, (url, tag)


def test_document_page_shows_turns_anchored_and_linked(client, new_start_answer):
    document = new_start_answer.document
    html = page(client, f"/documents/{document.pk}/")

    assert document.title in html
    for statement in document.statements.all():
        assert f'id="s-{statement.key}"' in html
        assert f'href="{statement_path(statement)}"' in html
    # Each answer's question is set apart before it.
    question = html.index("In 2026, START will cease to exist.")
    answer = html.index("Of course, we keep this time reference in mind.")
    assert html.rindex('class="turn turn--question"', 0, question) < question < answer
    assert html.rindex(f'id="s-{new_start_answer.key}"', 0, answer) < question
    assert "<pre" not in html


def test_document_source_view_is_verbatim_and_escaped(client, build):
    raw = "Header <b>line</b>\n\n  Q: Is it so?\n  A: It is so & more.\n"
    document = build.document(title="Raw", raw_text=raw)
    statement = build.statement("It is so & more.", document=document)
    Statement.objects.filter(pk=statement.pk).update(start_offset=raw.index("It is"), end_offset=raw.index("\n", raw.index("It is")))

    html = page(client, f"/documents/{document.pk}/", view="source")

    expected = (
        'Header &lt;b&gt;line&lt;/b&gt;\n\n  Q: Is it so?\n  A: '
        f'<mark id="src-{statement.key}">It is so &amp; more.</mark>\n'
    )
    assert f'<pre class="source" tabindex="0">{expected}</pre>' in html


def test_speaker_page(client, seeded):
    html = page(client, "/speakers/sergey-ryabkov/")

    assert "<h1>Sergey Ryabkov</h1>" in html
    assert "Deputy Foreign Minister, Russia" in html
    assert "Sergei Ryabkov" in html  # an alias
    assert '<h2 id="counts-topic">By topic</h2>' in html and '<h2 id="counts-year">By year</h2>' in html
    assert '<a href="/search/?speaker=sergey-ryabkov&amp;topic=arms-control">Arms control and New START</a> <span class="count">9</span>' in html
    assert '<a href="/search/?speaker=sergey-ryabkov&amp;year=2023">2023</a> <span class="count">17</span>' in html
    assert '<form class="search-form" role="search" method="get" action="/search/">' in html
    assert '<input type="hidden" name="speaker" value="sergey-ryabkov">' in html
    assert "57 statements, newest first" in html
    assert 'href="/speakers/sergey-ryabkov/?page=2"' in html


def test_speaker_statements_are_paginated_newest_first(client, seeded):
    first = client.get("/speakers/sergey-ryabkov/").context["page"]
    third = client.get("/speakers/sergey-ryabkov/", {"page": "3"}).context["page"]
    wrong = client.get("/speakers/sergey-ryabkov/", {"page": "nine"})

    assert first.results[0].document.date.isoformat() == "2023-12-22"
    assert len(third.results) == 17 and third.state.page == 3
    assert wrong.status_code == 200 and "the page must be a whole number" in wrong.content.decode()


def test_speaker_without_statements_has_a_page(client, db):
    speaker = Speaker.objects.create(name="Maria Zakharova", slug="maria-zakharova", role="Spokeswoman")
    SpeakerAlias.objects.create(speaker=speaker, name="Мария Захарова")

    html = page(client, "/speakers/maria-zakharova/")

    assert "No statements by Maria Zakharova are in the archive yet." in html
    assert "Мария Захарова" in html


def test_topic_page(client, seeded):
    html = page(client, "/topics/arms-control/")

    assert "<h1>Arms control and New START</h1>" in html
    assert '<a href="/search/?speaker=sergey-ryabkov&amp;topic=arms-control">Sergey Ryabkov</a> <span class="count">9</span>' in html
    assert '<h2 id="counts-year">By year</h2>' in html
    assert '<input type="hidden" name="topic" value="arms-control">' in html
    assert "9 statements, newest first" in html


def test_topic_page_names_its_parent_and_children(client, db):
    parent = Topic.objects.create(name="Security", slug="security")
    Topic.objects.create(name="Arms control", slug="arms-control", parent=parent)

    assert 'within <a href="/topics/security/">Security</a>' in page(client, "/topics/arms-control/")
    assert '<a href="/topics/arms-control/">Arms control</a>' in page(client, "/topics/security/")


def test_index_pages_list_what_has_statements_with_counts(client, seeded):
    Speaker.objects.get_or_create(name="Nobody Quoted", defaults={"slug": "nobody-quoted"})
    speakers = page(client, "/speakers/")
    topics = page(client, "/topics/")

    assert '<a href="/speakers/sergey-ryabkov/">Sergey Ryabkov</a>' in speakers
    assert "57 statements" in speakers
    assert "Nobody Quoted" not in speakers
    assert '<a href="/topics/arms-control/">Arms control and New START</a>' in topics
    assert "9 statements" in topics


def test_home_page_links_topics_and_examples(client, seeded):
    html = page(client, "/")

    assert '<a href="/search/?q=new%20start">new start</a>' in html
    assert '<a href="/topics/arms-control/">Arms control and New START</a> <span class="count">9</span>' in html


@pytest.mark.parametrize("url", ["/documents/999/", "/speakers/nobody/", "/topics/nothing/", "/nowhere/"])
def test_not_found_pages(client, db, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "There is no page at this address" in response.content.decode()
