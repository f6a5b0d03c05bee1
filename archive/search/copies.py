"""The lookups behind "also reported in": a document's statements as the index holds their words, which
words are common, and the same speaker's statements elsewhere that hold a few of the same words.

``archive.reported`` decides which candidates are copies and links them. The lookups use the statements'
own full-text index (which has no GIN pending list, migration 0004) and PostgreSQL's statistics of it
(``pg_stats``, kept by ANALYZE).
"""

from __future__ import annotations

import time

from django.db import connection

from archive.models import Statement
from archive.search.sql import STATEMENT

CANDIDATES = 10
# How long the statistics read are used before they are read again (seconds).
STATISTICS_TTL = 300


def indexed_words(document_id: int, min_words: int) -> list[tuple[Statement, list[str]]]:
    """A document's statements of ``min_words`` words or more, in order, each with its words as the search
    index holds them (stemmed, without stop words), in order, each once."""
    with connection.cursor() as cursor:
        cursor.execute(
            # The text's words are those of weight A in the search vector (the speaker's name is B, after them).
            "SELECT s.id, s.text, s.speaker_id, s.quote_group, ARRAY(SELECT w.lexeme FROM unnest(s.search_vector) w "
            f"WHERE 'A' = ANY(w.weights) ORDER BY w.positions[1], w.lexeme) "
            f"FROM {STATEMENT} s WHERE s.document_id = %s ORDER BY s.position, s.id",
            [document_id],
        )
        rows = cursor.fetchall()
    return [(Statement(pk=pk, text=text, speaker_id=speaker_id, document_id=document_id, quote_group=quote_group), words)
            for pk, text, speaker_id, quote_group, words in rows if len(text.split()) >= min_words]


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
            f"""
            SELECT statement_id, id, text, quote_group FROM (
                SELECT statement_id, id, text, quote_group,
                       row_number() OVER (PARTITION BY statement_id ORDER BY document_id, position, id) AS n
                FROM (SELECT DISTINCT ON (g.statement_id, s.id)
                             g.statement_id, s.id, s.text, s.quote_group, s.document_id, s.position
                        FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::text[]::tsquery[])
                             AS g (statement_id, speaker_id, document_id, words)
                        CROSS JOIN LATERAL (
                             SELECT id, text, quote_group, document_id, position FROM {STATEMENT}
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


_STATISTICS: dict[str, tuple[float, dict[str, float]]] = {}


def word_rows() -> dict[str, float]:
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
            f"WHERE c.oid = '{Statement._meta.db_table}'::regclass"
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
