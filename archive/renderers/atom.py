"""Atom feeds for following a search, a speaker or a topic: newest statements first, each entry linking to
its permalink."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from archive.renderers.records import StatementRecord

ATOM_FORMAT = "atom"
ENTRY_TITLE_WORDS = 12


def atom_response(title: str, link: str, subtitle: str, records: Iterable[StatementRecord],
                  absolute: Callable[[str], str], self_url: str) -> HttpResponse:
    feed = Atom1Feed(title=title, link=absolute(link), description=subtitle, feed_url=absolute(self_url),
                     language="en", author_name="Statement Archive")
    for record in records:
        permalink = absolute(record.path)
        words = Truncator(" ".join(record.text.split())).words(ENTRY_TITLE_WORDS, truncate="…")
        when = record.date_text
        feed.add_item(
            title=f"{record.speaker.name}{', ' + when if when else ''}: “{words}”",
            link=permalink,
            unique_id=permalink,
            description=record.text,
            author_name=record.speaker.name,
            pubdate=_as_datetime(record.date),  # undated documents have no publication date
            updateddate=record.updated_at,
            categories=record.topic_slugs,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _as_datetime(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 12))
