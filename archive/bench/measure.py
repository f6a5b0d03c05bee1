"""Latency of whole pages, as users get them: the real URLs, views, templates and JSON, through Django's
test client, against the benchmark database.

Each case is requested ``warmup`` times unrecorded, then ``runs`` times, round-robin over all cases and
both formats, so one query's pages do not stay alone in PostgreSQL's buffers while it repeats.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

FORMATS = ("html", "json")


@dataclass(frozen=True)
class Case:
    name: str
    params: dict  # search parameters
    path: str = "/search/"


# The fixed query mix. Terms are chosen by how many statements they occur in (see docs/benchmarks.md):
# "kaliningrad" ~0.02%, "grain" ~1.3%, "security" ~53%; "sergey-lavrov" is the most quoted speaker.
QUERY_MIX = [
    Case("rare term", {"q": "kaliningrad"}),
    Case("medium term", {"q": "grain"}),
    Case("term in half the corpus", {"q": "security"}),
    Case("two words", {"q": "nuclear weapons"}),
    Case("phrase", {"q": '"red lines"'}),
    Case("OR", {"q": "sanctions OR assets"}),
    Case("term + speaker", {"q": "dialogue", "speaker": "sergey-lavrov"}),
    Case("term + topic", {"q": "treaty", "topic": "arms-control"}),
    Case("term + date range", {"q": "cooperation", "from": "2010-01-01", "to": "2014-12-31"}),
    Case("empty query", {}),
]


@dataclass
class Timing:
    case: str
    format: str
    samples: list[float] = field(default_factory=list)  # milliseconds
    timed_out: float | None = None  # the statement timeout (s) a request ran into; no more runs then

    @property
    def p50(self) -> float:
        return statistics.median(self.samples) if self.samples else math.inf

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95) if self.samples and not self.timed_out else math.inf


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def client() -> Client:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")]
    return Client(HTTP_HOST=hosts[0] if hosts else "localhost")


def _get(http: Client, path: str, params: dict, fmt: str) -> float:
    query = {**params, "format": "json"} if fmt == "json" else params
    start = time.perf_counter()
    response = http.get(path, query, secure=True)
    if not response.streaming:
        _ = response.content
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} {query} answered {response.status_code}")
    return elapsed


def measure(
    requests: list[tuple[str, Callable[[int], tuple[str, dict]]]],
    runs: int,
    warmup: int = 2,
    formats: tuple[str, ...] = FORMATS,
    budget: float | None = None,
    min_runs: int = 5,
    timeout: float | None = None,
) -> dict[tuple[str, str], Timing]:
    """Time each named request in each format, round-robin. A request is a function of the run number
    giving (path, params), so a case can visit a different statement on every run.

    With a budget (seconds), a request stops being timed once its samples add up to more than that and
    there are at least `min_runs` of them: a page that takes seconds is reported from fewer runs, and the
    table says how many. With a timeout (seconds), a request whose SQL runs longer is cancelled by
    PostgreSQL and not run again; its percentiles are infinite."""
    http = client()
    timings = {(name, fmt): Timing(name, fmt) for name, _ in requests for fmt in formats}
    with connection.cursor() as cursor:  # the test client keeps this connection, and so the setting
        cursor.execute(f"SET statement_timeout = '{int(timeout * 1000)}'" if timeout else "SET statement_timeout = 0")
    try:
        for run in range(warmup + runs):
            for name, request in requests:
                path, params = request(run)
                for fmt in formats:
                    timing = timings[name, fmt]
                    if timing.timed_out or (
                        budget and len(timing.samples) >= min_runs and sum(timing.samples) > budget * 1000
                    ):
                        continue
                    try:
                        ms = _get(http, path, params, fmt)
                    except OperationalError:  # the statement timeout
                        timing.timed_out = timeout
                        continue
                    if run >= warmup:
                        timing.samples.append(ms)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    return timings


def search_requests(cases: list[Case]) -> list[tuple[str, Callable[[int], tuple[str, dict]]]]:
    return [(case.name, lambda run, case=case: (case.path, case.params)) for case in cases]


def page_requests(seed: int) -> tuple[list[tuple[str, Callable]], dict[str, str]]:
    """Permalinks (a different statement every run), the busiest and a middling speaker, a typical document."""
    from django.db.models import Count

    from archive.models import Document, Speaker, Statement
    from archive.presentation import statement_path

    rng = random.Random(f"{seed}:pages")
    top = Statement.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = [rng.randint(1, top) for _ in range(200)]
    statements = list(Statement.objects.filter(id__in=ids).only("key", "text", "speaker_name"))
    paths = [statement_path(s) for s in statements]
    rng.shuffle(paths)
    speakers = list(
        Speaker.objects.annotate(n=Count("statements")).filter(n__gt=0).order_by("-n", "slug").values_list("slug", "n")
    )
    busiest, middling = speakers[0], speakers[len(speakers) // 2]
    documents = list(
        Document.objects.annotate(n=Count("statements")).filter(n__gt=0).order_by("n", "id").values_list("id", "n")
    )
    typical = documents[len(documents) // 2]
    passages = [_altered_passage(s.text) for s in statements if len(s.text.split()) >= 12]
    rng.shuffle(passages)
    requests = [
        ("permalink", lambda run: (paths[run % len(paths)], {})),
        ("verify, one word changed", lambda run: ("/verify/", {"q": passages[run % len(passages)]})),
        ("verify, a sentence it lacks", lambda run: ("/verify/", {"q": UNKNOWN_PASSAGE})),
        ("speaker page, busiest", lambda run: (f"/speakers/{busiest[0]}/", {})),
        ("speaker page, middling", lambda run: (f"/speakers/{middling[0]}/", {})),
        ("document page", lambda run: (f"/documents/{typical[0]}/", {})),
    ]
    described = {
        "permalink": f"{len(paths)} statements in turn",
        "verify, one word changed": f"up to 40 words of {len(passages)} statements in turn, one word replaced",
        "verify, a sentence it lacks": "a 36-word sentence in the corpus's words that no statement holds",
        "speaker page, busiest": f"{busiest[0]}, {busiest[1]:,} statements",
        "speaker page, middling": f"{middling[0]}, {middling[1]:,} statements",
        "document page": f"document {typical[0]}, {typical[1]:,} statements (the median)",
    }
    return requests, described


# A press report's sentence in the corpus's register that no statement holds: the index finds candidates
# for its words, and each must be aligned before the answer is "not found" (or a weak match).
UNKNOWN_PASSAGE = ("We have repeatedly warned our Western colleagues that the grain corridor cannot work while "
                   "sanctions block Russian exports, and the security guarantees we proposed in December were "
                   "simply ignored by Washington and Brussels.")


def _altered_passage(text: str) -> str:
    """What a press report might quote: the statement's first 40 words with the middle one replaced."""
    words = text.split()[:40]
    words[len(words) // 2] = "allegedly"
    return " ".join(words)
