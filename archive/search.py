"""Search: request parameters in, one ranked and faceted page of statements out.

Views stay thin: they hand the query string to ``run`` and render the ``SearchPage`` it returns, as
HTML or JSON. Everything about matching, ranking, snippets, facets and paging lives here.

Two SQL queries make a page, whatever is selected:

1. Counts: one statement whose CTE holds the statements matching the words and dates, with each
   facet key and, for each facet in use, whether the row satisfies that facet's selection. Each
   facet's counts are grouped from the CTE with every other facet's selection applied but not its
   own, so values within a facet combine with OR (choosing a second topic widens the results), and
   the total applies all of them.
2. The page: the matching statements ranked (``ts_rank_cd`` over the stored search vector) or by date,
   sliced, with speaker, document (without its text), topics and highlighted snippet in the same row.

The facet keys are read through ``FACET_KEYS``; speaker and kind already come from the statement row,
outlet and year from its document, so denormalising those onto the statement later changes only that
mapping.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass, field
from math import ceil
from urllib.parse import urlencode

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Func, OuterRef, Q, TextField, Value, When
from django.db.models.functions import ExtractYear, Length
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.filters import FACETS, SORTS, UNDATED, StatementFilter, search_query
from archive.models import Speaker, Statement, StatementTopic, Topic

PAGE_SIZE = 20
TOP_FACET_VALUES = 8
SNIPPET_WORDS = 45
WHOLE_SNIPPET_CHARACTERS = 320
FACET_LABELS = {"speaker": "Speaker", "topic": "Topic", "outlet": "Outlet", "year": "Year", "kind": "Kind"}

# Facet keys, as expressions on Statement. Topics are many-to-many and are counted through their table.
FACET_KEYS = {
    "speaker": F("speaker_id"),
    "outlet": F("document__outlet"),
    "year": ExtractYear("document__date"),
    "kind": F("kind"),
}

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
    written with the parameters in one order, so equal states give equal URLs."""

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

    @property
    def effective_sort(self) -> str:
        """Relevance needs words to rank by; without them the archive is browsed newest first."""
        if not self.q:
            return self.sort if self.sort in ("newest", "oldest") else "newest"
        return self.sort or "relevance"

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


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    querystring: str  # this page with the value toggled


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def top(self) -> list[FacetValue]:
        """The values shown at once: the first few, and every selected one."""
        return [v for i, v in enumerate(self.values) if i < TOP_FACET_VALUES or v.selected]

    @property
    def rest(self) -> list[FacetValue]:
        return [v for i, v in enumerate(self.values) if i >= TOP_FACET_VALUES and not v.selected]


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
    count: int
    facets: list[Facet]
    chips: list[Chip]
    messages: list[str] = field(default_factory=list)  # problems with the parameters, for people
    errors: dict[str, list[str]] = field(default_factory=dict)  # the same, by parameter
    page_size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, ceil(self.count / self.page_size))

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

    base = Statement.objects.all()
    for name in ("q", "from", "to"):
        condition = filterset.condition(name)
        if condition is not None:
            base = base.filter(condition)
    facet_conditions = {name: c for name in FACETS if (c := filterset.condition(name)) is not None}

    count, counted = _count(base, facet_conditions, state)
    pages = max(1, ceil(count / page_size))
    if state.page > pages:
        problem = f"There is no page {state.page}: the results fill {pages} page{'s' if pages != 1 else ''}."
        messages.append(problem + " Showing the last one.")
        errors.setdefault("page", []).append(problem)
        state = state.change(page=pages)

    results = _page(base, facet_conditions, state, page_size)
    facets = [_facet(name, counted[name], state) for name in FACETS]
    return SearchPage(
        state=state,
        results=results,
        count=count,
        facets=facets,
        chips=_chips(facets, state),
        messages=messages,
        errors=errors,
        page_size=page_size,
    )


def _page(base, facet_conditions: dict[str, Q], state: SearchState, page_size: int) -> list[Statement]:
    rows = base.filter(*facet_conditions.values()).select_related("speaker", "document")
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
        marks = {"config": "english", "start_sel": START_MARK, "stop_sel": STOP_MARK}  # Django quotes the values
        rows = rows.annotate(
            rank=SearchRank(F("search_vector"), query, cover_density=True),
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
    date = F("document__date")
    ordering = {
        "relevance": [F("rank").desc(), date.desc(nulls_last=True), "document_id", "position"],
        "newest": [date.desc(nulls_last=True), F("document_id").desc(), "position"],
        "oldest": [date.asc(nulls_last=True), "document_id", "position"],
    }[state.effective_sort]
    start = (state.page - 1) * page_size
    results = list(rows.order_by(*ordering)[start : start + page_size])
    for statement in results:
        headline = getattr(statement, "headline", None)
        statement.snippet = highlighted(headline, statement.text) if headline is not None else plain_snippet(statement.text)
    return results


def _count(base, facet_conditions: dict[str, Q], state: SearchState) -> tuple[int, dict[str, dict[str, tuple]]]:
    """The total and every facet's counts, in one query. Returns (total, {facet: {value: (label, count)}})."""
    annotations = {"sid": F("id"), **{f"key_{name}": key for name, key in FACET_KEYS.items()}}
    for name, condition in facet_conditions.items():
        annotations[f"match_{name}"] = ExpressionWrapper(condition, output_field=BooleanField())
    rows = base.order_by().annotate(**annotations).values(*annotations)
    base_sql, params = rows.query.sql_with_params()
    params = list(params)

    def others(facet: str | None) -> str:
        return " AND ".join(f"match_{name}" for name in facet_conditions if name != facet) or "TRUE"

    qn = connection.ops.quote_name
    speaker, topic, statement_topic = (qn(m._meta.db_table) for m in (Speaker, Topic, StatementTopic))
    parts = [
        f"SELECT 'total', NULL, NULL, count(*) FROM base WHERE {others(None)}",
        f"""SELECT 'speaker', s.slug, s.name, c.n FROM (
              SELECT key_speaker, count(*) AS n FROM base WHERE {others('speaker')} GROUP BY key_speaker
            ) c JOIN {speaker} s ON s.id = c.key_speaker""",
        f"""SELECT 'topic', t.slug, t.name, c.n FROM (
              SELECT st.topic_id, count(*) AS n FROM base JOIN {statement_topic} st ON st.statement_id = base.sid
              WHERE {others('topic')} GROUP BY st.topic_id
            ) c JOIN {topic} t ON t.id = c.topic_id""",
        f"""SELECT 'outlet', key_outlet, key_outlet, count(*) FROM base
            WHERE {others('outlet')} AND key_outlet <> '' GROUP BY key_outlet""",
        f"""SELECT 'year', COALESCE(key_year::int::text, '{UNDATED}'), NULL, count(*) FROM base
            WHERE {others('year')} GROUP BY 2""",
        f"SELECT 'kind', key_kind, NULL, count(*) FROM base WHERE {others('kind')} GROUP BY key_kind",
    ]
    # Selected speakers and topics are listed even when nothing matches them, so their chips have names.
    for name, model in (("speaker", speaker), ("topic", topic)):
        if state.selected(name):
            parts.append(f"SELECT '{name}', slug, name, 0 FROM {model} WHERE slug = ANY(%s)")
            params.append(list(state.selected(name)))
    sql = f"WITH base AS ({base_sql}) " + " UNION ALL ".join(f"({part})" for part in parts)

    total = 0
    counted: dict[str, dict[str, tuple]] = {name: {} for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, label, count in cursor.fetchall():
            if facet == "total":
                total = count
            elif value not in counted[facet] or counted[facet][value][1] < count:
                counted[facet][value] = (label, count)
    return total, counted


def _label(facet: str, value: str, label: str | None) -> str:
    if label:
        return label
    if facet == "kind":
        return dict(Statement.Kind.choices).get(value, value)
    if facet == "year" and value == UNDATED:
        return "Undated"
    return value


def _facet(name: str, counted: dict[str, tuple], state: SearchState) -> Facet:
    selected = state.selected(name)
    entries = dict(counted)
    for value in selected:  # an unknown slug or a value with no matches still shows, with 0
        entries.setdefault(value, (None, 0))
    values = [
        FacetValue(
            value=value,
            label=_label(name, value, label),
            count=count,
            selected=value in selected,
            querystring=state.toggle(name, value).querystring(),
        )
        for value, (label, count) in entries.items()
    ]
    if name == "year":  # newest year first, undated last
        values.sort(key=lambda v: v.value if v.value != UNDATED else "", reverse=True)
    else:
        values.sort(key=lambda v: (-v.count, v.label.casefold()))
    return Facet(name=name, label=FACET_LABELS[name], values=values)


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
