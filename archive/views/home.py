"""The home page: the search box first, then what the archive holds."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.views.generic import TemplateView

from archive.models import Document, Statement, Topic
from archive.views.base import JSONTwinMixin

EXAMPLE_SEARCHES = [
    ("new start", "all these words"),
    ('"red lines"', "this exact phrase"),
    ("sanctions OR assets", "either word"),
    ("nato -ukraine", "without a word"),
]


class Home(JSONTwinMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = {
            "statements": Statement.objects.count(),
            "speakers": Statement.objects.values("speaker").distinct().count(),
            "documents": Document.objects.count(),
        }
        context["topics"] = Topic.objects.annotate(count=Count("statements")).filter(count__gt=0).order_by("-count", "name")
        context["examples"] = EXAMPLE_SEARCHES
        return context

    def get_json(self, context):
        return {
            "counts": context["counts"],
            "search": self.absolute(reverse("search")),
            "speakers": self.absolute(reverse("speaker_list")),
            "topics": self.absolute(reverse("topic_list")),
        }
