"""Golden tests: real and invented texts against hand-made expected statements, scored like the issue's bars.

The seeds are the three real samples; ``families/`` holds invented texts of every family the importer
must handle; ``heldout/`` was written without looking at the importer, to keep it honest.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from archive.importer.records import dry_run_records

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "tests/tools/score_extraction.py")
scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scorer)

CORPORA = {
    "seeds": (ROOT / "fixtures/texts", ROOT / "tests/golden/seeds.json"),
    "families": (ROOT / "tests/importer/families", ROOT / "tests/importer/families/gold.json"),
}
HELDOUT = (ROOT / "tests/importer/heldout", ROOT / "tests/importer/heldout/gold.json")
if HELDOUT[1].exists():
    CORPORA["heldout"] = HELDOUT


def predictions(pipeline, folder: Path, gold: dict) -> list[dict]:
    records = []
    for entry in gold["files"]:
        parsed = pipeline.parse((folder / entry["file"]).read_bytes(), entry["file"])
        records += dry_run_records(parsed)
    return records


@pytest.fixture(scope="module", params=sorted(CORPORA))
def scored(request, pipeline):
    folder, gold_path = CORPORA[request.param]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    metrics, rows = scorer.score(gold, predictions(pipeline, folder, gold))
    return request.param, metrics, "\n".join(rows)


def test_every_gold_statement_is_found_and_nothing_else(scored):
    name, m, report = scored
    assert m["f1"] >= 0.95, f"{name}: f1 {m['f1']:.3f}\n{report}"


def test_every_found_statement_has_the_right_speaker(scored):
    name, m, report = scored
    assert m["attribution"] == 1.0, f"{name}: a wrong attribution is worse than a missing one\n{report}"


def test_answers_are_paired_with_their_questions_and_keep_their_paragraphs(scored):
    name, m, report = scored
    assert m["pairing"] >= 0.95 and m["continuation"] >= 0.95, report


def test_no_commentary_comment_or_boilerplate_leaks_into_a_statement(scored):
    name, m, report = scored
    assert m["leaks"] == 0, report


def test_dates_and_outlets_are_read_only_where_stated(scored):
    name, m, report = scored
    assert m["date"] == 1.0 and m["outlet"] == 1.0, report
