"""Stage 0: the file's format read before its words, on fragments in the shapes real files come in.

Every statement must stay traceable to the raw file, so each test also checks that a statement's offsets
point at its words in the raw text, whatever markup surrounded them.
"""

import datetime as dt

from archive.importer.formats import read_format


def located(doc, statement) -> str:
    return doc.raw_text[statement.start:statement.end]


def test_front_matter_gives_title_date_address_and_site_and_the_quoted_transcript_is_read(parse):
    # A blog engine's repost: YAML front matter, then an MFA transcript in "> " blockquotes.
    text = """---
title: "Lavrov on the grain deal"
date: 2024-03-14
source: https://www.example-blog.net/2024/03/lavrov-grain
publication: '[[Example Blog]]'
---

The minister answered questions in Moscow. Here is the transcript:

> **Question:** Is Moscow ready to return to the grain deal?
>
> **Sergey Lavrov:** We never left the table. *We left a deal* that had stopped being a deal.
"""
    doc = parse(text, "repost.md")
    assert doc.title == "Lavrov on the grain deal"
    assert doc.date == dt.date(2024, 3, 14)
    [answer] = doc.statements
    assert (answer.speaker.name, answer.kind) == ("Sergey Lavrov", "answer")
    assert answer.text == "We never left the table. We left a deal that had stopped being a deal."
    assert located(doc, answer).startswith("We never left the table.")
    assert "title:" not in doc.title


def test_a_saved_page_is_read_for_its_article_not_its_menus(parse):
    page = """<!DOCTYPE html><html><head><title>News conference | President</title></head><body>
<nav><a href="/">Home</a> <a href="/events">Events</a> <a href="/search">Search</a></nav>
<article><h1>News conference following talks</h1>
<p><strong>Vladimir Putin:</strong> Good afternoon. We have just held substantive talks with our colleagues.</p>
<p>Question: What did you agree on the border crossings?</p>
<p>Vladimir Putin: We agreed to keep two crossings open for the winter, and our services will meet again.</p>
</article>
<footer>All content on this site is licensed under Creative Commons.</footer></body></html>"""
    doc = parse(page, "page.html")
    texts = [s.text for s in doc.statements]
    assert texts[-1] == "We agreed to keep two crossings open for the winter, and our services will meet again."
    assert all("Creative Commons" not in t and "Home" not in t for t in texts)
    assert located(doc, doc.statements[-1]).startswith("We agreed to keep")


def test_a_feed_item_reads_its_cdata_as_the_page_and_its_link_as_the_address():
    item = """\t<item>
\t\t<title>Department Press Briefing &#8211; July 27, 2021</title>
\t\t<link>https://www.state.gov/briefings/department-press-briefing-july-27-2021/</link>
\t\t<description><![CDATA[<p>Jalina Porter, Principal Deputy Spokesperson</p>
<p><strong>MS PORTER: </strong>Good afternoon and thank you for joining us.</p>]]></description>
"""
    formatted = read_format(item, "item.html")
    assert formatted.title == "Department Press Briefing – July 27, 2021"
    assert formatted.source_url == "https://www.state.gov/briefings/department-press-briefing-july-27-2021/"
    assert "MS PORTER:" in formatted.text and "CDATA" not in formatted.text.replace("\u200b", "")
    assert len(formatted.text) == len(item)


def test_a_wire_service_file_in_sgml_tags_keeps_its_lines_and_its_date(parse):
    text = """<DOC>
<DOCNO> FBIS3-0001 </DOCNO>
<DATE1>  12 Apr 1994 </DATE1>
<TEXT>
  [Interview with Foreign Minister Anna Kovacs by Peter Toth]
  [Toth] Minister, what did the talks in Vienna achieve for the
region and its minorities?
  [Kovacs] They achieved a framework that all three governments
accept, and that is more than anyone expected a month ago.
</TEXT>
</DOC>
"""
    doc = parse(text, "wire.txt")
    assert doc.date == dt.date(1994, 4, 12)
    [answer] = [s for s in doc.statements if s.kind == "answer"]
    assert answer.speaker.name == "Anna Kovacs"
    assert answer.text.startswith("They achieved a framework that all three governments accept, and that")
    assert "what did the talks" in answer.context


def test_a_crawlers_metadata_line_gives_the_address_and_its_site_the_outlet(parse):
    text = """# example-news.md

## Metadata

- **URL**: https://www.example-news.md/2024/05/17/minister-on-talks/
- **Domain**: example-news.md

Moldova's foreign minister Ion Popescu said on Friday that talks would resume.

“We are ready to continue the dialogue in Geneva next month,” Popescu said.
"""
    doc = parse(text, "crawl.md")
    assert doc.outlet == "example-news.md"
    assert doc.date == dt.date(2024, 5, 17)
    assert [s.speaker.name for s in doc.statements] == ["Ion Popescu"]
