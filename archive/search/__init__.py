"""Search: the only code that reads the search tables (``SearchEntry``, ``FacetCount``) and the planner's
statistics (``pg_stats``).

The entry point is ``run(params) -> SearchPage``: request parameters in, one ranked and faceted page of
statements out, invalid parameters left out and explained, reposted copies merged. Views stay thin: they
hand the query string to ``run`` and render the page (HTML, JSON, CSV, Atom). ``every(params)`` gives all
of a search's statements in the same order, merged the same way, for ``export_statements``.

Modules, each one job:

- ``params``: the URL parameters read and validated (a Django form); ``state``: the state they make
  (``SearchState``), its URL and the links that change it;
- ``facets``: one definition per facet (speaker, topic, outlet, year, kind): its validation, its
  condition on each search table, how it is counted, labelled and listed; ``conditions`` collects a
  state's conditions;
- ``counting``: the total and the facets' counts (one SQL query), exact or estimated within ``limits``;
- ``results``: the statements of a page, or all of them (one SQL query), and reposted copies merged;
  ``snippets``: the matches marked in them;
- ``probes`` (quote verification), ``copies`` ("also reported in") and ``breakdowns`` (a speaker's
  topics over time): the other questions the archive asks of its index;
- ``page``: the entry points; ``backend``: the interface below, and PostgreSQL's implementation of it.

The backend interface (``backend.SearchBackend``) is what the entry points and the rest of the archive
call, so that a second engine such as tantivy or OpenSearch could answer behind the same calls;
PostgreSQL is the only one for now. Every method takes plain data, a ``SearchState`` (words in
web-search syntax, facet values by slug, dates, sort, page) or words and ids, and returns statements
(model instances) and numbers:

- ``count(state)``: the total and every facet's counts, each facet with the other facets' selections
  applied, as ``Count`` numbers that say whether they are exact ("about 530,000"), and notes for people;
- ``page(state, page_size)``: one page of matches in the state's order, each with a highlighted
  ``snippet`` and its topics; ``each(state)``: every match in that order, for exports;
- ``probe(probes, per_probe)``: statements holding every word of a few groups of words (verification);
- ``indexed_words(document_id, min_words)``, ``word_rows()``, ``copies(lookups)``: a document's words as
  the index holds them, how common words are, and the same speaker's statements elsewhere that share a
  few of them (also reported in);
- ``speaker_topics(speaker_id)``, ``speaker_topic_periods(speaker_id, topic_ids, monthly)``: a speaker's
  statements counted by topic and by year or month (the timeline).

Merging reposted copies (``results.merge_copies``) is not the backend's: it reads ``Statement.quote_group``,
so whatever answers, every list and format merges them the same way.

PostgreSQL keeps the search tables with triggers (migration 0002): ``SearchEntry``, one narrow row per
statement (the facet keys, the document's date, a copy of the search vector), and ``FacetCount``, how
many statements each speaker, document, kind and topic has. A page takes two SQL queries (the counts,
then the statements), and a third when it holds reposted copies; ``limits`` describes what keeps them
fast at a million statements.
"""

from archive.search.backend import BACKEND, SearchBackend
from archive.search.facets import DEFINITIONS, FACETS, MAX_VALUE_LENGTH, MAX_VALUES, UNDATED, Facet
from archive.search.limits import Count
from archive.search.page import PAGE_SIZE, Chip, CountedFacet, FacetValue, SearchPage, every, run
from archive.search.params import MAX_QUERY_LENGTH, Parameters, parse
from archive.search.results import merge_copies
from archive.search.snippets import highlighted, plain_snippet
from archive.search.sql import search_query
from archive.search.state import SORT_LABELS, SORTS, SearchState, Toggles

__all__ = [
    "BACKEND",
    "DEFINITIONS",
    "FACETS",
    "MAX_QUERY_LENGTH",
    "MAX_VALUES",
    "MAX_VALUE_LENGTH",
    "PAGE_SIZE",
    "SORTS",
    "SORT_LABELS",
    "UNDATED",
    "Chip",
    "Count",
    "CountedFacet",
    "Facet",
    "FacetValue",
    "Parameters",
    "SearchBackend",
    "SearchPage",
    "SearchState",
    "Toggles",
    "every",
    "highlighted",
    "merge_copies",
    "parse",
    "plain_snippet",
    "run",
    "search_query",
]
