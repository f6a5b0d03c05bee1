"""How often a speaker returned to each of his top topics, by year (or by month over a short span).

The chart is drawn on the server as SVG: readable without JavaScript, every bar a link to the
matching search, each with a <title>; the page shows the same numbers as a table, and the JSON
twin carries the series.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape

from archive.models import Topic
from archive.search import BACKEND

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
    """From the search's counts by topic and period (``BACKEND.speaker_topics``), never from the statements."""
    found = BACKEND.speaker_topics(speaker.pk)
    if found.first is None:
        return Timeline([], [], found.undated)
    monthly = (found.last - found.first).days <= MONTHLY_SPAN_DAYS
    topics = {t.pk: t for t in Topic.objects.filter(pk__in=found.totals).only("pk", "slug", "name")}
    top = sorted(topics.values(), key=lambda t: (-found.totals[t.pk], t.name))[:TOP_TOPICS]
    periods = _periods(found.first, found.last, monthly)
    counts = BACKEND.speaker_topic_periods(speaker.pk, [t.pk for t in top], monthly)
    labels = [p.strftime("%Y-%m") if monthly else str(p.year) for p in periods]
    rows = []
    for topic in top:
        urls = [_search_url(speaker.slug, topic.slug, p, monthly) for p in periods]
        rows.append(Row(topic.name, topic.slug, [counts[topic.pk].get(p, 0) for p in periods], urls))
    return Timeline(labels, rows, found.undated)


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
