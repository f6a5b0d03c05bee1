"""The JSON twins' shapes. Keys here are a contract with API users (tests/web/test_json.py pins them).

URLs are absolute (``absolute`` makes them so), dates ISO 8601 or ``null``, text as stored.
"""

from __future__ import annotations

from archive.presentation import speaker_path, topic_path
from archive.renderers.records import StatementRecord
from archive.search import CountedFacet


def iso(date) -> str | None:
    return date.isoformat() if date else None


def speaker_ref(speaker) -> dict:
    return {"name": speaker.name, "slug": speaker.slug}


# A statement's JSON fields, each made from its record; a shape is the names it lists, in order.
_FIELDS = {
    "key": lambda r, absolute: r.key,
    "url": lambda r, absolute: absolute(r.path),
    "speaker": lambda r, absolute: speaker_ref(r.speaker),
    "date": lambda r, absolute: iso(r.date),
    "outlet": lambda r, absolute: r.outlet,
    "kind": lambda r, absolute: r.kind,
    "text": lambda r, absolute: r.text,
    "snippet": lambda r, absolute: str(r.snippet),
    "context": lambda r, absolute: r.context,
    "topics": lambda r, absolute: r.topic_slugs,
    "sources": lambda r, absolute: r.sources,
    "document": lambda r, absolute: {"id": r.document_id, "title": r.document_title, "url": absolute(r.document_path)},
}
# In a list: search results, a speaker's or a topic's statements.
RESULT = ("key", "url", "speaker", "date", "outlet", "kind", "text", "snippet", "context", "topics", "sources")
# A statement's permalink (the view adds its neighbours and the other sources).
DETAIL = ("key", "url", "speaker", "date", "outlet", "kind", "text", "context", "topics", "document")
# A statement in its document's JSON.
IN_DOCUMENT = ("key", "url", "speaker", "kind", "text", "context", "topics")


def statement_json(record: StatementRecord, absolute, shape: tuple[str, ...] = RESULT) -> dict:
    return {name: _FIELDS[name](record, absolute) for name in shape}


def facet_values(facet: CountedFacet) -> list[dict]:
    return [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in facet.values]


def count_values(facet: CountedFacet) -> list[dict]:
    """A facet as plain counts, for speaker and topic pages."""
    return [{"value": v.value, "label": v.label, "count": v.count} for v in facet.values]


def speaker_summary(speaker, absolute) -> dict:
    return {
        **speaker_ref(speaker),
        "url": absolute(speaker_path(speaker)),
        "role": speaker.role,
        "organisation": speaker.organisation,
    }


def topic_summary(topic, absolute) -> dict:
    return {
        "name": topic.name,
        "slug": topic.slug,
        "url": absolute(topic_path(topic)),
        "description": topic.description,
    }
