"""The search's limits, for archives of a million statements on a small machine, and the numbers they make.

* Counting is exact up to ``SEARCH_COUNT_LIMIT`` matches (10,000). Beyond that a set's counts are
  estimated from a fixed random sample of the archive's table blocks (``SEARCH_SAMPLE_ROWS``, 20,000
  statements): the page says "about 530,000" and marks facet counts "≈". An archive of at most
  ``SEARCH_EXACT_ARCHIVE`` statements (200,000) is always counted exactly, whatever the number of
  matches, since reading all of it is affordable.
* Ranking by relevance scores every match, so it is done up to ``SEARCH_RANK_LIMIT`` matches (10,000);
  more matches are shown newest first, and the page says so.
* Paging stops after ``SEARCH_COUNT_LIMIT`` results when the count is not exact.

The four limits are Django settings (read here with these defaults), so tests can make them small.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_LIMITS = {
    "SEARCH_COUNT_LIMIT": 10_000,  # matches counted exactly; beyond, estimated
    "SEARCH_EXACT_ARCHIVE": 200_000,  # archives this small are always counted exactly
    "SEARCH_RANK_LIMIT": 10_000,  # matches ranked by relevance; beyond, newest first
    "SEARCH_SAMPLE_ROWS": 20_000,  # statements in the sample that estimates bigger counts
}
# An estimate from fewer sampled matches than this is too rough to print; the page says "more than N".
MIN_SAMPLE_HITS = 100
# A set the sample puts at more than this many times the count limit is not counted row by row.
SKIP_COUNT_FACTOR = 4


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULT_LIMITS[name]))


class Count(int):
    """A number of statements that knows how it was obtained, and prints the way people should read it.

    Exact counts print as the number. A count that stopped at the limit is ``more than 10,000`` (its
    value is the limit plus one); an estimate is ``about 530,000`` (or ``≈4,300`` in a facet, where
    space is short), its value rounded to two significant digits. It stays an int, so arithmetic,
    comparisons and JSON see the number.
    """

    text: str
    exact: bool

    def __new__(cls, value: int, text: str | None = None):
        count = super().__new__(cls, value)
        count.text = text if text is not None else str(int(value))
        count.exact = text is None
        return count

    def __str__(self) -> str:
        return self.text

    @classmethod
    def more_than(cls, bound: int) -> Count:
        return cls(bound + 1, f"more than {bound:,}")

    @classmethod
    def about(cls, estimate: float, short: bool = False) -> Count:
        value = _two_digits(estimate)
        return cls(value, f"≈{value:,}" if short else f"about {value:,}")


def _two_digits(value: float) -> int:
    """Round to two significant digits: 527,431 → 530,000; 47 stays 47."""
    value = round(value)
    if value < 100:
        return int(value)
    scale = 10 ** (len(str(value)) - 2)
    return int(round(value / scale) * scale)
