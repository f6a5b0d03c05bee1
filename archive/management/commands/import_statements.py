"""``manage.py import_statements PATH...``: text files in, Documents, Statements, Speakers and Topics out."""

from __future__ import annotations

import json
import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.family_names import sync_family_names
from archive.importer import curated as curated_data
from archive.importer.ahead import parsed_in_order
from archive.importer.files import collect
from archive.importer.pipeline import Pipeline
from archive.importer.records import dry_run_records
from archive.importer.types import ParsedDocument


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
            sync_family_names(curated.speakers)
        # The files are read and parsed by another process, ahead of the storing here (archive/importer/ahead.py).
        with parsed_in_order(pipeline, files) as results:
            for source, checksum, parsed, problem in tqdm(results, total=len(files), desc="Importing", unit="file",
                                                          file=sys.stderr, disable=None, leave=False):
                if problem is not None:
                    summary.fail(str(source.path), problem, report)
                    if dry_run and format == "jsonl" and parsed is not None:
                        self._print(parsed, format, refused=problem)  # what was read, though nothing is stored
                    continue
                if dry_run:
                    self._print(parsed, format)
                    summary.count(parsed, "parsed", [])
                    continue
                from archive.importer.store import store

                result = store(parsed, checksum, force=force)
                summary.count(parsed, result.status, result.new_speakers)
        summary.print(report, dry_run)
        if summary.errors:
            raise CommandError(f"{summary.errors} of {summary.errors + summary.ok} files failed; see the lines above.")

    def _print(self, parsed: ParsedDocument, format: str, refused: str | None = None) -> None:
        if format == "jsonl":
            for record in dry_run_records(parsed, refused):
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            return
        self.stdout.write(f"{parsed.file_name}: {parsed.title!r} ({parsed.form}; outlet {parsed.outlet or '-'}, "
                          f"date {parsed.date or '-'})")
        for s in parsed.statements:
            text = s.text if len(s.text) <= 110 else s.text[:107] + "…"
            self.stdout.write(f"  [{s.kind}] {s.speaker.name}: {text.replace(chr(10), ' ')}")


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
