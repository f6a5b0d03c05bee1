"""The five facets, one definition each (datasette's ``Facet`` classes are the model).

A facet is a repeated URL parameter (``?topic=nato&topic=china``): its values combine with OR, different
facets with AND. Each definition says, in one place, everything search needs to know about it:

- ``check``: whether one value can be understood (``year=abc`` cannot); the form field built from it
  (``field``) drops blanks and repeats and applies the limits every facet shares;
- ``on_entries``: its condition on the search table (alias ``e``: one row per statement);
- ``on_counts``: its condition on the stored counts (alias ``g``: one row per speaker, document, kind
  and topic, with the document's outlet and year), and ``summable``, whether those counts can answer it;
- ``entry_key``, ``count_key`` and ``counted``: what its counts are grouped by, and the query that reads
  them (value, label, count);
- ``value_label`` and ``ordered``: how its values are named and listed. Its toggle links are the state's
  (``state.Toggles``): the same for every facet.

Speakers and topics are named by slug, and an unknown slug simply matches nothing.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

from archive.models import Statement
from archive.search.sql import DOCUMENT, SPEAKER, TOPIC, Condition

UNDATED = "undated"
MAX_VALUE_LENGTH = 200
MAX_VALUES = 50


class FacetField(forms.Field):
    """Every value of a repeated parameter, stripped, blanks and repeats dropped, order kept, each checked
    by its facet."""

    widget = forms.SelectMultiple  # reads QueryDict.getlist

    def __init__(self, facet: Facet, **kwargs):
        self.facet = facet
        super().__init__(required=False, label=facet.label, **kwargs)

    def to_python(self, value) -> list[str]:
        if value in (None, "", [], ()):
            return []
        if isinstance(value, str):
            value = [value]
        values: list[str] = []
        for item in value:
            item = str(item).strip()
            if item and item not in values:
                values.append(item)
        return values

    def validate(self, value: list[str]) -> None:
        if len(value) > MAX_VALUES:
            raise ValidationError(f"at most {MAX_VALUES} values can be chosen at once.")
        for item in value:
            if "\x00" in item or len(item) > MAX_VALUE_LENGTH:
                raise ValidationError("a value is too long or holds a null character.")
        for item in value:
            self.facet.check(item)


class Facet:
    name: str  # the URL parameter
    label: str
    column: str  # the key its counts are grouped by, and its SQL type
    column_type: str
    entry_key: str  # that key for grouped search entries (alias z, their document d)
    count_key: str  # that key in the stored counts (alias g)

    def field(self) -> FacetField:
        return FacetField(self)

    def check(self, value: str) -> None:
        """Raise ValidationError, saying why, for a value that cannot be understood."""

    def on_entries(self, values: tuple[str, ...]) -> Condition:
        raise NotImplementedError

    def on_counts(self, values: tuple[str, ...]) -> Condition | None:
        raise NotImplementedError

    def summable(self, values: tuple[str, ...]) -> bool:
        """Whether the stored counts can count this selection exactly."""
        return True

    def counted(self, m: str, g: int) -> str:
        """(facet, value, label, count, sampled) from the marginals ``m``, on their rows of grouping ``g``."""
        return f"SELECT '{self.name}', {self.column}, NULL, n, sampled FROM {m} WHERE g = {g}"

    named_by: str | None = None  # the table whose rows name the values by slug, for facets of rows (speakers, topics)

    def named(self, values: tuple[str, ...], p) -> str | None:
        """Rows naming the selected values with a count of 0, so their chips have labels even when nothing matches."""
        if self.named_by is None:
            return None
        return f"SELECT '{self.name}', slug, name, 0, false FROM {self.named_by} WHERE slug = ANY({p(list(values))})"

    def value_label(self, value: str, label: str | None) -> str:
        return label or value

    def ordered(self, values: list) -> list:
        """The busiest first; ties by label."""
        return sorted(values, key=lambda v: (-v.count, v.label.casefold()))


class SpeakerFacet(Facet):
    name, label, named_by = "speaker", "Speaker", SPEAKER
    column, column_type, entry_key, count_key = "speaker_id", "bigint", "z.speaker_id", "speaker_id"

    def _ids(self, alias: str, values: tuple[str, ...]) -> Condition:
        if len(values) == 1:  # "=" lets the planner walk the speaker's date index
            return lambda p: f"{alias}.speaker_id = (SELECT id FROM {SPEAKER} WHERE slug = {p(values[0])})"
        return lambda p: f"{alias}.speaker_id = ANY(ARRAY(SELECT id FROM {SPEAKER} WHERE slug = ANY({p(list(values))})))"

    def on_entries(self, values):
        return self._ids("e", values)

    def on_counts(self, values):
        return self._ids("g", values)

    def counted(self, m, g):
        return (f"SELECT 'speaker', s.slug, s.name, m.n, m.sampled FROM {m} m "
                f"JOIN {SPEAKER} s ON s.id = m.speaker_id WHERE m.g = {g}")


class TopicFacet(Facet):
    """A statement has several topics: its entry holds their ids, and the stored counts have a row per topic."""

    name, label, named_by = "topic", "Topic", TOPIC
    column, column_type, entry_key, count_key = "topic_ids", "bigint[]", "z.topic_ids", "NULL::bigint[]"

    def on_entries(self, values):
        return lambda p: f"e.topic_ids && ARRAY(SELECT id FROM {TOPIC} WHERE slug = ANY({p(list(values))}))"

    def on_counts(self, values):
        return None  # the stored counts' rows of the chosen topic are read instead: stored_rows

    def stored_rows(self, values, p) -> str:
        """The stored counts' rows that count the statements with the one chosen topic."""
        return f"g.topic_id = (SELECT id FROM {TOPIC} WHERE slug = {p(values[0])})"

    def summable(self, values):
        return len(values) <= 1  # statements with either of two topics cannot be told apart in the stored counts

    def counted(self, m, g):
        return f"""SELECT 'topic', t.slug, t.name, sum(m.n)::bigint, bool_or(m.sampled)
                FROM {m} m CROSS JOIN LATERAL unnest(m.topic_ids) AS topic_id JOIN {TOPIC} t ON t.id = topic_id
                WHERE m.g = {g} GROUP BY t.slug, t.name"""


class OutletFacet(Facet):
    name, label = "outlet", "Outlet"
    column, column_type, entry_key, count_key = "outlet", "varchar", "d.outlet", "outlet"

    def on_entries(self, values):
        return lambda p: f"e.document_id = ANY(ARRAY(SELECT id FROM {DOCUMENT} WHERE outlet = ANY({p(list(values))})))"

    def on_counts(self, values):
        return lambda p: f"g.outlet = ANY({p(list(values))})"

    def counted(self, m, g):
        return f"SELECT 'outlet', outlet, outlet, n, sampled FROM {m} WHERE g = {g} AND outlet <> ''"


class YearFacet(Facet):
    """The year of the document's date, or ``undated``."""

    name, label = "year", "Year"
    column, column_type, entry_key, count_key = "year", "int", "EXTRACT(YEAR FROM d.date)::int", "year::int"

    def check(self, value):
        if value != UNDATED and not (re.fullmatch(r"[0-9]{4}", value) and int(value) >= 1):
            raise ValidationError(f"“{value}” is not a year: use four digits, e.g. 2023, or “{UNDATED}”.")

    def on_entries(self, values):
        years = [int(y) for y in values if y != UNDATED]

        def condition(p) -> str:
            parts = [f"(e.date >= {p(datetime.date(y, 1, 1))} AND e.date <= {p(datetime.date(y, 12, 31))})"
                     for y in years]
            if UNDATED in values:
                parts.append("e.date IS NULL")
            return "(" + " OR ".join(parts) + ")"

        return condition

    def on_counts(self, values):
        years = [int(y) for y in values if y != UNDATED]
        undated = " OR g.year IS NULL" if UNDATED in values else ""
        return lambda p: f"(g.year = ANY({p(years)}::int[]){undated})"

    def counted(self, m, g):
        return f"SELECT 'year', COALESCE(year::text, '{UNDATED}'), NULL, n, sampled FROM {m} WHERE g = {g}"

    def value_label(self, value, label):
        return "Undated" if value == UNDATED else value

    def ordered(self, values):
        """Newest year first, undated last."""
        return sorted(values, key=lambda v: v.value if v.value != UNDATED else "", reverse=True)


class KindFacet(Facet):
    name, label = "kind", "Kind"
    column, column_type, entry_key, count_key = "kind", "varchar", "z.kind", "kind"

    def check(self, value):
        if value not in Statement.Kind.values:
            kinds = ", ".join(Statement.Kind.values)
            raise ValidationError(f"“{value}” is not a kind of statement: choose from {kinds}.")

    def on_entries(self, values):
        return lambda p: f"e.kind = ANY({p(list(values))})"

    def on_counts(self, values):
        return lambda p: f"g.kind = ANY({p(list(values))})"

    def value_label(self, value, label):
        return dict(Statement.Kind.choices).get(value, value)


# In the order of the URL, the form and the page.
DEFINITIONS: dict[str, Facet] = {f.name: f for f in (SpeakerFacet(), TopicFacet(), OutletFacet(), YearFacet(), KindFacet())}
FACETS = tuple(DEFINITIONS)
