"""How often a speaker returned to each of his top topics, by year (or by month over a short span).

The chart is drawn on the server as SVG: readable without JavaScript, every bar a link to the
matching search, each with a <title>; the page shows the same numbers as a table, and the JSON
twin carries the series.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Max, Min, Sum
from django.urls import reverse
from django.utils.html import escape

from archive.models import Document, FacetCount, Topic

TOP_TOPICS = 5
# Over a span this short, months say more than years.
MONTHLY_SPAN_DAYS = 730


@dataclass
class Row:
    label: str
    slug: str
    counts: list[int]
    urls: list[str]


@dataclass
class Timeline:
    periods: list[str]  # "2023" or "2023-12"
    rows: list[Row]
    undated: int  # statements left out because their document has no date

    @property
    def peak(self) -> int:
        return max((c for row in self.rows for c in row.counts), default=0)

    def as_json(self) -> dict:
        return {"periods": self.periods, "undated": self.undated,
                "series": [{"topic": r.slug, "label": r.label, "counts": r.counts} for r in self.rows]}


def speaker_timeline(speaker) -> Timeline:
    """Read from the search's trigger-kept counts (``FacetCount``), never from the statements: the
    busiest speaker of a million-statement archive has 140,000 of them, and joining those to their
    topics took seconds; his counts are a few thousand rows."""
    counts_of_speaker = FacetCount.objects.filter(speaker_id=speaker.pk, statements__gt=0)
    undated = (counts_of_speaker.filter(topic_id=FacetCount.ALL_TOPICS, year__isnull=True)
               .aggregate(n=Sum("statements"))["n"] or 0)
    dated = counts_of_speaker.filter(year__isnull=False)
    span = (Document.objects.filter(pk__in=dated.filter(topic_id=FacetCount.ALL_TOPICS).values("document_id"))
            .aggregate(first=Min("date"), last=Max("date")))
    first, last = span["first"], span["last"]
    if first is None:
        return Timeline([], [], undated)
    monthly = (last - first).days <= MONTHLY_SPAN_DAYS
    by_topic = dated.exclude(topic_id=FacetCount.ALL_TOPICS)
    totals = dict(by_topic.values_list("topic_id").annotate(n=Sum("statements")))
    topics = {t.pk: t for t in Topic.objects.filter(pk__in=totals).only("pk", "slug", "name")}
    top = sorted(topics.values(), key=lambda t: (-totals[t.pk], t.name))[:TOP_TOPICS]
    periods = _periods(first, last, monthly)
    counts: dict[int, Counter] = defaultdict(Counter)
    top_rows = by_topic.filter(topic_id__in=[t.pk for t in top])
    if monthly:
        dates = dict(Document.objects.filter(pk__in=top_rows.values("document_id")).values_list("pk", "date"))
        for topic_id, document_id, n in top_rows.values_list("topic_id", "document_id").annotate(n=Sum("statements")):
            day = dates[document_id]
            counts[topic_id][dt.date(day.year, day.month, 1)] += n
    else:
        for topic_id, year, n in top_rows.values_list("topic_id", "year").annotate(n=Sum("statements")):
            counts[topic_id][dt.date(year, 1, 1)] += n
    labels = [p.strftime("%Y-%m") if monthly else str(p.year) for p in periods]
    rows = []
    for topic in top:
        urls = [_search_url(speaker.slug, topic.slug, p, monthly) for p in periods]
        rows.append(Row(topic.name, topic.slug, [counts[topic.pk].get(p, 0) for p in periods], urls))
    return Timeline(labels, rows, undated)


def _periods(first: dt.date, last: dt.date, monthly: bool) -> list[dt.date]:
    if not monthly:
        return [dt.date(year, 1, 1) for year in range(first.year, last.year + 1)]
    periods, cursor = [], dt.date(first.year, first.month, 1)
    while cursor <= last:
        periods.append(cursor)
        cursor = dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return periods


def _search_url(speaker: str, topic: str, period: dt.date, monthly: bool) -> str:
    if monthly:
        end = dt.date(period.year + period.month // 12, period.month % 12 + 1, 1) - dt.timedelta(days=1)
    else:
        end = dt.date(period.year, 12, 31)
    query = urlencode({"speaker": speaker, "topic": topic, "from": period.isoformat(), "to": end.isoformat()})
    return f"{reverse('search')}?{query}"


def svg(timeline: Timeline, title: str) -> str:
    """Small multiples: one row of bars per topic, one bar per period, each bar a link."""
    label_width, bar_gap, row_height, bar_area = 290, 2, 34, 26
    bar_width = max(6, min(40, 520 // max(len(timeline.periods), 1)))
    width = label_width + len(timeline.periods) * (bar_width + bar_gap) + 10
    height = len(timeline.rows) * row_height + 24
    peak = timeline.peak or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'role="group" aria-labelledby="timeline-title"><title id="timeline-title">{escape(title)}</title>']
    for r, row in enumerate(timeline.rows):
        y = r * row_height
        label = row.label if len(row.label) <= 40 else row.label[:39].rstrip() + "…"
        parts.append(f'<text x="0" y="{y + bar_area - 6}" class="timeline-label">{escape(label)}</text>')
        for p, (count, url) in enumerate(zip(row.counts, row.urls, strict=True)):
            x = label_width + p * (bar_width + bar_gap)
            h = round(bar_area * count / peak) if count else 0
            tip = f"{row.label}, {timeline.periods[p]}: {count} statement{'s' if count != 1 else ''}"
            parts.append(f'<a href="{escape(url)}"><title>{escape(tip)}</title>'
                         f'<rect class="timeline-slot" x="{x}" y="{y}" width="{bar_width}" height="{bar_area}"/>'
                         f'<rect class="timeline-bar" x="{x}" y="{y + bar_area - h}" width="{bar_width}" height="{h}"/></a>')
    y = len(timeline.rows) * row_height + 14
    for p in (0, len(timeline.periods) - 1) if timeline.periods else ():
        x = label_width + p * (bar_width + bar_gap)
        parts.append(f'<text x="{x}" y="{y}" class="timeline-axis">{escape(timeline.periods[p])}</text>')
    parts.append("</svg>")
    return "".join(parts)
