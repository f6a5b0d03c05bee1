"""``manage.py import_statements PATH...``: text files in, Documents, Statements, Speakers and Topics out."""

from __future__ import annotations

import json
import sys
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.importer import curated as curated_data
from archive.importer.files import SourceFile, collect, read
from archive.importer.normalize import UnreadableText
from archive.importer.pipeline import Pipeline
from archive.importer.records import dry_run_records
from archive.importer.types import ParsedDocument

# Files read and parsed ahead of the one being stored.
PARSE_AHEAD = 4


class Command(BaseCommand):
    help = "Import interview transcripts, speeches and articles (.txt files or folders of them) as statements."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="text files, or folders searched for .txt files")
        parser.add_argument("--dry-run", action="store_true", help="parse and print; touch no database")
        parser.add_argument("--format", choices=["text", "jsonl"], default="text",
                            help="how --dry-run prints what it found (jsonl: one JSON object a line)")
        parser.add_argument("--force", action="store_true",
                            help="re-parse files whose contents have not changed since the last import")

    def handle(self, *args, paths, dry_run, format, force, **options):
        curated = curated_data.default()
        pipeline = Pipeline(curated)
        files, problems = collect(paths)
        # With JSON lines on stdout, everything for people goes to stderr.
        report = sys.stderr if dry_run and format == "jsonl" else self.stdout
        summary = Summary()
        for path, problem in problems:
            summary.fail(path, problem, report)
        if not dry_run:
            from archive.importer.store import sync_curated

            sync_curated(curated)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse") as parser:
            # The next files are read and parsed while this one is stored: the parser runs while the
            # database works (waiting for PostgreSQL releases the GIL), and files are still stored in order.
            ahead: deque[Future] = deque()
            pending = iter(files)
            try:
                for _ in tqdm(files, desc="Importing", unit="file", file=sys.stderr, disable=None, leave=False):
                    while len(ahead) < PARSE_AHEAD and (source := next(pending, None)) is not None:
                        ahead.append(parser.submit(_parse, pipeline, source))
                    source, checksum, parsed, problem = ahead.popleft().result()
                    if problem is not None:
                        summary.fail(str(source.path), problem, report)
                        continue
                    if dry_run:
                        self._print(parsed, format)
                        summary.count(parsed, "parsed", [])
                        continue
                    from archive.importer.store import store

                    result = store(parsed, checksum, force=force)
                    summary.count(parsed, result.status, result.new_speakers)
            finally:
                for future in ahead:
                    future.cancel()
        summary.print(report, dry_run)
        if summary.errors:
            raise CommandError(f"{summary.errors} of {summary.errors + summary.ok} files failed; see the lines above.")

    def _print(self, parsed: ParsedDocument, format: str) -> None:
        if format == "jsonl":
            for record in dry_run_records(parsed):
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            return
        self.stdout.write(f"{parsed.file_name}: {parsed.title!r} ({parsed.form}; outlet {parsed.outlet or '-'}, "
                          f"date {parsed.date or '-'})")
        for s in parsed.statements:
            text = s.text if len(s.text) <= 110 else s.text[:107] + "…"
            self.stdout.write(f"  [{s.kind}] {s.speaker.name}: {text.replace(chr(10), ' ')}")


def _parse(pipeline: Pipeline, source: SourceFile) -> tuple[SourceFile, str, ParsedDocument | None, str | None]:
    """Read and parse one file: (source, checksum, parsed document, None), or a problem line instead."""
    try:
        data, checksum = read(source)
        parsed = pipeline.parse(data, source.name)
        if not parsed.statements:
            raise UnreadableText(
                "nothing found: no interview turns, speech or attributable quotations "
                f"({parsed.unattributed} unattributed)" if parsed.unattributed else
                "nothing found: no interview turns, speech or attributable quotations"
            )
    except UnreadableText as exc:
        return source, "", None, str(exc)
    except Exception as exc:  # a parser bug must not stop the other files
        return source, "", None, f"could not be parsed ({type(exc).__name__}: {exc}); please report it"
    return source, checksum, parsed, None


class Summary:
    def __init__(self):
        self.files: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.topics: Counter[str] = Counter()
        self.new_speakers: list[str] = []
        self.unattributed = 0
        self.errors = 0
        self.ok = 0

    def fail(self, path: str, problem: str, out) -> None:
        self.errors += 1
        out.write(f"error: {path}: {problem}\n" if out is sys.stderr else f"error: {path}: {problem}")

    def count(self, parsed: ParsedDocument, status: str, new_speakers: list[str]) -> None:
        self.ok += 1
        self.files[status] += 1
        if status == "unchanged":
            return
        self.kinds.update(s.kind for s in parsed.statements)
        for s in parsed.statements:
            self.topics.update(list(s.topics))
        self.unattributed += parsed.unattributed
        self.new_speakers += new_speakers

    def print(self, out, dry_run: bool) -> None:
        rows = [("files " + status, n) for status, n in sorted(self.files.items())]
        rows += [("files failed", self.errors)]
        rows += [(f"statements: {kind}", n) for kind, n in sorted(self.kinds.items())]
        rows += [("statements in all", sum(self.kinds.values()))]
        rows += [("quotes left unattributed", self.unattributed)]
        rows += [("new speakers", len(self.new_speakers))]
        rows += [(f"topic: {slug}", n) for slug, n in self.topics.most_common()]
        width = max(len(label) for label, _ in rows)
        lines = ["", "Dry run: nothing was stored." if dry_run else "Import summary:"]
        lines += [f"  {label:<{width}}  {n:>6}" for label, n in rows]
        if self.new_speakers:
            lines.append("  new speakers: " + ", ".join(sorted(set(self.new_speakers))))
        text = "\n".join(lines)
        if out is sys.stderr:
            out.write(text + "\n")
        else:
            out.write(text)
