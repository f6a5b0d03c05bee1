"""Thin views: queries live here only until they need a home of their own."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from archive.models import Document, Speaker, Statement

NEWEST_STATEMENTS_SHOWN = 20


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "statements": Statement.objects.count(),
        "speakers": Speaker.objects.count(),
        "documents": Document.objects.count(),
    }
    return render(request, "home.html", {"counts": counts})


def search(request: HttpRequest) -> HttpResponse:
    """Placeholder until full-text search lands: shows the newest statements whatever the query."""
    statements = Statement.objects.select_related("document").order_by("-created_at", "-id")[:NEWEST_STATEMENTS_SHOWN]
    return render(
        request,
        "statement_list.html",
        {"query": request.GET.get("q", ""), "statements": statements},
    )
