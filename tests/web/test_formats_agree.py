"""Every output of a search says the same thing: the HTML page, its JSON twin, its CSV and Atom downloads and
``export_statements`` with the same options list the same statements in the same order, for each facet,
the words and the dates; a quote reposted in two documents is merged the same way in all of them; and
the page's facet counts are its JSON's."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import feedparser
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Statement


@pytest.fixture
def archive(build):
    rows = [
        # speaker  outlet      date          kind      topics               words
        ("Alice", "Izvestia", "2021-03-01", "answer", ("nato",), "dialogue on missiles"),
        ("Alice", "Izvestia", "2022-03-01", "answer", ("nato", "china"), "dialogue with Beijing"),
        ("Alice", "Interfax", "2023-12-05", "quote", ("china",), "trade and dialogue"),
        ("Bob", "Interfax", "2022-05-01", "answer", ("nato",), "missiles in Europe"),
        ("Bob", "TASS", "2023-05-01", "speech", ("sanctions",), "sanctions will fail"),
        ("Bob", "TASS", "2023-12-20", "quote", (), "no comment on dialogue"),
        ("Carol", "Izvestia", "2021-07-01", "remark", ("china", "sanctions"), "sanctions on China"),
        ("Carol", "", None, "quote", ("nato",), "an undated remark on missiles"),
    ]
    made = [build.statement(f"Statement on {words}.", speaker=speaker, outlet=outlet, date=date, kind=kind, topics=topics)
            for speaker, outlet, date, kind, topics, words in rows]
    # Bob's speech reposted by a blog a week later: the same words, one quote.
    repost = build.statement("Statement on sanctions will fail.", speaker="Bob", outlet="Blog", date="2023-05-08",
                             kind="speech", topics=("sanctions",))
    Statement.objects.filter(pk__in=[made[4].pk, repost.pk]).update(quote_group=made[4].pk)
    return made, repost


QUERIES = [
    {},
    {"speaker": "alice"},
    {"speaker": ["alice", "carol"]},
    {"topic": "nato"},
    {"topic": ["china", "sanctions"]},
    {"outlet": "Interfax"},
    {"outlet": ["TASS", "Blog"]},
    {"year": "2023"},
    {"year": ["2021", "undated"]},
    {"kind": "answer"},
    {"kind": ["quote", "speech"]},
    {"q": "dialogue"},
    {"q": "missiles OR sanctions"},
    {"from": "2023-12"},
    {"to": "2022"},
    {"from": "2022-03", "to": "2023-06-30"},
    {"speaker": "bob", "topic": "sanctions", "year": "2023", "kind": "speech"},
    {"q": "sanctions", "outlet": "Blog"},
]


def key_of(url: str) -> str:
    return re.search(r"/s/([^/]+)/", url)[1]


def from_html(client, params) -> list[str]:
    page = client.get("/search/", params).content.decode()
    return [key_of(href) for href in re.findall(r'<h3 class="result-title"><a href="([^"]+)"', page)]


def from_json(client, params) -> list[str]:
    return [result["key"] for result in client.get("/search/", {**params, "format": "json"}).json()["results"]]


def from_csv(client, params) -> list[str]:
    response = client.get("/search/", {**params, "format": "csv"})
    body = b"".join(response.streaming_content).decode()
    return [row["key"] for row in csv.DictReader(io.StringIO(body))]


def from_atom(client, params) -> list[str]:
    feed = feedparser.parse(client.get("/search/", {**params, "format": "atom"}).content)
    return [key_of(entry.link) for entry in feed.entries]


def from_export(tmp_path, params) -> list[str]:
    options = [item for name, values in params.items()
               for value in (values if isinstance(values, list) else [values]) for item in (f"--{name}", value)]
    target = tmp_path / "export.jsonl"
    call_command("export_statements", "--format", "jsonl", "--output", str(target), *options, stderr=io.StringIO())
    return [json.loads(line)["key"] for line in target.read_text().splitlines()]


@pytest.mark.parametrize("params", QUERIES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_every_format_lists_the_same_statements(client, archive, tmp_path, params):
    params = {**params, "sort": "newest"}  # the feed's order, asked of the others too
    listed = from_html(client, params)

    assert listed, "each query matches something"
    assert from_json(client, params) == listed
    assert from_csv(client, params) == listed
    assert from_atom(client, params) == listed
    assert from_export(tmp_path, params) == listed


def test_a_reposted_quote_is_listed_once_everywhere_with_its_sources(client, archive, tmp_path):
    made, repost = archive
    params = {"q": "sanctions", "sort": "newest"}
    keys = from_html(client, params)

    assert repost.key in keys and made[4].key not in keys  # the newer copy comes first and stands for both
    assert from_csv(client, params) == from_atom(client, params) == from_export(tmp_path, params) == keys
    data = client.get("/search/", {**params, "format": "json"}).json()
    assert [r["sources"] for r in data["results"] if r["key"] == repost.key] == [2]
    assert "reported in 2 sources" in client.get("/speakers/bob/").content.decode()


@pytest.mark.parametrize("params", QUERIES[:11], ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
def test_the_page_shows_the_facet_counts_of_its_json_twin(client, archive, params):
    page = client.get("/search/", params).content.decode()
    data = client.get("/search/", {**params, "format": "json"}).json()

    for name, values in data["facets"].items():
        section = re.search(rf'<section class="facet" aria-labelledby="facet-{name}">(.*?)</section>', page, re.S)[1]
        shown = re.findall(r'<span class="facet-label">(.*?)</span>.*?<span class="count">(\d+)<', section)
        assert [(html.unescape(label), int(count)) for label, count in shown] == [(v["label"], v["count"]) for v in values]


def test_the_export_takes_the_dates_as_the_web_does(client, archive, tmp_path):
    month = from_export(tmp_path, {"from": "2023-12", "sort": "oldest"})
    days = from_export(tmp_path, {"from": "2023-12-01", "to": "2023-12-31", "sort": "oldest"})
    year = from_export(tmp_path, {"to": "2022", "sort": "oldest"})

    assert month == days == from_json(client, {"from": "2023-12", "sort": "oldest"}) and len(month) == 2
    assert year == from_json(client, {"to": "2022", "sort": "oldest"}) and len(year) == 4


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--from", "yesterday"], "--from: “yesterday” is not a date"),
     (["--kind", "sermon"], "--kind: “sermon” is not a kind of statement"),
     (["--year", "abc"], "--year: “abc” is not a year"),
     (["--from", "2024", "--to", "2023"], "The start date is after the end date")],
)
def test_the_export_refuses_what_the_search_would_leave_out_and_says_why(db, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_statements", *options, stdout=io.StringIO(), stderr=io.StringIO())
