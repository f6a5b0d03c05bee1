"""A speaker's topics over time: counts per period, an SVG chart with linked bars, a table, and the JSON series."""

import datetime as dt

import pytest

from archive.models import Document, Speaker, Statement, StatementTopic, Topic


@pytest.fixture
def lavrov(db):
    speaker = Speaker.objects.create(name="Sergey Lavrov", slug="sergey-lavrov")
    nato = Topic.objects.create(name="NATO", slug="nato")
    china = Topic.objects.create(name="China <& friends>", slug="china")
    plan = [(2019, [nato]), (2019, [nato, china]), (2021, [china]), (2023, [nato]), (None, [nato])]
    for n, (year, topics) in enumerate(plan):
        document = Document.objects.create(file_name=f"d{n}.txt", checksum="0" * 64, raw_text="x",
                                           date=dt.date(year, 5, 1) if year else None)
        statement = Statement.objects.create(key=f"k{n}", document=document, speaker=speaker, position=0,
                                             kind="quote", text=f"Statement {n}", start_offset=0, end_offset=1)
        for topic in topics:
            StatementTopic.objects.create(statement=statement, topic=topic)
    return speaker


def test_the_json_twin_has_the_series_by_year(client, lavrov):
    data = client.get("/speakers/sergey-lavrov/", {"format": "json"}).json()["timeline"]
    assert data["periods"] == ["2019", "2020", "2021", "2022", "2023"]
    assert data["undated"] == 1
    series = {s["topic"]: s["counts"] for s in data["series"]}
    assert series == {"nato": [2, 0, 0, 0, 1], "china": [1, 0, 1, 0, 0]}


def test_the_chart_is_svg_with_bars_linking_to_the_matching_search_and_a_table(client, lavrov):
    html = client.get("/speakers/sergey-lavrov/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="timeline"' in html and 'role="group"' in html
    assert 'href="/search/?speaker=sergey-lavrov&amp;topic=nato&amp;from=2019-01-01&amp;to=2019-12-31"' in html
    assert "<title>NATO, 2019: 2 statements</title>" in html
    assert "China &lt;&amp; friends&gt;" in html and "<& friends>" not in html
    assert '<table class="timeline-table">' in html


def test_a_bar_leads_to_exactly_its_statements(client, lavrov):
    data = client.get("/search/", {"speaker": "sergey-lavrov", "topic": "nato", "from": "2019-01-01",
                                   "to": "2019-12-31", "format": "json"}).json()
    assert data["count"] == 2


def test_a_short_career_is_counted_by_month_and_each_bar_matches_its_search(client, db):
    speaker = Speaker.objects.create(name="Maria Zakharova", slug="maria-zakharova")
    grain = Topic.objects.create(name="Grain deal", slug="grain")
    days = [dt.date(2023, 1, 5), dt.date(2023, 1, 28), dt.date(2023, 3, 2)]
    for n, day in enumerate(days):
        document = Document.objects.create(file_name=f"m{n}.txt", checksum="0" * 64, raw_text="x", date=day)
        statement = Statement.objects.create(key=f"m{n}", document=document, speaker=speaker, position=0,
                                             kind="quote", text=f"Grain {n}", start_offset=0, end_offset=1)
        StatementTopic.objects.create(statement=statement, topic=grain)
    data = client.get("/speakers/maria-zakharova/", {"format": "json"}).json()["timeline"]
    assert data["periods"] == ["2023-01", "2023-02", "2023-03"]
    assert data["series"] == [{"topic": "grain", "label": "Grain deal", "counts": [2, 0, 1]}]
    january = client.get("/search/", {"speaker": "maria-zakharova", "topic": "grain", "from": "2023-01-01",
                                      "to": "2023-01-31", "format": "json"}).json()
    assert january["count"] == 2


def test_the_timeline_follows_corrections_of_topics_and_removed_documents(client, lavrov):
    StatementTopic.objects.filter(statement__key="k0", topic__slug="nato").delete()
    Document.objects.get(file_name="d3.txt").delete()
    data = client.get("/speakers/sergey-lavrov/", {"format": "json"}).json()["timeline"]
    assert data["periods"] == ["2019", "2020", "2021"]
    assert {s["topic"]: s["counts"] for s in data["series"]} == {"nato": [1, 0, 0], "china": [1, 0, 1]}
