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


def statement_result(record: StatementRecord, absolute) -> dict:
    """One statement in a list: search results, a speaker's or a topic's statements."""
    return {
        "key": record.key,
        "url": absolute(record.path),
        "speaker": speaker_ref(record.speaker),
        "date": iso(record.date),
        "outlet": record.outlet,
        "kind": record.kind,
        "text": record.text,
        "snippet": str(record.snippet),
        "context": record.context,
        "topics": record.topic_slugs,
        "sources": record.sources,
    }


def statement_detail(record: StatementRecord, absolute) -> dict:
    """A statement's permalink (the view adds its neighbours and the other sources)."""
    return {
        "key": record.key,
        "url": absolute(record.path),
        "speaker": speaker_ref(record.speaker),
        "date": iso(record.date),
        "outlet": record.outlet,
        "kind": record.kind,
        "text": record.text,
        "context": record.context,
        "topics": record.topic_slugs,
        "document": {"id": record.document_id, "title": record.document_title, "url": absolute(record.document_path)},
    }


def document_statement(record: StatementRecord, absolute) -> dict:
    """A statement in its document's JSON."""
    return {
        "key": record.key,
        "url": absolute(record.path),
        "speaker": speaker_ref(record.speaker),
        "kind": record.kind,
        "text": record.text,
        "context": record.context,
        "topics": record.topic_slugs,
    }


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
