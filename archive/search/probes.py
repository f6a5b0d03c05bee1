"""Quote verification's probes: which statements hold every word of a few groups of a pasted passage.

``archive.verify`` chooses the groups and scores what the probes find; the probes read the narrow search
table, each limited on its own, all in one SQL query, so a probe of common words costs no more than a
probe of rare ones.
"""

from __future__ import annotations

from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery
from django.db.models import IntegerField, Value

from archive.models import SearchEntry
from archive.search.sql import SEARCH_CONFIG


def probe(probes: list[tuple[str, ...]], per_probe: int) -> list[tuple[int, int]]:
    """(statement id, probe number) for up to ``per_probe`` statements that hold every word of each probe's
    groups (each group's words are all required, in any form)."""
    queries = [reduce(and_, (SearchQuery(group, config=SEARCH_CONFIG) for group in groups)) for groups in probes]
    selects = [
        SearchEntry.objects.filter(search_vector=query).annotate(probe=Value(n, IntegerField()))
        .values_list("statement_id", "probe")[:per_probe]
        for n, query in enumerate(queries)
    ]
    if not selects:
        return []
    return list(selects[0].union(*selects[1:], all=True))
