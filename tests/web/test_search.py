"""Search: web-search syntax, ranking and sorting, date ranges, browsing, paging and bad parameters."""

import pytest

from archive import search


def keys(response) -> list[str]:
    return [result["key"] for result in response.json()["results"]]


def search_json(client, **params):
    response = client.get("/search/", {**params, "format": "json"})
    assert response.status_code == 200, response.content
    return response


@pytest.fixture
def treaties(build):
    return {
        "phrase": build.statement("The New START treaty expires in February.", date="2021-02-01"),
        "words": build.statement("A new era of talks will start soon.", date="2022-06-15"),
        "sanctions": build.statement("Sanctions will not change our course.", date="2023-01-10"),
        "assets": build.statement("Seizing frozen assets would be theft.", date="2023-12-22"),
        "nato": build.statement("NATO expansion is a threat.", date="2022-03-01"),
        "nato_ukraine": build.statement("NATO weapons flow to Ukraine.", date="2022-09-01"),
        "undated": build.statement("Dialogue on strategic stability is frozen."),
    }


def test_all_words_match_in_any_order(client, treaties):
    response = search_json(client, q="new start")

    assert set(keys(response)) == {treaties["phrase"].key, treaties["words"].key}


def test_quoted_phrase_matches_only_the_exact_phrase(client, treaties):
    response = search_json(client, q='"new start"')

    assert keys(response) == [treaties["phrase"].key]


def test_or_matches_either_word(client, treaties):
    response = search_json(client, q="sanctions OR assets")

    assert set(keys(response)) == {treaties["sanctions"].key, treaties["assets"].key}


def test_minus_excludes_a_word(client, treaties):
    response = search_json(client, q="nato -ukraine")

    assert keys(response) == [treaties["nato"].key]


def test_words_match_their_other_forms(client, treaties):
    response = search_json(client, q="expiring treaties")

    assert keys(response) == [treaties["phrase"].key]


def test_relevance_ranks_denser_matches_first(client, build):
    passing = build.statement("Talks covered many things, and at one point arms control came up.", date="2023-05-01")
    focused = build.statement("Arms control, arms control and again arms control.", date="2020-01-01")

    response = search_json(client, q="arms control")

    assert keys(response) == [focused.key, passing.key]


def test_sort_newest_and_oldest_by_document_date_with_undated_last(client, treaties):
    newest = keys(search_json(client, q="nato OR sanctions OR dialogue", sort="newest"))
    oldest = keys(search_json(client, q="nato OR sanctions OR dialogue", sort="oldest"))

    assert newest == [treaties[n].key for n in ("sanctions", "nato_ukraine", "nato", "undated")]
    assert oldest == [treaties[n].key for n in ("nato", "nato_ukraine", "sanctions", "undated")]


def test_empty_query_browses_everything_newest_first(client, treaties):
    response = client.get("/search/")

    assert response.status_code == 200
    shown = [statement.key for statement in response.context["page"].results]
    expected = [treaties[n].key for n in ("assets", "sanctions", "nato_ukraine", "words", "nato", "phrase", "undated")]
    assert shown == expected
    assert "7 statements" in response.content.decode()


def test_date_range_is_inclusive_and_on_the_document_date(client, treaties):
    days = keys(search_json(client, **{"from": "2022-06-15", "to": "2023-01-10", "sort": "oldest"}))
    year = keys(search_json(client, **{"from": "2022", "to": "2022", "sort": "oldest"}))
    month = keys(search_json(client, **{"from": "2023-12", "sort": "oldest"}))

    assert days == [treaties[n].key for n in ("words", "nato_ukraine", "sanctions")]
    assert year == [treaties[n].key for n in ("nato", "words", "nato_ukraine")]
    assert month == [treaties["assets"].key]


def test_date_range_combines_with_words(client, treaties):
    assert keys(search_json(client, q="nato", to="2022-06-30")) == [treaties["nato"].key]


def test_snippets_highlight_the_matched_words(client, treaties):
    result = search_json(client, q='"new start"').json()["results"][0]

    assert result["snippet"] == "The <mark>New</mark> <mark>START</mark> treaty expires in February."


def test_long_statements_are_cut_to_their_best_fragments(client, build):
    filler = " ".join(f"word{n}" for n in range(200))
    build.statement(f"{filler} the treaty matters {filler}")

    snippet = search_json(client, q="treaty").json()["results"][0]["snippet"]

    assert "<mark>treaty</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet.split()) < 80


@pytest.mark.parametrize("params", [{}, {"q": "nato"}, {"q": "nato", "topic": ["x", "y"], "year": "2022", "kind": "quote"}])
def test_a_search_page_takes_two_queries(client, treaties, django_assert_num_queries, params):
    """One for the total and all the facets' counts, one for the page of results."""
    with django_assert_num_queries(2):
        client.get("/search/", params)


def test_the_url_holds_the_whole_state(client, treaties):
    response = client.get("/search/", {"q": "nato", "sort": "oldest", "year": ["2022"], "from": "2022-01-01"})

    html = response.content.decode()
    assert 'value="nato"' in html
    assert '<option value="oldest" selected>' in html
    assert 'name="from" value="2022-01-01"' in html
    assert '<input type="hidden" name="year" value="2022">' in html
    assert response.context["page"].state.querystring() == "?q=nato&year=2022&sort=oldest&from=2022-01-01"


def test_empty_form_fields_are_dropped_from_the_url(client):
    response = client.get("/search/", {"q": "nato", "from": "", "to": "", "sort": ""})

    assert response.status_code == 302
    assert response["Location"] == "/search/?q=nato"


def test_pages_follow_each_other(client, build):
    for n in range(search.PAGE_SIZE + 3):
        build.statement(f"Statement number {n} about dialogue.", date=f"2020-01-{n + 1:02d}")

    first = client.get("/search/", {"q": "dialogue", "format": "json"}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == second["count"] == search.PAGE_SIZE + 3
    assert len(first["results"]) == search.PAGE_SIZE and len(second["results"]) == 3
    assert second["next"] is None
    assert first["next"].startswith("http://testserver/search/?q=dialogue&page=2")


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"year": "abc"}, "year", "“abc” is not a year"),
        ({"kind": "sermon"}, "kind", "“sermon” is not a kind of statement"),
        ({"sort": "random"}, "sort", "“random” is not a way to sort"),
        ({"from": "2023-02-30"}, "from", "“2023-02-30” is not a date"),
        ({"to": "yesterday"}, "to", "“yesterday” is not a date"),
        ({"page": "two"}, "page", "the page must be a whole number"),
        ({"page": "0"}, "page", "Ensure this value is greater than or equal to 1"),
        ({"page": "99"}, "page", "There is no page 99"),
        ({"q": "nato\x00"}, "q", "Null characters are not allowed"),
        ({"q": "x" * 600}, "q", "the search is too long"),
    ],
)
def test_invalid_parameters_are_explained_not_fatal(client, treaties, params, parameter, message):
    html = client.get("/search/", params)
    data = client.get("/search/", {**params, "format": "json"})

    assert html.status_code == 200
    assert message in html.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert data.status_code == 400
    assert parameter in data.json()["errors"]


def test_invalid_values_are_left_out_and_the_rest_applies(client, treaties):
    response = client.get("/search/", {"q": "nato", "year": "abc"})

    # Equal relevance: the newer first.
    assert [s.key for s in response.context["page"].results] == [treaties["nato_ukraine"].key, treaties["nato"].key]
    assert response.context["page"].state.querystring() == "?q=nato"


def test_start_after_end_says_so(client, treaties):
    response = client.get("/search/", {"from": "2023-01-01", "to": "2022-01-01"})

    assert "The start date is after the end date" in response.content.decode()
    assert response.context["page"].count == 0


def test_only_common_words_match_nothing_and_say_why(client, treaties):
    response = client.get("/search/", {"q": "the"})

    assert response.context["page"].count == 0
    assert "very common words" in response.content.decode()


def test_speaker_name_is_searchable(client, build):
    statement = build.statement("We stand ready.", speaker="Maria Zakharova")
    build.statement("Other words.")

    assert keys(search_json(client, q="zakharova")) == [statement.key]

