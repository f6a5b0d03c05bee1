"""Plain data passed between the import stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of cleaned text that remembers where it stands in the raw text.

    Offsets point into the decoded raw text kept on the Document, so every statement can be
    traced back to the exact characters it came from, even after cleaning changed the spacing.
    """

    text: str
    start: int
    end: int
    index: int = 0


@dataclass(frozen=True)
class SpeakerRef:
    """Who said something: a curated speaker, or a person the text names in full."""

    name: str
    known: bool
    role: str = ""


@dataclass
class ParsedStatement:
    speaker: SpeakerRef
    kind: str  # answer | speech | quote | remark
    text: str
    context: str | None
    start: int
    end: int
    topics: dict[str, list[str]] = field(default_factory=dict)  # slug → matched terms


@dataclass
class ParsedDocument:
    file_name: str
    title: str
    outlet: str | None
    publisher: str | None
    date: dt.date | None
    date_precision: str | None
    raw_text: str
    statements: list[ParsedStatement]
    form: str  # transcript | dashed | speech | article | empty
    unattributed: int = 0  # passages that looked like someone's words but had no confident speaker
