"""The JSON twins' shapes. Keys here are a contract with API users (tests/web/test_json.py pins them)."""

from __future__ import annotations

from archive.presentation import document_path, speaker_path, statement_path, topic_path
from archive.search import CountedFacet, plain_snippet


def iso(date) -> str | None:
    return date.isoformat() if date else None


def speaker_ref(speaker) -> dict:
    return {"name": speaker.name, "slug": speaker.slug}


def topic_slugs(statement) -> list[str]:
    """From the search's annotation when present, else from the (prefetched) topics."""
    slugs = getattr(statement, "topic_slugs", None)
    if slugs is None:
        slugs = sorted(topic.slug for topic in statement.topics.all())
    return list(slugs)


def statement_result(statement, absolute) -> dict:
    """One statement in a list: search results, a speaker's or a topic's statements."""
    snippet = getattr(statement, "snippet", None)
    return {
        "key": statement.key,
        "url": absolute(statement_path(statement)),
        "speaker": speaker_ref(statement.speaker),
        "date": iso(statement.document.date),
        "outlet": statement.document.outlet,
        "kind": statement.kind,
        "text": statement.text,
        "snippet": str(snippet if snippet is not None else plain_snippet(statement.text)),
        "context": statement.context,
        "topics": topic_slugs(statement),
        "sources": getattr(statement, "sources", 1),
    }


def facet_values(facet: CountedFacet) -> list[dict]:
    return [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in facet.values]


def count_values(facet: CountedFacet) -> list[dict]:
    """A facet as plain counts, for speaker and topic pages."""
    return [{"value": v.value, "label": v.label, "count": v.count} for v in facet.values]


def document_ref(document, absolute) -> dict:
    return {"id": document.pk, "title": document.title, "url": absolute(document_path(document))}


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
