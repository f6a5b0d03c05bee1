"""Speakers and topics: index pages with counts, and a page for each.

A speaker's (or topic's) page is a search pre-filtered to it: its statements come from the search
module, newest first, and the other facets' counts are its counts by topic (or speaker) and year.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count
from django.http import QueryDict
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView

from archive import search, timeline
from archive.models import Speaker, Topic
from archive.presentation import speaker_path, topic_path
from archive.renderers import atom
from archive.renderers.json import count_values, speaker_summary, statement_json, topic_summary
from archive.renderers.records import records
from archive.views.base import JSONTwinMixin, format_url


class FilteredStatementsMixin(JSONTwinMixin):
    """A detail page listing the statements of one facet value, with counts by two other facets."""

    facet: str  # the search parameter this page fixes
    count_facets: tuple[str, str]

    def run_search(self) -> search.SearchPage:
        params = QueryDict(mutable=True)
        params[self.facet] = self.object.slug
        params["sort"] = "newest"
        page = self.request.GET.get("page")
        if page:
            params["page"] = page
        return search.run(params)

    def page_url(self, state: search.SearchState | None) -> str | None:
        if state is None:
            return None
        return self.request.path + (f"?{urlencode({'page': state.page})}" if state.page > 1 else "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.run_search()
        context.update(
            page=page,
            results=records(page.results),
            feed_url=format_url(self.request, atom.ATOM_FORMAT),
            counts=[page.facet(name) for name in self.count_facets],
            search_path=reverse("search"),
            next_url=self.page_url(page.next_state),
            previous_url=self.page_url(page.previous_state),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.request.GET.get("format") == atom.ATOM_FORMAT:
            return atom.atom_response(f"{self.object.name} · Statement Archive", self.request.path, self.feed_subtitle(),
                                      context["results"], self.absolute, format_url(self.request, atom.ATOM_FORMAT))
        return super().render_to_response(context, **response_kwargs)

    def statements_json(self, context) -> dict:
        page = context["page"]
        next_url = context["next_url"]
        return {
            "count": page.count,
            **{f"{facet.name}s": count_values(facet) for facet in context["counts"]},
            "statements": [statement_json(found, self.absolute) for found in context["results"]],
            "next": self.absolute(f"{next_url}{'&' if '?' in next_url else '?'}format=json") if next_url else None,
        }


class SpeakerDetail(FilteredStatementsMixin, DetailView):
    """/speakers/<slug>/: who they are, what they spoke about and when, and their statements."""

    model = Speaker
    template_name = "speaker_detail.html"
    context_object_name = "speaker"
    facet = "speaker"
    count_facets = ("topic", "year")

    def feed_subtitle(self) -> str:
        return f"New statements by {self.object.name}, newest first."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aliases"] = [alias.name for alias in self.object.aliases.order_by("name")]
        context["canonical_url"] = self.absolute(speaker_path(self.object))
        series = timeline.speaker_timeline(self.object)
        context["timeline"] = series
        context["timeline_svg"] = mark_safe(timeline.svg(series, f"{self.object.name}: statements on the top topics over time"))  # noqa: S308 (built from escaped parts)
        return context

    def get_json(self, context):
        return {
            **speaker_summary(self.object, self.absolute),
            "aliases": context["aliases"],
            "timeline": context["timeline"].as_json(),
            **self.statements_json(context),
        }


class TopicDetail(FilteredStatementsMixin, DetailView):
    """/topics/<slug>/: the topic, who spoke about it and when, and its statements."""

    model = Topic
    template_name = "topic_detail.html"
    context_object_name = "topic"
    facet = "topic"
    count_facets = ("speaker", "year")

    def feed_subtitle(self) -> str:
        return f"New statements on {self.object.name}, newest first."

    def get_queryset(self):
        return Topic.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = list(self.object.children.order_by("name"))
        context["canonical_url"] = self.absolute(topic_path(self.object))
        return context

    def get_json(self, context):
        parent = self.object.parent
        return {
            **topic_summary(self.object, self.absolute),
            "parent": {"name": parent.name, "slug": parent.slug} if parent else None,
            **self.statements_json(context),
        }


class SpeakerList(JSONTwinMixin, ListView):
    """/speakers/: everyone with at least one statement, with their counts."""

    template_name = "speaker_list.html"
    context_object_name = "speakers"

    def get_queryset(self):
        return Speaker.objects.annotate(count=Count("statements")).filter(count__gt=0).order_by("name")

    def get_json(self, context):
        speakers = context["speakers"]
        return {
            "count": len(speakers),
            "results": [{**speaker_summary(s, self.absolute), "count": s.count} for s in speakers],
        }


class TopicList(JSONTwinMixin, ListView):
    """/topics/: the taxonomy, with how many statements each topic has."""

    template_name = "topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.annotate(count=Count("statements")).filter(count__gt=0).order_by("name")

    def get_json(self, context):
        topics = context["topics"]
        return {
            "count": len(topics),
            "results": [{**topic_summary(t, self.absolute), "count": t.count} for t in topics],
        }
