"""Facet counts: several values of one facet combine with OR, different facets with AND, and each facet
is counted with the other facets' selections applied but not its own.

The archive below has eight statements; the comments give each one's facet values, and every expected
count is worked out from that table by hand.
"""

import pytest

from archive import search


@pytest.fixture
def archive(build):
    rows = [
        # n  speaker  outlet      date          kind      topics
        (1, "Alice", "Izvestia", "2021-03-01", "answer", ("nato",)),
        (2, "Alice", "Izvestia", "2022-03-01", "answer", ("nato", "china")),
        (3, "Alice", "Interfax", "2023-03-01", "quote", ("china",)),
        (4, "Bob", "Interfax", "2022-05-01", "answer", ("nato",)),
        (5, "Bob", "TASS", "2023-05-01", "speech", ("sanctions",)),
        (6, "Bob", "TASS", "2023-06-01", "quote", ()),
        (7, "Carol", "Izvestia", "2021-07-01", "remark", ("china", "sanctions")),
        (8, "Carol", "", None, "quote", ("nato",)),
    ]
    return {
        n: build.statement(f"Statement {n} on diplomacy.", speaker=speaker, outlet=outlet, date=date, kind=kind, topics=topics)
        for n, speaker, outlet, date, kind, topics in rows
    }


def facets(client, **params) -> tuple[int, dict]:
    data = client.get("/search/", {**params, "format": "json"}).json()
    counts = {name: {v["value"]: v["count"] for v in values} for name, values in data["facets"].items()}
    return data["count"], counts


def selected(client, **params) -> dict:
    data = client.get("/search/", {**params, "format": "json"}).json()
    return {name: sorted(v["value"] for v in values if v["selected"]) for name, values in data["facets"].items()}


def test_nothing_selected_counts_everything(client, archive):
    count, counts = facets(client)

    assert count == 8
    assert counts == {
        "speaker": {"alice": 3, "bob": 3, "carol": 2},
        "topic": {"nato": 4, "china": 3, "sanctions": 2},
        "outlet": {"Izvestia": 3, "Interfax": 2, "TASS": 2},  # statement 8 has no outlet
        "year": {"2023": 3, "2022": 2, "2021": 2, "undated": 1},
        "kind": {"answer": 3, "quote": 3, "speech": 1, "remark": 1},
    }


def test_values_within_a_facet_combine_with_or(client, archive):
    count, counts = facets(client, topic=["nato", "china"])

    assert count == 6  # statements 1, 2, 3, 4, 7, 8
    # The topic facet ignores its own selection: choosing another topic would add its statements.
    assert counts["topic"] == {"nato": 4, "china": 3, "sanctions": 2}
    # The other facets count within the six.
    assert counts["speaker"] == {"alice": 3, "bob": 1, "carol": 2}
    assert counts["outlet"] == {"Izvestia": 3, "Interfax": 2}
    assert counts["year"] == {"2022": 2, "2021": 2, "2023": 1, "undated": 1}
    assert counts["kind"] == {"answer": 3, "quote": 2, "remark": 1}


def test_facets_combine_with_and_and_each_excludes_only_its_own_selection(client, archive):
    count, counts = facets(client, topic=["nato", "china"], speaker="alice", year=["2022", "2023"])

    assert count == 2  # statements 2 and 3
    assert counts["speaker"] == {"alice": 2, "bob": 1}  # topic and year applied: 2, 3, 4
    assert counts["topic"] == {"nato": 1, "china": 2}  # speaker and year applied: 2, 3
    assert counts["year"] == {"2021": 1, "2022": 1, "2023": 1}  # topic and speaker applied: 1, 2, 3
    assert counts["outlet"] == {"Izvestia": 1, "Interfax": 1}  # everything applied: 2, 3
    assert counts["kind"] == {"answer": 1, "quote": 1}


def test_kind_and_outlet(client, archive):
    count, counts = facets(client, kind=["speech", "remark"], outlet="TASS")

    assert count == 1  # statement 5
    # TASS: 5, 6. Remark is selected, so it is listed even with nothing to count.
    assert counts["kind"] == {"speech": 1, "quote": 1, "remark": 0}
    assert counts["outlet"] == {"TASS": 1, "Izvestia": 1}  # speech or remark: 5, 7


def test_undated_is_a_year_value(client, archive):
    count, counts = facets(client, year="undated")

    assert count == 1
    assert counts["speaker"] == {"carol": 1}


def test_selected_values_are_flagged(client, archive):
    assert selected(client, topic=["china", "nato"], kind="quote") == {
        "speaker": [],
        "topic": ["china", "nato"],
        "outlet": [],
        "year": [],
        "kind": ["quote"],
    }


def test_unknown_slug_matches_nothing_but_keeps_the_other_counts(client, archive):
    response = client.get("/search/", {"speaker": "nobody", "format": "json"})
    data = response.json()

    assert response.status_code == 200
    assert data["count"] == 0 and data["results"] == []
    assert data["facets"]["speaker"] == [
        {"value": "alice", "label": "Alice", "count": 3, "selected": False},
        {"value": "bob", "label": "Bob", "count": 3, "selected": False},
        {"value": "carol", "label": "Carol", "count": 2, "selected": False},
        {"value": "nobody", "label": "nobody", "count": 0, "selected": True},
    ]


def test_facet_values_are_labelled_and_ordered(client, archive):
    data = client.get("/search/", {"format": "json"}).json()

    assert [(v["value"], v["label"]) for v in data["facets"]["kind"]] == [
        ("answer", "Answer"),
        ("quote", "Quote"),
        ("remark", "Remark"),
        ("speech", "Speech"),
    ]
    assert [v["value"] for v in data["facets"]["year"]] == ["2023", "2022", "2021", "undated"]
    assert data["facets"]["topic"][0] == {"value": "nato", "label": "Nato", "count": 4, "selected": False}


def test_selections_show_as_removable_chips(client, archive):
    response = client.get("/search/", {"q": "diplomacy", "topic": ["nato", "china"], "year": "2022"})
    html = response.content.decode()

    assert 'href="/search/?q=diplomacy&amp;topic=china&amp;year=2022"' in html  # removes nato
    assert 'href="/search/?q=diplomacy&amp;topic=nato&amp;topic=china"' in html  # removes the year
    assert '<span class="chip-name">Topic:</span> Nato' in html
    assert "Clear all filters" in html


def test_facet_links_toggle_one_value_and_go_back_to_the_first_page(client, archive):
    response = client.get("/search/", {"topic": "nato", "page": "1"})
    page = response.context["page"]

    links = {v.value: v.querystring for v in page.facet("topic").values}
    assert links == {"nato": "", "china": "?topic=nato&topic=china", "sanctions": "?topic=nato&topic=sanctions"}


def test_long_facets_show_the_top_values_and_the_rest_on_request(client, build):
    for n in range(12):
        build.statement(f"Statement {n}.", topics=tuple(f"topic-{m:02d}" for m in range(n + 1)))

    response = client.get("/search/", {"topic": "topic-11"})
    html = response.content.decode()
    topic = response.context["page"].facet("topic")

    assert len(topic.values) == 12
    assert [v.value for v in topic.top] == [f"topic-{m:02d}" for m in range(8)] + ["topic-11"]
    assert [v.value for v in topic.rest] == ["topic-08", "topic-09", "topic-10"]
    assert "<summary>Show all 12 topics</summary>" in html


def test_a_facet_with_very_many_values_lists_the_busiest_and_says_how_many_are_left_out(client, build, monkeypatch):
    monkeypatch.setattr(search.page, "LISTED_FACET_VALUES", 10)
    for n in range(14):
        build.statement(f"Statement {n}.", topics=tuple(f"topic-{m:02d}" for m in range(n + 1)))

    response = client.get("/search/")
    html = response.content.decode()
    topic = response.context["page"].facet("topic")

    assert len(topic.values) == 14  # the JSON twin and the page's data keep every value
    assert [v.value for v in topic.rest] == ["topic-08", "topic-09"]
    assert topic.unlisted == 4
    assert "<summary>Show 2 more of 14 topics</summary>" in html
    assert 'href="/search/?topic=topic-09"' in html and 'href="/search/?topic=topic-10"' not in html
    assert "4 topics with fewer statements not listed" in html
    assert len(client.get("/search/", {"format": "json"}).json()["facets"]["topic"]) == 14
