"""Statements as rows for bulk users: CSV (one row per statement, header first) and JSON lines.

Rows are produced lazily so a web export can stream and ``export_statements`` can write the whole archive
without holding it in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from archive.renderers.records import StatementRecord

FIELDS = ["key", "url", "speaker", "date", "outlet", "kind", "topics", "text", "context"]
# A search's CSV holds at most this many statements (the best-ranked or newest first); the response
# headers say when the search matched more. `manage.py export_statements` has no limit.
SEARCH_EXPORT_ROWS = 5000


def row(record: StatementRecord, absolute: Callable[[str], str]) -> dict:
    return {
        "key": record.key,
        "url": absolute(record.path),
        "speaker": record.speaker.name,
        "date": record.date.isoformat() if record.date else "",
        "outlet": record.outlet,
        "kind": record.kind,
        "topics": record.topic_slugs,
        "text": record.text,
        "context": record.context,
    }


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    """CSV text, a line (or a quoted multi-line cell) at a time; topics are joined with '; '."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    yield _drain(buffer)
    for values in rows:
        writer.writerow({**values, "topics": "; ".join(values["topics"])})
        yield _drain(buffer)


def jsonl_lines(rows: Iterable[dict]) -> Iterator[str]:
    for values in rows:
        yield json.dumps(values, ensure_ascii=False) + "\n"


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
