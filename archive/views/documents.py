"""A document: the interview as turns, or its verbatim source text."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import DetailView

from archive.models import Document, Statement, Topic
from archive.presentation import document_date, document_path
from archive.renderers.json import IN_DOCUMENT, iso, statement_json
from archive.renderers.records import record
from archive.views.base import JSONTwinMixin


class DocumentDetail(JSONTwinMixin, DetailView):
    """/documents/<id>/: the statements in order, each anchored s-<key>; ?view=source shows the raw text."""

    model = Document
    template_name = "document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        statements = Statement.objects.select_related("speaker").defer("search_vector").order_by("position")
        statements = statements.prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        return Document.objects.prefetch_related(Prefetch("statements", queryset=statements))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        statements = list(document.statements.all())
        show_source = self.request.GET.get("view") == "source"
        context.update(
            statements=statements,
            date=document_date(document),
            show_source=show_source,
            source_html=source_with_statements(document.raw_text, statements) if show_source else None,
            canonical_url=self.absolute(document_path(document)),
        )
        return context

    def get_json(self, context):
        document = self.object
        return {
            "id": document.pk,
            "url": context["canonical_url"],
            "title": document.title,
            "outlet": document.outlet,
            "publisher": document.publisher,
            "source_url": document.url,
            "date": iso(document.date),
            "date_precision": document.date_precision or None,
            "statements": [statement_json(record(statement, topics=statement.topics.all()), self.absolute, IN_DOCUMENT)
                           for statement in context["statements"]],
            "source_text": document.raw_text,
        }


def source_with_statements(raw_text: str, statements: list[Statement]) -> SafeString:
    """The verbatim text, escaped, with each statement's span marked (and anchored src-<key>)."""
    parts: list[str] = []
    position = 0
    for statement in sorted(statements, key=lambda s: s.start_offset):
        start, end = statement.start_offset, statement.end_offset
        if start < position or end <= start or end > len(raw_text):  # overlapping or stale offsets: leave unmarked
            continue
        parts.append(format_html("{}", raw_text[position:start]))
        parts.append(format_html('<mark id="src-{}">{}</mark>', statement.key, raw_text[start:end]))
        position = end
    parts.append(format_html("{}", raw_text[position:]))
    return mark_safe("".join(parts))  # every piece went through format_html
