"""The permalink's citation downloads, read back with real parsers, and the accessed date in the ready-to-paste one."""

import datetime
import json

import bibtexparser
import pytest
import rispy
from django.core.management import call_command

from archive.models import Statement
from archive.presentation import statement_path


@pytest.fixture
def answer(db):
    call_command("import_statements", "fixtures/texts", stdout=open("/dev/null", "w"))
    return Statement.objects.select_related("speaker", "document").get(text__startswith="Of course, we keep this time")


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("ris", "application/x-research-info-systems"), ("bibtex", "application/x-bibtex"),
     ("csl", "application/vnd.citationstyles.csl+json")],
)
def test_each_download_has_its_media_type_and_a_file_name(client, answer, fmt, media_type):
    response = client.get(statement_path(answer), {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == media_type
    assert f'filename="statement-{answer.key}.' in response["Content-Disposition"]


def test_the_ris_download_imports_into_a_reference_manager(client, answer):
    body = client.get(statement_path(answer), {"format": "ris"}).content.decode()
    [entry] = rispy.loads(body)
    assert entry["authors"] == ["Ryabkov, Sergey"] and entry["secondary_title"] == "Interfax"
    assert entry["date"] == "2023/12/22/" and entry["urls"] == [f"http://testserver{statement_path(answer)}"]


def test_the_bibtex_and_csl_downloads_carry_the_same_facts(client, answer):
    [entry] = bibtexparser.parse_string(client.get(statement_path(answer), {"format": "bibtex"}).content.decode()).entries
    assert entry["author"] == "Ryabkov, Sergey" and entry["date"] == "2023-12-22"
    [item] = json.loads(client.get(statement_path(answer), {"format": "csl"}).content)
    assert item["URL"] == f"http://testserver{statement_path(answer)}" and item["container-title"] == "Interfax"
    assert item["accessed"] == {"date-parts": [[*datetime.date.today().timetuple()[:3]]]}


def test_the_page_links_the_downloads(client, answer):
    html = client.get(statement_path(answer)).content.decode()
    for fmt in ("ris", "bibtex", "csl"):
        assert f'href="{statement_path(answer)}?format={fmt}"' in html
