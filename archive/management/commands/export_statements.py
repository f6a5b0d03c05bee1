"""``manage.py export_statements``: the statements of a search (the whole archive by default) as CSV or
JSON lines.

The options are the search page's parameters, read and checked by the same form, so
``--topic nato --from 2023-12`` exports what ``/search/?topic=nato&from=2023-12`` lists, in its order,
reposted copies merged the same way, without the web's cap on rows.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from archive import search
from archive.renderers.export import csv_lines, jsonl_lines, row
from archive.renderers.records import record

FACET_HELP = {
    "speaker": "speaker slug",
    "topic": "topic slug",
    "outlet": "outlet, as the documents name it",
    "year": "year of the document's date, or 'undated'",
    "kind": "answer, speech, quote or remark",
}
DATE_FORMS = "2023-12-22, 2023-12 or 2023"


class Command(BaseCommand):
    help = "Write the statements of a search (default: all of them) as CSV (default) or JSON lines, to a file or standard output."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--q", help="words, in the search box's syntax (\"phrase\", OR, -word)")
        for name in search.FACETS:
            parser.add_argument(f"--{name}", action="append", default=[], help=f"{FACET_HELP[name]} (repeat for several)")
        parser.add_argument("--from", dest="from", help=f"documents dated on or after: {DATE_FORMS}")
        parser.add_argument("--to", dest="to", help=f"documents dated on or before: {DATE_FORMS}")
        parser.add_argument("--sort", choices=search.SORTS,
                            help="the search's order (default: relevance with words, else newest first)")
        parser.add_argument("--base-url", default="", help="prefix for the permalinks, e.g. https://archive.example")

    def handle(self, *args, format, output, base_url, **options):
        params = QueryDict(mutable=True)
        for name in ("q", *search.FACETS, "from", "to", "sort"):
            values = options.get(name)
            params.setlist(name, values if isinstance(values, list) else [values] if values else [])
        parsed = search.parse(params)
        if not parsed.valid:
            raise CommandError(" ".join(_problems(parsed.errors)))
        prefix = base_url.rstrip("/")
        rows = (row(record(statement), lambda path: prefix + path) for statement in search.every(parsed))
        lines = csv_lines(rows) if format == "csv" else jsonl_lines(rows)
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


def _problems(errors: dict[str, list[str]]) -> list[str]:
    return [message if name == "__all__" else f"--{name}: {message}" for name, messages in errors.items()
            for message in messages]
