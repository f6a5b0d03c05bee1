"""/verify/ on the seed data: did he really say that, where, and in which words?"""

import pytest
from django.core.management import call_command

from archive.models import Statement

NEW_START = ("Of course, we are aware that from February 2026 there will be a vacuum in this area. In fact, the "
             "process of deregulation of the strategic offensive arms sphere has already begun.")


@pytest.fixture
def archive(db):
    call_command("import_statements", "fixtures/texts", stdout=open("/dev/null", "w"))


def verify(client, text):
    response = client.get("/verify/", {"q": text, "format": "json"})
    assert response.status_code == 200
    return response.json()


def test_a_verbatim_quote_from_the_seeds_is_verbatim(archive, client):
    result = verify(client, f"“{NEW_START}”")
    best = result["matches"][0]
    assert result["verdict"] == best["verdict"] == "verbatim" and best["similarity"] == 1.0
    assert Statement.objects.get(key=best["key"]).text.startswith("Of course, we keep this time reference in mind.")
    assert set(best) == {"key", "url", "speaker", "date", "verdict", "similarity", "diff"}
    assert best["speaker"] == {"name": "Sergey Ryabkov", "slug": "sergey-ryabkov"} and best["date"] == "2023-12-22"


def test_one_changed_word_is_altered_points_at_the_statement_and_shows_the_word(archive, client):
    result = verify(client, NEW_START.replace("vacuum", "chaos"))
    best = result["matches"][0]
    assert best["verdict"] == "altered"
    assert {"op": "replace", "archive": "vacuum", "query": "chaos"} in best["diff"]
    assert Statement.objects.get(key=best["key"]).text.find("vacuum in this area") > 0


def test_text_the_archive_does_not_hold_is_not_found(archive, client):
    result = verify(client, "The paella in Valencia was superb and the weather lovely all week, the tourists said.")
    assert result == {"query": result["query"], "verdict": "not found", "matches": []}


def test_a_passage_spanning_two_statements_finds_both(archive, client):
    answer = Statement.objects.get(text__contains="It may sound sad")
    following = Statement.objects.get(document=answer.document, position=answer.position + 1)
    passage = answer.text[-160:] + " " + following.text[:160]
    keys = {m["key"] for m in verify(client, passage)["matches"]}
    assert {answer.key, following.key} <= keys


def test_the_page_shows_the_diff_readably_without_colour(archive, client):
    html = client.get("/verify/", {"q": NEW_START.replace("vacuum", "chaos")}).content.decode()
    assert "<del" in html and "vacuum</del>" in html and "chaos</ins>" in html
    assert "Altered" in html and "/s/" in html


def test_the_home_page_offers_the_verify_form(db, client):
    assert 'action="/verify/"' in client.get("/").content.decode()
