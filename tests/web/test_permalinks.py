"""Permalinks: /s/<key>/<slug>/ keeps serving the same quote across re-imports; wrong slugs and retired
keys redirect permanently; a key retired without a successor is Gone."""

import hashlib

import pytest

from archive.importer import curated
from archive.importer.pipeline import Pipeline
from archive.importer.store import store
from archive.models import Document, RetiredKey, Statement
from archive.presentation import statement_path, statement_slug

from .conftest import NEW_START_ANSWER_START, SEED_TEXTS, import_seed_texts


def quote_at(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.context["statement"].text


def test_slug_is_the_speaker_and_the_first_words():
    assert statement_slug("Sergey Ryabkov", "(T)here are red lines which we will not allow anyone to cross") == (
        "sergey-ryabkov-there-are-red-lines-which-we-will-not-allow"
    )
    assert len(statement_slug("A" * 10, "word " * 100)) <= 60
    assert statement_slug("Мария Захарова", "Нет.") == "statement"


def test_the_permalink_survives_re_imports_and_a_fresh_database(client, new_start_answer):
    url = statement_path(new_start_answer)
    assert url == f"/s/{new_start_answer.key}/sergey-ryabkov-of-course-we-keep-this-time-reference-in-mind/"
    quote = quote_at(client, url)
    assert quote.startswith(NEW_START_ANSWER_START)

    import_seed_texts()
    import_seed_texts()
    assert quote_at(client, url) == quote

    Statement.objects.all().delete()
    Document.objects.all().delete()
    import_seed_texts()
    assert quote_at(client, url) == quote


def test_every_seed_statement_has_a_working_permalink(client, seeded):
    statements = list(Statement.objects.select_related("speaker", "document"))
    assert len(statements) == 57
    for statement in statements:
        response = client.get(statement_path(statement))
        assert response.status_code == 200
        assert response.context["statement"].key == statement.key


@pytest.mark.parametrize("suffix", ["", "wrong-slug/", "sergey-ryabkov/"])
def test_missing_or_wrong_slug_redirects_permanently(client, new_start_answer, suffix):
    response = client.get(f"/s/{new_start_answer.key}/{suffix}")

    assert response.status_code == 301
    assert response["Location"] == statement_path(new_start_answer)


def test_redirect_keeps_the_json_format(client, new_start_answer):
    response = client.get(f"/s/{new_start_answer.key}/x/", {"format": "json"})

    assert response.status_code == 301
    assert response["Location"] == statement_path(new_start_answer) + "?format=json"


def test_retired_key_redirects_to_its_successor(client, build):
    successor = build.statement("The corrected words.", speaker="Maria Zakharova")
    RetiredKey.objects.create(key="oldkey1234", successor=successor)

    for url in ("/s/oldkey1234/", "/s/oldkey1234/any-old-slug/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == f"/s/{successor.key}/maria-zakharova-the-corrected-words/"


def test_retired_key_without_successor_is_gone(client, db):
    RetiredKey.objects.create(key="gonekey123", successor=None)

    html = client.get("/s/gonekey123/some-slug/")
    data = client.get("/s/gonekey123/", {"format": "json"})

    assert html.status_code == 410
    assert "This statement is no longer in the archive" in html.content.decode()
    assert data.status_code == 410 and data.json()["key"] == "gonekey123"


def test_unknown_key_is_not_found(client, db):
    assert client.get("/s/nosuchkey1/whatever/").status_code == 404
    response = client.get("/s/nosuchkey1/", {"format": "json"})
    assert response.status_code == 404 and response.json() == {"error": "Not found."}


def test_an_edited_statement_retires_its_old_url_to_the_new_one(client, seeded):
    """The importer's own path: the source file is corrected and imported again."""
    name = "003_a49a1948fb544129.txt"
    original = (SEED_TEXTS / name).read_bytes()
    old = Statement.objects.get(document__file_name=name, text__startswith="No, and it is not expected.")
    old_url = statement_path(old)

    edited = original.replace(b"No, and it is not expected.", b"No, and it is not expected at all.")
    assert edited != original
    store(Pipeline(curated.default()).parse(edited, name), hashlib.sha256(edited).hexdigest())

    new = Statement.objects.get(document__file_name=name, text__startswith="No, and it is not expected at all.")
    assert new.key != old.key
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == statement_path(new)
    assert quote_at(client, response["Location"]) == new.text
