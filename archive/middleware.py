"""Headers and request limits that apply to every page.

``ContentSecurityPolicyMiddleware`` sends ``settings.CONTENT_SECURITY_POLICY`` (Django 5.2 has no CSP
of its own). It stands near the top of MIDDLEWARE so that responses made by the middleware below it,
static files included, carry the header too.

``QueryLimitsMiddleware`` answers a query string that Django refuses to parse (more parameters than
``DATA_UPLOAD_MAX_NUMBER_FIELDS``) with a 400 that says so, as JSON when the URL asks for
``format=json``, instead of Django's bare "Bad Request (400)".

``JSONErrorsMiddleware`` keeps the JSON twins' promise for errors raised outside their views: an address
that matches no page, a refused request or a server error (the database restarting, say) is answered
with ``{"error": "..."}`` rather than an HTML page when the URL asks for ``format=json``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from archive.views.base import json_response, wants_json

# The query string could not be parsed, so the JSON request is recognised from the raw text.
_ASKS_FOR_JSON = re.compile(r"(?:^|[&;])format=json(?:$|[&;])")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class QueryLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request.GET  # noqa: B018 -- parsing is lazy; do it here, where a refusal can be explained
        except TooManyFieldsSent:
            return too_many_parameters(request)
        return self.get_response(request)


class JSONErrorsMiddleware:
    MESSAGES = {
        400: "Bad request.",
        404: "Not found.",
        500: "The server could not answer this request. Please try again in a moment.",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        message = self.MESSAGES.get(response.status_code)
        if message and wants_json(request) and not response.get("Content-Type", "").startswith("application/json"):
            return json_response({"error": message}, status=response.status_code)
        return response


def too_many_parameters(request: HttpRequest) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    message = f"The address has too many parameters: at most {limit} are read."
    if _ASKS_FOR_JSON.search(request.META.get("QUERY_STRING", "")):
        return json_response({"error": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)
