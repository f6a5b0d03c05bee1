"""Search at scale, tested small: exact counts below the limits, honest ones above, and search tables
that always agree with the statements they are built from.

The limits are settings, so a handful of statements stands in for a million: SEARCH_COUNT_LIMIT=5
makes six matches "many".
"""

import datetime
import itertools

import pytest
from django.db import connection

from archive import search
from archive.models import Document, FacetCount, SearchEntry, Speaker, Statement, StatementTopic, Topic
from archive.search import FACETS

ROWS = [
    # speaker, outlet, date, kind, topics, text
    ("Alice", "Izvestia", "2021-03-01", "answer", ("nato",), "Sanctions against NATO members."),
    ("Alice", "Izvestia", "2022-03-01", "answer", ("nato", "china"), "NATO and China on sanctions."),
    ("Alice", "Interfax", "2023-03-01", "quote", ("china",), "China trade grows."),
    ("Bob", "Interfax", "2022-05-01", "answer", ("nato",), "NATO expansion again, and sanctions."),
    ("Bob", "TASS", "2023-05-01", "speech", ("sanctions",), "Sanctions will not work."),
    ("Bob", "TASS", "2023-06-01", "quote", (), "Sanctions, sanctions and more sanctions."),
    ("Carol", "Izvestia", "2021-07-01", "remark", ("china", "sanctions"), "China and sanctions."),
    ("Carol", "", None, "quote", ("nato",), "NATO is a relic."),
    ("Carol", "TASS", "2024-01-09", "answer", ("nato", "sanctions"), "Sanctions and NATO, together."),
]


@pytest.fixture
def archive(build):
    return [
        build.statement(text, speaker=speaker, outlet=outlet, date=date, kind=kind, topics=topics)
        for speaker, outlet, date, kind, topics, text in ROWS
    ]


def expected(statements, q_matches=None, **selection) -> tuple[int, dict]:
    """Brute force: the total and each facet's counts, each facet without its own selection."""

    def values(statement) -> dict[str, set[str]]:
        date = statement.document.date
        return {
            "speaker": {statement.speaker.slug},
            "topic": {t.slug for t in statement.topics.all()},
            "outlet": {statement.document.outlet} if statement.document.outlet else set(),
            "year": {str(date.year) if date else "undated"},
            "kind": {statement.kind},
        }

    def passes(statement, but=None) -> bool:
        if q_matches is not None and statement.pk not in q_matches:
            return False
        v = values(statement)
        if "from" in selection and not (statement.document.date and statement.document.date >= selection["from"]):
            return False
        return all(v[f] & set(chosen) for f, chosen in selection.items() if f in FACETS and f != but)

    total = sum(passes(s) for s in statements)
    counts = {}
    for facet in FACETS:
        counter: dict[str, int] = {}
        for s in statements:
            if passes(s, but=facet):
                for value in values(s)[facet]:
                    counter[value] = counter.get(value, 0) + 1
        counts[facet] = counter
    return total, counts


def shown(client, **params) -> tuple[int, dict, dict]:
    data = client.get("/search/", {**params, "format": "json"}).json()
    counts = {name: {v["value"]: v["count"] for v in values if v["count"]} for name, values in data["facets"].items()}
    return data["count"], counts, data


SELECTIONS = [
    {},
    {"speaker": ["alice"]},
    {"speaker": ["alice", "carol"], "year": ["2022", "undated"]},
    {"topic": ["nato"]},
    {"topic": ["nato", "china"], "kind": ["answer"]},
    {"topic": ["china"], "speaker": ["alice"], "outlet": ["Izvestia"]},
    {"year": ["2023"], "kind": ["quote", "speech"]},
    {"outlet": ["TASS", "Interfax"]},
]


@pytest.mark.parametrize("selection", SELECTIONS)
@pytest.mark.parametrize("words", ["", "sanctions", "nato OR china"])
def test_counts_and_facets_are_exact_in_a_small_archive(client, archive, words, selection):
    statements = list(Statement.objects.select_related("speaker", "document").prefetch_related("topics"))
    matches = None
    if words:
        matches = set(Statement.objects.filter(search_vector=search.search_query(words)).values_list("pk", flat=True))
    total, counts = expected(statements, matches, **selection)

    count, facets, data = shown(client, **({"q": words} if words else {}), **selection)

    assert count == total
    assert facets == counts
    assert len(data["results"]) == min(total, search.PAGE_SIZE)


def test_dates_without_words_are_exact_too(client, archive):
    statements = list(Statement.objects.select_related("speaker", "document").prefetch_related("topics"))
    total, counts = expected(statements, None, **{"from": datetime.date(2022, 1, 1)})

    count, facets, _ = shown(client, **{"from": "2022-01-01"})

    assert (count, facets) == (total, counts)


@pytest.fixture
def big_archive_settings(settings, archive):
    """The archive counts as big (more statements than SEARCH_EXACT_ARCHIVE), and 5 matches are many."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")  # search reads the archive's size from the statistics
    settings.SEARCH_EXACT_ARCHIVE = 3
    settings.SEARCH_COUNT_LIMIT = 5
    settings.SEARCH_RANK_LIMIT = 5
    return settings


def test_counts_within_the_limit_stay_exact_in_a_big_archive(client, big_archive_settings):
    response = client.get("/search/", {"q": "china"})
    page = response.context["page"]

    assert page.count == 3 and page.count.exact and not page.approximate
    assert "3 statements matching" in response.content.decode()
    assert page.state.effective_sort == "relevance"


def test_past_the_limit_the_count_says_more_than(client, big_archive_settings):
    response = client.get("/search/", {"q": "sanctions"})
    page = response.context["page"]
    html = response.content.decode()

    assert not page.count.exact and str(page.count) == "more than 5"
    assert "more than 5 statements matching “sanctions”" in html
    # The facets were estimated from the sample, and say so.
    assert page.approximate and page.facet("speaker").approximate
    assert all(str(v.count).startswith("≈") for v in page.facet("speaker").values)
    assert page.notes and "estimated from a random sample" in page.notes[0]


def test_past_the_limit_an_estimate_is_printed_when_the_sample_is_big_enough(client, big_archive_settings, monkeypatch):
    monkeypatch.setattr(search.limits, "MIN_SAMPLE_HITS", 1)

    page = client.get("/search/", {"q": "sanctions"}).context["page"]

    # The sample is the whole (tiny) table here, so the estimate is the true count.
    assert str(page.count) == "about 7" and page.count == 7
    assert {v.value: str(v.count) for v in page.facet("speaker").values} == {"alice": "≈2", "bob": "≈3", "carol": "≈2"}


def test_too_many_to_rank_are_shown_newest_first_and_the_page_says_so(client, big_archive_settings):
    response = client.get("/search/", {"q": "sanctions"})
    page = response.context["page"]
    dates = [s.document.date or datetime.date.min for s in page.results]

    assert page.state.effective_sort == "newest" and page.state.sort == ""
    assert dates == sorted(dates, reverse=True)
    assert "too many to rank, so they are shown newest first" in response.content.decode()
    assert "newest first" in response.content.decode()
    assert page.state.querystring() == "?q=sanctions"  # the URL still asks for relevance


def test_paging_stops_at_the_limit_when_the_count_is_not_exact(client, big_archive_settings, settings):
    settings.SEARCH_COUNT_LIMIT = 4

    page = client.get("/search/", {"q": "sanctions"}).context["page"]

    assert search.PAGE_SIZE > 4 and str(page.pages) == "1+"
    assert page.next_state is None


def test_json_of_a_capped_search_still_gives_numbers(client, big_archive_settings):
    data = client.get("/search/", {"q": "sanctions", "format": "json"}).json()

    assert data["count"] == 6  # the limit plus one: "more than 5"
    assert data["count_exact"] is False and data["count_text"] == "more than 5"
    assert set(data["approximate_facets"]) == {"speaker", "topic", "outlet", "year", "kind"}
    assert data["order"] == "newest"  # too many to rank
    assert all(isinstance(v["count"], int) for values in data["facets"].values() for v in values)


def test_without_words_counts_stay_exact_in_a_big_archive(client, big_archive_settings):
    count, facets, _ = shown(client, topic="nato")

    statements = list(Statement.objects.select_related("speaker", "document").prefetch_related("topics"))
    assert (count, facets) == expected(statements, None, topic=["nato"])


def test_facet_links_equal_toggled_states():
    states = [
        search.SearchState(),
        search.SearchState(q="a&b", speaker=("x", "y z"), year=("2022",), sort="oldest", page=3),
        search.SearchState(
            topic=("é",), kind=("quote",), date_from=datetime.date(2020, 1, 1), date_to=datetime.date(2021, 1, 1)
        ),
    ]
    for state in states:
        toggles = search.Toggles(state)
        for facet, value in itertools.product(FACETS, ["x", "y z", "é", "2022", "quote", "new"]):
            assert toggles.querystring(facet, value) == state.toggle(facet, value).querystring()


def test_count_prints_as_people_read_it():
    assert str(search.Count(1234)) == "1234"
    assert str(search.Count.more_than(10_000)) == "more than 10,000" and search.Count.more_than(10_000) == 10_001
    assert str(search.Count.about(527_431)) == "about 530,000"
    assert str(search.Count.about(4_321, short=True)) == "≈4,300"
    assert str(search.Count.about(47.4, short=True)) == "≈47"


# The search tables follow every kind of write to the tables they are built from.


def entries_from_statements() -> dict:
    rows = {}
    for s in Statement.objects.select_related("document"):
        topics = sorted(StatementTopic.objects.filter(statement=s).values_list("topic_id", flat=True))
        rows[s.pk] = (s.speaker_id, s.document_id, s.document.date, s.position, s.kind, topics)
    return rows


def entries_stored() -> dict:
    return {
        e.statement_id: (e.speaker_id, e.document_id, e.date, e.position, e.kind, list(e.topic_ids))
        for e in SearchEntry.objects.all()
    }


def counts_from_statements() -> dict:
    counts: dict[tuple, int] = {}
    for s in Statement.objects.select_related("document"):
        topics = StatementTopic.objects.filter(statement=s).values_list("topic_id", flat=True)
        for topic in [FacetCount.ALL_TOPICS, *topics]:
            key = (
                s.speaker_id,
                s.document_id,
                s.kind,
                topic,
                s.document.outlet,
                s.document.date.year if s.document.date else None,
            )
            counts[key] = counts.get(key, 0) + 1
    return counts


def counts_stored() -> dict:
    return {
        (c.speaker_id, c.document_id, c.kind, c.topic_id, c.outlet, c.year): c.statements
        for c in FacetCount.objects.filter(statements__gt=0)
    }


def assert_in_step():
    assert entries_stored() == entries_from_statements()
    assert counts_stored() == counts_from_statements()
    vectors = dict(Statement.objects.values_list("pk", "search_vector"))
    assert {e.statement_id: e.search_vector for e in SearchEntry.objects.all()} == vectors


def test_search_tables_follow_every_write(archive, build):
    assert_in_step()
    first, second = archive[0], archive[1]

    first.text = "Completely different words."
    first.kind = "remark"
    first.save()
    assert_in_step()

    first.speaker = Speaker.objects.get(slug="bob")
    first.save(update_fields=["speaker"])
    assert_in_step()

    StatementTopic.objects.filter(statement=second).delete()
    StatementTopic.objects.create(statement=second, topic=build.topic("arctic"))
    StatementTopic.objects.filter(topic__slug="china").update(topic=build.topic("arctic"))
    assert_in_step()

    document = second.document
    document.date, document.outlet = datetime.date(1999, 1, 2), "Kommersant"
    document.save()
    assert_in_step()

    Statement.objects.filter(speaker__slug="carol").update(position=7)
    second.delete()
    Document.objects.filter(statements__speaker__slug="carol").delete()
    Topic.objects.filter(slug="nato").delete()
    assert_in_step()

    Speaker.objects.filter(slug="alice").update(name="Alicia")  # no effect on search keys; the vector follows save()
    alice = Speaker.objects.get(slug="alice")
    alice.name = "Alice Liddell"
    alice.save()
    assert_in_step()
    assert search.run(_params(q="liddell")).count == Statement.objects.filter(speaker=alice).count() > 0


def test_statements_inserted_together_get_their_entries_and_counts(archive, build):
    """One INSERT of several statements, of several speakers, documents and kinds, as the importer does."""
    documents = [statement.document for statement in archive[:3]]
    speakers = [statement.speaker for statement in archive[3:6]]
    Statement.objects.bulk_create(
        Statement(key=f"together{n}", document=documents[n % 3], speaker=speakers[n % 3], speaker_name=speakers[n % 3].name,
                  position=10 + n, kind=("answer", "quote")[n % 2], text=f"Sanctions number {n}.", start_offset=0,
                  end_offset=1)
        for n in range(7)
    )
    assert_in_step()


def test_imported_texts_are_in_the_search_tables(seeded):
    assert SearchEntry.objects.count() == Statement.objects.count() > 0
    assert_in_step()


def _params(**params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in params.items():
        query[name] = value
    return query
