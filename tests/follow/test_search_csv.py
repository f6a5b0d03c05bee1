"""Any search result page as CSV: a header row, one row per statement, UTF-8, and honest about a cap."""

import csv
import io

import pytest
from django.core.management import call_command

from archive.renderers import export


@pytest.fixture
def archive(db):
    call_command("import_statements", "fixtures/texts", stdout=io.StringIO())


def download(client, **params):
    response = client.get("/search/", {**params, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    return response, list(csv.DictReader(io.StringIO(body)))


def test_a_search_downloads_as_csv_with_every_match(archive, client):
    response, rows = download(client, q="new start")
    assert list(rows[0]) == export.FIELDS
    assert len(rows) == int(response["X-Total-Count"]) == 3 and response["X-Export-Truncated"] == "false"
    assert all(r["speaker"] == "Sergey Ryabkov" and r["url"].startswith("http://testserver/s/") for r in rows)
    assert any("arms-control" in r["topics"].split("; ") for r in rows)


def test_the_cap_is_said_in_the_headers(archive, client, monkeypatch):
    monkeypatch.setattr(export, "SEARCH_EXPORT_ROWS", 10)
    response, rows = download(client)
    assert len(rows) == 10 and response["X-Export-Truncated"] == "true" and response["X-Total-Count"] == "57"


def test_the_results_page_links_the_csv(archive, client):
    assert "format=csv" in client.get("/search/", {"q": "nato"}).content.decode()
