"""Snippets: a result's words with the matches marked, as safe HTML.

ts_headline marks matches with sentinels, which are removed from the text first, so they cannot occur in
it. "<" and ">" are swapped for two more placeholders, since ts_headline's parser would otherwise drop
anything that looks like an HTML tag. The result is HTML-escaped, and only then do the sentinels become
<mark> and the placeholders &lt; and &gt;.
"""

from __future__ import annotations

import html

from django.contrib.postgres.search import SearchHeadline
from django.db.models import Case, F, Func, QuerySet, TextField, Value, When
from django.db.models.functions import Length
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from archive.search.sql import SEARCH_CONFIG, search_query

SNIPPET_WORDS = 45
WHOLE_SNIPPET_CHARACTERS = 320

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
    """The first words of a text, escaped: the snippet of a result found without words."""
    return mark_safe(html.escape(Truncator(" ".join(text.split())).words(SNIPPET_WORDS, truncate=" …"), quote=False))


def with_headlines(rows: QuerySet, q: str) -> QuerySet:
    """Statements annotated with ``headline``: a short statement whole, a long one as its best fragments."""
    query = search_query(q)
    rows = rows.annotate(text_length=Length("text"))
    protected = Func(F("text"), Value(_PROTECT_FROM), Value(_PROTECT_TO), function="translate", output_field=TextField())
    marks = {"config": SEARCH_CONFIG, "start_sel": START_MARK, "stop_sel": STOP_MARK}  # Django quotes the values
    return rows.annotate(
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


def add_snippets(statements: list) -> None:
    """Give each statement its ``snippet``: the highlighted headline when it has one, else its first words."""
    for statement in statements:
        headline = getattr(statement, "headline", None)
        statement.snippet = highlighted(headline, statement.text) if headline is not None else plain_snippet(statement.text)
