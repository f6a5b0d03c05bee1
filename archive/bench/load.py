"""Load a generated corpus into the benchmark database, fast: COPY from parallel workers.

The schema comes from the real migrations. Before loading, the statement tables' secondary indexes
and constraints are dropped and the search-key triggers disabled; each worker generates its share of
the documents and streams them with COPY, so the statements' search vectors (a generated column) are
computed by as many server processes as there are workers. The indexes and constraints are then
rebuilt (several at once, the GIN index with parallel workers), the triggers re-enabled, and the
tables vacuumed and analysed. The loader writes the search keys the triggers would have written.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import psycopg
from django.core.management import call_command
from django.db import connections

from archive.bench import database
from archive.bench.corpus import CREATED_AT, CorpusSpec, DocumentRow, Generator, Plan

STATEMENT_TABLES = (
    "archive_document",
    "archive_statement",
    "archive_statementtopic",
    "archive_searchentry",
    "archive_facetcount",
)
BATCH_DOCUMENTS = 4
MAINTENANCE_WORK_MEM = "512MB"

DOCUMENT_COLUMNS = (
    "id",
    "title",
    "outlet",
    "publisher",
    "url",
    "date",
    "date_precision",
    "file_name",
    "checksum",
    "raw_text",
    "imported_at",
    "updated_at",
)
STATEMENT_COLUMNS = (
    "id",
    "key",
    "document_id",
    "speaker_id",
    "speaker_name",
    "position",
    "kind",
    "text",
    "context",
    "start_offset",
    "end_offset",
    "speaker_locked",
    "topics_locked",
    "created_at",
    "updated_at",
)
TOPIC_COLUMNS = ("statement_id", "topic_id", "matched_terms")
# The search table's keys; its search vector is copied from the statements once they are in.
ENTRY_COLUMNS = ("statement_id", "speaker_id", "document_id", "date", "position", "kind", "topic_ids")


@dataclass
class LoadReport:
    spec: CorpusSpec
    jobs: int
    phases: dict[str, float] = field(default_factory=dict)  # seconds, in order
    statements: int = 0
    documents: int = 0
    statement_topics: int = 0

    @property
    def seconds(self) -> float:
        return sum(self.phases.values())


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_rows(document: DocumentRow) -> tuple[str, list[str], list[str], list[str]]:
    date = document.date.isoformat() if document.date else "\\N"
    precision = "day" if document.date else ""
    doc = "\t".join(
        (
            str(document.id),
            _escape(document.title),
            _escape(document.outlet),
            "",
            "",
            date,
            precision,
            document.file_name,
            document.checksum,
            _escape(document.raw_text),
            CREATED_AT,
            CREATED_AT,
        )
    )
    statements, topics, entries = [], [], []
    for s in document.statements:
        statements.append(
            "\t".join(
                (
                    str(s.id),
                    s.key,
                    str(s.document_id),
                    str(s.speaker_id),
                    _escape(s.speaker_name),
                    str(s.position),
                    s.kind,
                    _escape(s.text),
                    _escape(s.context),
                    str(s.start_offset),
                    str(s.end_offset),
                    "f",
                    "f",
                    CREATED_AT,
                    CREATED_AT,
                )
            )
        )
        topics.extend(f"{s.id}\t{topic}\t{{}}" for topic in s.topic_ids)
        entries.append(
            f"{s.id}\t{s.speaker_id}\t{s.document_id}\t{date}\t{s.position}\t{s.kind}\t"
            "{" + ",".join(map(str, s.topic_ids)) + "}"
        )
    return doc, statements, topics, entries


def _copy(conn: psycopg.Connection, table: str, columns: Iterable[str], lines: list[str]) -> None:
    if not lines:
        return
    with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write("\n".join(lines) + "\n")


def _load_documents(task: tuple[CorpusSpec, dict, list[int]]) -> tuple[int, int, int]:
    """Worker: generate these documents and COPY them, with their statements and topics, in one transaction."""
    spec, kwargs, indexes = task
    generator = Generator(spec)
    counts = [0, 0, 0]
    with psycopg.connect(**kwargs) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute("CREATE TEMPORARY TABLE entry_keys (LIKE archive_searchentry) ON COMMIT DELETE ROWS")
        conn.execute("ALTER TABLE entry_keys ALTER COLUMN search_vector DROP NOT NULL")
        for start in range(0, len(indexes), BATCH_DOCUMENTS):
            docs, statements, topics, entries = [], [], [], []
            for index in indexes[start : start + BATCH_DOCUMENTS]:
                doc, s, t, e = _copy_rows(generator.document(generator.plan.documents[index]))
                docs.append(doc)
                statements.extend(s)
                topics.extend(t)
                entries.extend(e)
            _copy(conn, "archive_document", DOCUMENT_COLUMNS, docs)
            _copy(conn, "archive_statement", STATEMENT_COLUMNS, statements)
            _copy(conn, "archive_statementtopic", TOPIC_COLUMNS, topics)
            # What the triggers would write: the keys, and the search vector PostgreSQL just computed.
            conn.execute("TRUNCATE entry_keys")
            _copy(conn, "entry_keys", ENTRY_COLUMNS, entries)
            conn.execute(
                f"INSERT INTO archive_searchentry ({', '.join(ENTRY_COLUMNS)}, search_vector) "
                f"SELECT {', '.join('k.' + c for c in ENTRY_COLUMNS)}, s.search_vector "
                "FROM entry_keys k JOIN archive_statement s ON s.id = k.statement_id"
            )
            conn.execute(
                "INSERT INTO archive_facetcount (speaker_id, document_id, kind, topic_id, outlet, year, statements) "
                "SELECT k.speaker_id, k.document_id, k.kind, t.topic_id, d.outlet, EXTRACT(YEAR FROM d.date), "
                "count(*) FROM entry_keys k JOIN archive_document d ON d.id = k.document_id "
                "CROSS JOIN LATERAL unnest(array_prepend(0::bigint, k.topic_ids)) AS t (topic_id) "
                "GROUP BY 1, 2, 3, 4, 5, 6"
            )
            counts[0] += len(docs)
            counts[1] += len(statements)
            counts[2] += len(topics)
        conn.commit()
    return counts[0], counts[1], counts[2]


def _secondary_objects(conn: psycopg.Connection, tables: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(drop statements, index definitions, constraint definitions) for every index and constraint but primary keys."""
    drops, indexes, constraints = [], [], []
    for table in tables:
        for name, definition, _kind in conn.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname",
            [table],
        ):
            drops.append(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            constraints.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in conn.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid)",
            [table],
        ):
            drops.append(f'DROP INDEX "{name}"')
            indexes.append(definition)
    return drops, indexes, constraints


def _run_each(kwargs: dict, statements: list[str], jobs: int, settings: tuple[str, ...] = ()) -> None:
    """Run the statements on `jobs` connections at once, biggest first (GIN indexes take longest)."""

    def run(statement: str) -> None:
        with psycopg.connect(**kwargs, autocommit=True) as conn:
            for setting in settings:
                conn.execute(setting)
            conn.execute(statement)

    ordered = sorted(statements, key=lambda s: ("gin" not in s.lower(), "search_vector" not in s))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, ordered))


def _phase(report: LoadReport, name: str, say: Callable[[str], None]):
    class Phase:
        def __enter__(self):
            self.start = time.perf_counter()

        def __exit__(self, *exc):
            if exc[0] is None:
                report.phases[name] = time.perf_counter() - self.start
                say(f"  {name}: {report.phases[name]:.1f} s")

    return Phase()


def load(spec: CorpusSpec, name: str, jobs: int | None = None, say: Callable[[str], None] = print) -> LoadReport:
    """Drop and recreate database `name`, migrate it, and load the corpus of `spec` into it."""
    jobs = jobs or os.cpu_count() or 2
    report = LoadReport(spec=spec, jobs=jobs)
    say(f"Loading {spec.label()} into {name} with {jobs} workers")
    with _phase(report, "create and migrate", say):
        database.create(name, drop=True)
        database.use(name)
        call_command("migrate", verbosity=0)
        connections.close_all()
    kwargs = database.connect_kwargs(name)
    plan = Plan(spec)
    with psycopg.connect(**kwargs, autocommit=True) as conn:
        with _phase(report, "speakers and topics", say):
            _copy(
                conn,
                "archive_speaker",
                ("id", "name", "slug", "role", "organisation", "wikidata_id", "curated", "created_at"),
                [f"{s.id}\t{s.name}\t{s.slug}\t{s.role}\t{s.organisation}\t\tf\t{CREATED_AT}" for s in plan.speakers],
            )
            _copy(
                conn,
                "archive_topic",
                ("id", "name", "slug", "description", "terms"),
                [f"{i}\t{name_}\t{slug}\t\t{{}}" for i, slug, name_ in plan.topics],
            )
            drops, indexes, constraints = _secondary_objects(conn, STATEMENT_TABLES)
            for statement in drops:
                conn.execute(statement)
            for table in STATEMENT_TABLES:
                conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    with _phase(report, "generate and COPY", say):
        # Deal the documents round-robin, so every worker gets a similar share of statements.
        tasks = [(spec, kwargs, list(range(worker, len(plan.documents), jobs))) for worker in range(jobs)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for documents, statements, topics in pool.imap_unordered(_load_documents, tasks):
                report.documents += documents
                report.statements += statements
                report.statement_topics += topics
    settings = (f"SET maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'",)
    with _phase(report, "indexes", say):
        _run_each(kwargs, indexes, jobs, settings)
    with _phase(report, "constraints", say):
        with psycopg.connect(**kwargs, autocommit=True) as conn:
            for statement in constraints:
                conn.execute(statement)
            for table in STATEMENT_TABLES:
                conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            for table in (
                "archive_speaker",
                "archive_topic",
                "archive_document",
                "archive_statement",
                "archive_statementtopic",
                "archive_facetcount",
            ):
                conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"GREATEST((SELECT max(id) FROM {table}), 1))"
                )
    with _phase(report, "vacuum and analyze", say):
        _run_each(
            kwargs,
            [f"VACUUM (ANALYZE) {table}" for table in ("archive_speaker", "archive_topic", *STATEMENT_TABLES)],
            jobs,
        )
    return report
