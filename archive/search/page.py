"""The search's entry point: request parameters in, one ranked and faceted page of statements out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from math import ceil

from django.http import QueryDict

from archive.models import Statement
from archive.search.backend import BACKEND
from archive.search.facets import DEFINITIONS, FACETS
from archive.search.limits import Count, limit
from archive.search.params import Parameters, parse
from archive.search.results import merge_copies
from archive.search.state import SearchState, Toggles

PAGE_SIZE = 20
TOP_FACET_VALUES = 8
# How many of a facet's values the HTML page lists (the JSON twin has every one): a search of a big
# archive can count 500 speakers, a list nobody scrolls, which cost a third of the page's time.
LISTED_FACET_VALUES = 100


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
class CountedFacet:
    """A facet as a page shows it: its values with their counts."""

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
    results: list[Statement]  # each with .snippet (safe HTML), .topic_slugs, .topic_names, .sources
    count: int  # a Count: exact, "more than 10,000" or "about 530,000"
    facets: list[CountedFacet]
    chips: list[Chip]
    messages: list[str] = field(default_factory=list)  # problems with the parameters, for people
    errors: dict[str, list[str]] = field(default_factory=dict)  # the same, by parameter
    page_size: int = PAGE_SIZE
    notes: list[str] = field(default_factory=list)  # how counts were made, when not exactly
    matched: int = 0  # the statements of this page before reposted copies were merged

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

    def facet(self, name: str) -> CountedFacet:
        return next(f for f in self.facets if f.name == name)


def run(params: QueryDict | Parameters, *, page_size: int = PAGE_SIZE) -> SearchPage:
    """The search page for these request parameters. Invalid parameters are left out and reported.

    A quote reposted in several documents is shown once, where its first copy falls on the page, with
    the number of its sources (a copy on a later page is not hidden: the known limit)."""
    parsed = params if isinstance(params, Parameters) else parse(params)
    state, messages, errors = parsed.state, list(parsed.messages), {k: list(v) for k, v in parsed.errors.items()}
    count, counted, notes = BACKEND.count(state)
    state, message = ranked(state, count)
    if message:
        messages.append(message)
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

    found = BACKEND.page(state, page_size)
    results = list(merge_copies(found))
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
        matched=len(found),
    )


def every(params: QueryDict | Parameters) -> Iterator[Statement]:
    """Every statement a search matches, in its order, reposted copies merged as on its pages: what exports
    write. Only the valid parameters apply (``parse`` says which are not)."""
    parsed = params if isinstance(params, Parameters) else parse(params)
    state = parsed.state
    if state.q and state.effective_sort == "relevance":
        state, _ = ranked(state, BACKEND.count(state)[0])
    return merge_copies(BACKEND.each(state))


def ranked(state: SearchState, count: Count) -> tuple[SearchState, str]:
    """The state as its results can be ordered: relevance ranks at most SEARCH_RANK_LIMIT matches, and
    more are shown newest first, which the message says."""
    if state.q and state.effective_sort == "relevance" and not (count.exact and count <= limit("SEARCH_RANK_LIMIT")):
        return state.change(unranked=True, page=state.page), (
            f"Sort by relevance: more than {limit('SEARCH_RANK_LIMIT'):,} statements match, too many to rank, "
            "so they are shown newest first. Add words or filters to rank them by relevance.")
    return state, ""


def _facet(name: str, counted: dict[str, tuple], state: SearchState, toggles: Toggles) -> CountedFacet:
    definition = DEFINITIONS[name]
    selected = state.selected(name)
    entries = dict(counted)
    for value in selected:  # an unknown slug or a value with no matches still shows, with 0
        entries.setdefault(value, (None, Count(0)))
    values = definition.ordered([
        FacetValue(value, definition.value_label(value, label), count, value in selected, toggles, name)
        for value, (label, count) in entries.items()
    ])
    approximate = any(not getattr(v.count, "exact", True) for v in values)
    return CountedFacet(name=name, label=definition.label, values=values, approximate=approximate)


def _chips(facets: list[CountedFacet], state: SearchState) -> list[Chip]:
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
