"""Results: the statements a search shows, in order, and reposted copies merged.

A page is one SQL query: its statement ids in order (by relevance or date) from the search table, as a
subquery of the statements with their speaker, document, topics and highlighted snippet. An export
reads every match the same way, in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchRank
from django.db.models import Count as Rows
from django.db.models import F, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from archive.models import Statement, StatementTopic
from archive.search import conditions as where_
from archive.search.snippets import add_snippets, with_headlines
from archive.search.sql import ENTRY, Positional, search_query, tsquery, where
from archive.search.state import SearchState

EXPORT_CHUNK = 2000


def page(state: SearchState, page_size: int) -> list[Statement]:
    """The page's statements, each with ``snippet`` (safe HTML), ``topic_slugs`` and ``topic_names``."""
    results = list(_statements(state, limit=page_size, offset=(state.page - 1) * page_size, snippets=True))
    add_snippets(results)
    return results


def each(state: SearchState) -> Iterator[Statement]:
    """Every statement that matches, in the state's order, read in chunks (for exports: no snippets)."""
    return _statements(state, snippets=False).iterator(chunk_size=EXPORT_CHUNK)


def _statements(state: SearchState, *, limit: int | None = None, offset: int = 0, snippets: bool) -> QuerySet:
    p = Positional()
    sort = state.effective_sort
    matching = where(list(where_.on_entries(state).values()), p)
    if sort == "relevance":
        order = f"ts_rank_cd(e.search_vector, {tsquery(p(state.q))}) DESC, e.date DESC NULLS LAST, e.document_id, e.position"
    elif sort == "newest":
        order = "e.date DESC NULLS LAST, e.document_id DESC, e.position"
    else:
        order = "e.date ASC NULLS LAST, e.document_id, e.position"
    ids = f"SELECT e.statement_id FROM {ENTRY} e WHERE {matching} ORDER BY {order}"
    if limit is not None:
        ids += f" LIMIT {p(limit)} OFFSET {p(offset)}"

    rows = Statement.objects.filter(pk__in=RawSQL(ids, p.params)).select_related("speaker", "document")
    rows = rows.defer("search_vector", "document__raw_text")
    topics = StatementTopic.objects.filter(statement=OuterRef("pk")).order_by("topic__name")
    rows = rows.annotate(
        topic_slugs=ArraySubquery(topics.values("topic__slug")),
        topic_names=ArraySubquery(topics.values("topic__name")),
    )
    if state.q and snippets:
        rows = with_headlines(rows, state.q)
    # The same order again, for the rows found (ties are broken by document and position in both).
    date = F("search_entry__date")
    if sort == "relevance":
        rows = rows.annotate(rank=SearchRank(F("search_entry__search_vector"), search_query(state.q), cover_density=True))
        ordering = [F("rank").desc(), date.desc(nulls_last=True), "document_id", "position"]
    elif sort == "newest":
        ordering = [date.desc(nulls_last=True), F("document_id").desc(), "position"]
    else:
        ordering = [date.asc(nulls_last=True), "document_id", "position"]
    return rows.order_by(*ordering)


def merge_copies(statements: Iterable[Statement], chunk: int = EXPORT_CHUNK) -> Iterator[Statement]:
    """The statements with each quote once: a reposted copy of a quote already given is left out, and
    every statement kept carries ``sources``, the number of documents that report its words.

    Copies share ``Statement.quote_group`` (``archive.reported`` links them at import). A page merges
    the copies on it; an export, every copy (the groups seen are remembered)."""
    seen: set[int] = set()
    statements = iter(statements)
    while batch := list(islice(statements, chunk)):
        groups = {s.quote_group for s in batch if s.quote_group is not None}
        sizes = dict(Statement.objects.filter(quote_group__in=groups).values_list("quote_group").annotate(n=Rows("id")))
        for statement in batch:
            if statement.quote_group is not None:
                if statement.quote_group in seen:
                    continue
                seen.add(statement.quote_group)
            statement.sources = sizes.get(statement.quote_group, 1)
            yield statement
