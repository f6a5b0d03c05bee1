"""The yardstick: a dedicated search engine (tantivy, from PyPI) on the same corpus and query mix.

For each case it does what the search page's queries do, in the engine: the exact number of matches,
the top 20 (by BM25 relevance, or newest first without words) with their statement ids, and every
facet's exact counts, each facet with the other facets' selections applied but not its own. It does
not render anything, so it is a lower bound for our whole-page times, not an equal contest.

The index is built once per loaded corpus and kept under .data/bench/.
"""

from __future__ import annotations

import datetime
import json
import shutil
import time
from pathlib import Path

import psycopg

from archive.bench.measure import Case, Timing

FACET_FIELDS = {"speaker": "speaker", "topic": "topics", "outlet": "outlet", "year": "year", "kind": "kind"}
EPOCH = datetime.date(1970, 1, 1).toordinal()


def available() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def _schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, fast=True)
    builder.add_text_field("text", tokenizer_name="en_stem")
    builder.add_text_field("speaker_name", tokenizer_name="en_stem")
    for name in ("speaker", "topics", "outlet", "kind"):
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("day", indexed=True, fast=True)  # days since 1970; undated: -1, sorted last
    return builder.build()


def build(path: Path, connect_kwargs: dict, stamp: str, say=print) -> float:
    """(Re)build the index at `path` from the benchmark database unless it was built for this `stamp`."""
    import tantivy

    marker = path / "bench-stamp.json"
    if marker.exists() and json.loads(marker.read_text()).get("stamp") == stamp:
        return json.loads(marker.read_text())["seconds"]
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    say(f"  building the tantivy index in {path}")
    start = time.perf_counter()
    index = tantivy.Index(_schema(), path=str(path))
    writer = index.writer(heap_size=512_000_000, num_threads=2)
    sql = """SELECT s.id, s.text, s.speaker_name, sp.slug, d.outlet, d.date, s.kind,
                    ARRAY(SELECT t.slug FROM archive_statementtopic st JOIN archive_topic t ON t.id = st.topic_id
                           WHERE st.statement_id = s.id)
               FROM archive_statement s JOIN archive_speaker sp ON sp.id = s.speaker_id
               JOIN archive_document d ON d.id = s.document_id"""
    with psycopg.connect(**connect_kwargs) as conn, conn.cursor(name="engine_export") as cursor:
        cursor.itersize = 5000
        cursor.execute(sql)
        for id_, text, speaker_name, speaker, outlet, date, kind, topics in cursor:
            doc = tantivy.Document(
                id=id_,
                text=text,
                speaker_name=speaker_name,
                speaker=speaker,
                kind=kind,
                year=date.year if date else 0,
                day=date.toordinal() - EPOCH if date else -1,
            )
            if outlet:
                doc.add_text("outlet", outlet)
            for topic in topics:
                doc.add_text("topics", topic)
            writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - start
    marker.write_text(json.dumps({"stamp": stamp, "seconds": seconds}))
    return seconds


class Engine:
    def __init__(self, path: Path):
        import tantivy

        self.tantivy = tantivy
        self.index = tantivy.Index.open(str(path))
        self.index.reload()
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def _filters(self, params: dict) -> dict[str, object]:
        """One query per filter in use, by parameter name."""
        t, schema = self.tantivy, self.schema
        filters = {}
        for facet in FACET_FIELDS:
            values = params.get(facet)
            if values:
                values = [values] if isinstance(values, str) else values
                field_name = FACET_FIELDS[facet]
                terms = [
                    (t.Occur.Should, t.Query.term_query(schema, field_name, int(v) if facet == "year" else v))
                    for v in values
                ]
                filters[facet] = t.Query.boolean_query(terms)
        if params.get("from") or params.get("to"):
            low = datetime.date.fromisoformat(params["from"]).toordinal() - EPOCH if params.get("from") else None
            high = datetime.date.fromisoformat(params["to"]).toordinal() - EPOCH if params.get("to") else None
            filters["dates"] = t.Query.range_query(schema, "day", t.FieldType.Integer, low, high)
        return filters

    def _query(self, params: dict, filters: dict, but: str | None = None):
        t = self.tantivy
        clauses = []
        if params.get("q"):
            words = self.index.parse_query(params["q"], ["text", "speaker_name"], conjunction_by_default=True)
            clauses.append((t.Occur.Must, words))
        clauses += [(t.Occur.Must, q) for name, q in filters.items() if name != but]
        return t.Query.boolean_query(clauses) if clauses else t.Query.all_query()

    def page(self, params: dict) -> dict:
        """Count, top 20 ids and every facet's counts, as the search page needs them."""
        filters = self._filters(params)
        query = self._query(params, filters)
        if params.get("q"):
            result = self.searcher.search(query, limit=20, count=True)
        else:
            result = self.searcher.search(query, limit=20, count=True, order_by_field="day")
        ids = [self.searcher.doc(address)["id"][0] for _, address in result.hits]
        facets = {}
        unselected = {
            name: {"terms": {"field": field, "size": 1000}}
            for name, field in FACET_FIELDS.items()
            if name not in filters
        }
        if unselected:
            facets.update(self.searcher.aggregate(query, unselected))
        for name in FACET_FIELDS:
            if name in filters:
                own = {name: {"terms": {"field": FACET_FIELDS[name], "size": 1000}}}
                facets.update(self.searcher.aggregate(self._query(params, filters, but=name), own))
        return {"count": result.count, "ids": ids, "facets": facets}


def measure(path: Path, cases: list[Case], runs: int, warmup: int = 2) -> tuple[dict[str, Timing], dict[str, int]]:
    engine = Engine(path)
    timings = {case.name: Timing(case.name, "engine") for case in cases}
    counts = {}
    for run in range(warmup + runs):
        for case in cases:
            start = time.perf_counter()
            result = engine.page(case.params)
            elapsed = (time.perf_counter() - start) * 1000
            if run >= warmup:
                timings[case.name].samples.append(elapsed)
            counts[case.name] = result["count"]
    return timings, counts
