"""What a search backend does, and the one there is: PostgreSQL's full-text search over the search tables.

Everything outside this package reaches the search through ``BACKEND`` (or the entry point ``run`` that
uses it), so another engine (tantivy, OpenSearch) could answer the same calls. Its input is plain data:
a ``SearchState`` (words, facet values by slug, dates, sort, page) or words and ids; its output is
statements (model instances, with the annotations listed) and numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Protocol

from archive.models import Statement
from archive.search import breakdowns, copies, counting, results
from archive.search import probes as verification
from archive.search.limits import Count
from archive.search.state import SearchState


class SearchBackend(Protocol):
    def count(self, state: SearchState) -> tuple[Count, counting.Counted, list[str]]:
        """The total and every facet's counts ({facet: {value: (label or None, Count)}}), each facet counted
        with the other facets' selections; Counts say whether they are exact. Then notes for people on how
        estimates were made."""

    def page(self, state: SearchState, page_size: int) -> list[Statement]:
        """One page of matches in the state's order, each with ``snippet`` (safe HTML, matches in <mark>),
        ``topic_slugs`` and ``topic_names`` (ordered by name), speaker and document loaded."""

    def each(self, state: SearchState) -> Iterator[Statement]:
        """Every match in the state's order, annotated as on a page but without snippets (exports)."""

    def probe(self, probes: list[tuple[str, ...]], per_probe: int) -> list[tuple[int, int]]:
        """(statement id, probe number) for up to ``per_probe`` statements holding every word of each probe's
        groups (quote verification)."""

    def indexed_words(self, document_id: int, min_words: int) -> list[tuple[Statement, list[str]]]:
        """A document's statements (of ``min_words`` or more) with their words as the index holds them."""

    def word_rows(self) -> dict[str, float]:
        """About how many statements hold each of the archive's common words (rarer words are absent)."""

    def copies(self, lookups: list[tuple[Statement, list[tuple[str, ...]]]]) -> dict[int, list[Statement]]:
        """For each statement, a few of the same speaker's statements in other documents holding every
        word of one of its groups (the candidates for "also reported in")."""

    def speaker_topics(self, speaker_id: int) -> breakdowns.TopicTotals:
        """A speaker's statements without a date, the span of the dated ones, and their counts per topic."""

    def speaker_topic_periods(self, speaker_id: int, topic_ids: list[int], monthly: bool) -> dict[int, Counter]:
        """A speaker's dated statements on these topics per year (or month)."""


class PostgresBackend:
    """PostgreSQL: the narrow search table and the stored counts kept by triggers (migration 0002), the
    statements' own full-text index for "also reported in", and the planner's statistics."""

    def count(self, state):
        return counting.count(state)

    def page(self, state, page_size):
        return results.page(state, page_size)

    def each(self, state):
        return results.each(state)

    def probe(self, probes, per_probe):
        return verification.probe(probes, per_probe)

    def indexed_words(self, document_id, min_words):
        return copies.indexed_words(document_id, min_words)

    def word_rows(self):
        return copies.word_rows()

    def copies(self, lookups):
        return copies.candidates(lookups)

    def speaker_topics(self, speaker_id):
        return breakdowns.speaker_topics(speaker_id)

    def speaker_topic_periods(self, speaker_id, topic_ids, monthly):
        return breakdowns.speaker_topic_periods(speaker_id, topic_ids, monthly)


BACKEND: SearchBackend = PostgresBackend()
