"""Stage 6: tag statements with topics from the editable taxonomy in ``fixtures/topics.toml``.

Tagging is a plain term match so that every tag can be explained by the terms that produced it;
those terms are stored with the tag.
"""

from __future__ import annotations

import re

from .curated import CuratedTopic
from .normalize import fold


class Tagger:
    def __init__(self, topics: tuple[CuratedTopic, ...]):
        # Each pattern with the words it must contain: a plain substring test rules most terms out far
        # faster than the pattern would, and never rules out a match.
        self._patterns = []
        for topic in topics:
            for term in topic.terms:
                acronym = _is_acronym(term)
                self._patterns.append((topic.slug, term, acronym, _term_body(term), _term_pattern(term)))

    def tag(self, text: str) -> dict[str, list[str]]:
        """Topic slug → the taxonomy terms found in ``text`` (each term once, in taxonomy order)."""
        cased = fold(text, keep_case=True)
        folded = cased.lower()  # what fold(text) gives
        found: dict[str, list[str]] = {}
        for slug, term, acronym, body, pattern in self._patterns:
            within = cased if acronym else folded
            if body in within and pattern.search(within):
                terms = found.setdefault(slug, [])
                if term not in terms:
                    terms.append(term)
        return found


    def tag_statement(self, text: str, context: str | None, is_answer: bool) -> dict[str, list[str]]:
        """Topics of a statement: from its own words, or for a terse answer ("Absolutely.") from its question."""
        return self.tag(text) or (self.tag(context) if is_answer and context else {})


def _is_acronym(term: str) -> bool:
    """Acronyms (NATO, INF, СВО) keep their case, so that "inf" or "smo" in a word never match."""
    word = term.rstrip("*")
    return word.isupper() and len(word.replace("-", "")) <= 8


def _term_body(term: str) -> str:
    """The text a term's pattern matches literally, between its word boundaries."""
    word = term.rstrip("*")
    return fold(word, keep_case=True) if _is_acronym(term) else fold(word)


def _term_pattern(term: str) -> re.Pattern[str]:
    tail = r"\w*" if term.endswith("*") else r"(?!\w)"
    return re.compile(rf"(?<!\w){re.escape(_term_body(term))}{tail}")
