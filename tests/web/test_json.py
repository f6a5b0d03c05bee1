"""The JSON twins: every page's URL with ?format=json. Their shapes are a contract with API users."""

import datetime
import re

import pytest

from archive.models import Statement
from archive.presentation import statement_path

ABSOLUTE = re.compile(r"^http://testserver/")
# The contract, plus "sources": how many documents report the same words (issue 8, also reported).
STATEMENT_RESULT_KEYS = {"key", "url", "speaker", "date", "outlet", "kind", "text", "snippet", "context", "topics",
                         "sources"}
FACET_VALUE_KEYS = {"value", "label", "count", "selected"}


def get_json(client, url: str, **params) -> dict:
    response = client.get(url, {**params, "format": "json"})
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "application/json"
    return response.json()


def assert_statement_result(result: dict) -> None:
    assert set(result) == STATEMENT_RESULT_KEYS
    assert ABSOLUTE.match(result["url"]) and f"/s/{result['key']}/" in result["url"]
    assert set(result["speaker"]) == {"name", "slug"}
    assert result["date"] is None or datetime.date.fromisoformat(result["date"])
    assert result["kind"] in Statement.Kind.values
    assert all(isinstance(slug, str) and re.fullmatch(r"[a-z0-9-]+", slug) for slug in result["topics"])
    assert isinstance(result["text"], str) and isinstance(result["snippet"], str)
    assert isinstance(result["context"], str) and isinstance(result["outlet"], str)


def test_search_json_shape(client, new_start_answer):
    data = get_json(client, "/search/", q="new start", topic="arms-control")

    assert set(data) == {"count", "count_exact", "count_text", "approximate_facets", "order", "results", "facets", "next"}
    assert data["count"] == len(data["results"]) == 3
    assert data["count_exact"] is True and data["count_text"] == "3" and data["approximate_facets"] == []
    assert data["order"] == "relevance"
    assert data["next"] is None
    for result in data["results"]:
        assert_statement_result(result)
    assert set(data["facets"]) == {"speaker", "topic", "outlet", "year", "kind"}
    for values in data["facets"].values():
        for value in values:
            assert set(value) == FACET_VALUE_KEYS
            assert isinstance(value["value"], str) and isinstance(value["count"], int)
    assert {"value": "arms-control", "label": "Arms control and New START", "count": 3, "selected": True} in (
        data["facets"]["topic"]
    )


def test_search_json_result_for_the_new_start_answer(client, new_start_answer):
    first = get_json(client, "/search/", q="new start")["results"][0]

    assert first == {
        "key": new_start_answer.key,
        "url": f"http://testserver{statement_path(new_start_answer)}",
        "speaker": {"name": "Sergey Ryabkov", "slug": "sergey-ryabkov"},
        "date": "2023-12-22",
        "outlet": "Interfax",
        "kind": "answer",
        "text": new_start_answer.text,
        "snippet": first["snippet"],
        "context": new_start_answer.context,
        "topics": ["arms-control", "bilateral-relations", "intermediate-range-missiles"],
        "sources": 1,
    }
    assert "<mark>New</mark> <mark>START</mark>" in first["snippet"]
    assert client.get(first["url"]).context["statement"].key == new_start_answer.key


def test_search_json_next_is_the_next_page(client, seeded):
    first = get_json(client, "/search/")
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()

    assert first["count"] == 57
    assert first["next"] == "http://testserver/search/?page=2&format=json"
    assert len(first["results"]) + len(second["results"]) + len(third["results"]) == 57
    assert third["next"] is None
    assert len({r["key"] for r in first["results"] + second["results"] + third["results"]}) == 57


def test_search_json_errors(client, db):
    response = client.get("/search/", {"year": "1999x", "sort": "best", "format": "json"})

    assert response.status_code == 400
    assert set(response.json()) == {"errors"}
    assert set(response.json()["errors"]) == {"year", "sort"}


def test_statement_json_shape(client, new_start_answer):
    data = get_json(client, statement_path(new_start_answer))
    siblings = {s.position: s.key for s in Statement.objects.filter(document=new_start_answer.document)}

    assert data == {
        "key": new_start_answer.key,
        "url": f"http://testserver{statement_path(new_start_answer)}",
        "speaker": {"name": "Sergey Ryabkov", "slug": "sergey-ryabkov"},
        "date": "2023-12-22",
        "outlet": "Interfax",
        "kind": "answer",
        "text": new_start_answer.text,
        "context": new_start_answer.context,
        "topics": ["arms-control", "bilateral-relations", "intermediate-range-missiles"],
        "document": {
            "id": new_start_answer.document_id,
            "title": new_start_answer.document.title,
            "url": f"http://testserver/documents/{new_start_answer.document_id}/",
        },
        "previous": siblings[new_start_answer.position - 1],
        "next": siblings[new_start_answer.position + 1],
        "also_reported": [],
    }
    assert data["context"].startswith("In 2026, START will cease to exist.")


def test_first_and_last_statements_have_no_previous_or_next(client, seeded):
    document = Statement.objects.get(text__startswith="I would refrain from such conclusions.").document
    statements = list(document.statements.order_by("position"))

    first = get_json(client, statement_path(statements[0]))
    last = get_json(client, statement_path(statements[-1]))

    assert first["previous"] is None and first["next"] == statements[1].key
    assert last["next"] is None and last["previous"] == statements[-2].key


def test_document_json_shape(client, new_start_answer):
    document = new_start_answer.document
    data = get_json(client, f"/documents/{document.pk}/")

    assert set(data) == {
        "id", "url", "title", "outlet", "publisher", "source_url", "date", "date_precision", "statements", "source_text",
    }
    assert (data["id"], data["date"], data["date_precision"], data["outlet"]) == (document.pk, "2023-12-22", "day", "Interfax")
    assert data["source_text"] == document.raw_text
    assert [s["key"] for s in data["statements"]] == list(document.statements.order_by("position").values_list("key", flat=True))
    for statement in data["statements"]:
        assert set(statement) == {"key", "url", "speaker", "kind", "text", "context", "topics"}
        assert ABSOLUTE.match(statement["url"])


def test_speaker_json_shape(client, seeded):
    data = get_json(client, "/speakers/sergey-ryabkov/")

    assert set(data) == {
        "name", "slug", "url", "role", "organisation", "aliases", "count", "topics", "years", "statements", "next",
        "timeline",
    }
    assert (data["name"], data["role"], data["organisation"], data["count"]) == (
        "Sergey Ryabkov", "Deputy Foreign Minister", "Russia", 57,
    )
    assert "Sergei Ryabkov" in data["aliases"]
    assert {"value": "arms-control", "label": "Arms control and New START", "count": 9} in data["topics"]
    assert data["years"] == [{"value": "2023", "label": "2023", "count": 17}, {"value": "undated", "label": "Undated", "count": 40}]
    assert len(data["statements"]) == 20
    for statement in data["statements"]:
        assert_statement_result(statement)
    assert data["next"] == "http://testserver/speakers/sergey-ryabkov/?page=2&format=json"
    assert client.get(data["next"]).json()["statements"][0]["key"] != data["statements"][0]["key"]


def test_topic_json_shape(client, seeded):
    data = get_json(client, "/topics/arms-control/")

    assert set(data) == {"name", "slug", "url", "description", "parent", "count", "speakers", "years", "statements", "next"}
    assert data["count"] == 9 and data["next"] is None and data["parent"] is None
    assert data["speakers"] == [{"value": "sergey-ryabkov", "label": "Sergey Ryabkov", "count": 9}]
    assert sum(year["count"] for year in data["years"]) == 9
    for statement in data["statements"]:
        assert "arms-control" in statement["topics"]


@pytest.mark.parametrize(("url", "item_keys"), [
    ("/speakers/", {"name", "slug", "url", "role", "organisation", "count"}),
    ("/topics/", {"name", "slug", "url", "description", "count"}),
])
def test_index_json_shape(client, seeded, url, item_keys):
    data = get_json(client, url)

    assert set(data) == {"count", "results"}
    assert data["count"] == len(data["results"]) > 0
    for item in data["results"]:
        assert set(item) == item_keys
        assert item["count"] > 0 and ABSOLUTE.match(item["url"])


def test_home_json_shape(client, seeded):
    assert get_json(client, "/") == {
        "counts": {"statements": 57, "speakers": 1, "documents": 3},
        "search": "http://testserver/search/",
        "speakers": "http://testserver/speakers/",
        "topics": "http://testserver/topics/",
    }


@pytest.mark.parametrize("url", ["/documents/999999/", "/speakers/nobody/", "/topics/nothing/"])
def test_not_found_json(client, db, url):
    response = client.get(url, {"format": "json"})

    assert response.status_code == 404
    assert response.json() == {"error": "Not found."}


def test_every_html_page_links_its_json_twin(client, new_start_answer):
    for url in ("/", "/search/?q=nato", statement_path(new_start_answer), f"/documents/{new_start_answer.document_id}/",
                "/speakers/", "/speakers/sergey-ryabkov/", "/topics/", "/topics/nato/"):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/json" href="' in html, url
