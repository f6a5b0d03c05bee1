"""The search page's parameters, validated and turned into SQL conditions by one django-filter FilterSet.

Parameters: ``q speaker topic outlet year kind sort from to page``. The five facets take repeated
parameters (``?topic=nato&topic=china``); several values of one facet combine with OR, different
facets with AND. Speakers and topics are named by slug, and an unknown slug simply matches nothing.
A value that cannot be understood (``year=abc``, ``from=yesterday``, ``sort=random``) makes its
parameter invalid: the FilterSet leaves it out and the page says why, rather than failing.

Each filter can give its condition as a ``Q`` (``StatementFilter.condition``), so that the search
module can apply all of them to the result page but all-but-one to each facet's counts.
"""

from __future__ import annotations

import calendar
import datetime
import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from archive.models import Statement, StatementTopic

FACETS = ("speaker", "topic", "outlet", "year", "kind")
SORTS = ("relevance", "newest", "oldest")
UNDATED = "undated"
SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 500
MAX_VALUE_LENGTH = 200
MAX_VALUES = 50


# websearch_to_tsquery keeps each "-" before a word as a NOT on a stack 32 deep (PostgreSQL's STACKDEPTH):
# a longer run of them, even spaced ("- - - -") or mixed with the characters it skips (!&|()<), fails
# with "tsquery stack too small". Runs longer than MAX_NEGATIONS are shortened to one or two minus
# signs, which mean the same thing.
MAX_NEGATIONS = 8
_NEGATION_RUN = re.compile(rf"-(?:[ \t\n\r\f\v!&|()<]*-){{{MAX_NEGATIONS},}}")


def shorten_negations(q: str) -> str:
    return _NEGATION_RUN.sub(lambda run: "-" if run.group().count("-") % 2 else "--", q)


def search_query(q: str) -> SearchQuery:
    """Web-search syntax: "exact phrase", OR, -word (PostgreSQL's websearch_to_tsquery)."""
    return SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")


class MultipleValueField(forms.Field):
    """Every value of a repeated parameter, stripped, blanks and repeats dropped, order kept."""

    widget = forms.SelectMultiple  # reads QueryDict.getlist

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


class FacetFilter(django_filters.Filter):
    """A facet: any of the given values (OR). Subclasses say how one facet's values become a condition."""

    field_class = MultipleValueField

    def condition(self, values: list[str]) -> Q:
        return Q(**{f"{self.field_name}__in": values})

    def filter(self, qs, value):
        return qs.filter(self.condition(value)) if value else qs


class TopicFacetFilter(FacetFilter):
    def condition(self, values: list[str]) -> Q:
        # EXISTS rather than a join, so a statement with two chosen topics is still one row.
        return Q(Exists(StatementTopic.objects.filter(statement=OuterRef("pk"), topic__slug__in=values)))


class YearField(MultipleValueField):
    def validate(self, value: list[str]) -> None:
        super().validate(value)
        for item in value:
            if item != UNDATED and not (re.fullmatch(r"[0-9]{4}", item) and int(item) >= 1):
                raise ValidationError(f"“{item}” is not a year: use four digits, e.g. 2023, or “{UNDATED}”.")


class YearFacetFilter(FacetFilter):
    field_class = YearField

    def condition(self, values: list[str]) -> Q:
        years = [int(v) for v in values if v != UNDATED]
        conditions = [Q(document__date__year__in=years)] if years else []
        if UNDATED in values:
            conditions.append(Q(document__date__isnull=True))
        condition = conditions[0]
        for other in conditions[1:]:
            condition |= other
        return condition


class KindField(MultipleValueField):
    def validate(self, value: list[str]) -> None:
        super().validate(value)
        for item in value:
            if item not in Statement.Kind.values:
                kinds = ", ".join(Statement.Kind.values)
                raise ValidationError(f"“{item}” is not a kind of statement: choose from {kinds}.")


class KindFacetFilter(FacetFilter):
    field_class = KindField


class SearchWordsField(forms.CharField):
    def clean(self, value) -> str:
        # The limits apply to the words as given; only then are runs of minus signs shortened.
        return shorten_negations(super().clean(value))


class QueryFilter(django_filters.CharFilter):
    field_class = SearchWordsField

    def condition(self, value: str) -> Q:
        return Q(search_vector=search_query(value))

    def filter(self, qs, value):
        return qs.filter(self.condition(value)) if value else qs


class DateBoundField(forms.Field):
    """A date as 2023-12-22, 2023-12 or 2023; a month or year means its first day, or its last for an end."""

    widget = forms.DateInput

    def __init__(self, *args, end: bool = False, **kwargs):
        self.end = end
        super().__init__(*args, **kwargs)

    def to_python(self, value) -> datetime.date | None:
        value = (value or "").strip()
        if not value:
            return None
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?", value)
        try:
            if not match:
                raise ValueError
            year, month, day = int(match[1]), match[2], match[3]
            if month is None:
                return datetime.date(year, 12, 31) if self.end else datetime.date(year, 1, 1)
            if day is None:
                last = calendar.monthrange(year, int(month))[1]
                return datetime.date(year, int(month), last if self.end else 1)
            return datetime.date(year, int(month), int(day))
        except ValueError:
            raise ValidationError(f"“{value[:40]}” is not a date: use YYYY-MM-DD, YYYY-MM or YYYY.") from None


class DateBoundFilter(django_filters.Filter):
    field_class = DateBoundField

    def condition(self, value: datetime.date) -> Q:
        return Q(**{f"document__date__{self.lookup_expr}": value})

    def filter(self, qs, value):
        return qs.filter(self.condition(value)) if value else qs


class SearchForm(forms.Form):
    """The parameters that are not filters, and checks across fields."""

    sort = forms.ChoiceField(
        choices=[(s, s) for s in SORTS],
        required=False,
        error_messages={"invalid_choice": "“%(value)s” is not a way to sort: use relevance, newest or oldest."},
    )
    page = forms.IntegerField(
        min_value=1,
        max_value=100_000,
        required=False,
        error_messages={"invalid": "the page must be a whole number, 1 or more."},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error(None, "The start date is after the end date, so nothing can match.")
        return cleaned


class StatementFilter(django_filters.FilterSet):
    q = QueryFilter(
        label="Words, phrases or speakers",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"the search is too long: at most {MAX_QUERY_LENGTH} characters."},
    )
    speaker = FacetFilter(field_name="speaker__slug", label="Speaker")
    topic = TopicFacetFilter(label="Topic")
    outlet = FacetFilter(field_name="document__outlet", label="Outlet")
    year = YearFacetFilter(label="Year")
    kind = KindFacetFilter(label="Kind")
    date_from = DateBoundFilter(lookup_expr="gte", label="From")
    date_to = DateBoundFilter(lookup_expr="lte", label="To", end=True)

    class Meta:
        model = Statement
        fields: list[str] = []
        form = SearchForm

    def is_valid(self) -> bool:
        return self.form.is_valid()

    def value(self, name: str):
        """The cleaned value of a parameter; None, [] or "" when absent or invalid."""
        self.form.is_valid()  # validates once; later calls reuse the result
        return self.form.cleaned_data.get(name)

    def condition(self, name: str) -> Q | None:
        """The SQL condition of one filter, or None when it is not in use (absent or invalid)."""
        value = self.value(name)
        if value in (None, "", []):
            return None
        return self.filters[name].condition(value)

    def filter_queryset(self, queryset):
        for name in self.filters:
            condition = self.condition(name)
            if condition is not None:
                queryset = queryset.filter(condition)
        return queryset

    def messages(self) -> list[str]:
        """The problems with the parameters, as sentences for people."""
        self.form.is_valid()
        out = []
        for name, errors in self.form.errors.items():
            for error in errors:
                if name == "__all__":
                    out.append(error)
                else:
                    out.append(f"Ignored “{name}”: {error}")
        return out


# "from" is a Python keyword, so the date filters are declared under other names and renamed here.
StatementFilter.base_filters["from"] = StatementFilter.base_filters.pop("date_from")
StatementFilter.base_filters["to"] = StatementFilter.base_filters.pop("date_to")
