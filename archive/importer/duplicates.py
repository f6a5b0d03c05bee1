"""The same words of a speaker in several documents: two blogs reposting one interview, or an
article quoting a stretch of an answer.

Texts are compared folded (case, quotes, dashes, punctuation) with rapidfuzz: ``ratio`` when they
are of similar length, ``partial_ratio`` (the shorter inside the longer) when one is a fragment of
the other. Texts under six words are never matched: "Yes." occurs everywhere.

SAME_QUOTE was measured with tests/importer/test_duplicates.py over every statement the importer
finds in the seeds and the test corpora: 219 reposted copies (quote marks changed, a fragment of
8–40 words, two typos, an omission marked with "…", upper case) scored 81.1 at least, and 4,411
pairs of different statements by the same speaker scored 74.5 at most; 78 lies between.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from .normalize import fold

SAME_QUOTE = 78.0
MIN_WORDS = 6
# A text this much shorter than the other is compared as a fragment of it.
FRAGMENT_RATIO = 0.8


@functools.lru_cache(maxsize=4096)
def comparable(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", fold(text))).strip()


def similarity(a: str, b: str, score_cutoff: float = 0) -> float:
    """0–100; with ``score_cutoff``, any score below it may be given as 0 (rapidfuzz then stops early)."""
    a, b = comparable(a), comparable(b)
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) < MIN_WORDS:
        return 0.0
    if len(short) < FRAGMENT_RATIO * len(long_):
        if score_cutoff and _partial_ratio_bound(short, long_) < score_cutoff - 0.01:
            return 0.0
        return fuzz.partial_ratio(short, long_, score_cutoff=score_cutoff)
    return fuzz.ratio(a, b, score_cutoff=score_cutoff)


def _partial_ratio_bound(short: str, long_: str) -> float:
    """No part of ``long_`` is more like ``short`` than this (an upper bound of partial_ratio, cheap to compute).

    partial_ratio is the best ratio, 200·LCS(short, w) / (|short| + |w|), over the parts w of the longer
    text (of the shorter one's length, or shorter at its ends). With L the longest common subsequence of
    the two whole texts, LCS(short, w) ≤ min(L, |w|), so no part scores above 200·L / (|short| + L).
    Most texts that only share a pair of words stay far below the threshold, and one LCS costs about a
    hundredth of partial_ratio on texts of a few hundred characters.
    """
    common = LCSseq.similarity(short, long_)
    return 200 * common / (len(short) + common) if short else 0.0


def same_quote(a: str, b: str) -> bool:
    return similarity(a, b, score_cutoff=SAME_QUOTE) >= SAME_QUOTE
