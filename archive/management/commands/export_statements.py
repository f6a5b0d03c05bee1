"""``manage.py export_statements``: the whole archive, or a filtered part, as CSV or JSON lines."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from archive.export import csv_lines, jsonl_lines, rows, with_export_columns
from archive.models import Statement


class Command(BaseCommand):
    help = "Write statements as CSV (default) or JSON lines, to a file or standard output."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--speaker", action="append", default=[], help="speaker slug (repeat for several)")
        parser.add_argument("--topic", action="append", default=[], help="topic slug (repeat for several)")
        parser.add_argument("--outlet", action="append", default=[], help="outlet (repeat for several)")
        parser.add_argument("--kind", action="append", default=[], choices=[k for k, _ in Statement.Kind.choices])
        parser.add_argument("--from", dest="date_from", help="documents dated on or after YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="documents dated on or before YYYY-MM-DD")
        parser.add_argument("--base-url", default="", help="prefix for the permalinks, e.g. https://archive.example")

    def handle(self, *args, format, output, speaker, topic, outlet, kind, date_from, date_to, base_url, **options):
        statements = Statement.objects.order_by("document__date", "document_id", "position")
        if speaker:
            statements = statements.filter(speaker__slug__in=speaker)
        if topic:
            statements = statements.filter(topics__slug__in=topic).distinct()
        if outlet:
            statements = statements.filter(document__outlet__in=outlet)
        if kind:
            statements = statements.filter(kind__in=kind)
        for value, lookup in ((date_from, "document__date__gte"), (date_to, "document__date__lte")):
            if value:
                day = parse_date(value)
                if day is None:
                    raise CommandError(f"not a date: {value!r} (use YYYY-MM-DD)")
                statements = statements.filter(**{lookup: day})
        records = rows(with_export_columns(statements).iterator(chunk_size=2000), lambda path: base_url.rstrip("/") + path)
        lines = csv_lines(records) if format == "csv" else jsonl_lines(records)
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        count = -1 if format == "csv" else 0
        try:
            for line in lines:
                out.write(line)
                count += 1
        except BrokenPipeError:  # `| head`: the reader has seen enough
            sys.stderr.close()
            return
        finally:
            if output:
                out.close()
        self.stderr.write(f"Exported {count} statements" + (f" to {output}" if output else "") + ".")
