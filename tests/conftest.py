"""Shared fixtures. Tests run against the real PostgreSQL: pytest-django creates test_archive on it."""

import itertools

import pytest

from archive.models import Document, Speaker, Statement

_numbers = itertools.count(1)


@pytest.fixture
def make_statement(db):
    """Build a saved Statement with its Document and Speaker; keyword arguments override Statement fields."""

    def build(text: str = "We stand ready for dialogue.", speaker_name: str = "Sergey Ryabkov", **fields):
        number = next(_numbers)
        speaker, _ = Speaker.objects.get_or_create(
            name=speaker_name, defaults={"slug": f"{speaker_name.lower().replace(' ', '-')}-{number}"}
        )
        document = fields.pop("document", None) or Document.objects.create(
            file_name=f"document-{number}.txt", checksum="0" * 64, raw_text=text
        )
        values = {
            "key": f"key{number:06d}",
            "position": 0,
            "kind": Statement.Kind.QUOTE,
            "start_offset": 0,
            "end_offset": len(text),
        }
        values.update(fields)
        return Statement.objects.create(document=document, speaker=speaker, text=text, **values)

    return build
