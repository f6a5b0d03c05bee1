"""What the PostgreSQL search's queries share: the tables, named parameters and conditions.

A condition is a function of a parameter placeholder function, ``p(value) -> "%(p0)s"``, so one
condition can be written into several places of a query with its values passed once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.postgres.search import SearchQuery
from django.db import connection

from archive.models import Document, FacetCount, SearchEntry, Speaker, Statement, Topic

SEARCH_CONFIG = "english"

Placeholder = Callable[[object], str]
Condition = Callable[[Placeholder], str]


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


ENTRY = SearchEntry._meta.db_table  # alias e in conditions: the narrow search table, one row per statement
COUNTS = FacetCount._meta.db_table  # alias g: stored counts per speaker, document, kind and topic
ALL_TOPICS = FacetCount.ALL_TOPICS
SPEAKER, TOPIC, DOCUMENT, STATEMENT = (table(m) for m in (Speaker, Topic, Document, Statement))


def search_query(q: str) -> SearchQuery:
    """Web-search syntax: "exact phrase", OR, -word (PostgreSQL's websearch_to_tsquery)."""
    return SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")


def tsquery(placeholder: str) -> str:
    return f"websearch_to_tsquery('{SEARCH_CONFIG}', {placeholder})"


class Named:
    """Collects parameters for a query written with %(name)s placeholders; equal values share a name."""

    def __init__(self):
        self.params: dict[str, object] = {}

    def __call__(self, value) -> str:
        for name, known in self.params.items():
            if type(known) is type(value) and known == value:
                return f"%({name})s"
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"


class Positional:
    """Collects parameters for a query written with %s placeholders, in order."""

    def __init__(self):
        self.params: list = []

    def __call__(self, value) -> str:
        self.params.append(value)
        return "%s"


def where(conditions: list[Condition], p: Placeholder) -> str:
    return " AND ".join(f"({c(p)})" for c in conditions) or "TRUE"


def fetch(sql: str, params) -> list[tuple]:
    """The rows of the last statement of ``sql`` (which may start with SET LOCAL statements)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while cursor.description is None and cursor.nextset():
            pass
        return cursor.fetchall()
