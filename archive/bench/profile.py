"""Where a search page's time goes: the two SQL queries as PostgreSQL executes them, the rest of
``search.run`` in Python, the JSON twin and the HTML page (the difference is mostly the template).

``manage.py bench --profile`` prints this table after the measurements, medians of a few runs each.
"""

from __future__ import annotations

import statistics
import time
from urllib.parse import urlencode

from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from archive import search
from archive.bench.measure import Case, client

RUNS = 5


def _median_ms(function, runs: int = RUNS) -> float:
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _executed_ms(sql: str, params) -> float:
    """Server-side execution time of one captured query (EXPLAIN ANALYZE, without timing overhead)."""
    body = sql
    prefix = ""
    if sql.startswith("SET LOCAL"):  # the counts query: keep its settings, explain the statement after them
        *settings, body = sql.split(";", 2)
        prefix = ";".join(settings) + ";"
    with connection.cursor() as cursor:
        cursor.execute(f"{prefix} EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) {body}")
        while cursor.description is None and cursor.nextset():
            pass
        plan = cursor.fetchone()[0][0]
    return plan["Planning Time"] + plan["Execution Time"]


def profile(cases: list[Case]) -> list[dict]:
    http = client()
    rows = []
    for case in cases:
        params = QueryDict(urlencode(case.params, doseq=True))
        with CaptureQueriesContext(connection) as captured:
            page = search.run(params)
        # The SQL as sent (parameters inlined by the client-side cursor), run again under EXPLAIN: the counts,
        # then the page (a third query, for the sources of reposted quotes on the page, is not profiled).
        counts_sql, page_sql = (q["sql"] for q in captured.captured_queries[:2])
        counts_ms = statistics.median(_executed_ms(counts_sql, None) for _ in range(3))
        page_ms = statistics.median(_executed_ms(page_sql, None) for _ in range(3))
        run_ms = _median_ms(lambda params=params: search.run(params))
        json_ms = _median_ms(lambda case=case: http.get(case.path, {**case.params, "format": "json"}, secure=True))
        html_ms = _median_ms(lambda case=case: http.get(case.path, case.params, secure=True))
        rows.append(
            {
                "case": case.name,
                "counts_sql_ms": counts_ms,
                "page_sql_ms": page_ms,
                "search_run_ms": run_ms,
                "json_ms": json_ms,
                "html_ms": html_ms,
                "facet_values": sum(len(f.values) for f in page.facets),
            }
        )
    return rows


def table(rows: list[dict]) -> list[str]:
    head = (
        f"{'profile, medians (ms)':<26} {'counts SQL':>10} {'page SQL':>9} {'search.run':>10} "
        f"{'JSON page':>9} {'HTML page':>9} {'facet values':>12}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['case']:<26} {r['counts_sql_ms']:>10.1f} {r['page_sql_ms']:>9.1f} {r['search_run_ms']:>10.1f} "
            f"{r['json_ms']:>9.1f} {r['html_ms']:>9.1f} {r['facet_values']:>12}"
        )
    return lines
