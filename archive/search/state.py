"""A search's state as its URL holds it, and the links that change it (toggle a facet value, turn a page).

Only valid values are kept, and URLs are written with the parameters in one order, so equal states give
equal URLs and any result page can be shared.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from archive.search.facets import FACETS

SORTS = ("relevance", "newest", "oldest")
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}


@dataclass(frozen=True)
class SearchState:
    """``unranked`` is not in the URL: it records that relevance was asked for but the matches were too
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

    @property
    def selections(self) -> dict[str, tuple[str, ...]]:
        """The facets with values chosen, in the facets' order."""
        return {facet: self.selected(facet) for facet in FACETS if self.selected(facet)}

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
