"""The ``--dry-run --format jsonl`` records: a contract with scorers and other tools, so keep the fields."""

from __future__ import annotations

from .types import ParsedDocument


def dry_run_records(parsed: ParsedDocument, refused: str | None = None) -> list[dict]:
    """The document, then its statements; a refused file's document says why it would not be stored."""
    document = {"type": "document", "file": parsed.file_name, "title": parsed.title, "outlet": parsed.outlet,
                "date": parsed.date.isoformat() if parsed.date else None}
    if refused:
        document["refused"] = refused
    records = [document]
    for position, s in enumerate(parsed.statements):
        records.append({"type": "statement", "file": parsed.file_name, "position": position,
                        "speaker": s.speaker.name, "kind": s.kind, "text": s.text, "context": s.context,
                        "topics": list(s.topics)})
    return records
