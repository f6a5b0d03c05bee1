"""One statement, serialised once: what every output says about it.

The HTML result lists, the JSON twins, CSV and JSON lines, Atom entries and citations are renderers of a
``StatementRecord``, so they cannot disagree on a statement's speaker, date, outlet or topics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.safestring import SafeString

from archive.models import Statement
from archive.presentation import human_date, statement_path, topic_path
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
    speaker: SpeakerRef
    date: dt.date | None  # the document's
    date_precision: str  # "day", "month" or "year": as precisely as the date is known
    outlet: str
    kind: str
    text: str
    context: str
    topics: tuple[TopicRef, ...]  # by name
    sources: int  # documents reporting these words (reposted copies merged into this one)
    document_id: int
    document_title: str
    updated_at: dt.datetime | None
    found_snippet: SafeString | None = None  # the matches marked, when found by words

    # Computed when a format asks: a document's JSON lists hundreds of statements and needs none of them.
    @cached_property
    def date_text(self) -> str:
        """"22 December 2023", "December 2023", "2023" or ""."""
        return human_date(self.date, self.date_precision)

    @cached_property
    def document_path(self) -> str:
        return reverse("document_detail", args=[self.document_id])

    @property
    def in_document(self) -> str:
        """Its place in the document's page."""
        return f"{self.document_path}#s-{self.key}"

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
        speaker=SpeakerRef(speaker.name, speaker.slug, speaker.role, speaker.family_name),
        date=document.date,
        date_precision=document.date_precision or "day",
        outlet=document.outlet,
        kind=statement.kind,
        text=statement.text,
        context=statement.context,
        topics=_topics(statement, topics),
        sources=getattr(statement, "sources", 1),
        document_id=document.pk,
        document_title=document.title,
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
