"""The URLs the load test's clients pick from, written as JSON for loadtest/locustfile.py."""

from __future__ import annotations

import json
import random

from django.db.models import Count

from archive.models import Document, Speaker, Statement, Topic
from archive.presentation import statement_path

SAMPLE = 5000


def write(path: str) -> None:
    rng = random.Random(7)
    count = Statement.objects.count()
    ids = list(Statement.objects.values_list("id", flat=True))
    chosen = rng.sample(ids, k=min(SAMPLE, len(ids)))
    statements = Statement.objects.filter(id__in=chosen).only("key", "speaker_name", "text")
    documents = list(Document.objects.values_list("id", flat=True))
    speakers = list(Speaker.objects.annotate(n=Count("statements")).filter(n__gt=0).values_list("slug", flat=True))
    topics = list(Topic.objects.annotate(n=Count("statements")).filter(n__gt=0).values_list("slug", flat=True))
    outlets = sorted({o for o in Document.objects.values_list("outlet", flat=True).distinct() if o})
    years = sorted({str(d.year) for d in Document.objects.exclude(date=None).values_list("date", flat=True)}) + [
        "undated"
    ]
    data = {
        "corpus": {"statements": count, "documents": len(documents), "speakers": len(speakers), "topics": len(topics)},
        "statements": [statement_path(s) for s in statements],
        "documents": rng.sample(documents, k=min(SAMPLE, len(documents))),
        "speakers": speakers,
        "topics": topics,
        "outlets": outlets,
        "years": years,
        "words": [
            "sanctions", "nato", "dialogue", "treaty", "security", "guarantees", "assets", "grain", "energy",
            "sovereignty", "negotiations", "expansion", "weapons", "nuclear", "stability", "partners", "europe",
            "washington", "china", "ukraine", "charter", "humanitarian", "prisoner", "currencies", "trust",
            "red", "lines", "settlement", "infrastructure", "alliance", "pressure", "interests", "respect",
        ],
        "phrases": ["red lines", "security guarantees", "strategic stability", "frozen sovereign assets",
                    "grain deal", "new start", "political settlement", "national currencies"],
    }  # fmt: skip
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out)
