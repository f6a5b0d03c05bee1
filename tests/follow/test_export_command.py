"""Bulk export: the whole archive, or a filtered part, as CSV or JSON lines that standard readers parse."""

import csv
import json

import pytest
from django.core.management import call_command

SEEDS = "fixtures/texts"


@pytest.fixture
def archive(db):
    call_command("import_statements", SEEDS, stdout=open("/dev/null", "w"))


def export(tmp_path, *args):
    target = tmp_path / "out"
    call_command("export_statements", "--output", str(target), *args, stderr=open("/dev/null", "w"))
    return target.read_text(encoding="utf-8")


def test_csv_has_a_header_and_one_row_per_statement(archive, tmp_path):
    rows = list(csv.DictReader(export(tmp_path, "--base-url", "https://archive.example").splitlines(keepends=True)))
    assert len(rows) == 57
    assert list(rows[0]) == ["key", "url", "speaker", "date", "outlet", "kind", "topics", "text", "context"]
    interfax = [r for r in rows if r["outlet"] == "Interfax"]
    assert interfax and all(r["date"] == "2023-12-22" for r in interfax)
    assert all(r["url"].startswith("https://archive.example/s/") and r["speaker"] == "Sergey Ryabkov" for r in rows)


def test_filters_narrow_the_export(archive, tmp_path):
    records = [json.loads(line) for line in export(tmp_path, "--format", "jsonl", "--topic", "china").splitlines()]
    assert records and all("china" in r["topics"] for r in records)
    assert len(records) < 57
    dated = export(tmp_path, "--format", "jsonl", "--from", "2023-12-01", "--to", "2023-12-31").splitlines()
    assert len(dated) == 17
