"""Search results and the permalink page of one statement."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView

from archive import reported, search
from archive.models import RetiredKey, Statement
from archive.presentation import statement_path
from archive.renderers import atom, citations, export
from archive.renderers.json import DETAIL, facet_values, statement_json
from archive.renderers.records import record, records
from archive.views.base import JSONTwinMixin, format_url, json_response, wants_json, with_query

OG_DESCRIPTION_CHARACTERS = 300
KEY_LENGTH = Statement._meta.get_field("key").max_length
# Below the request line that gunicorn accepts (4094 bytes), so that a redirect is never refused.
MAX_REDIRECT_LENGTH = 4000


class StatementSearch(JSONTwinMixin, TemplateView):
    """/search/: full-text search with facets; without words, the whole archive newest first."""

    template_name = "statement_search.html"

    def get(self, request, *args, **kwargs):
        # The search form sends its empty fields too; drop them so the shareable URL holds only the state.
        given = [(name, value) for name, values in request.GET.lists() for value in values]
        kept = [(name, value) for name, value in given if value.strip()]
        if len(kept) != len(given):
            url = request.path + (f"?{urlencode(kept)}" if kept else "")
            # An address too long to follow is not redirected: the search ignores empty fields anyway.
            if len(url) <= MAX_REDIRECT_LENGTH:
                return HttpResponseRedirect(url)
        if request.GET.get("format") == atom.ATOM_FORMAT:
            return self.feed(request)
        if request.GET.get("format") == "csv":
            return self.csv(request)
        parameters = search.parse(request.GET)
        if wants_json(request) and not parameters.valid:
            # Refused before any query is run: bad input costs the database nothing.
            return json_response({"errors": parameters.errors}, status=400)
        self.page = search.run(parameters)
        return super().get(request, *args, **kwargs)

    def csv(self, request):
        """?format=csv: every statement of this search, up to a documented cap, streamed as UTF-8 CSV."""
        params = request.GET.copy()
        for name in ("format", "page"):
            params.pop(name, None)
        page = search.run(params, page_size=export.SEARCH_EXPORT_ROWS)
        rows = (export.row(found, self.absolute) for found in records(page.results))
        response = StreamingHttpResponse(export.csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="statements.csv"'
        response["X-Total-Count"] = str(page.count)
        truncated = page.matched < int(page.count) or not page.count_exact
        response["X-Export-Truncated"] = "true" if truncated else "false"
        response["X-Export-Rows"] = str(len(page.results))
        return response

    def feed(self, request):
        """?format=atom: the newest statements matching this search, to follow in a feed reader."""
        params = request.GET.copy()
        params["sort"] = "newest"
        for name in ("format", "page"):
            params.pop(name, None)
        page = search.run(params)
        words = params.get("q", "").strip()
        title = f"“{words}” · Statement Archive" if words else "Statement Archive: newest statements"
        return atom.atom_response(title, f"{request.path}?{params.urlencode()}", "Statements matching this search, newest first.",
                                  records(page.results), self.absolute, format_url(request, atom.ATOM_FORMAT))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.page
        context.update(
            page=page,
            results=records(page.results),
            state=page.state,
            search_path=reverse("search"),
            sort_labels=search.SORT_LABELS,
            feed_url=format_url(self.request, atom.ATOM_FORMAT),
            csv_url=format_url(self.request, "csv"),
            # The form keeps the selected facets when the words change.
            hidden_facets=[(name, value) for name in search.FACETS for value in page.state.selected(name)],
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if wants_json(self.request) and self.page.errors:
            return json_response({"errors": self.page.errors}, status=400)
        return super().render_to_response(context, **response_kwargs)

    def get_json(self, context):
        page = self.page
        next_url = None
        if page.next_state:
            next_url = self.absolute(f"{reverse('search')}?{urlencode([*page.next_state.pairs(), ('format', 'json')])}")
        return {
            "count": page.count,
            # How to read the numbers: an exact count, or "more than 10,000" / "about 530,000".
            "count_exact": page.count_exact,
            "count_text": str(page.count),
            "approximate_facets": [facet.name for facet in page.facets if facet.approximate],
            "order": page.state.effective_sort,
            "results": [statement_json(found, self.absolute) for found in context["results"]],
            "facets": {facet.name: facet_values(facet) for facet in page.facets},
            "next": next_url,
        }


class StatementDetail(JSONTwinMixin, TemplateView):
    """/s/<key>/<slug>/: one statement. Other slugs redirect here; retired keys to their successor."""

    template_name = "statement_detail.html"

    def get(self, request, key: str, slug: str | None = None):
        # No key is longer than the column, and PostgreSQL cannot even be asked about a NUL character.
        if len(key) > KEY_LENGTH or "\x00" in key:
            raise Http404("No statement has this key.")
        statement = (
            Statement.objects.select_related("speaker", "document")
            .defer("document__raw_text", "search_vector")
            .filter(key=key)
            .first()
        )
        if statement is None:
            return self.retired(key)
        canonical = statement_path(statement)
        if request.path != canonical:
            return HttpResponsePermanentRedirect(with_query(canonical, request))
        self.statement = statement
        if (fmt := request.GET.get("format")) in citations.FORMATTERS:
            return self.citation_download(fmt, self.absolute(canonical))
        return super().get(request, key=key, slug=slug)

    def citation_download(self, fmt: str, permalink: str) -> HttpResponse:
        """?format=ris|bibtex|csl: the citation as a file a reference manager imports."""
        body = citations.FORMATTERS[fmt](citations.cite(record(self.statement), permalink))
        response = HttpResponse(body, content_type=citations.MEDIA_TYPES[fmt])
        filename = f"statement-{self.statement.key}.{citations.EXTENSIONS[fmt]}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def retired(self, key: str):
        retired = RetiredKey.objects.select_related("successor__speaker").filter(key=key).first()
        if retired is None:
            raise Http404("No statement has this key.")
        if retired.successor is not None:
            return HttpResponsePermanentRedirect(with_query(statement_path(retired.successor), self.request))
        message = "This statement was removed from its document when the document was corrected, and nothing replaced it."
        if wants_json(self.request):
            return json_response({"key": key, "error": message}, status=410)
        return render(self.request, "statement_gone.html", {"key": key, "message": message}, status=410)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.statement
        siblings = Statement.objects.filter(document_id=statement.document_id).select_related("speaker")
        siblings = siblings.only("key", "text", "speaker__name", "speaker_name", "document_id", "position", "kind")
        topics = list(statement.topics.order_by("name"))
        item = record(statement, topics=topics)
        canonical_url = self.absolute(item.path)
        context.update(
            statement=statement,
            record=item,
            speaker=statement.speaker,
            document=statement.document,
            date=item.date_text,
            topics=topics,
            also_reported=reported.also_reported(statement),
            previous=siblings.filter(position__lt=statement.position).order_by("-position").first(),
            next=siblings.filter(position__gt=statement.position).order_by("position").first(),
            canonical_url=canonical_url,
            document_url=item.in_document,
            citation=citations.text_citation(item, canonical_url),
            citation_downloads=[(fmt, label, f"{item.path}?format={fmt}")
                                for fmt, label in (("ris", "RIS"), ("bibtex", "BibTeX"), ("csl", "CSL-JSON"))],
            og_title=f"{item.speaker.name}, {item.date_text}" if item.date_text else item.speaker.name,
            og_description=_shorten(item.text, OG_DESCRIPTION_CHARACTERS),
        )
        return context

    def get_json(self, context):
        previous, following = context["previous"], context["next"]
        return {
            **statement_json(context["record"], self.absolute, DETAIL),
            "previous": previous.key if previous else None,
            "next": following.key if following else None,
            "also_reported": [other.key for other in context["also_reported"]],
        }


def _shorten(text: str, characters: int) -> str:
    text = " ".join(text.split())
    if len(text) <= characters:
        return text
    return text[:characters].rsplit(" ", 1)[0].rstrip(",;:") + "…"


