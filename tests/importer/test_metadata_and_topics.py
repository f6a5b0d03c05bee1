"""Stages 6 and 7: topics explained by their terms; dates and outlets only where the text states them."""

import datetime as dt


def test_publication_date_and_outlet_are_read_from_the_intro(parse):
    doc = parse("""Here's the header for the interview with Sergei Ryabkov published by Interfax on 22 December 2023:
- First question?
- First answer, and we will respond.
- Second question?
- Second answer, and we will respond.""")
    assert (doc.outlet, doc.date, doc.date_precision) == ("Interfax", dt.date(2023, 12, 22), "day")


def test_dates_of_events_mentioned_in_passing_are_not_the_publication_date(parse):
    doc = parse("""Title

With year one of New START approaching on February 5, 2022, Ryabkov said “we will work where opportunities arise.”""")
    assert doc.date is None


def test_a_dateline_gives_the_date_and_a_reuters_dateline_the_outlet(parse):
    doc = parse("""Russia warns

MOSCOW, 20 February 2024 (Reuters) - Kremlin spokesman Dmitry Peskov said “there will be a response to this.”""")
    assert (doc.date, doc.outlet) == (dt.date(2024, 2, 20), "Reuters")


def test_russian_dates_and_outlets(parse):
    doc = parse("""Заголовок

МОСКВА, 13 мая 2024 года. Мария Захарова в интервью радио Sputnik заявила, что «никто в Москве не будет это рассматривать».""")
    assert (doc.date, doc.outlet) == (dt.date(2024, 5, 13), "Sputnik")


def test_topics_keep_the_terms_that_matched(pipeline):
    found = pipeline.tagger.tag("Russia suspended the New START Treaty; NATO expansion goes on; sanctions too.")
    assert found["arms-control"] == ["New START", "START Treaty"]
    assert found["nato"] == ["NATO", "NATO expansion"]
    assert found["sanctions"] == ["sanction*"]


def test_acronyms_match_only_in_capitals_and_words_only_whole(pipeline):
    assert "intermediate-range-missiles" not in pipeline.tagger.tag("an infinite patience with informal talks")
    assert "trade-resources" not in pipeline.tagger.tag("This is of key importance.")


def test_a_terse_answer_takes_its_topics_from_its_question(pipeline):
    assert "arms-control" in pipeline.tagger.tag_statement("Absolutely.", "Will New START be extended?", is_answer=True)
    assert pipeline.tagger.tag_statement("Absolutely.", "Will New START be extended?", is_answer=False) == {}


def test_the_publisher_of_a_reposted_copy_is_read_from_its_subscribe_banner(parse):
    doc = parse("""Here's the interview:
Question: Is there progress?
Ryabkov: None at all, and we do not expect any this year.
Question: And next year?
Ryabkov: That depends on Washington.
Like what you've been reading at Karlof1's Substack? Then please consider subscribing.""")
    assert doc.publisher == "Karlof1's Substack"
    assert parse("Title\n\n“We will respond to this,” Peskov said.").publisher is None


def test_what_the_file_says_of_itself_gives_the_outlet_of_an_unknown_publisher(parse):
    text = """---
site: "example-news.md"
url: "https://example-news.md/12345/minister-visit.html"
publication: '[[Example News]]'
published: '2024-03-28T09:41:32+00:00'
---

# Minister visits the border

Foreign Minister Ion Popescu said on Thursday that “the border will stay open for trade.”
"""
    doc = parse(text, "news.md")
    assert doc.outlet == "Example News"
    assert doc.date == dt.date(2024, 3, 28)


def test_a_reposts_source_line_and_a_wire_dateline_name_the_outlet(parse):
    repost = """Putin says proof is needed

by Tyler Durden December 16, 2016
from ZeroHedge Website

The president's spokesman said “the US must either stop the accusations or prove them,” Peskov said."""
    assert parse(repost).outlet == "ZeroHedge"
    wire = ("According to the ambassador, new opportunities will open for cooperation HAVANA, December 26. /TASS/. "
            "The invitation highlights its role, Russian Ambassador Viktor Koronelli said: “We welcome the decision of our partners.”")
    assert parse(wire).outlet == "TASS"


def test_a_news_source_an_article_cites_is_not_its_publisher(parse):
    text = """Putin outlines peace terms

Speaking to a group of servicemen in Murmansk, Putin laid out several provisions, according to Russia's state news agency, TASS.

“We are for resolving all these issues by peaceful means,” Putin said."""
    assert parse(text).outlet is None


def test_a_masthead_naming_a_minister_is_no_outlet_and_a_dashed_day_month_year_is_a_date(parse):
    text = """867-05-05-2023

FOREIGN MINISTER ALEXANDER DOWNER

Question: Will the ambassador return to Belgrade?

Alexander Downer: Not until the aid workers are released and consular access is granted."""
    doc = parse(text)
    assert doc.outlet is None
    assert doc.date == dt.date(2023, 5, 5)


def test_a_refused_file_still_shows_in_the_dry_run_what_was_read(tmp_path):
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    page = tmp_path / "comments.md"
    page.write_text("---\ntitle: A quiet page\ndate: 2024-01-02\nsite: example.org\n---\n\nNothing quoted here at all.\n")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_statements", str(page), dry_run=True, format="jsonl", stdout=out, stderr=err)
    except CommandError:
        pass
    [record] = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    assert record["date"] == "2024-01-02" and record["outlet"] == "example.org"
    assert record["refused"].startswith("nothing found")
