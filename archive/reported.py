"""Also reported in: the same words of one speaker found in several documents are linked as one quote.

Candidates for a statement are the same speaker's statements in other documents that the full-text
index finds for a few pairs of its words (``archive.search``'s ``copies`` lookups);
``importer.duplicates.same_quote`` decides. Linked statements share ``Statement.quote_group`` (the
smallest statement id among them). Links are made when a document is imported and remade, among the
remaining statements, when statements or documents go.

The pairs are what makes this affordable in a big archive. The index answers "statements with both
of these words" by walking the list of the rarer word, so a pair costs what its rarer word costs: a
pair of words that thousands of statements use costs milliseconds at a million statements, a pair
with a rare word (a name, a place, a term) a fraction of one. The index's statistics say which words
are common (``BACKEND.word_rows``); each pair holds at least one word that is not, where the statement
has one. In a small archive every word is cheap, and the pairs are simply consecutive words.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from .importer.duplicates import MIN_WORDS, same_quote
from .models import Statement
from .search import BACKEND

# Pairs of words looked up for each statement, spread over its text.
PAIRS = 6
# A word that the index's statistics put in more statements than this is common: pairs avoid it.
COMMON_ROWS = 200


def link_document(document_id: int) -> int:
    """Link each statement of a freshly stored document to its copies elsewhere; returns the links made."""
    statements = BACKEND.indexed_words(document_id, MIN_WORDS)
    if not statements:
        return 0
    rows = BACKEND.word_rows()
    found = BACKEND.copies([(statement, pairs(words, rows)) for statement, words in statements])
    links = 0
    merged = False
    for statement, _ in statements:
        others = found.get(statement.pk, [])
        if merged and others:
            _refresh_groups(others)  # as a lookup made now would see them
        for other in others:
            if other.quote_group is not None and other.quote_group == statement.quote_group:
                continue  # already linked, through another copy
            if same_quote(statement.text, other.text):
                statement.quote_group = _merge(statement, other)
                links += 1
                merged = True
    return links


def pairs(words: list[str], rows: dict[str, float]) -> list[tuple[str, ...]]:
    """Groups of a text's words (stemmed, in order, each once) that copies of it would hold too.

    Consecutive uncommon words are paired, and up to ``PAIRS`` pairs are taken, spread over the text. An
    uncommon word left over is paired with the word before it; the only one is paired with each of its
    neighbours. A text with no uncommon word gives one group: its three least common words.
    """
    uncommon = [i for i, word in enumerate(words) if rows.get(word, 0) <= COMMON_ROWS]
    groups: list[tuple[str, ...]] = [(words[i], words[j]) for i, j in zip(uncommon[::2], uncommon[1::2], strict=False)]
    if len(uncommon) % 2:
        last = uncommon[-1]
        partners = [last - 1] if groups else [last - 1, last + 1]
        groups += [(words[last], words[j]) for j in partners if 0 <= j < len(words)]
        if len(words) == 1:
            groups.append((words[last],))
    elif not uncommon and words:
        least = sorted(range(len(words)), key=lambda i: (rows.get(words[i], 0), i))[:3]
        groups.append(tuple(words[i] for i in sorted(least)))
    if len(groups) > PAIRS:
        step = len(groups) / PAIRS
        groups = [groups[int(i * step)] for i in range(PAIRS)]
    return groups


def _refresh_groups(statements: list[Statement]) -> None:
    groups = dict(Statement.objects.filter(pk__in=[s.pk for s in statements]).values_list("pk", "quote_group"))
    for statement in statements:
        statement.quote_group = groups.get(statement.pk)


def _merge(a: Statement, b: Statement) -> int:
    """Put two statements, and everything already linked to either, in one group; returns its number."""
    groups = [g for g in (a.quote_group, b.quote_group) if g is not None]
    members = Q(pk__in=[a.pk, b.pk]) | Q(quote_group__in=groups)
    group = min([a.pk, b.pk, *groups])
    Statement.objects.filter(members).exclude(quote_group=group).update(quote_group=group)
    return group


def relink(groups: Iterable[int]) -> None:
    """Recompute groups after members went: the remaining statements are regrouped by what still links them."""
    for group in {g for g in groups if g is not None}:
        members = list(Statement.objects.filter(quote_group=group).only("pk", "text"))
        Statement.objects.filter(quote_group=group).update(quote_group=None)
        components: list[list[Statement]] = []
        for statement in members:
            joined = [c for c in components if any(same_quote(statement.text, m.text) for m in c)]
            merged = [statement, *(m for c in joined for m in c)]
            components = [c for c in components if c not in joined] + [merged]
        for component in components:
            if len(component) > 1:
                ids = [m.pk for m in component]
                Statement.objects.filter(pk__in=ids).update(quote_group=min(ids))


def also_reported(statement: Statement) -> list[Statement]:
    if statement.quote_group is None:
        return []
    return list(Statement.objects.filter(quote_group=statement.quote_group).exclude(pk=statement.pk)
                .select_related("document", "speaker").defer("document__raw_text").order_by("document__date", "pk"))
