"""The load test's clients: a mix of searches, facets, permalinks, speaker, topic and document pages.

Run by loadtest/run.py (``make loadtest``), which writes the URLs to pick from into LOADTEST_URLS (a
JSON file of statement paths, document ids, speaker and topic slugs, outlets and search words) and
reads every request's outcome from LOADTEST_EVENTS (one ``time ok status name`` line each), to tell
when errors happened during the database restart. Clients wait for nothing between requests: each
of them asks again as soon as it has its answer, so the server is kept saturated.
"""

from __future__ import annotations

import json
import os
import random
import time

from locust import FastHttpUser, events, task

URLS = json.loads(open(os.environ["LOADTEST_URLS"], encoding="utf-8").read())  # noqa: SIM115
EVENTS_PATH = os.environ.get("LOADTEST_EVENTS")
_events = open(EVENTS_PATH, "a", buffering=1, encoding="utf-8") if EVENTS_PATH else None  # noqa: SIM115


@events.request.add_listener
def record(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    if _events is not None:
        status = getattr(response, "status_code", 0) or 0
        _events.write(f"{time.time():.3f} {0 if exception else 1} {status} {name.replace(' ', '_')}\n")


@events.quitting.add_listener
def close(environment, **kwargs):
    if _events is not None:
        _events.flush()


def words() -> str:
    """One to three words, sometimes a phrase, OR or a minus, as people search."""
    vocabulary = URLS["words"]
    shape = random.random()
    if shape < 0.15:
        return f'"{random.choice(URLS["phrases"])}"'
    if shape < 0.25:
        return f"{random.choice(vocabulary)} OR {random.choice(vocabulary)}"
    if shape < 0.32:
        return f"{random.choice(vocabulary)} -{random.choice(vocabulary)}"
    return " ".join(random.sample(vocabulary, k=random.choice([1, 1, 2, 2, 3])))


class Reader(FastHttpUser):
    """One person reading the archive: searching, narrowing, opening quotes and their documents."""

    def get(self, path: str, name: str, **params) -> None:
        with self.client.get(path, params=params or None, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(25)
    def search_words(self):
        self.get("/search/", "search", q=words())

    @task(15)
    def search_with_facets(self):
        params = {random.choice(["speaker", "topic", "year", "kind", "outlet"]): None for _ in range(2)}
        choices = {
            "speaker": URLS["speakers"],
            "topic": URLS["topics"],
            "year": URLS["years"],
            "kind": ["answer", "quote", "speech", "remark"],
            "outlet": URLS["outlets"],
        }
        chosen = {name: random.choice(choices[name]) for name in params}
        if random.random() < 0.5:
            chosen["q"] = words()
        self.get("/search/", "search with facets", **chosen)

    @task(10)
    def search_json(self):
        self.get("/search/", "search json", q=words(), format="json")

    @task(5)
    def browse(self):
        self.get("/search/", "browse", page=str(random.randint(1, 5)))

    @task(20)
    def permalink(self):
        self.get(random.choice(URLS["statements"]), "permalink")

    @task(10)
    def speaker(self):
        self.get(f"/speakers/{random.choice(URLS['speakers'])}/", "speaker")

    @task(10)
    def document(self):
        self.get(f"/documents/{random.choice(URLS['documents'])}/", "document")

    @task(5)
    def topic(self):
        self.get(f"/topics/{random.choice(URLS['topics'])}/", "topic")
