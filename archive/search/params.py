"""The search's URL parameters, read and validated by one Django form: ``q speaker topic outlet year kind
sort from to page``.

The facets' fields come from their definitions (``facets.py``); the others are here. A value that cannot
be understood (``year=abc``, ``from=yesterday``, ``sort=random``) makes its parameter invalid: it is left
out, and the page says why rather than failing. The same form reads ``export_statements``' options.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from archive.models import Statement
from archive.search.facets import DEFINITIONS, FACETS
from archive.search.state import SORTS, SearchState

MAX_QUERY_LENGTH = 500

# websearch_to_tsquery keeps each "-" before a word as a NOT on a stack 32 deep (PostgreSQL's STACKDEPTH):
# a longer run of them, even spaced ("- - - -") or mixed with the characters it skips (!&|()<), fails
# with "tsquery stack too small". Runs longer than MAX_NEGATIONS are shortened to one or two minus
# signs, which mean the same thing.
MAX_NEGATIONS = 8
_NEGATION_RUN = re.compile(rf"-(?:[ \t\n\r\f\v!&|()<]*-){{{MAX_NEGATIONS},}}")


def shorten_negations(q: str) -> str:
    return _NEGATION_RUN.sub(lambda run: "-" if run.group().count("-") % 2 else "--", q)


class SearchWordsField(forms.CharField):
    def clean(self, value) -> str:
        # The limits apply to the words as given; only then are runs of minus signs shortened.
        return shorten_negations(super().clean(value))


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


class SearchForm(forms.Form):
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
    q = SearchWordsField(
        label="Words, phrases or speakers",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"the search is too long: at most {MAX_QUERY_LENGTH} characters."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, facet in DEFINITIONS.items():
            self.fields[name] = facet.field()
        # "from" is a Python keyword, so the dates cannot be declared as attributes.
        self.fields["from"] = DateBoundField(required=False, label="From")
        self.fields["to"] = DateBoundField(required=False, label="To", end=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error(None, "The start date is after the end date, so nothing can match.")
        return cleaned


@dataclass
class Parameters:
    """The state the valid parameters make, and what was wrong with the others."""

    state: SearchState
    messages: list[str] = field(default_factory=list)  # for people: "Ignored “year”: …"
    errors: dict[str, list[str]] = field(default_factory=dict)  # the same, by parameter

    @property
    def valid(self) -> bool:
        return not self.errors


class SearchFilterSet(django_filters.FilterSet):
    """django-filter reads the URL's parameters into the search form and validates them; the conditions they
    make are the search package's own SQL on its tables (``facets.py``), not a queryset filter."""

    class Meta:
        model = Statement
        fields: list[str] = []
        form = SearchForm


def parse(params: QueryDict) -> Parameters:
    form = SearchFilterSet(params, queryset=Statement.objects.none()).form
    form.is_valid()
    data = form.cleaned_data
    state = SearchState(
        q=data.get("q") or "",
        **{facet: tuple(data.get(facet) or ()) for facet in FACETS},
        sort=data.get("sort") or "",
        date_from=data.get("from"),
        date_to=data.get("to"),
        page=data.get("page") or 1,
    )
    messages = []
    for name, errors in form.errors.items():
        for error in errors:
            messages.append(error if name == "__all__" else f"Ignored “{name}”: {error}")
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    return Parameters(state, messages, errors)
