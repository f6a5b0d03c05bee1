"""Citations name the speaker family name first, as recorded: Wang Yi is "Wang, Yi" (fixtures/speakers.toml
says his family name comes first), Sergey Ryabkov "Ryabkov, Sergey"."""

import dataclasses
import datetime as dt
import io
import json

import bibtexparser
import pytest
import rispy
from django.core.management import call_command

from archive.models import Speaker
from archive.presentation import statement_path
from archive.renderers.citations import CitedStatement, to_bibtex, to_csl, to_ris


@pytest.fixture
def wang_yi(make_statement):
    call_command("load_curated", stdout=io.StringIO())
    return make_statement("China and Russia will keep close strategic communication.", speaker_name="Wang Yi")


def test_the_curated_family_name_reaches_the_speaker(wang_yi):
    assert Speaker.objects.get(name="Wang Yi").family_name == "Wang"
    assert Speaker.objects.get(name="Sergey Lavrov").family_name == ""  # the last word: nothing to record


def test_every_download_cites_wang_yi_family_name_first(client, wang_yi):
    url = statement_path(wang_yi)
    [ris] = rispy.loads(client.get(url, {"format": "ris"}).content.decode())
    [bib] = bibtexparser.parse_string(client.get(url, {"format": "bibtex"}).content.decode()).entries
    [csl] = json.loads(client.get(url, {"format": "csl"}).content)

    assert ris["authors"] == ["Wang, Yi"]
    assert bib["author"] == "Wang, Yi"
    assert csl["author"] == [{"family": "Wang", "given": "Yi"}]


def test_an_import_keeps_an_editors_family_name_and_load_curated_restores_the_fixtures(wang_yi):
    Speaker.objects.filter(name="Wang Yi").update(family_name="Yi")  # an editor's (wrong) correction
    call_command("import_statements", "fixtures/texts/000_de1ffb7f01f94acc.txt", stdout=io.StringIO(), stderr=io.StringIO())
    assert Speaker.objects.get(name="Wang Yi").family_name == "Yi"
    call_command("load_curated", stdout=io.StringIO())
    assert Speaker.objects.get(name="Wang Yi").family_name == "Wang"


CITED = CitedStatement(key="k", speaker="Ursula von der Leyen", text="We stand with Ukraine.", kind="speech",
                       outlet="", date=dt.date(2024, 2, 24), date_precision="day", url="https://archive.example/s/k/",
                       accessed=dt.date(2026, 1, 2))


def test_without_a_recorded_family_name_the_name_is_read_with_its_particles():
    assert rispy.loads(to_ris(CITED))[0]["authors"] == ["von der Leyen, Ursula"]
    assert json.loads(to_csl(CITED))[0]["author"] == [{"family": "von der Leyen", "given": "Ursula"}]


def test_a_one_word_name_is_cited_as_it_is():
    single = dataclasses.replace(CITED, speaker="Lavrov")
    assert json.loads(to_csl(single))[0]["author"] == [{"literal": "Lavrov"}]
    [entry] = bibtexparser.parse_string(to_bibtex(single)).entries
    assert entry["author"] == "{Lavrov}"
    assert rispy.loads(to_ris(single))[0]["authors"] == ["Lavrov"]
