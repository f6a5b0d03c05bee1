"""An import killed mid-way leaves every file either fully in or not at all, and a re-run finishes the job."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from archive.models import Document, Statement

ROOT = Path(__file__).resolve().parents[2]


def interview(n: int) -> str:
    answers = "\n".join(f"Question: Question {n}.{k} about the treaty?\nRyabkov: Answer {n}.{k}: we will respond "
                        f"to proposal {k} only on the basis of equality." for k in range(12))
    return f"Interview {n} with Sergey Ryabkov\n{answers}\n"


def database_url() -> str:
    """The test database, as a URL a child process can use."""
    s = connection.settings_dict
    return f"postgres://{quote(s['USER'] or '')}@{quote(s['HOST'] or '', safe='')}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_killed_import_leaves_whole_files_and_a_rerun_completes_without_duplicates(tmp_path):
    for n in range(150):
        (tmp_path / f"interview-{n:03}.txt").write_text(interview(n), encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": database_url()}
    command = [sys.executable, "manage.py", "import_statements", str(tmp_path)]
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while Document.objects.count() < 5 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()

    stored = Document.objects.count()
    assert 0 < stored < 150, "the kill should land mid-way"
    for document in Document.objects.all():
        assert document.statements.count() == 12, f"{document.file_name} is half-stored"

    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    assert Document.objects.count() == 150
    assert Statement.objects.count() == 150 * 12
    assert Statement.objects.values("key").distinct().count() == 150 * 12


@pytest.mark.django_db(transaction=True)
def test_lines_written_before_the_parser_starts_are_written_once(tmp_path):
    """The parsing process is forked while the command's output may wait in a buffer, and a forked process
    flushes what it inherited when it ends: the fork must come after a flush (multiprocessing does one)."""
    for n in range(3):
        (tmp_path / f"interview-{n}.txt").write_text(interview(n), encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": database_url()}
    command = [sys.executable, "manage.py", "import_statements", str(tmp_path / "missing"), str(tmp_path)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    assert done.returncode == 1
    assert done.stdout.count("no such file or folder") == 1, done.stdout
    assert done.stdout.count("Import summary:") == 1
    assert Document.objects.count() == 3
