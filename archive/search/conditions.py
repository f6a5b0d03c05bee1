"""A state's conditions on the two search tables, one per parameter in use: the facets' own (from their
definitions), and the words and dates."""

from __future__ import annotations

from archive.search.facets import DEFINITIONS
from archive.search.sql import DOCUMENT, Condition, tsquery
from archive.search.state import SearchState


def on_entries(state: SearchState) -> dict[str, Condition]:
    """Conditions on the search table (alias e), by parameter: "q", "from", "to" and the selected facets."""
    conditions: dict[str, Condition] = {}
    if state.q:
        conditions["q"] = lambda p: f"e.search_vector @@ {tsquery(p(state.q))}"
    if state.date_from:
        conditions["from"] = lambda p: f"e.date >= {p(state.date_from)}"
    if state.date_to:
        conditions["to"] = lambda p: f"e.date <= {p(state.date_to)}"
    for name, values in state.selections.items():
        conditions[name] = DEFINITIONS[name].on_entries(values)
    return conditions


def on_counts(state: SearchState) -> dict[str, Condition]:
    """The selections and dates again, on the stored counts (alias g), which carry outlet and year themselves.
    A facet the stored counts answer by their choice of rows (a topic) has none."""
    conditions: dict[str, Condition] = {}
    for name, values in state.selections.items():
        condition = DEFINITIONS[name].on_counts(values)
        if condition is not None:
            conditions[name] = condition
    if state.date_from or state.date_to:
        bounds = [(">=", state.date_from), ("<=", state.date_to)]
        conditions["dates"] = lambda p: (
            f"g.document_id = ANY(ARRAY(SELECT id FROM {DOCUMENT} WHERE "
            + " AND ".join(f"date {op} {p(value)}" for op, value in bounds if value) + "))")
    return conditions


def summable(state: SearchState) -> bool:
    """Whether the stored counts can count this state: no words, and every selection one they can apply."""
    return not state.q and all(DEFINITIONS[name].summable(values) for name, values in state.selections.items())
