"""Also reported in: the same words of one speaker found in several documents are linked as one quote.

Candidates for a statement are the same speaker's statements in other documents that the full-text
index finds for a few pairs of its words; ``importer.duplicates.same_quote`` decides. Linked
statements share ``Statement.quote_group`` (the smallest statement id among them). Links are made
when a document is imported and remade, among the remaining statements, when statements or documents
go.

The pairs are what makes this affordable in a big archive. The index answers "statements with both
of these words" by walking the list of the rarer word, so a pair costs what its rarer word costs: a
pair of words that thousands of statements use costs milliseconds at a million statements, a pair
with a rare word (a name, a place, a term) a fraction of one. PostgreSQL's statistics of the search
vector (``pg_stats``, kept by ANALYZE) say which words are common; each pair holds at least one word
that is not, where the statement has one. In a small archive every word is cheap, and the pairs are
simply consecutive words.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, Q

from .importer.duplicates import MIN_WORDS, same_quote
from .models import Statement

CANDIDATES = 10
# Pairs of words looked up for each statement, spread over its text.
PAIRS = 6
# A word that PostgreSQL's statistics put in more statements than this is common: pairs avoid it.
COMMON_ROWS = 200
# How long the statistics read are used before they are read again (seconds).
STATISTICS_TTL = 300


def link_document(document_id: int) -> int:
    """Link each statement of a freshly stored document to its copies elsewhere; returns the links made."""
    statements = _statements_and_words(document_id)
    if not statements:
        return 0
    rows = _rows_by_word()
    found = candidates([(statement, pairs(words, rows)) for statement, words in statements])
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


def candidates(lookups: list[tuple[Statement, list[tuple[str, ...]]]]) -> dict[int, list[Statement]]:
    """For each statement, the same speaker's statements in other documents that hold every word of one of
    its groups (the first ``CANDIDATES`` in archive order): one query for all of them.

    Each group is looked up on its own, through the search index: the index then walks only the list of the
    group's rarer word, where one condition with all the groups would check every group against every row
    listed. OFFSET 0 keeps the lookup a subquery run for each group (joined, the planner would rather scan
    the table); "speaker_id + 0" keeps the speaker's index out: the groups are selective whoever speaks,
    a speaker's index is not for the busiest speakers.
    """
    rows = [(statement.pk, statement.speaker_id, statement.document_id, " & ".join(_lexeme(w) for w in group))
            for statement, groups in lookups for group in groups]
    found: dict[int, list[Statement]] = {}
    if not rows:
        return found
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT statement_id, id, text, quote_group FROM (
                SELECT statement_id, id, text, quote_group,
                       row_number() OVER (PARTITION BY statement_id ORDER BY document_id, position, id) AS n
                FROM (SELECT DISTINCT ON (g.statement_id, s.id)
                             g.statement_id, s.id, s.text, s.quote_group, s.document_id, s.position
                        FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::text[]::tsquery[])
                             AS g (statement_id, speaker_id, document_id, words)
                        CROSS JOIN LATERAL (
                             SELECT id, text, quote_group, document_id, position FROM archive_statement
                              WHERE search_vector @@ g.words AND speaker_id + 0 = g.speaker_id
                                AND document_id <> g.document_id
                             OFFSET 0) s
                       ORDER BY g.statement_id, s.id) matched
            ) ranked
            WHERE n <= %s ORDER BY statement_id, n
            """,
            [*map(list, zip(*rows, strict=True)), CANDIDATES],
        )
        for statement_id, pk, text, quote_group in cursor.fetchall():
            found.setdefault(statement_id, []).append(Statement(pk=pk, text=text, quote_group=quote_group))
    return found


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


def _statements_and_words(document_id: int) -> list[tuple[Statement, list[str]]]:
    """A document's statements of ``MIN_WORDS`` words or more, in order, each with its words as the search
    index holds them (stemmed, without stop words), in order, each once."""
    with connection.cursor() as cursor:
        cursor.execute(
            # The text's words are those of weight A in the search vector (the speaker's name is B, after them).
            "SELECT s.id, s.text, s.speaker_id, s.quote_group, ARRAY(SELECT w.lexeme FROM unnest(s.search_vector) w "
            "WHERE 'A' = ANY(w.weights) ORDER BY w.positions[1], w.lexeme) "
            "FROM archive_statement s WHERE s.document_id = %s ORDER BY s.position, s.id",
            [document_id],
        )
        rows = cursor.fetchall()
    return [(Statement(pk=pk, text=text, speaker_id=speaker_id, document_id=document_id, quote_group=quote_group), words)
            for pk, text, speaker_id, quote_group, words in rows if len(text.split()) >= MIN_WORDS]


def _refresh_groups(statements: list[Statement]) -> None:
    groups = dict(Statement.objects.filter(pk__in=[s.pk for s in statements]).values_list("pk", "quote_group"))
    for statement in statements:
        statement.quote_group = groups.get(statement.pk)


_STATISTICS: dict[str, tuple[float, dict[str, float]]] = {}


def _rows_by_word() -> dict[str, float]:
    """About how many statements hold each common word, from the statistics ANALYZE keeps; read again
    every few minutes. Words the statistics do not list are rarer than every word they do."""
    database = connection.settings_dict["NAME"]
    read_at, rows = _STATISTICS.get(database, (0.0, {}))
    if time.monotonic() - read_at < STATISTICS_TTL:
        return rows
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
            "FROM pg_class c JOIN pg_stats s ON s.schemaname = c.relnamespace::regnamespace::name "
            "AND s.tablename = c.relname AND s.attname = 'search_vector' "
            "WHERE c.oid = 'archive_statement'::regclass"
        )
        row = cursor.fetchone()
    rows = {}
    if row is not None and row[1] is not None:
        statements = max(row[0], 0)
        rows = {word: frequency * statements for word, frequency in zip(row[1], row[2], strict=False)}
    _STATISTICS[database] = (time.monotonic(), rows)
    return rows


def _lexeme(word: str) -> str:
    """A word as a tsquery operand, quoted so PostgreSQL takes it as it is (no parsing, no stemming)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


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
