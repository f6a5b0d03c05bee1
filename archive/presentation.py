"""How statements, documents and dates are named on the web: permalink slugs and paths, and readable
dates. Pure functions of model instances, shared by views, templates and renderers."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.text import slugify

# The slug after a statement's key is for people only: the key alone identifies the statement.
SLUG_LENGTH = 60


def statement_slug(speaker_name: str, text: str) -> str:
    """slugify(speaker name + the first words of the quote), cut at a word boundary near SLUG_LENGTH."""
    slug = slugify(f"{speaker_name} {text[:400]}")
    if len(slug) > SLUG_LENGTH:
        cut = slug[: SLUG_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_LENGTH]
    return slug.strip("-") or "statement"


def statement_path(statement) -> str:
    """The canonical, root-relative permalink: /s/<key>/<slug>/."""
    return reverse(
        "statement_detail", kwargs={"key": statement.key, "slug": statement_slug(statement.speaker_name, statement.text)}
    )


def statement_in_document_path(statement) -> str:
    """The statement's place in its document's turns view."""
    return f"{reverse('document_detail', args=[statement.document_id])}#s-{statement.key}"


def document_path(document) -> str:
    return reverse("document_detail", args=[document.pk])


def speaker_path(speaker) -> str:
    return reverse("speaker_detail", args=[speaker.slug])


def topic_path(topic) -> str:
    return reverse("topic_detail", args=[topic.slug])


def human_date(date: datetime.date | None, precision: str = "day") -> str:
    """'22 December 2023', 'December 2023' or '2023' as the document's date precision allows; '' if unknown."""
    if date is None:
        return ""
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return f"{date:%B} {date.year}"
    return f"{date.day} {date:%B} {date.year}"


def document_date(document) -> str:
    return human_date(document.date, document.date_precision or "day")
