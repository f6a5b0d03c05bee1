"""Hostile queries: 10,000 generated searches and filter combinations, and no 5xx among them.

Hypothesis throws words and parameters at /search/ and its JSON twin (and, less often, at the other
pages that take input from the URL): unbalanced quotes, backslashes, tsquery operators, SQL fragments,
emoji, right-to-left text, 10,000-character strings, unknown facet values, absurd pages and repeated
parameters. Every response must be below 500 and come back within RESPONSE_SECONDS; where input was
refused, the page or the JSON says which parameter and why. The limits are in archive/search/ and
the README ("Limits").

The examples are derandomised (the same ones on every run, so CI is reproducible) and their budgets add
up to EXAMPLES. HOSTILE_EXAMPLES_SCALE=10 (or 0.1) scales every budget, and HOSTILE_RANDOM=1 draws new
examples on each run, for exploring locally.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import time
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Document, Speaker, Statement, StatementTopic, Topic
from archive.search import FACETS, MAX_QUERY_LENGTH, MAX_VALUE_LENGTH, MAX_VALUES, SORTS

RESPONSE_SECONDS = 2.0

SPEAKERS = [
    ("Sergey Ryabkov", "sergey-ryabkov"),
    ("Maria Zakharova", "maria-zakharova"),
    ('<b>Bold</b> "O\'Brien" \\ Smith', "obrien"),
]
TOPICS = [("nato", "NATO"), ("arms-control", "Arms control"), ("china", "China")]
OUTLETS = ["Interfax", "TASS", "<i>Izvestia</i>"]
TEXTS = [
    "We stand ready for dialogue on strategic stability and the New START treaty.",
    "NATO expansion is a red line; sanctions will not change our course.",
    'The so-called "rules-based order" is a C:\\path\\to\\nowhere of double standards.',
    "Arms control needs trust: <script>alert(1)</script> & verification.",
    "Наши предложения по безопасности остаются на столе.",
    "العلاقات مع الصين في أفضل حالاتها 🤝 and China agrees.",
    "O'Brien's remark about :* and & | ! operators was noted 😀.",
    "A long answer about sanctions, assets, treaties, missiles and the grain deal. " * 12,
]


def _build_archive() -> list[Statement]:
    speakers = [Speaker.objects.create(name=name, slug=slug) for name, slug in SPEAKERS]
    topics = [Topic.objects.create(slug=slug, name=name) for slug, name in TOPICS]
    kinds = itertools.cycle(Statement.Kind.values)
    statements = []
    for number, text in enumerate(TEXTS):
        date = None if number % 4 == 3 else datetime.date(2020 + number % 4, 1 + number, 1 + 2 * number)
        document = Document.objects.create(
            title=f"<em>Interview</em> {number}",
            outlet=OUTLETS[number % len(OUTLETS)],
            date=date,
            date_precision="day" if date else "",
            file_name=f"hardening-{number}.txt",
            checksum=f"{number:064d}",
            raw_text=text,
        )
        statement = Statement.objects.create(
            key=f"h{number:07d}",
            document=document,
            speaker=speakers[number % len(speakers)],
            position=0,
            kind=next(kinds),
            text=text,
            context="What do you say to <u>that</u>?" if number % 2 else "",
            start_offset=0,
            end_offset=len(text),
        )
        StatementTopic.objects.bulk_create(
            StatementTopic(statement=statement, topic=topic) for topic in topics[: 1 + number % len(topics)]
        )
        statements.append(statement)
    return statements


@pytest.fixture
def small_archive(db) -> list[Statement]:
    return _build_archive()


SCALE = float(os.environ.get("HOSTILE_EXAMPLES_SCALE", "1"))
# The JSON twin takes most: a refused JSON request is answered before any query (the cheapest), while
# every HTML page runs its search and renders it. One example in four of "words" and "pages" is HTML.
BUDGETS = {
    "json": 5000,
    "html": 1500,
    "words": 2000,
    "pages": 1000,
    "other_pages": 400,
    "floods": 100,
}
EXAMPLES = sum(BUDGETS.values())
assert EXAMPLES >= 10_000


def hostile_settings(name: str) -> settings:
    return settings(
        max_examples=max(1, round(BUDGETS[name] * SCALE)),
        derandomize=not os.environ.get("HOSTILE_RANDOM"),
        database=None,
        deadline=None,  # the per-request bound below is the time limit that matters
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


# ---------------------------------------------------------------------------------------------------
# Strategies

# fmt: off
FRAGMENTS = [
    '"', "'", '"unbalanced', "unbalanced'", '""', '"""', "\\", "\\\\", "\\'", '\\"', ":*", "a:*", ":*:*",
    "&", "|", "!", "&|!", "!!", "!(", "<->", "<2>", "(", ")", "((", "))", "()", "-", "--", "- -", "OR", "or",
    "AND", "NOT", "OR OR", "-OR", '-"', "nato -", "' OR '1'='1", "'; DROP TABLE archive_statement; --",
    "1; SELECT pg_sleep(10)", "UNION SELECT * FROM auth_user", "%", "%%", "_", "%00", "\x00", "\x01", "\x1f",
    "\x7f", "😀", "👩🏽‍🚀", "🤝", "مرحبا", "\u202e", "\u202dabc\u202c", "\u200b", "\u200f", "\ufeff", "\ufffd",
    "ﷺ", "İ", "ß", "ǅ", "Ⅻ", "١٢٣", "\u3000", "\r\n", "\t", "<script>alert(1)</script>", "<b>", "&amp;",
    "{{ 7*7 }}", "{% debug %}", "${jndi:ldap://x}", "../../etc/passwd", "?", "#", "=", "+", ";", "/", "\\x00",
    "NULL", "None", "undefined", "nato", "NATO", "treaty", "sanctions", "china", "red line", "безопасности",
    "الصين", "a" * 40, "x" * 2047, "y" * 2048,
]
# fmt: on
word = st.sampled_from(["nato", "treaty", "sanctions", "china", "stability", "the", "a", "dialogue", "O'Brien"])
fragment = st.sampled_from(FRAGMENTS)
short_fragment = st.sampled_from([f for f in FRAGMENTS if len(f) < 50])
any_text = st.text(min_size=1, max_size=30)
# Blank values are rare on purpose: each one costs a second request (the redirect that drops it).
blank = st.sampled_from(["", " ", "\t", "\u3000", "\r\n"])
long_text = st.builds(lambda piece, n: (piece * n)[:n], st.one_of(fragment, any_text), st.integers(400, 10_000))


def weighted(*choices: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """one_of with weights (each strategy repeated), cheaper to draw than a flatmap."""
    return st.one_of([strategy for weight, strategy in choices for _ in range(weight)])


# Long strings are one value in ten or so: they are slow to encode, and one per request is enough.
hostile_text = weighted(
    (3, fragment),
    (3, any_text),
    (3, st.lists(st.one_of(fragment, word, any_text), min_size=1, max_size=6).map(" ".join)),
    (2, st.lists(st.one_of(short_fragment, word), min_size=1, max_size=6).map("".join)),
    (1, long_text),
)
nonblank = st.one_of(short_fragment, any_text).map(lambda v: v if v.strip() else f"x{v}")

known_values = {
    "speaker": [slug for _, slug in SPEAKERS],
    "topic": [slug for slug, _ in TOPICS],
    "outlet": ["Interfax", "TASS", "<i>Izvestia</i>"],
    "year": ["2020", "2021", "2022", "2023", "undated"],
    "kind": list(Statement.Kind.values),
    "sort": list(SORTS),
    "from": ["2021", "2021-03", "2021-03-05"],
    "to": ["2022", "2022-12", "2022-12-31"],
}
odd_values = {
    "year": ["0000", "9999", "-1", "20 20", "MMXX", "２０２０", "2020.0", "undated ", "Undated"],
    "from": ["2023-02-30", "2023-13", "0000", "9999-12-31", "2023-1-1", "-2023", "yesterday", "2023/01/01"],
    "to": ["0000-00-00", "99999", "2023-00", "1970-01-01T00:00"],
    "sort": ["RELEVANCE", "random", "-newest", "newest,oldest"],
}
# fmt: off
ODD_PAGES = [
    "-1", "0", "1", "2", "100000", "100001", "1000000000", "10**9", "1e9", "1.0", "2.5", "0x10", "+3", " 2 ",
    "١٢", "Ⅻ", "9" * 400, "NaN", "inf", "", "-0",
]
# fmt: on
page_value = weighted(
    (2, st.integers(-(10**12), 10**12).map(str)),
    (2, st.integers(-5, 5).map(str)),
    (2, st.sampled_from(ODD_PAGES)),
    (1, hostile_text),
)


def value_for(name: str) -> st.SearchStrategy[str]:
    if name == "page":
        return page_value
    if name == "q":
        return weighted((4, hostile_text), (2, word), (1, blank))
    choices = known_values.get(name, []) + odd_values.get(name, [])
    return weighted((3, st.sampled_from(choices)), (3, hostile_text), (1, blank)) if choices else hostile_text


PARAMETERS = ["q", *FACETS, "sort", "from", "to", "page"]
STRANGE_NAMES = ["format", "view", "utm_source", "q[]", "Q", "", "page ", "__all__", "csrfmiddlewaretoken"]
pair = weighted(
    *[(1, st.tuples(st.just(name), value_for(name))) for name in PARAMETERS],
    (1, st.tuples(st.sampled_from(STRANGE_NAMES), hostile_text)),
)
# Many values of one facet: around MAX_VALUES, and past Django's limit on the number of parameters.
flood = st.builds(
    lambda name, values, n: [(name, values[i % len(values)] + (str(i) if i >= len(values) else "")) for i in range(n)],
    st.sampled_from([*FACETS, "q", "page"]),
    st.lists(nonblank, min_size=1, max_size=3),
    st.one_of(st.integers(MAX_VALUES - 1, MAX_VALUES + 2), st.integers(2, 30), st.just(1200)),
)
parameter_lists = st.lists(pair, max_size=10)
mostly_json = st.sampled_from([True, True, True, False])
# Floods have a test of their own: they cost the most (each selected value is a facet link to write).
flooded_lists = st.builds(lambda a, b: a + b, st.lists(pair, max_size=4), flood)


# ---------------------------------------------------------------------------------------------------
# Requests and what every response must satisfy


def timed_get(client, url: str):
    started = time.perf_counter()
    # A savepoint: a database error fails this example alone, and fails it again when Hypothesis replays it.
    with transaction.atomic():
        response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code < 500, f"{response.status_code} for {url[:300]}"
    assert elapsed < RESPONSE_SECONDS, f"{elapsed:.2f} s for {url[:300]}"
    return response


def fetch(client, url: str):
    """GET, following the one redirect that drops empty parameters (it must lead to a page, not a loop)."""
    response = timed_get(client, url)
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith("/search/"), location
        assert all(value.strip() for _, value in parse_qsl(urlsplit(location).query, keep_blank_values=True))
        response = timed_get(client, location)
        assert response.status_code != 302, f"redirected twice: {url[:300]}"
    return response


def search_url(pairs: list[tuple[str, str]], as_json: bool) -> str:
    if as_json:
        pairs = [*pairs, ("format", "json")]
    return "/search/?" + urlencode(pairs) if pairs else "/search/"


def expected_refusals(pairs: list[tuple[str, str]], as_json: bool) -> set[str]:
    """Parameters that must be refused, by rules simple enough to restate here."""
    if len(pairs) + as_json > django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
        return {"*"}
    last = {name: value for name, value in pairs}
    refused = set()
    if len(last.get("q", "").strip()) > MAX_QUERY_LENGTH:
        refused.add("q")
    page = last.get("page", "").strip()
    if page.isascii() and page.lstrip("-").isdigit():
        try:
            if not 1 <= int(page) <= 100_000:
                refused.add("page")
        except ValueError:  # over 4300 digits: Python refuses to convert it, and so does the form
            refused.add("page")
    for facet in FACETS:
        values = {value.strip() for name, value in pairs if name == facet and value.strip()}
        if len(values) > MAX_VALUES:
            refused.add(facet)
    kinds = {value.strip() for name, value in pairs if name == "kind" and value.strip()}
    if kinds - set(Statement.Kind.values):
        refused.add("kind")
    return refused


def check_json(response, pairs) -> None:
    assert response["Content-Type"] == "application/json"
    body = response.content.decode()
    assert "<" not in body and ">" not in body  # never readable as HTML, whatever was echoed back
    data = json.loads(body)
    refused = expected_refusals(pairs, as_json=True)
    if response.status_code == 200:
        assert set(data) == {"count", "count_exact", "count_text", "approximate_facets", "order", "results", "facets", "next"}
        assert isinstance(data["count_exact"], bool) and isinstance(data["count_text"], str)
        assert not refused, f"accepted, but should refuse {refused}"
        return
    assert response.status_code == 400, response.status_code
    if refused == {"*"}:
        assert data == {
            "error": f"The address has too many parameters: at most {django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} are read."
        }
        return
    errors = data["errors"]
    assert errors, "a 400 must say what was wrong"
    given = {name for name, _ in pairs}
    for name, messages in errors.items():
        assert name in given or name == "__all__", f"an error about {name!r}, which was not given"
        assert messages and all(isinstance(m, str) and len(m) > 10 for m in messages)
    assert refused <= set(errors), f"{refused - set(errors)} should have been refused"


def check_html(response, pairs) -> None:
    refused = expected_refusals(pairs, as_json=False)
    html = response.content.decode()
    if refused == {"*"}:
        assert response.status_code == 400
        assert "too many parameters" in html
        return
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.context["page"]
    assert refused <= set(page.errors), f"{refused - set(page.errors)} should have been refused"
    for message in page.messages:  # every refusal is explained on the page itself
        assert escape(message) in html


# ---------------------------------------------------------------------------------------------------
# The tests


@hostile_settings("json")
@given(pairs=parameter_lists)
def test_search_json_never_fails_and_explains_refusals(client, small_archive, pairs):
    check_json(fetch(client, search_url(pairs, as_json=True)), pairs)


@hostile_settings("html")
@given(pairs=parameter_lists)
def test_search_page_never_fails_and_explains_refusals(client, small_archive, pairs):
    check_html(fetch(client, search_url(pairs, as_json=False)), pairs)


@hostile_settings("floods")
@given(pairs=flooded_lists, as_json=st.booleans())
def test_floods_of_values(client, small_archive, pairs, as_json):
    response = fetch(client, search_url(pairs, as_json))
    (check_json if as_json else check_html)(response, pairs)


@hostile_settings("words")
@given(q=hostile_text, as_json=mostly_json, facet=st.sampled_from([None, *FACETS]))
def test_hostile_words_alone_or_with_a_facet(client, small_archive, q, as_json, facet):
    pairs = [("q", q)]
    if facet:
        pairs.append((facet, known_values[facet][0]))
    response = fetch(client, search_url(pairs, as_json))
    (check_json if as_json else check_html)(response, pairs)


@hostile_settings("pages")
@given(page=page_value, q=st.sampled_from(["", "nato", "the"]), as_json=mostly_json)
def test_any_page_number(client, small_archive, page, q, as_json):
    pairs = [("q", q), ("page", page)] if q else [("page", page)]
    response = fetch(client, search_url(pairs, as_json))
    (check_json if as_json else check_html)(response, pairs)


other_page = st.one_of(
    st.builds(lambda key: f"/s/{quote(key, safe='')}/", hostile_text),
    st.builds(
        lambda key, slug: f"/s/{key}/{quote(slug, safe='')}/", st.sampled_from(["h0000001", "nokey"]), hostile_text
    ),
    st.builds(lambda page: f"/speakers/obrien/?{urlencode({'page': page})}", page_value),
    st.builds(lambda page: f"/topics/nato/?{urlencode({'page': page})}", page_value),
    st.builds(lambda view: f"/documents/1/?{urlencode({'view': view})}", hostile_text),
    st.builds(lambda n: f"/documents/{n}/", st.integers(-(10**20), 10**20)),
    st.builds(lambda slug: f"/speakers/{quote(slug, safe='')}/", hostile_text),
    st.builds(lambda slug: f"/topics/{slug}/", st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True)),
    st.builds(lambda q: f"/verify/?{urlencode({'q': q})}", hostile_text),
)


@hostile_settings("other_pages")
@given(url=other_page, as_json=st.booleans())
def test_other_pages_never_fail(client, small_archive, url, as_json):
    if as_json:
        url += ("&" if "?" in url else "?") + "format=json"
    response = timed_get(client, url)
    assert response.status_code in (200, 301, 302, 404, 410), response.status_code
    if as_json and response.status_code in (200, 404):
        assert response["Content-Type"] == "application/json"


# ---------------------------------------------------------------------------------------------------
# The limits, each refused with its own message


@pytest.mark.parametrize(
    ("pairs", "parameter", "message"),
    [
        ([("page", "-1")], "page", "Ensure this value is greater than or equal to 1."),
        ([("page", str(10**9))], "page", "Ensure this value is less than or equal to 100000."),
        ([("page", "1e9")], "page", "the page must be a whole number, 1 or more."),
        ([("page", "3")], "page", "There is no page 3: the results fill 1 page."),
        ([("q", "x" * 10_000)], "q", f"the search is too long: at most {MAX_QUERY_LENGTH} characters."),
        ([("q", "nato\x00")], "q", "Null characters are not allowed."),
        (
            [("topic", f"t{i}") for i in range(MAX_VALUES + 1)],
            "topic",
            f"at most {MAX_VALUES} values can be chosen at once.",
        ),
        ([("speaker", "s" * 201)], "speaker", "a value is too long or holds a null character."),
        ([("year", "20 20")], "year", "“20 20” is not a year: use four digits, e.g. 2023, or “undated”."),
        (
            [("kind", "speech"), ("kind", "rant")],
            "kind",
            "“rant” is not a kind of statement: choose from answer, speech, quote, remark.",
        ),
        ([("from", "2023-02-30")], "from", "“2023-02-30” is not a date: use YYYY-MM-DD, YYYY-MM or YYYY."),
        ([("sort", "random")], "sort", "“random” is not a way to sort: use relevance, newest or oldest."),
    ],
)
def test_each_limit_is_refused_with_a_message(client, small_archive, pairs, parameter, message):
    data = client.get(search_url(pairs, as_json=True)).json()
    html = client.get(search_url(pairs, as_json=False)).content.decode()

    assert data["errors"][parameter] == [message]
    assert escape(message) in html


def test_too_many_parameters_is_a_clear_400(client, small_archive):
    pairs = [("topic", "nato")] * (django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)

    as_json = client.get(search_url(pairs, as_json=True))
    as_html = client.get(search_url(pairs, as_json=False))

    assert as_json.status_code == as_html.status_code == 400
    assert as_json.json() == {"error": "The address has too many parameters: at most 1000 are read."}
    assert "The address has too many parameters: at most 1000 are read." in as_html.content.decode()


def test_repeated_words_use_the_last_and_repeated_facets_combine(client, small_archive):
    data = client.get("/search/?q=zzzz&q=nato&topic=nato&topic=nato&format=json").json()

    assert data["count"] == client.get("/search/?q=nato&topic=nato&format=json").json()["count"] > 0


def test_a_nul_in_a_permalink_key_is_not_found(client, small_archive):
    assert client.get("/s/h%000000001/").status_code == 404
    assert client.get("/s/" + "k" * 5000 + "/").status_code == 404


def test_the_largest_request_within_the_limits_is_answered_in_time(client, small_archive):
    """Every facet at MAX_VALUES values of the longest length, and the longest words: still bounded."""
    pairs = [("q", " ".join(["sanctions"] * 50)[:MAX_QUERY_LENGTH])]
    for facet in ("speaker", "topic", "outlet"):
        pairs += [(facet, f"{facet}{i}-" + "v" * (MAX_VALUE_LENGTH - 12)) for i in range(MAX_VALUES)]
    pairs += [("year", str(1950 + i)) for i in range(MAX_VALUES)] + [("kind", kind) for kind in Statement.Kind.values]
    pairs += [("sort", "oldest"), ("from", "1900"), ("to", "2100"), ("page", "1")]

    for as_json in (True, False):
        response = timed_get(client, search_url(pairs, as_json))
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("q", "same_as"),
    [
        ("-" * 40 + "nato", "nato"),
        ("-" * 41 + "nato", "-nato"),
        ("- " * 40 + "nato", "nato"),
        ("treaty " + "-!" * 41 + "nato", "treaty -nato"),
        ("\t-" * 100 + "china", "china"),
    ],
)
def test_long_runs_of_minus_signs_mean_what_they_say(client, small_archive, q, same_as):
    """PostgreSQL's websearch_to_tsquery cannot stack more than 32 NOTs: the runs are shortened, keeping their sense."""
    response = client.get("/search/", {"q": q, "format": "json"})
    expected = client.get("/search/", {"q": same_as, "format": "json"}).json()

    assert response.status_code == 200
    assert response.json()["count"] == expected["count"]
    assert [r["key"] for r in response.json()["results"]] == [r["key"] for r in expected["results"]]
