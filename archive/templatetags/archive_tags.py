"""Links and dates for templates: ``{% load archive_tags %}``."""

from django import template
from django.urls import reverse

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
