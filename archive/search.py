"""Search: request parameters in, one ranked and faceted page of statements out.

Views stay thin: they hand the query string to ``run`` and render the ``SearchPage`` it returns, as
HTML or JSON. Everything about matching, ranking, snippets, facets and paging lives here.

Search reads the narrow search table, ``SearchEntry`` (one row per statement: the facet keys, the
document's date and a copy of the search vector, kept by triggers), never the wide statement rows,
except for the twenty statements a page shows. Two SQL queries make a page, whatever is selected:

1. Counts: the total and every facet's counts. Each facet is counted over the statements that match
   the words, the dates and every *other* facet's selection, so values within a facet combine with
   OR (choosing a second topic widens the results) and different facets with AND; the total applies
   all of them. Each of these sets is read once, grouped by (speaker, document, kind) and by topic set;
   outlet and year are the document's, so they come from those groups.
2. The page: the twenty statement ids in order (by relevance or date) from the search table, then
   those statements with speaker, document, topics, rank and highlighted snippet.

Honest limits, for archives of a million statements (``docs/benchmarks.md``):

* Counting is exact up to ``SEARCH_COUNT_LIMIT`` matches (10,000). Beyond that a set's counts are
  estimated from a fixed random sample of the archive's table blocks (``SEARCH_SAMPLE_ROWS``,
  20,000 statements): the page says "about 530,000" and marks facet counts "≈". An archive of at most
  ``SEARCH_EXACT_ARCHIVE`` statements (200,000) is always counted exactly, whatever the number of
  matches, since reading all of it is affordable.
* Ranking by relevance scores every match, so it is done up to ``SEARCH_RANK_LIMIT`` matches (10,000);
  more matches are shown newest first, and the page says so.
* Paging stops after ``SEARCH_COUNT_LIMIT`` results when the count is not exact.

The four limits are Django settings (read here with these defaults), so tests can make them small.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from math import ceil
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection
from django.db.models import Case, F, Func, OuterRef, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.filters import FACETS, SEARCH_CONFIG, SORTS, UNDATED, StatementFilter, search_query
from archive.models import Document, FacetCount, SearchEntry, Speaker, Statement, StatementTopic, Topic

PAGE_SIZE = 20
TOP_FACET_VALUES = 8
# How many of a facet's values the HTML page lists (the JSON twin has every one): a search of a big
# archive can count 500 speakers, a list nobody scrolls, which cost a third of the page's time.
LISTED_FACET_VALUES = 100
SNIPPET_WORDS = 45
WHOLE_SNIPPET_CHARACTERS = 320
FACET_LABELS = {"speaker": "Speaker", "topic": "Topic", "outlet": "Outlet", "year": "Year", "kind": "Kind"}

DEFAULT_LIMITS = {
    "SEARCH_COUNT_LIMIT": 10_000,  # matches counted exactly; beyond, estimated
    "SEARCH_EXACT_ARCHIVE": 200_000,  # archives this small are always counted exactly
    "SEARCH_RANK_LIMIT": 10_000,  # matches ranked by relevance; beyond, newest first
    "SEARCH_SAMPLE_ROWS": 20_000,  # statements in the sample that estimates bigger counts
}
# An estimate from fewer sampled matches than this is too rough to print; the page says "more than N".
MIN_SAMPLE_HITS = 100
# A set the sample puts at more than this many times the count limit is not counted row by row.
SKIP_COUNT_FACTOR = 4


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULT_LIMITS[name]))


class Count(int):
    """A number of statements that knows how it was obtained, and prints the way people should read it.

    Exact counts print as the number. A count that stopped at the limit is ``more than 10,000`` (its
    value is the limit plus one); an estimate is ``about 530,000`` (or ``≈4,300`` in a facet, where
    space is short), its value rounded to two significant digits. It stays an int, so arithmetic,
    comparisons and JSON see the number.
    """

    text: str
    exact: bool

    def __new__(cls, value: int, text: str | None = None):
        count = super().__new__(cls, value)
        count.text = text if text is not None else str(int(value))
        count.exact = text is None
        return count

    def __str__(self) -> str:
        return self.text

    @classmethod
    def more_than(cls, bound: int) -> Count:
        return cls(bound + 1, f"more than {bound:,}")

    @classmethod
    def about(cls, estimate: float, short: bool = False) -> Count:
        value = _two_digits(estimate)
        return cls(value, f"≈{value:,}" if short else f"about {value:,}")


def _two_digits(value: float) -> int:
    """Round to two significant digits: 527,431 → 530,000; 47 stays 47."""
    value = round(value)
    if value < 100:
        return int(value)
    scale = 10 ** (len(str(value)) - 2)
    return int(round(value / scale) * scale)


# Snippets: ts_headline marks matches with these sentinels, which are removed from the text first, so
# they cannot occur in it. "<" and ">" are swapped for two more placeholders, since ts_headline's parser
# would otherwise drop anything that looks like an HTML tag. The result is HTML-escaped, and only then
# do the sentinels become <mark> and the placeholders &lt; and &gt;.
START_MARK, STOP_MARK, LESS_THAN, GREATER_THAN = "\x02", "\x03", "\x04", "\x05"
_PROTECT_FROM = f"<>{START_MARK}{STOP_MARK}{LESS_THAN}{GREATER_THAN}"
_PROTECT_TO = f"{LESS_THAN}{GREATER_THAN}"
_PLAIN = {ord(START_MARK): None, ord(STOP_MARK): None, ord(LESS_THAN): "<", ord(GREATER_THAN): ">"}
_UNMARK = {START_MARK: "<mark>", STOP_MARK: "</mark>", LESS_THAN: "&lt;", GREATER_THAN: "&gt;"}


def highlighted(headline: str, text: str = "") -> SafeString:
    """Escape first, mark after: ts_headline output with sentinels → safe HTML with <mark>.

    Given the statement's text, an ellipsis shows where the snippet starts or ends inside it.
    """
    if text:
        plain = " ".join(headline.translate(_PLAIN).split())
        whole = " ".join(text.split())
        if plain and not whole.startswith(plain[:30]):
            headline = "… " + headline
        if plain and not whole.endswith(plain[-30:]):
            headline = headline + " …"
    escaped = html.escape(headline, quote=False)
    for sentinel, replacement in _UNMARK.items():
        escaped = escaped.replace(sentinel, replacement)
    return mark_safe(escaped)  # everything but our own <mark> tags was escaped above


def plain_snippet(text: str) -> SafeString:
    return mark_safe(html.escape(Truncator(" ".join(text.split())).words(SNIPPET_WORDS, truncate=" …"), quote=False))


@dataclass(frozen=True)
class SearchState:
    """The whole state of a search page, as its URL holds it. Only valid values are kept, and URLs are
    written with the parameters in one order, so equal states give equal URLs.

    ``unranked`` is not in the URL: it records that relevance was asked for but the matches were too
    many to rank, so the page shows them newest first."""

    q: str = ""
    speaker: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    sort: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    page: int = 1
    unranked: bool = False

    @property
    def effective_sort(self) -> str:
        """Relevance needs words to rank by; without them the archive is browsed newest first."""
        if not self.q:
            return self.sort if self.sort in ("newest", "oldest") else "newest"
        sort = self.sort or "relevance"
        return "newest" if sort == "relevance" and self.unranked else sort

    def selected(self, facet: str) -> tuple[str, ...]:
        return getattr(self, facet)

    def pairs(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for facet in FACETS:
            pairs.extend((facet, value) for value in self.selected(facet))
        default_sort = "relevance" if self.q else "newest"
        if self.sort and self.sort != default_sort:
            pairs.append(("sort", self.sort))
        if self.date_from:
            pairs.append(("from", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("to", self.date_to.isoformat()))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def querystring(self) -> str:
        """'?q=…&topic=…' or '' for the bare search page."""
        pairs = self.pairs()
        return "?" + urlencode(pairs) if pairs else ""

    def change(self, **changes) -> SearchState:
        """A copy with some fields changed; any change other than the page goes back to page 1."""
        changes.setdefault("page", 1)
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return SearchState(**values)

    def toggle(self, facet: str, value: str) -> SearchState:
        chosen = self.selected(facet)
        return self.change(**{facet: tuple(v for v in chosen if v != value) if value in chosen else (*chosen, value)})


class Toggles:
    """The links of a page's facet values, from the state's URL parameters encoded once: a page of a big
    archive lists hundreds of facet values, and SearchState.toggle().querystring() for each is slow."""

    def __init__(self, state: SearchState):
        self.state = state
        pairs = state.change(page=1).pairs()  # any change goes back to page 1
        segments: dict[str, list[str]] = {"before": [], **{facet: [] for facet in FACETS}, "after": []}
        for name, value in pairs:
            key = name if name in FACETS else "before" if name == "q" else "after"
            segments[key].append(urlencode([(name, value)]))
        order = ["before", *FACETS, "after"]
        self.around = {
            facet: ([e for key in order[: order.index(facet)] for e in segments[key]],
                    [e for key in order[order.index(facet) + 1 :] for e in segments[key]])
            for facet in FACETS
        }
        self.segments = segments

    def querystring(self, facet: str, value: str) -> str:
        """The same as state.toggle(facet, value).querystring()."""
        mine = urlencode([(facet, value)])
        own = self.segments[facet]
        own = [e for e in own if e != mine] if value in self.state.selected(facet) else [*own, mine]
        before, after = self.around[facet]
        parts = before + own + after
        return "?" + "&".join(parts) if parts else ""


class FacetValue:
    """One value of a facet: its label, its count (a Count, "≈4,300" when estimated), whether it is
    selected, and the link that toggles it."""

    __slots__ = ("value", "label", "count", "selected", "_toggles", "_facet")

    def __init__(self, value: str, label: str, count: int, selected: bool, toggles: Toggles, facet: str):
        self.value, self.label, self.count, self.selected = value, label, count, selected
        self._toggles, self._facet = toggles, facet

    @property
    def querystring(self) -> str:
        """This page with the value toggled."""
        return self._toggles.querystring(self._facet, self.value)


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    approximate: bool = False  # counted in a sample of the archive, not exactly

    @cached_property
    def top(self) -> list[FacetValue]:
        """The values shown at once: the first few, and every selected one."""
        return [v for i, v in enumerate(self.values) if i < TOP_FACET_VALUES or v.selected]

    @cached_property
    def rest(self) -> list[FacetValue]:
        """The values behind "show more", up to LISTED_FACET_VALUES in all."""
        top = self.top
        rest = [v for i, v in enumerate(self.values) if i >= TOP_FACET_VALUES and not v.selected]
        return rest[: max(0, LISTED_FACET_VALUES - len(top))]

    @property
    def unlisted(self) -> int:
        """How many values the HTML page leaves out (those with the fewest statements)."""
        return len(self.values) - len(self.top) - len(self.rest)


@dataclass
class Chip:
    """A selection shown as a removable chip."""

    name: str
    label: str
    value_label: str
    querystring: str  # this page without the selection


@dataclass
class SearchPage:
    state: SearchState
    results: list[Statement]  # each with .snippet (safe HTML) and .topic_slugs, .topic_names
    count: int  # a Count: exact, "more than 10,000" or "about 530,000"
    facets: list[Facet]
    chips: list[Chip]
    messages: list[str] = field(default_factory=list)  # problems with the parameters, for people
    errors: dict[str, list[str]] = field(default_factory=dict)  # the same, by parameter
    page_size: int = PAGE_SIZE
    notes: list[str] = field(default_factory=list)  # how counts were made, when not exactly

    @property
    def count_exact(self) -> bool:
        return getattr(self.count, "exact", True)

    @property
    def approximate(self) -> bool:
        return not self.count_exact or any(f.approximate for f in self.facets)

    @property
    def pages(self) -> int:
        """The pages that can be shown: all of them, or as many as the count limit allows ("500+")."""
        if self.count_exact:
            return max(1, ceil(self.count / self.page_size))
        reachable = max(1, limit("SEARCH_COUNT_LIMIT") // self.page_size)
        return Count(reachable, f"{reachable:,}+")

    @property
    def next_state(self) -> SearchState | None:
        return self.state.change(page=self.state.page + 1) if self.state.page < self.pages else None

    @property
    def previous_state(self) -> SearchState | None:
        return self.state.change(page=self.state.page - 1) if self.state.page > 1 else None

    @property
    def first_number(self) -> int:
        return (self.state.page - 1) * self.page_size + 1

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.name == name)


def run(params: QueryDict, *, page_size: int = PAGE_SIZE) -> SearchPage:
    """The search page for these request parameters. Invalid parameters are left out and reported."""
    filterset = StatementFilter(params, queryset=Statement.objects.all())
    filterset.is_valid()
    state = SearchState(
        q=filterset.value("q") or "",
        **{facet: tuple(filterset.value(facet) or ()) for facet in FACETS},
        sort=filterset.value("sort") or "",
        date_from=filterset.value("from"),
        date_to=filterset.value("to"),
        page=filterset.value("page") or 1,
    )
    messages = filterset.messages()
    errors = {name: [str(e) for e in errs] for name, errs in filterset.errors.items()}
    conditions = _conditions(state)

    count, counted, notes = _count(conditions, state)
    if state.q and state.effective_sort == "relevance" and not (count.exact and count <= limit("SEARCH_RANK_LIMIT")):
        state = state.change(unranked=True, page=state.page)
        messages.append(
            f"Sort by relevance: more than {limit('SEARCH_RANK_LIMIT'):,} statements match, too many to rank, "
            "so they are shown newest first. Add words or filters to rank them by relevance."
        )
    page = SearchPage(state=state, results=[], count=count, facets=[], chips=[], page_size=page_size)
    if state.page > page.pages:
        if count.exact:
            pages = page.pages
            problem = f"There is no page {state.page}: the results fill {pages} page{'s' if pages != 1 else ''}."
        else:
            problem = (f"There is no page {state.page} to show: only the first {int(page.pages):,} pages of results "
                       "can be paged through. Narrow the search to see the rest.")
        messages.append(problem + " Showing the last one.")
        errors.setdefault("page", []).append(problem)
        state = state.change(page=int(page.pages))

    results = _page(conditions, state, page_size)
    toggles = Toggles(state)
    facets = [_facet(name, counted[name], state, toggles) for name in FACETS]
    return SearchPage(
        state=state,
        results=results,
        count=count,
        facets=facets,
        chips=_chips(facets, state),
        messages=messages,
        errors=errors,
        page_size=page_size,
        notes=notes,
    )


# Conditions on the search table (alias e), one per parameter in use. Each renders itself with a
# parameter placeholder function, so one condition can appear in several places of a query.
Condition = Callable[[Callable[[object], str]], str]
ENTRY = SearchEntry._meta.db_table


def _conditions(state: SearchState) -> dict[str, Condition]:
    """The same conditions as filters.py's, on the search table's copies of the keys (no joins)."""
    conditions: dict[str, Condition] = {}
    speaker, topic, document = (m._meta.db_table for m in (Speaker, Topic, Document))
    if state.q:
        conditions["q"] = lambda p: f"e.search_vector @@ websearch_to_tsquery('{SEARCH_CONFIG}', {p(state.q)})"
    if state.date_from:
        conditions["from"] = lambda p: f"e.date >= {p(state.date_from)}"
    if state.date_to:
        conditions["to"] = lambda p: f"e.date <= {p(state.date_to)}"
    if len(state.speaker) == 1:  # "=" lets the planner walk the speaker's date index
        conditions["speaker"] = lambda p: f"e.speaker_id = (SELECT id FROM {speaker} WHERE slug = {p(state.speaker[0])})"
    elif state.speaker:
        conditions["speaker"] = lambda p: (
            f"e.speaker_id = ANY(ARRAY(SELECT id FROM {speaker} WHERE slug = ANY({p(list(state.speaker))})))")
    if state.topic:
        conditions["topic"] = lambda p: (
            f"e.topic_ids && ARRAY(SELECT id FROM {topic} WHERE slug = ANY({p(list(state.topic))}))")
    if state.outlet:
        conditions["outlet"] = lambda p: (
            f"e.document_id = ANY(ARRAY(SELECT id FROM {document} WHERE outlet = ANY({p(list(state.outlet))})))")
    if state.year:
        years = [int(y) for y in state.year if y != UNDATED]

        def year_condition(p) -> str:
            parts = [f"(e.date >= {p(datetime.date(y, 1, 1))} AND e.date <= {p(datetime.date(y, 12, 31))})"
                     for y in years]
            if UNDATED in state.year:
                parts.append("e.date IS NULL")
            return "(" + " OR ".join(parts) + ")"

        conditions["year"] = year_condition
    if state.kind:
        conditions["kind"] = lambda p: f"e.kind = ANY({p(list(state.kind))})"
    return conditions


class _Named:
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


def _where(conditions: list[Condition], p) -> str:
    return " AND ".join(f"({c(p)})" for c in conditions) or "TRUE"


def _page(conditions: dict[str, Condition], state: SearchState, page_size: int) -> list[Statement]:
    """The page's statements: their ids in order from the search table, then the statements themselves."""
    params: list = []

    def p(value) -> str:
        params.append(value)
        return "%s"

    sort = state.effective_sort
    where = _where(list(conditions.values()), p)
    if sort == "relevance":
        order = (f"ts_rank_cd(e.search_vector, websearch_to_tsquery('{SEARCH_CONFIG}', {p(state.q)})) DESC, "
                 "e.date DESC NULLS LAST, e.document_id, e.position")
    elif sort == "newest":
        order = "e.date DESC NULLS LAST, e.document_id DESC, e.position"
    else:
        order = "e.date ASC NULLS LAST, e.document_id, e.position"
    start = (state.page - 1) * page_size
    top = (f"SELECT e.statement_id FROM {ENTRY} e WHERE {where} ORDER BY {order} "
           f"LIMIT {p(page_size)} OFFSET {p(start)}")

    rows = Statement.objects.filter(pk__in=RawSQL(top, params)).select_related("speaker", "document")
    rows = rows.defer("search_vector", "document__raw_text")
    topics = StatementTopic.objects.filter(statement=OuterRef("pk")).order_by("topic__name")
    rows = rows.annotate(
        topic_slugs=ArraySubquery(topics.values("topic__slug")),
        topic_names=ArraySubquery(topics.values("topic__name")),
    )
    if state.q:
        query = search_query(state.q)
        rows = rows.annotate(text_length=Length("text"))
        protected = Func(
            F("text"), Value(_PROTECT_FROM), Value(_PROTECT_TO), function="translate", output_field=TextField()
        )
        marks = {"config": SEARCH_CONFIG, "start_sel": START_MARK, "stop_sel": STOP_MARK}  # Django quotes the values
        rows = rows.annotate(
            # A short statement is shown whole; a long one as its best fragments.
            headline=Case(
                When(text_length__lte=WHOLE_SNIPPET_CHARACTERS, then=SearchHeadline(protected, query, highlight_all=True, **marks)),
                default=SearchHeadline(
                    protected,
                    query,
                    max_words=SNIPPET_WORDS,
                    min_words=20,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **marks,
                ),
                output_field=TextField(),
            ),
        )
    # The same order again, for the twenty rows (ties are broken by document and position in both).
    date = F("search_entry__date")
    if sort == "relevance":
        rows = rows.annotate(rank=SearchRank(F("search_entry__search_vector"), search_query(state.q), cover_density=True))
        ordering = [F("rank").desc(), date.desc(nulls_last=True), "document_id", "position"]
    elif sort == "newest":
        ordering = [date.desc(nulls_last=True), F("document_id").desc(), "position"]
    else:
        ordering = [date.asc(nulls_last=True), "document_id", "position"]
    results = list(rows.order_by(*ordering))
    for statement in results:
        headline = getattr(statement, "headline", None)
        statement.snippet = highlighted(headline, statement.text) if headline is not None else plain_snippet(statement.text)
    return results


def _group_conditions(state: SearchState) -> dict[str, Condition]:
    """The selections and dates again, on the facet counts (alias g), which carry outlet and year themselves.
    Topics are not among them: a count row is about one topic (see _facet_counts)."""
    conditions: dict[str, Condition] = {}
    speaker, document = (m._meta.db_table for m in (Speaker, Document))
    if len(state.speaker) == 1:
        conditions["speaker"] = lambda p: f"g.speaker_id = (SELECT id FROM {speaker} WHERE slug = {p(state.speaker[0])})"
    elif state.speaker:
        conditions["speaker"] = lambda p: (
            f"g.speaker_id = ANY(ARRAY(SELECT id FROM {speaker} WHERE slug = ANY({p(list(state.speaker))})))")
    if state.outlet:
        conditions["outlet"] = lambda p: f"g.outlet = ANY({p(list(state.outlet))})"
    if state.year:
        years = [int(y) for y in state.year if y != UNDATED]
        undated = " OR g.year IS NULL" if UNDATED in state.year else ""
        conditions["year"] = lambda p: f"(g.year = ANY({p(years)}::int[]){undated})"
    if state.kind:
        conditions["kind"] = lambda p: f"g.kind = ANY({p(list(state.kind))})"
    if state.date_from or state.date_to:
        bounds = [(">=", state.date_from), ("<=", state.date_to)]
        conditions["dates"] = lambda p: (
            f"g.document_id = ANY(ARRAY(SELECT id FROM {document} WHERE "
            + " AND ".join(f"date {op} {p(value)}" for op, value in bounds if value) + "))")
    return conditions


_GROUP_COLUMN = {"speaker": "speaker_id", "kind": "kind", "outlet": "outlet", "year": "year", "topic": "topic_ids"}
_GROUP_TYPE = {"speaker_id": "bigint", "kind": "varchar", "outlet": "varchar", "year": "int", "topic_ids": "bigint[]"}


def _selected_columns(columns: list[str]) -> str:
    return ", ".join(c if c in columns else f"NULL::{t} AS {c}" for c, t in _GROUP_TYPE.items())


def _count(conditions: dict[str, Condition], state: SearchState) -> tuple[Count, dict[str, dict[str, tuple]], list[str]]:
    """The total and every facet's counts, in one query.

    Facet f is counted over the set "f" (every selection but f's) when f has a selection, else over the
    set "all"; the total is the size of "all". Without words, the sets are sums of stored FacetCount
    rows, exact at any size. With words (or several topics), the matching search entries are grouped by
    speaker, document, kind and topic set, each set exactly while it is within the count limit or the
    archive is small, else from the sample; the groups' counts are then summed per facet value.

    Returns (total, {facet: {value: (label, Count)}}, notes for people about estimates).
    """
    p = _Named()
    selected = [name for name in FACETS if name in conditions]
    needs = {"all": [f for f in FACETS if f not in selected], **{f: [f] for f in selected}}
    code: dict[str, int] = {}  # the value of m_<set>.g on the rows that count each facet
    if state.q or len(state.topic) > 1:
        ctes, head = _entry_groups(conditions, selected, p)
        for name, facets in needs.items():
            if facets:
                ctes.append(_marginals(name, facets, f"k_{name}", code))
    else:
        ctes, head = _facet_counts(_group_conditions(state), state, needs, code, p)

    qn = connection.ops.quote_name
    speaker, topic = (qn(m._meta.db_table) for m in (Speaker, Topic))
    parts = list(head)
    for facet in FACETS:
        m, g = f"m_{facet if facet in selected else 'all'}", code[facet]
        if facet == "speaker":
            parts.append(f"SELECT 'speaker', s.slug, s.name, m.n, m.sampled FROM {m} m "
                         f"JOIN {speaker} s ON s.id = m.speaker_id WHERE m.g = {g}")
        elif facet == "kind":
            parts.append(f"SELECT 'kind', kind, NULL, n, sampled FROM {m} WHERE g = {g}")
        elif facet == "outlet":
            parts.append(f"SELECT 'outlet', outlet, outlet, n, sampled FROM {m} WHERE g = {g} AND outlet <> ''")
        elif facet == "year":
            parts.append(f"SELECT 'year', COALESCE(year::text, '{UNDATED}'), NULL, n, sampled FROM {m} WHERE g = {g}")
        else:
            parts.append(f"""SELECT 'topic', t.slug, t.name, sum(m.n)::bigint, bool_or(m.sampled)
                FROM {m} m CROSS JOIN LATERAL unnest(m.topic_ids) AS topic_id JOIN {topic} t ON t.id = topic_id
                WHERE m.g = {g} GROUP BY t.slug, t.name""")
    # Selected speakers and topics are listed even when nothing matches them, so their chips have names.
    for name, table in (("speaker", speaker), ("topic", topic)):
        if state.selected(name):
            parts.append(f"SELECT '{name}', slug, name, 0, false FROM {table} WHERE slug = ANY({p(list(state.selected(name)))})")
    sql = ("SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; "
           "WITH " + ",\n".join(ctes) + "\n" + "\nUNION ALL\n".join(f"({part})" for part in parts))
    with connection.cursor() as cursor:
        cursor.execute(sql, p.params)
        while cursor.description is None and cursor.nextset():
            pass
        rows = cursor.fetchall()
    return _read_counts(rows)


def _entry_groups(conditions: dict[str, Condition], selected: list[str], p) -> tuple[list[str], list[str]]:
    """CTEs k_<set> of grouped search entries: exact up to the count limit, else estimated from the sample.

    In a big archive the sample is read first (a fixed 2% of a million statements' table blocks, about
    10 ms): a set it puts far above the limit is not counted row by row, which would stop at the limit
    anyway; the others are, and stay exact when they are within it.
    """
    cap = limit("SEARCH_COUNT_LIMIT")
    common = [c for name, c in conditions.items() if name not in FACETS]

    def where(but: str | None) -> str:
        return _where(common + [conditions[name] for name in selected if name != but], p)

    def selections(but: str | None) -> str:
        return _where([conditions[name] for name in selected if name != but], p)

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
             WHERE (SELECT n FROM lim) IS NOT NULL AND {_where(common, p)})""",
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
                    SELECT {keys} FROM {ENTRY} e WHERE (SELECT n FROM lim) IS NULL AND {where(but)}
                    UNION ALL
                    (SELECT {keys} FROM {ENTRY} e
                      WHERE (SELECT n FROM lim) IS NOT NULL AND {estimate} <= {far} AND {where(but)}
                      LIMIT {p(cap + 1)})
                ) r GROUP BY 1, 2, 3, 4)""")
    ctes.append("overs AS MATERIALIZED (" + " UNION ALL ".join(
        f"SELECT '{name}'::text AS name, t.n, (SELECT n FROM lim) IS NOT NULL "
        f"AND (t.n > {p(cap)} OR (SELECT n FROM estimates WHERE name = '{name}') > {far}) AS over "
        f"FROM (SELECT coalesce(sum(n), 0)::bigint AS n FROM x_{name}) t"
        for name in sets) + ")")
    document = connection.ops.quote_name(Document._meta.db_table)
    for name in sets:
        over = f"(SELECT over FROM overs WHERE name = '{name}')"
        ctes.append(
            f"""k_{name} AS (
                SELECT z.speaker_id, z.kind, d.outlet, EXTRACT(YEAR FROM d.date)::int AS year, z.topic_ids, z.n, z.sampled
                  FROM (SELECT *, false AS sampled FROM x_{name} WHERE NOT {over}
                        UNION ALL
                        SELECT {keys}, count(*), true FROM sample WHERE in_{name} AND {over} GROUP BY 1, 2, 3, 4) z
                  JOIN {document} d ON d.id = z.document_id)""")
    head = [
        "SELECT 'total', name, NULL, n, over FROM overs WHERE name = 'all'",
        "SELECT 'sampled', NULL, NULL, count(*), true FROM sample WHERE in_all",
        "SELECT 'sample_percent', pct::text, NULL, (SELECT count(*) FROM sample), true FROM lim",
    ]
    return ctes, head


def _marginals(name: str, facets: list[str], source: str, code: dict[str, int]) -> str:
    """CTE m_<name>: the rows of `source` summed by each facet's column, in one pass (grouping sets)."""
    columns = [_GROUP_COLUMN[f] for f in facets]
    for i, facet in enumerate(facets):
        code[facet] = (1 << len(columns)) - 1 - (1 << (len(columns) - 1 - i))
    return f"""m_{name} AS MATERIALIZED (
        SELECT grouping({", ".join(columns)}) AS g, {_selected_columns(columns)},
               sum(n)::bigint AS n, bool_or(sampled) AS sampled
          FROM {source} GROUP BY GROUPING SETS ({", ".join(f"({c})" for c in columns)}))"""


def _facet_counts(conditions: dict[str, Condition], state: SearchState, needs: dict[str, list[str]],
                  code: dict[str, int], p) -> tuple[list[str], list[str]]:
    """CTEs m_<set> from FacetCount: without words, every count is a sum of stored counts, exact.

    The rows with topic 0 count every statement of their speaker, document and kind; with a topic
    selected (one topic at most: statements with either of two topics cannot be told apart here), the
    rows of that topic count its statements instead. The topic facet sums the rows of each topic.
    """
    table = FacetCount._meta.db_table
    topic = Topic._meta.db_table
    chosen = f"(SELECT id FROM {topic} WHERE slug = {p(state.topic[0])})" if state.topic else None
    ctes = []
    for name, facets in needs.items():
        others = [c for f, c in conditions.items() if f != name]
        where = _where(others, p)
        rows = f"g.topic_id = {chosen}" if chosen and name != "topic" else f"g.topic_id = {FacetCount.ALL_TOPICS}"
        plain = [f for f in facets if f != "topic"]
        if plain or name == "all":
            ctes.append(
                f"""k_{name} AS MATERIALIZED (
                    SELECT speaker_id, kind, outlet, year::int AS year, NULL::bigint[] AS topic_ids,
                           statements AS n, false AS sampled
                      FROM {table} g WHERE {rows} AND g.statements > 0 AND {where})""")
        if plain:
            ctes.append(_marginals(f"{name}_plain", plain, f"k_{name}", code))
        union = [f"SELECT * FROM m_{name}_plain"] if plain else []
        if "topic" in facets:
            code["topic"] = -1
            union.append(
                f"""SELECT -1 AS g, NULL::bigint AS speaker_id, NULL::varchar AS kind, NULL::varchar AS outlet,
                           NULL::int AS year, ARRAY[g.topic_id] AS topic_ids, sum(g.statements)::bigint AS n,
                           false AS sampled
                      FROM {table} g WHERE g.topic_id <> {FacetCount.ALL_TOPICS} AND g.statements > 0 AND {where}
                     GROUP BY g.topic_id""")
        if union:
            ctes.append(f"m_{name} AS MATERIALIZED ({' UNION ALL '.join(union)})")
    total = ["SELECT 'total', 'all', NULL, coalesce(sum(n), 0)::bigint, false FROM k_all"]
    return ctes, total


def _read_counts(rows) -> tuple[Count, dict[str, dict[str, tuple]], list[str]]:
    cap = limit("SEARCH_COUNT_LIMIT")
    total = Count(0)
    over_all = False
    sampled_total = sample_rows = 0
    percent = 100.0
    raw: dict[str, dict[str, tuple]] = {name: {} for name in FACETS}
    for facet, value, label, count, sampled in rows:
        if facet == "total":
            total, over_all = Count(count), sampled
        elif facet == "sampled":
            sampled_total = count
        elif facet == "sample_percent":
            percent, sample_rows = float(value), count
        elif value not in raw[facet] or raw[facet][value][1] < count:
            raw[facet][value] = (label, count, sampled)
    scale = 100.0 / percent if percent else 1.0
    if over_all:
        estimate = sampled_total * scale
        total = Count.about(estimate) if sampled_total >= MIN_SAMPLE_HITS and estimate > cap else Count.more_than(cap)
    counted = {
        facet: {
            value: (label, Count.about(count * scale, short=True) if sampled else Count(count))
            for value, (label, count, sampled) in values.items()
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


def _label(facet: str, value: str, label: str | None) -> str:
    if label:
        return label
    if facet == "kind":
        return dict(Statement.Kind.choices).get(value, value)
    if facet == "year" and value == UNDATED:
        return "Undated"
    return value


def _facet(name: str, counted: dict[str, tuple], state: SearchState, toggles: Toggles) -> Facet:
    selected = state.selected(name)
    entries = dict(counted)
    for value in selected:  # an unknown slug or a value with no matches still shows, with 0
        entries.setdefault(value, (None, Count(0)))
    values = [
        FacetValue(
            value=value,
            label=_label(name, value, label),
            count=count,
            selected=value in selected,
            toggles=toggles,
            facet=name,
        )
        for value, (label, count) in entries.items()
    ]
    if name == "year":  # newest year first, undated last
        values.sort(key=lambda v: v.value if v.value != UNDATED else "", reverse=True)
    else:
        values.sort(key=lambda v: (-v.count, v.label.casefold()))
    approximate = any(not getattr(v.count, "exact", True) for v in values)
    return Facet(name=name, label=FACET_LABELS[name], values=values, approximate=approximate)


def _chips(facets: list[Facet], state: SearchState) -> list[Chip]:
    chips = []
    for facet in facets:
        labels = {v.value: v.label for v in facet.values}
        for value in state.selected(facet.name):
            chips.append(Chip(facet.name, facet.label, labels.get(value, value), state.toggle(facet.name, value).querystring()))
    if state.date_from:
        chips.append(Chip("from", "From", state.date_from.isoformat(), state.change(date_from=None).querystring()))
    if state.date_to:
        chips.append(Chip("to", "To", state.date_to.isoformat(), state.change(date_to=None).querystring()))
    return chips


SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
assert set(SORT_LABELS) == set(SORTS)
