"""Fixtures for the web tests: the seed texts imported, and a builder of small hand-made archives."""

from __future__ import annotations

import datetime
import io
import itertools
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.text import slugify

from archive.models import Document, Speaker, Statement, StatementTopic, Topic

REPOSITORY = Path(__file__).resolve().parents[2]
SEED_TEXTS = REPOSITORY / "fixtures" / "texts"
# Ryabkov's Interfax answer about New START, from fixtures/texts/004_a43eb1774f7bdc58.txt.
NEW_START_ANSWER_START = "Of course, we keep this time reference in mind."


def import_seed_texts() -> None:
    call_command("import_statements", str(SEED_TEXTS), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def seeded(db):
    """The three sample texts, imported as `make run` does."""
    import_seed_texts()


@pytest.fixture
def new_start_answer(seeded) -> Statement:
    return Statement.objects.select_related("speaker", "document").get(text__startswith=NEW_START_ANSWER_START)


class ArchiveBuilder:
    """Speakers, topics, documents and statements with just the fields a test cares about."""

    def __init__(self):
        self._numbers = itertools.count(1)

    def speaker(self, name: str, **fields) -> Speaker:
        speaker, _ = Speaker.objects.get_or_create(name=name, defaults={"slug": slugify(name) or "speaker", **fields})
        return speaker

    def topic(self, slug: str, name: str | None = None) -> Topic:
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name or slug.replace("-", " ").title()})
        return topic

    def document(self, title: str = "", outlet: str = "", date: str | None = None, raw_text: str = "", **fields):
        number = next(self._numbers)
        return Document.objects.create(
            title=title,
            outlet=outlet,
            date=datetime.date.fromisoformat(date) if date else None,
            date_precision="day" if date else "",
            file_name=f"web-{number}.txt",
            checksum=f"{number:064d}",
            raw_text=raw_text,
            **fields,
        )

    def statement(
        self,
        text: str,
        speaker: str = "Sergey Ryabkov",
        document: Document | None = None,
        topics: tuple[str, ...] = (),
        kind: str = Statement.Kind.QUOTE,
        context: str = "",
        outlet: str = "",
        date: str | None = None,
    ) -> Statement:
        number = next(self._numbers)
        if document is None:
            document = self.document(outlet=outlet, date=date, raw_text=text)
        position = document.statements.count()
        statement = Statement.objects.create(
            key=f"w{number:09d}",
            document=document,
            speaker=self.speaker(speaker),
            position=position,
            kind=kind,
            text=text,
            context=context,
            start_offset=0,
            end_offset=len(text),
        )
        StatementTopic.objects.bulk_create(StatementTopic(statement=statement, topic=self.topic(t)) for t in topics)
        return statement


@pytest.fixture
def build(db) -> ArchiveBuilder:
    return ArchiveBuilder()
