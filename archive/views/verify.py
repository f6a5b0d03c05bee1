"""/verify/: paste a passage from a press report, see which archived statements it comes from and how it differs."""

from __future__ import annotations

from django.views.generic import TemplateView

from archive import verify
from archive.presentation import document_date, statement_path
from archive.renderers.json import iso, speaker_ref
from archive.views.base import JSONTwinMixin

VERDICT_LABELS = {
    "verbatim": "Verbatim: the same words",
    "close": "Close: only punctuation, ellipses, bracketed edits or a few small words differ",
    "altered": "Altered: words were changed, added or dropped",
    "not found": "Not found in the archive",
}


class StatementVerify(JSONTwinMixin, TemplateView):
    template_name = "statement_verify.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        too_long = len(query) > verify.MAX_QUERY_CHARS
        result = verify.verify(query) if query else None
        matches = []
        for match in result.matches if result else []:
            statement = match.statement
            matches.append({
                "statement": statement,
                "url": statement_path(statement),
                "date": document_date(statement.document),
                "alignment": match.alignment,
                "label": VERDICT_LABELS[match.alignment.verdict],
            })
        context.update(
            query=query,
            result=result,
            matches=matches,
            too_long=too_long,
            max_chars=verify.MAX_QUERY_CHARS,
            verdict_label=VERDICT_LABELS[result.verdict] if result else "",
        )
        return context

    def get_json(self, context):
        result = context["result"]
        return {
            "query": context["query"][: verify.MAX_QUERY_CHARS],
            "verdict": result.verdict if result else None,
            "matches": [
                {
                    "key": m["statement"].key,
                    "url": self.absolute(m["url"]),
                    "speaker": speaker_ref(m["statement"].speaker),
                    "date": iso(m["statement"].document.date),
                    "verdict": m["alignment"].verdict,
                    "similarity": m["alignment"].similarity,
                    "diff": m["alignment"].diff,
                }
                for m in context["matches"]
            ],
        }
