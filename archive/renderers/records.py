"""One statement, serialised once: what every output says about it.

The HTML result lists, the JSON twins, CSV and JSON lines, Atom entries and citations are renderers of a
``StatementRecord``, so they cannot disagree on a statement's speaker, date, outlet or topics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.safestring import SafeString

from archive.models import Statement
from archive.presentation import document_date, document_path, statement_in_document_path, statement_path, topic_path
from archive.search import plain_snippet

KIND_LABELS = dict(Statement.Kind.choices)


@dataclass(frozen=True)
class SpeakerRef:
    name: str
    slug: str
    role: str = ""
    family_name: str = ""  # as recorded (Speaker.family_name); blank when the name says it


@dataclass(frozen=True)
class TopicRef:
    slug: str
    name: str

    @property
    def path(self) -> str:
        return topic_path(self)


@dataclass(frozen=True)
class StatementRecord:
    key: str
    path: str  # the permalink, root-relative
    in_document: str  # its place in the document's page
    speaker: SpeakerRef
    date: dt.date | None  # the document's
    date_precision: str  # "day", "month" or "year": as precisely as the date is known
    date_text: str  # "22 December 2023", "December 2023", "2023" or ""
    outlet: str
    kind: str
    text: str
    context: str
    topics: tuple[TopicRef, ...]  # by name
    sources: int  # documents reporting these words (reposted copies merged into this one)
    document_id: int
    document_title: str
    document_path: str
    updated_at: dt.datetime | None
    found_snippet: SafeString | None = None  # the matches marked, when found by words

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def snippet(self) -> SafeString:
        """The words found, marked; else the first words."""
        return self.found_snippet if self.found_snippet is not None else plain_snippet(self.text)

    @property
    def topic_slugs(self) -> list[str]:
        return [topic.slug for topic in self.topics]


def record(statement: Statement, topics=None) -> StatementRecord:
    """``topics``: the statement's Topic rows by name, when at hand (prefetched); else they are read from the
    search's annotations (``topic_slugs``, ``topic_names``), or asked for."""
    speaker, document = statement.speaker, statement.document
    return StatementRecord(
        key=statement.key,
        path=statement_path(statement),
        in_document=statement_in_document_path(statement),
        speaker=SpeakerRef(speaker.name, speaker.slug, speaker.role, speaker.family_name),
        date=document.date,
        date_precision=document.date_precision or "day",
        date_text=document_date(document),
        outlet=document.outlet,
        kind=statement.kind,
        text=statement.text,
        context=statement.context,
        topics=_topics(statement, topics),
        sources=getattr(statement, "sources", 1),
        document_id=document.pk,
        document_title=document.title,
        document_path=document_path(document),
        updated_at=statement.updated_at,
        found_snippet=getattr(statement, "snippet", None),
    )


def records(statements) -> list[StatementRecord]:
    return [record(statement) for statement in statements]


def _topics(statement: Statement, topics) -> tuple[TopicRef, ...]:
    if topics is not None:
        return tuple(TopicRef(t.slug, t.name) for t in topics)
    slugs = getattr(statement, "topic_slugs", None)
    if slugs is not None:
        return tuple(TopicRef(slug, name) for slug, name in zip(slugs, statement.topic_names, strict=True))
    return tuple(TopicRef(t.slug, t.name) for t in statement.topics.order_by("name"))
