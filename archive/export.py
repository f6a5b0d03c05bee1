"""Statements as rows for bulk users: CSV (one row per statement, header first) and JSON lines.

Rows are produced lazily so a web export can stream and the command can write the whole archive
without holding it in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import QuerySet

from .presentation import statement_path

FIELDS = ["key", "url", "speaker", "date", "outlet", "kind", "topics", "text", "context"]
# A search's CSV holds at most this many statements (the best-ranked or newest first); the response
# headers say when the search matched more. `manage.py export_statements` has no limit.
SEARCH_EXPORT_ROWS = 5000


def with_export_columns(statements: QuerySet) -> QuerySet:
    """What the rows need, in one query: speaker, document, and the topic slugs as an array."""
    return statements.select_related("speaker", "document").annotate(
        export_topics=ArrayAgg("topics__slug", distinct=True, default=[], order_by="topics__slug")
    )


def rows(statements: Iterable, absolute: Callable[[str], str]) -> Iterator[dict]:
    for s in statements:
        yield {
            "key": s.key,
            "url": absolute(statement_path(s)),
            "speaker": s.speaker.name,
            "date": s.document.date.isoformat() if s.document.date else "",
            "outlet": s.document.outlet,
            "kind": s.kind,
            "topics": [t for t in (getattr(s, "export_topics", None) or getattr(s, "topic_slugs", None) or []) if t],
            "text": s.text,
            "context": s.context,
        }


def csv_lines(records: Iterable[dict]) -> Iterator[str]:
    """CSV text, a line (or a quoted multi-line cell) at a time; topics are joined with '; '."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    yield _drain(buffer)
    for record in records:
        writer.writerow({**record, "topics": "; ".join(record["topics"])})
        yield _drain(buffer)


def jsonl_lines(records: Iterable[dict]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
