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
    assert set(data["also_reported"]) == others and len(others) == 3  # the repost and the article's two quotes


def test_search_shows_the_quote_once_with_its_number_of_sources(archive, client):
    data = client.get("/search/", {"q": "projects blanks", "format": "json"}).json()
    assert len(data["results"]) == 1 and data["results"][0]["sources"] == 4


def test_removing_a_document_relinks_the_rest(archive):
    Document.objects.get(file_name="interview.txt").delete()
    remaining = Statement.objects.filter(text__startswith="There are no projects", document__file_name="repost.txt").get()
    partners = Statement.objects.filter(quote_group=remaining.quote_group).exclude(pk=remaining.pk)
    assert {p.document.file_name for p in partners} == {"article.txt"} and len(partners) == 2
