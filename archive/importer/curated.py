"""Curated reference data from ``fixtures/``: speakers, topics and outlets.

Editors change these TOML files, not code. Loading them is kept apart from the stages so the
stages stay pure: they receive the plain data this module returns.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


@dataclass(frozen=True)
class CuratedSpeaker:
    name: str
    role: str = ""
    organisation: str = ""
    wikidata: str = ""
    aliases: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()


@dataclass(frozen=True)
class CuratedTopic:
    slug: str
    name: str
    description: str = ""
    terms: tuple[str, ...] = ()
    parent: str = ""


@dataclass(frozen=True)
class CuratedOutlet:
    name: str
    aliases: tuple[str, ...] = ()
    header_only: bool = False
    domains: tuple[str, ...] = ()  # web sites whose pages this outlet publishes
    publisher_lines: tuple[str, ...] = ()  # words of a header line found only on this publisher's pages


@dataclass(frozen=True)
class Curated:
    speakers: tuple[CuratedSpeaker, ...]
    title_words: frozenset[str]
    topics: tuple[CuratedTopic, ...]
    outlets: tuple[CuratedOutlet, ...]


class CuratedDataError(ValueError):
    """A fixtures file is malformed; the message names the file and the entry."""


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CuratedDataError(f"{path}: {exc}") from exc


def _entries(path: Path, data: dict, table: str, required: tuple[str, ...]) -> list[dict]:
    entries = data.get(table, [])
    for n, entry in enumerate(entries, 1):
        missing = [k for k in required if not entry.get(k)]
        if missing:
            raise CuratedDataError(f"{path}: [[{table}]] number {n} lacks {', '.join(missing)}")
    return entries


def load(directory: Path = FIXTURES) -> Curated:
    speakers_path = directory / "speakers.toml"
    topics_path = directory / "topics.toml"
    outlets_path = directory / "outlets.toml"
    speakers_data = _read(speakers_path)
    topics_data = _read(topics_path)
    outlets_data = _read(outlets_path)
    speakers = tuple(
        CuratedSpeaker(
            name=e["name"],
            role=e.get("role", ""),
            organisation=e.get("organisation", ""),
            wikidata=e.get("wikidata", ""),
            aliases=tuple(e.get("aliases", ())),
            surnames=tuple(e.get("surnames", ())),
        )
        for e in _entries(speakers_path, speakers_data, "speaker", ("name",))
    )
    topics = tuple(
        CuratedTopic(
            slug=e["slug"],
            name=e["name"],
            description=e.get("description", ""),
            terms=tuple(e.get("terms", ())),
            parent=e.get("parent", ""),
        )
        for e in _entries(topics_path, topics_data, "topic", ("slug", "name", "terms"))
    )
    outlets = tuple(
        CuratedOutlet(name=e["name"], aliases=tuple(e.get("aliases", ())), header_only=bool(e.get("header_only")),
                      domains=tuple(d.lower() for d in e.get("domains", ())),
                      publisher_lines=tuple(e.get("publisher_lines", ())))
        for e in _entries(outlets_path, outlets_data, "outlet", ("name",))
    )
    title_words = frozenset(w.lower() for w in speakers_data.get("title_words", ()))
    return Curated(speakers, title_words, topics, outlets)


@lru_cache(maxsize=1)
def default() -> Curated:
    """The project's fixtures, read once per process."""
    return load()
