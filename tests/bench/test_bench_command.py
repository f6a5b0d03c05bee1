"""``manage.py bench`` end to end on a tiny corpus, in its own database, as ``make bench`` runs it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from archive.bench import database

REPOSITORY = Path(__file__).resolve().parents[2]
LINE = re.compile(
    r"^bench: n=2000 search_p95_ms=\d+ search_p50_ms=\d+ permalink_p95_ms=[\d.]+ import_docs_per_s=[\d.]+ "
    r"load_s=\d+ engine_ratio=(?:[\d.]+|n/a)$"
)


@pytest.fixture
def bench_database():
    name = f"archive_bench_test_{os.getpid()}"
    yield name
    with psycopg.connect(**database.connect_kwargs("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_bench(name: str, *extra: str) -> str:
    command = [
        sys.executable,
        "manage.py",
        "bench",
        "--size",
        "2000",
        "--database",
        name,
        "--runs",
        "2",
        "--warmup",
        "0",
        "--import-docs",
        "2",
        *extra,
    ]
    result = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.django_db
def test_bench_loads_measures_and_prints_its_line(bench_database):
    app_database = connection.settings_dict["NAME"]
    first = run_bench(bench_database, "--no-engine")

    lines = first.strip().splitlines()
    assert LINE.match(lines[-1]), lines[-1]
    assert "Loaded in" in first and "term in half the corpus" in first and "permalink" in first
    assert "import: 2 interviews" in first
    # A second run reuses the loaded corpus; the app's own database is never touched.
    second = run_bench(bench_database, "--no-engine")
    assert "Reusing " + bench_database in second
    with psycopg.connect(**database.connect_kwargs(bench_database)) as conn:
        assert conn.execute("SELECT count(*) FROM archive_statement").fetchone()[0] == 2000
        assert conn.execute("SELECT count(*) FROM archive_searchentry").fetchone()[0] == 2000
        assert conn.execute("SELECT sum(statements) FROM archive_facetcount WHERE topic_id = 0").fetchone()[0] == 2000
        assert (
            conn.execute("SELECT count(*) FROM archive_document WHERE file_name LIKE 'bench-import-%'").fetchone()[0]
            == 0
        )
    assert connection.settings_dict["NAME"] == app_database


def test_the_engine_yardstick_runs_when_tantivy_is_installed(bench_database):
    pytest.importorskip("tantivy")
    output = run_bench(bench_database, "--import-docs", "0")

    assert re.search(r"engine_ratio=[\d.]+$", output.strip().splitlines()[-1])


@pytest.mark.django_db
def test_only_import_times_the_import_and_nothing_else(bench_database):
    output = run_bench(bench_database, "--only-import")

    assert re.search(r"^import: 2 interviews, \d+ statements in [\d.]+ s: [\d.]+ documents/s, [\d.]+ statements/s "
                     r"\(load average [\d.]+ at the start, [\d.]+ at the end\)$", output, re.MULTILINE), output
    assert "term in half the corpus" not in output and "permalink" not in output and "bench: n=" not in output
    with psycopg.connect(**database.connect_kwargs(bench_database)) as conn:
        assert (
            conn.execute("SELECT count(*) FROM archive_document WHERE file_name LIKE 'bench-import-%'").fetchone()[0]
            == 0
        )
