"""Bad input never hurts good data: every odd file gets one clear line, every good file imports.

The bad files are made here, by the test, so the repository carries no binaries.
"""

import io
import os
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.importer.normalize import MAX_BYTES
from archive.models import Document, Statement

RUSSIAN = """Интервью Сергея Рябкова
Вопрос: Как вы оцениваете перспективы диалога с Вашингтоном по стратегической стабильности?
Сергей Рябков: Перспективы пока не просматриваются. Американская сторона не готова к равноправному разговору.
Вопрос: А что с договором СНВ?
Сергей Рябков: Мы приостановили участие в договоре, и это решение остаётся в силе.
"""


def interview(n: int) -> str:
    """A small, valid labelled interview, different for every n."""
    return (f"Interview number {n} with Sergey Ryabkov\n"
            f"Question: What is the state of talks number {n}?\n"
            f"Ryabkov: Talks number {n} are frozen, and the responsibility for that lies with Washington.\n"
            f"Question: Will you respond to proposal {n}?\n"
            f"Ryabkov: We will study proposal {n} carefully, but we have no illusions about it.\n")


def run(folder: Path) -> tuple[list[str], bool]:
    lines: list[str] = []

    class Out(io.StringIO):
        def write(self, text):
            lines.extend(text.splitlines())

    failed = False
    try:
        call_command("import_statements", str(folder), stdout=Out())
    except CommandError:
        failed = True
    return lines, failed


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n\t  \n", "empty"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "PNG image"),
    "bundle.txt": (zip_bytes(), "ZIP archive"),
    "page.txt": (b"<!DOCTYPE html><html><head><title>x</title></head><body><p>Lavrov said</p></body></html>", "nothing found"),
    "one-line.txt": (("We will respond, " * 300_000).encode(), "nothing found"),
    "huge.txt": (b"Question: why?\n" * (MAX_BYTES // 15 + 10), "too large"),
}


@pytest.mark.django_db
def test_each_bad_file_gets_one_line_naming_it_and_its_problem(tmp_path):
    for name, (data, _problem) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)  # a folder loop

    lines, failed = run(tmp_path)

    assert failed
    errors = [line for line in lines if line.startswith("error:")]
    assert not any("Traceback" in line for line in lines)
    for name, (_data, problem) in BAD_FILES.items():
        [line] = [e for e in errors if f"{name}:" in e]
        assert problem in line, line
    assert any("dangling.txt: a symbolic link to nothing" in e for e in errors)
    assert any("loop-a.txt: a symbolic link to nothing (or a link loop)" in e for e in errors)
    assert any("pipe.txt: not a regular file" in e for e in errors)
    assert len(errors) == len(BAD_FILES) + 4
    assert Document.objects.count() == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, so permissions cannot make one unreadable")
@pytest.mark.django_db
def test_a_file_without_read_permission_is_reported(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(interview(1))
    locked.chmod(0)
    lines, failed = run(tmp_path)
    assert failed and any("locked.txt: cannot be read (permission denied)" in line for line in lines)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "text", "expected"),
    [("utf-16", RUSSIAN, "Перспективы пока не просматриваются."),
     ("utf-16-le", RUSSIAN, "Перспективы пока не просматриваются."),
     ("cp1251", RUSSIAN, "Перспективы пока не просматриваются."),
     ("latin-1", interview(7).replace("carefully", "très carefully"), "We will study proposal 7 très carefully"),
     ("utf-8", interview(8).replace("\n", "\r\n", 2).replace("frozen", "fro\x00zen"), "Talks number 8 are frozen")],
    ids=["utf-16-bom", "utf-16-no-bom", "windows-1251", "latin-1", "nul-bytes-and-mixed-line-endings"],
)
def test_files_in_other_encodings_import_correctly(tmp_path, encoding, text, expected):
    (tmp_path / "interview.txt").write_bytes(text.encode(encoding))
    lines, failed = run(tmp_path)
    assert not failed, lines
    assert Statement.objects.filter(text__startswith=expected).exists()


@pytest.mark.django_db
def test_a_folder_of_200_good_files_with_3_bad_ones(tmp_path):
    for n in range(200):
        (tmp_path / f"good-{n:03}.txt").write_text(interview(n), encoding="utf-8")
    (tmp_path / "bad-empty.txt").write_bytes(b"")
    (tmp_path / "bad-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "bad-nothing.txt").write_text("A blogger's note with nothing anyone said.")

    lines, failed = run(tmp_path)

    assert failed
    assert len([line for line in lines if line.startswith("error:")]) == 3
    assert Document.objects.count() == 200
    assert Statement.objects.count() == 400


@pytest.mark.django_db
def test_files_parsed_ahead_are_stored_and_reported_in_order_and_a_parser_crash_stays_with_its_file(tmp_path, monkeypatch):
    from archive.importer.pipeline import Pipeline

    parse = Pipeline.parse
    parsers = tmp_path / "parsers"
    parsers.mkdir()

    def parse_or_crash(self, data, file_name):
        (parsers / str(os.getpid())).touch()
        if file_name == "c-crash.txt":
            raise RuntimeError("boom")
        return parse(self, data, file_name)

    monkeypatch.setattr(Pipeline, "parse", parse_or_crash)
    folder = tmp_path / "texts"
    folder.mkdir()
    names = ["a-good.txt", "b-empty.txt", "c-crash.txt", "d-good.txt", "e-nothing.txt", "f-good.txt", "g-good.txt"]
    for n, name in enumerate(names):
        text = {"b": "", "e": "A blogger's note with nothing anyone said."}.get(name[0], interview(n))
        (folder / name).write_text(text, encoding="utf-8")

    lines, failed = run(folder)

    assert failed
    errors = [line.split(": ")[1].rsplit("/", 1)[-1] for line in lines if line.startswith("error:")]
    assert errors == ["b-empty.txt", "c-crash.txt", "e-nothing.txt"]
    assert any("c-crash.txt: could not be parsed (RuntimeError: boom); please report it" in line for line in lines)
    stored = Document.objects.order_by("pk").values_list("file_name", flat=True)
    assert list(stored) == ["a-good.txt", "d-good.txt", "f-good.txt", "g-good.txt"]
    # Parsed by a process of its own, which has ended.
    assert [int(p.name) for p in parsers.iterdir()] != [os.getpid()] and len(list(parsers.iterdir())) == 1
    parser = int(next(parsers.iterdir()).name)
    with pytest.raises(ProcessLookupError):
        os.kill(parser, 0)
