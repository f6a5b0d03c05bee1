"""What every page shares: a JSON twin at the same URL with ``?format=json``, and absolute URLs."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

JSON_FORMAT = "json"


class SafeJSONEncoder(DjangoJSONEncoder):
    """JSON whose text can never be read as HTML: <, > and & are written as \\u escapes."""

    def encode(self, o) -> str:
        return super().encode(o).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(
        data, encoder=SafeJSONEncoder, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == JSON_FORMAT


def with_query(path: str, request: HttpRequest) -> str:
    """``path`` keeping the request's query string (so a redirected JSON request stays JSON)."""
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


def format_url(request: HttpRequest, fmt: str, keep_page: bool = False) -> str:
    """This page's URL in another format: its JSON twin (same page), or the whole result as a feed or CSV."""
    params = request.GET.copy()
    if not keep_page:
        params.pop("page", None)
    params["format"] = fmt
    return f"{request.path}?{params.urlencode()}"


def json_twin_url(request: HttpRequest) -> str:
    return format_url(request, JSON_FORMAT, keep_page=True)


class JSONTwinMixin:
    """Render ``get_json(context)`` instead of the template when the URL asks for ``format=json``."""

    request: HttpRequest

    def dispatch(self, request, *args, **kwargs) -> HttpResponse:
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            if wants_json(request):
                return json_response({"error": "Not found."}, status=404)
            raise

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["json_url"] = json_twin_url(self.request)
        return context

    def get_json(self, context: dict):
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs) -> HttpResponse:
        if wants_json(self.request):
            return json_response(self.get_json(context), status=response_kwargs.get("status", 200))
        return super().render_to_response(context, **response_kwargs)

