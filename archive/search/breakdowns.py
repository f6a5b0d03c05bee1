"""A speaker's statements counted by topic and period, for the timeline of a speaker's page.

Read from the stored counts (``FacetCount``), never from the statements: the busiest speaker of a
million-statement archive has 140,000 statements, and joining those to their topics took seconds; his
counts are a few thousand rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Max, Min, Sum

from archive.models import Document, FacetCount


@dataclass
class TopicTotals:
    undated: int  # the speaker's statements whose document has no date
    first: dt.date | None  # the dated statements' first and last document dates
    last: dt.date | None
    totals: dict[int, int]  # dated statements per topic id


def speaker_topics(speaker_id: int) -> TopicTotals:
    counts = FacetCount.objects.filter(speaker_id=speaker_id, statements__gt=0)
    undated = counts.filter(topic_id=FacetCount.ALL_TOPICS, year__isnull=True).aggregate(n=Sum("statements"))["n"] or 0
    dated = counts.filter(year__isnull=False)
    span = (Document.objects.filter(pk__in=dated.filter(topic_id=FacetCount.ALL_TOPICS).values("document_id"))
            .aggregate(first=Min("date"), last=Max("date")))
    totals = dict(dated.exclude(topic_id=FacetCount.ALL_TOPICS).values_list("topic_id").annotate(n=Sum("statements")))
    return TopicTotals(undated, span["first"], span["last"], totals)


def speaker_topic_periods(speaker_id: int, topic_ids: list[int], monthly: bool) -> dict[int, Counter]:
    """The speaker's dated statements on each of these topics, by period: {topic id: {first day of the
    year, or of the month: statements}}."""
    rows = FacetCount.objects.filter(speaker_id=speaker_id, statements__gt=0, year__isnull=False,
                                     topic_id__in=topic_ids)
    counts: dict[int, Counter] = {topic_id: Counter() for topic_id in topic_ids}
    if monthly:
        dates = dict(Document.objects.filter(pk__in=rows.values("document_id")).values_list("pk", "date"))
        for topic_id, document_id, n in rows.values_list("topic_id", "document_id").annotate(n=Sum("statements")):
            day = dates[document_id]
            counts[topic_id][dt.date(day.year, day.month, 1)] += n
    else:
        for topic_id, year, n in rows.values_list("topic_id", "year").annotate(n=Sum("statements")):
            counts[topic_id][dt.date(year, 1, 1)] += n
    return counts
