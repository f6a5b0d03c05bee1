"""Links and dates for templates: ``{% load archive_tags %}``."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from archive import presentation

register = template.Library()


@register.filter
def permalink(statement) -> str:
    return presentation.statement_path(statement)


@register.filter
def speaker_url(speaker) -> str:
    return presentation.speaker_path(speaker)


@register.filter
def topic_url(topic) -> str:
    return presentation.topic_path(topic)


@register.filter
def document_url(document) -> str:
    return presentation.document_path(document)


@register.filter
def search_url(querystring: str) -> str:
    """The search page with a query string from archive.search ('' for the bare page)."""
    return reverse("search") + (querystring or "")


@register.simple_tag
def facet_values(values) -> str:
    """A facet's list items, built in Python: a search of a big archive lists a hundred facet values,
    and an ``{% include %}`` (or even ``format_html``) for each was a large part of the page's time."""
    search = reverse("search")
    return mark_safe("".join(_facet_item(search, value) for value in values))  # noqa: S308 (every part escaped)


def _facet_item(search: str, value) -> str:
    href = escape(search + value.querystring)
    label, count = escape(str(value.label)), escape(str(value.count))
    plural = "" if value.count == 1 else "s"
    selected = value.selected
    css = "facet-value is-selected" if selected else "facet-value"
    current = ' aria-current="true"' if selected else ""
    box = "✓" if selected else ""
    note = '<span class="visually-hidden"> (selected; choose to remove)</span>' if selected else ""
    return (f'<li><a class="{css}" href="{href}"{current}><span class="box" aria-hidden="true">{box}</span>'
            f'<span class="facet-label">{label}</span>{note} '
            f'<span class="count">{count}<span class="visually-hidden"> statement{plural}</span></span></a></li>')
