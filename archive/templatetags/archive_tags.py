"""Links and dates for templates: ``{% load archive_tags %}``."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive import presentation

register = template.Library()


@register.filter
def permalink(statement) -> str:
    return presentation.statement_path(statement)


@register.filter
def in_document(statement) -> str:
    return presentation.statement_in_document_path(statement)


@register.filter
def document_date(document) -> str:
    return presentation.document_date(document)


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


@register.filter
def zip_lists(first, second):
    return zip(first or [], second or [], strict=False)


@register.simple_tag
def facet_values(values) -> str:
    """A facet's list items, built in Python: a search of a big archive lists hundreds of facet values,
    and an ``{% include %}`` for each was most of the page's time (a sixth of it is left)."""
    search = reverse("search")
    return mark_safe("".join(_facet_item(search, value) for value in values))  # noqa: S308 (format_html escapes)


def _facet_item(search: str, value) -> str:
    selected = value.selected
    return format_html(
        '<li><a class="facet-value{}" href="{}"{}><span class="box" aria-hidden="true">{}</span>'
        '<span class="facet-label">{}</span>{} <span class="count">{}<span class="visually-hidden"> statement{}</span>'
        "</span></a></li>",
        " is-selected" if selected else "", search + value.querystring, mark_safe(' aria-current="true"') if selected else "",
        "✓" if selected else "", value.label,
        mark_safe('<span class="visually-hidden"> (selected; choose to remove)</span>') if selected else "",
        str(value.count), "" if value.count == 1 else "s",
    )
