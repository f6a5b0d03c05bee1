"""Also reported in: the same words of one speaker found in several documents are linked as one quote.

Candidates for a statement are the same speaker's statements in other documents that the full-text
index finds for groups of its words; ``importer.duplicates.same_quote`` decides. Linked statements
share ``Statement.quote_group`` (the smallest statement id among them). Links are made when a
document is imported and remade, among the remaining statements, when statements or documents go.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, Q

from .importer.duplicates import MIN_WORDS, same_quote
from .models import Statement
from .verify import search_groups

CANDIDATES = 10


def candidates(statement: Statement):
    groups = search_groups(statement.text)[:4]
    if not groups:
        return Statement.objects.none()
    query = SearchQuery(groups[0], config="english")
    for group in groups[1:]:
        query |= SearchQuery(group, config="english")
    return (Statement.objects.filter(speaker_id=statement.speaker_id, search_vector=query)
            .exclude(document_id=statement.document_id).only("pk", "text", "quote_group")[:CANDIDATES])


def link_document(document_id: int) -> int:
    """Link each statement of a freshly stored document to its copies elsewhere; returns the links made."""
    links = 0
    for statement in Statement.objects.filter(document_id=document_id).only("pk", "text", "speaker_id", "document_id", "quote_group"):
        if len(statement.text.split()) < MIN_WORDS:
            continue
        for other in candidates(statement):
            if other.quote_group is not None and other.quote_group == statement.quote_group:
                continue  # already linked, through another copy
            if same_quote(statement.text, other.text):
                statement.quote_group = _merge(statement, other)
                links += 1
    return links


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


def collapse(results: list[Statement]) -> list[Statement]:
    """A page of results with each quote once: later copies on the page are dropped, and every result
    carries ``sources``, the number of documents that report its words."""
    groups = {s.quote_group for s in results if s.quote_group is not None}
    sizes = dict(Statement.objects.filter(quote_group__in=groups).values_list("quote_group").annotate(n=Count("id")))
    seen: set[int] = set()
    kept = []
    for statement in results:
        if statement.quote_group is not None:
            if statement.quote_group in seen:
                continue
            seen.add(statement.quote_group)
        statement.sources = sizes.get(statement.quote_group, 1)
        kept.append(statement)
    return kept


def also_reported(statement: Statement) -> list[Statement]:
    if statement.quote_group is None:
        return []
    return list(Statement.objects.filter(quote_group=statement.quote_group).exclude(pk=statement.pk)
                .select_related("document", "speaker").defer("document__raw_text").order_by("document__date", "pk"))
