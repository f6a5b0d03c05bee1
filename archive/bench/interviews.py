"""Import throughput: interview-shaped texts, generated, then run through the real import command.

The texts look like the ministry's published interviews (a headline naming the official, the outlet,
the place and the date, then ``Question:`` and ``Sergey Lavrov:`` turns with multi-paragraph answers),
with the curated officials, so the whole pipeline runs: normalising, finding turns, resolving
speakers, tagging topics, reading the date, and storing with permalink keys and the search triggers.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command

from archive.bench.corpus import TextGenerator
from archive.bench.vocabulary import OUTLETS

FILE_PREFIX = "bench-import-"
OFFICIALS = [
    ("Foreign Minister", "Sergey Lavrov"),
    ("Deputy Foreign Minister", "Sergey Ryabkov"),
    ("Deputy Foreign Minister", "Alexander Grushko"),
    ("Foreign Ministry Spokeswoman", "Maria Zakharova"),
    ("Permanent Representative to the UN", "Vasily Nebenzya"),
    ("Ambassador to the United States", "Anatoly Antonov"),
]
CITIES = ["Moscow", "New York", "Geneva", "Beijing", "New Delhi", "Vienna"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def interview(rng: random.Random, text: TextGenerator) -> str:
    role, name = rng.choice(OFFICIALS)
    outlet = rng.choice(OUTLETS[:20])
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2000, 2024)}"
    lines = [f"{role} {name}'s interview with {outlet}, {rng.choice(CITIES)}, {date}", ""]
    surname = name.split()[-1]
    for turn in range(rng.randint(8, 16)):
        question = text.text(rng, rng.randint(1, 2), end="?")
        lines += [f"Question: {'Mr ' + surname + ', ' if turn == 0 else ''}{question}", ""]
        paragraphs = [text.text(rng, rng.randint(2, 5)) for _ in range(rng.randint(1, 3))]
        lines += [f"{name}: {paragraphs[0]}", ""]
        for paragraph in paragraphs[1:]:
            lines += [paragraph, ""]
    lines += ["Question: Thank you.", "", f"{name}: Thank you.", ""]
    return "\n".join(lines)


def write_interviews(folder: Path, count: int, seed: int) -> None:
    rng = random.Random(f"{seed}:interviews")
    text = TextGenerator()
    for n in range(count):
        (folder / f"{FILE_PREFIX}{seed}-{n:05d}.txt").write_text(interview(rng, text), encoding="utf-8")


@dataclass
class ImportResult:
    documents: int
    statements: int
    seconds: float

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def statements_per_second(self) -> float:
        return self.statements / self.seconds


def measure_import(count: int, seed: int) -> ImportResult:
    """Import `count` fresh interviews with the import command, time it, then delete what it stored."""
    from archive.models import Document, Statement

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        write_interviews(folder, count, seed)
        Document.objects.filter(file_name__startswith=FILE_PREFIX).delete()
        out = io.StringIO()
        start = time.perf_counter()
        call_command("import_statements", str(folder), stdout=out, stderr=io.StringIO())
        seconds = time.perf_counter() - start
    imported = Document.objects.filter(file_name__startswith=FILE_PREFIX)
    result = ImportResult(imported.count(), Statement.objects.filter(document__in=imported).count(), seconds)
    imported.delete()
    return result
