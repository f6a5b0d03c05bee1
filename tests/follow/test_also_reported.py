"""The same words of a speaker in two documents are one quote: linked on import, shown once in search,
listed on each permalink, and re-linked when a document goes."""

import io

import pytest
from django.core.management import call_command

from archive.models import Document, Statement

INTERVIEW = """Interview with Sergey Ryabkov
Question: What about New START?
Ryabkov: There are no projects of this kind today. From the past era, some blanks remained, and they are fragmentary.
Question: And China?
Ryabkov: Our dialogue with our Chinese colleagues on global security and strategic stability is regular and substantive.
"""
REPOST = """A blogger's repost of the interview
Question: What about New START?
Ryabkov: There are no projects of this kind today. From the past era, some blanks remained, and they are fragmentary.
Question: And something else?
Ryabkov: We will look at the American proposals carefully, but we have no illusions about them at all.
"""
# The article's two quotations of one sentence are one statement (a paragraph's quotations by one speaker).
ARTICLE = """Russia sees no New START successor

Deputy Foreign Minister Sergey Ryabkov was blunt. “There are no projects of this kind today,” Ryabkov said, “from the past era, some blanks remained.”
"""


@pytest.fixture
def archive(db, tmp_path):
    for name, text in (("interview.txt", INTERVIEW), ("repost.txt", REPOST), ("article.txt", ARTICLE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    call_command("import_statements", str(tmp_path), stdout=io.StringIO())
    return tmp_path


def group_of(text_start):
    return Statement.objects.get(text__startswith=text_start, document__file_name="interview.txt").quote_group


def test_copies_are_linked_and_different_statements_are_not(archive):
    group = group_of("There are no projects")
    assert group is not None
    linked = Statement.objects.filter(quote_group=group)
    assert {s.document.file_name for s in linked} == {"interview.txt", "repost.txt", "article.txt"}
    assert group_of("Our dialogue with our Chinese") is None


def test_the_permalink_lists_the_other_sources_and_the_json_their_keys(archive, client):
    statement = Statement.objects.get(text__startswith="There are no projects", document__file_name="interview.txt")
    from archive.presentation import statement_path

    html = client.get(statement_path(statement)).content.decode()
    assert "Also reported in" in html and "A blogger" in html
    data = client.get(statement_path(statement), {"format": "json"}).json()
    others = set(Statement.objects.filter(quote_group=statement.quote_group).exclude(pk=statement.pk)
                 .values_list("key", flat=True))
    assert set(data["also_reported"]) == others and len(others) == 2  # the repost and the article's quote


def test_search_shows_the_quote_once_with_its_number_of_sources(archive, client):
    data = client.get("/search/", {"q": "projects blanks", "format": "json"}).json()
    assert len(data["results"]) == 1 and data["results"][0]["sources"] == 3


def test_removing_a_document_relinks_the_rest(archive):
    Document.objects.get(file_name="interview.txt").delete()
    remaining = Statement.objects.filter(text__startswith="There are no projects", document__file_name="repost.txt").get()
    partners = Statement.objects.filter(quote_group=remaining.quote_group).exclude(pk=remaining.pk)
    assert {p.document.file_name for p in partners} == {"article.txt"} and len(partners) == 1


# -- finding the copies cheaply in a big archive ------------------------------------------------------------------

from archive import reported  # noqa: E402
from archive.search import copies  # noqa: E402


def test_consecutive_uncommon_words_are_paired_and_a_leftover_joins_the_word_before():
    assert reported.pairs(["a", "b", "c", "d", "e"], {}) == [("a", "b"), ("c", "d"), ("e", "d")]
    common = {"a": 5000, "b": 5000}
    assert reported.pairs(["a", "b", "c", "d", "e"], common) == [("c", "d"), ("e", "d")]


def test_a_lone_uncommon_word_is_paired_with_each_neighbour_and_only_common_words_give_the_three_least_common():
    common = {"a": 5000, "c": 9000, "d": 2000, "e": 3000}
    assert reported.pairs(["a", "b", "c"], common) == [("b", "a"), ("b", "c")]
    assert reported.pairs(["a", "c", "d", "e"], common) == [("a", "d", "e")]
    assert reported.pairs(["b"], {}) == [("b",)]
    assert reported.pairs([], {}) == []


def test_at_most_six_pairs_are_looked_up_spread_over_the_text():
    words = [f"w{i}" for i in range(40)]
    groups = reported.pairs(words, {})
    assert len(groups) == reported.PAIRS == 6
    assert groups[0] == ("w0", "w1") and groups[-1][0] in {"w32", "w34", "w36"}


def test_the_statistics_say_which_words_are_common(archive):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_statement")
    copies._STATISTICS.clear()
    rows = copies.word_rows()
    copies._STATISTICS.clear()
    # The speaker's name is in every statement's search vector, so its words are the most common.
    statements = Statement.objects.count()
    assert rows["ryabkov"] == rows["sergey"] == pytest.approx(statements) and max(rows.values()) == rows["ryabkov"]
    assert rows["project"] < statements


def test_copies_are_found_when_most_of_their_words_are_common(db, tmp_path, monkeypatch):
    """In a big archive most words are common; the pairs still hold the copy's uncommon words."""
    common = {word: 50_000 for word in ("project", "kind", "today", "past", "era", "remain", "ryabkov", "new", "start",
                                        "dialogu", "chines", "colleagu", "global", "secur", "strateg", "stabil")}
    monkeypatch.setattr(copies, "word_rows", lambda: common)
    asked = []
    candidates = copies.candidates
    monkeypatch.setattr(copies, "candidates",
                        lambda lookups: asked.extend(groups for _, groups in lookups) or candidates(lookups))
    for name, text in (("interview.txt", INTERVIEW), ("repost.txt", REPOST)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    call_command("import_statements", str(tmp_path), stdout=io.StringIO())

    group = group_of("There are no projects")
    assert group is not None
    assert {s.document.file_name for s in Statement.objects.filter(quote_group=group)} == {"interview.txt", "repost.txt"}
    assert asked and all(any(word not in common for word in g) for groups in asked for g in groups)


def test_the_index_searched_for_copies_has_no_pending_list(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'statement_search_vector_gin'")
        assert "fastupdate=off" in cursor.fetchone()[0]


def test_a_group_that_grew_while_a_document_was_linked_stays_one_group(make_statement):
    """The copies of a new document's statements are looked up together, before any is linked; a copy that
    an earlier statement pulled into a group is linked to the later ones with that group, not beside it."""
    from archive.importer.store import store
    from archive.importer.types import ParsedDocument, ParsedStatement, SpeakerRef

    first = "We have no intention of deploying such missiles in Europe unless the Americans do so first."
    second = "Our proposal for a moratorium remains on the table and we expect a serious answer to it."
    # Stored without linking, as by an editor: a fragment (lower id), then the whole answer.
    fragment = make_statement(first)
    whole = make_statement(f"{first} {second}")
    ryabkov = SpeakerRef("Sergey Ryabkov", known=True)
    texts = [f"{first} {second}", second]  # the whole answer again, then its second half quoted alone
    raw = "\n\n".join(texts)
    statements = [ParsedStatement(ryabkov, "quote", texts[0], None, 0, len(texts[0])),
                  ParsedStatement(ryabkov, "quote", texts[1], None, len(texts[0]) + 2, len(raw))]
    store(ParsedDocument("new.txt", "New", None, None, None, None, raw, statements, "article"), checksum="x")

    new_whole, new_half = Statement.objects.filter(document__file_name="new.txt").order_by("position")
    groups = {s.pk: s.quote_group for s in Statement.objects.all()}
    assert groups == dict.fromkeys([fragment.pk, whole.pk, new_whole.pk, new_half.pk], fragment.pk)
