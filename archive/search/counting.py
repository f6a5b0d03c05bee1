"""Counting: a search's total and every facet's counts, in one SQL query.

Each facet is counted over the statements that match the words, the dates and every *other* facet's
selection, so values within a facet combine with OR (choosing a second topic widens the results) and
different facets with AND; the total applies all of them. Facet f is counted over the set "f" (every
selection but f's) when f has a selection, else over the set "all"; the total is the size of "all".

- Without words (and with what the stored counts can apply: at most one topic), the sets are sums of
  the stored ``FacetCount`` rows: exact at any size.
- With words, the matching search entries are grouped by speaker, document, kind and topic set, each
  set exactly while it is within ``SEARCH_COUNT_LIMIT`` or the archive within ``SEARCH_EXACT_ARCHIVE``,
  else estimated from a fixed random sample of the table's blocks (``SEARCH_SAMPLE_ROWS`` statements);
  the groups' counts are then summed per facet value (grouping sets, one pass).
"""

from __future__ import annotations

from archive.search import conditions as where_
from archive.search import limits
from archive.search.facets import DEFINITIONS, FACETS
from archive.search.limits import SKIP_COUNT_FACTOR, Count, limit
from archive.search.sql import ALL_TOPICS, COUNTS, DOCUMENT, ENTRY, Condition, Named, fetch, where
from archive.search.state import SearchState

# Every facet's grouping column and its type, in the facets' order in every CTE of a query.
COLUMNS = {f.column: f.column_type for f in DEFINITIONS.values()}

Counted = dict[str, dict[str, tuple]]  # {facet: {value: (label, Count)}}


def count(state: SearchState) -> tuple[Count, Counted, list[str]]:
    """The total, every facet's counts, and notes for people about estimates."""
    p = Named()
    selected = list(state.selections)
    needs = {"all": [f for f in FACETS if f not in selected], **{f: [f] for f in selected}}
    code: dict[str, int] = {}  # the value of m_<set>.g on the rows that count each facet
    if where_.summable(state):
        ctes, head = _stored_counts(where_.on_counts(state), state, needs, code, p)
    else:
        ctes, head = _entry_groups(where_.on_entries(state), selected, p)
        for name, facets in needs.items():
            if facets:
                ctes.append(_marginals(name, facets, f"k_{name}", code))
    parts = list(head)
    for name in FACETS:
        parts.append(DEFINITIONS[name].counted(f"m_{name if name in selected else 'all'}", code[name]))
    # Selected speakers and topics are listed even when nothing matches them, so their chips have names.
    for name, values in state.selections.items():
        if (named := DEFINITIONS[name].named(values, p)) is not None:
            parts.append(named)
    sql = ("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; "
           "WITH " + ",\n".join(ctes) + "\n" + "\nUNION ALL\n".join(f"({part})" for part in parts))
    return _read(fetch(sql, p.params))


def _entry_groups(conditions: dict[str, Condition], selected: list[str], p) -> tuple[list[str], list[str]]:
    """CTEs k_<set> of grouped search entries: exact up to the count limit, else estimated from the sample.

    In a big archive the sample is read first (a fixed 2% of a million statements' table blocks, about
    10 ms): a set it puts far above the limit is not counted row by row, which would stop at the limit
    anyway; the others are, and stay exact when they are within it.
    """
    cap = limit("SEARCH_COUNT_LIMIT")
    common = [c for name, c in conditions.items() if name not in FACETS]

    def matching(but: str | None) -> str:
        return where(common + [conditions[name] for name in selected if name != but], p)

    def selections(but: str | None) -> str:
        return where([conditions[name] for name in selected if name != but], p)

    sets = {"all": None, **{name: name for name in selected}}
    keys = "speaker_id, document_id, kind, topic_ids"
    flags = ", ".join(f"({selections(but)}) AS in_{name}" for name, but in sets.items())
    ctes = [
        # In an archive bigger than SEARCH_EXACT_ARCHIVE, n is the count limit plus one, else NULL.
        f"""lim AS (
            SELECT CASE WHEN c.reltuples > {p(limit('SEARCH_EXACT_ARCHIVE'))} THEN {p(cap + 1)}::bigint END AS n,
                   least(100.0, {p(limit('SEARCH_SAMPLE_ROWS'))} * 100.0 / greatest(c.reltuples, 1)) AS pct
              FROM pg_class c WHERE c.oid = '{ENTRY}'::regclass)""",
        f"""sample AS MATERIALIZED (
            SELECT {keys}, {flags}
              FROM {ENTRY} e TABLESAMPLE SYSTEM ((SELECT pct FROM lim)) REPEATABLE (0)
             WHERE (SELECT n FROM lim) IS NOT NULL AND {where(common, p)})""",
        "estimates AS MATERIALIZED (" + " UNION ALL ".join(
            f"SELECT '{name}'::text AS name, count(*) * 100.0 / (SELECT pct FROM lim) AS n FROM sample WHERE in_{name}"
            for name in sets) + ")",
    ]
    far = p(cap * SKIP_COUNT_FACTOR)
    for name, but in sets.items():
        estimate = f"(SELECT n FROM estimates WHERE name = '{name}')"
        # Two plans, at most one of which runs: the planner knows whether it reads every match or only the first.
        ctes.append(
            f"""x_{name} AS MATERIALIZED (
                SELECT {keys}, count(*) AS n FROM (
                    SELECT {keys} FROM {ENTRY} e WHERE (SELECT n FROM lim) IS NULL AND {matching(but)}
                    UNION ALL
                    (SELECT {keys} FROM {ENTRY} e
                      WHERE (SELECT n FROM lim) IS NOT NULL AND {estimate} <= {far} AND {matching(but)}
                      LIMIT {p(cap + 1)})
                ) r GROUP BY 1, 2, 3, 4)""")
    ctes.append("overs AS MATERIALIZED (" + " UNION ALL ".join(
        f"SELECT '{name}'::text AS name, t.n, (SELECT n FROM lim) IS NOT NULL "
        f"AND (t.n > {p(cap)} OR (SELECT n FROM estimates WHERE name = '{name}') > {far}) AS over "
        f"FROM (SELECT coalesce(sum(n), 0)::bigint AS n FROM x_{name}) t"
        for name in sets) + ")")
    group_keys = ", ".join(f"{f.entry_key} AS {f.column}" for f in DEFINITIONS.values())
    for name in sets:
        over = f"(SELECT over FROM overs WHERE name = '{name}')"
        ctes.append(
            f"""k_{name} AS (
                SELECT {group_keys}, z.n, z.sampled
                  FROM (SELECT *, false AS sampled FROM x_{name} WHERE NOT {over}
                        UNION ALL
                        SELECT {keys}, count(*), true FROM sample WHERE in_{name} AND {over} GROUP BY 1, 2, 3, 4) z
                  JOIN {DOCUMENT} d ON d.id = z.document_id)""")
    head = [
        "SELECT 'total', name, NULL, n, over FROM overs WHERE name = 'all'",
        "SELECT 'sampled', NULL, NULL, count(*), true FROM sample WHERE in_all",
        "SELECT 'sample_percent', pct::text, NULL, (SELECT count(*) FROM sample), true FROM lim",
    ]
    return ctes, head


def _marginals(name: str, facets: list[str], source: str, code: dict[str, int]) -> str:
    """CTE m_<name>: the rows of `source` summed by each facet's column, in one pass (grouping sets)."""
    columns = [DEFINITIONS[f].column for f in facets]
    for i, facet in enumerate(facets):
        code[facet] = (1 << len(columns)) - 1 - (1 << (len(columns) - 1 - i))
    listed = ", ".join(c if c in columns else f"NULL::{t} AS {c}" for c, t in COLUMNS.items())
    return f"""m_{name} AS MATERIALIZED (
        SELECT grouping({", ".join(columns)}) AS g, {listed},
               sum(n)::bigint AS n, bool_or(sampled) AS sampled
          FROM {source} GROUP BY GROUPING SETS ({", ".join(f"({c})" for c in columns)}))"""


def _stored_counts(conditions: dict[str, Condition], state: SearchState, needs: dict[str, list[str]],
                   code: dict[str, int], p) -> tuple[list[str], list[str]]:
    """CTEs m_<set> from the stored counts: without words, every count is a sum of them, exact.

    The rows with topic 0 count every statement of their speaker, document and kind; with a topic
    selected, the rows of that topic count its statements instead. The topic facet sums the rows of each topic.
    """
    chosen = DEFINITIONS["topic"].stored_rows(state.topic, p) if state.topic else f"g.topic_id = {ALL_TOPICS}"
    keys = ", ".join(f"{f.count_key} AS {f.column}" for f in DEFINITIONS.values())
    ctes = []
    for name, facets in needs.items():
        others = [c for f, c in conditions.items() if f != name]
        matching = where(others, p)
        rows = chosen if name != "topic" else f"g.topic_id = {ALL_TOPICS}"
        plain = [f for f in facets if f != "topic"]
        if plain or name == "all":
            ctes.append(
                f"""k_{name} AS MATERIALIZED (
                    SELECT {keys}, statements AS n, false AS sampled
                      FROM {COUNTS} g WHERE {rows} AND g.statements > 0 AND {matching})""")
        if plain:
            ctes.append(_marginals(f"{name}_plain", plain, f"k_{name}", code))
        union = [f"SELECT * FROM m_{name}_plain"] if plain else []
        if "topic" in facets:
            code["topic"] = -1
            listed = ", ".join(f"ARRAY[g.topic_id] AS {c}" if c == "topic_ids" else f"NULL::{t} AS {c}" for c, t in COLUMNS.items())
            union.append(
                f"""SELECT -1 AS g, {listed}, sum(g.statements)::bigint AS n, false AS sampled
                      FROM {COUNTS} g WHERE g.topic_id <> {ALL_TOPICS} AND g.statements > 0 AND {matching}
                     GROUP BY g.topic_id""")
        if union:
            ctes.append(f"m_{name} AS MATERIALIZED ({' UNION ALL '.join(union)})")
    total = ["SELECT 'total', 'all', NULL, coalesce(sum(n), 0)::bigint, false FROM k_all"]
    return ctes, total


def _read(rows) -> tuple[Count, Counted, list[str]]:
    cap = limit("SEARCH_COUNT_LIMIT")
    total = Count(0)
    over_all = False
    sampled_total = sample_rows = 0
    percent = 100.0
    raw: dict[str, dict[str, tuple]] = {name: {} for name in FACETS}
    for facet, value, label, n, sampled in rows:
        if facet == "total":
            total, over_all = Count(n), sampled
        elif facet == "sampled":
            sampled_total = n
        elif facet == "sample_percent":
            percent, sample_rows = float(value), n
        elif value not in raw[facet] or raw[facet][value][1] < n:
            raw[facet][value] = (label, n, sampled)
    scale = 100.0 / percent if percent else 1.0
    if over_all:
        estimate = sampled_total * scale
        total = Count.about(estimate) if sampled_total >= limits.MIN_SAMPLE_HITS and estimate > cap else Count.more_than(cap)
    counted = {
        facet: {
            value: (label, Count.about(n * scale, short=True) if sampled else Count(n))
            for value, (label, n, sampled) in values.items()
        }
        for facet, values in raw.items()
    }
    notes = []
    if over_all or any(sampled for values in raw.values() for _, _, sampled in values.values()):
        notes.append(
            f"More than {cap:,} statements match, so the counts marked ≈ are estimated from a random sample of "
            f"{sample_rows:,} statements ({percent:.1f}% of the archive) and rounded."
        )
    return total, counted, notes
