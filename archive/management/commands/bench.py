"""``manage.py bench``: load a synthetic archive into its own database and time search on it.

    manage.py bench                      # 1,000,000 statements (reuses the corpus if already loaded)
    manage.py bench --size 100000        # another size; each size keeps its own database
    manage.py bench --reload             # generate and load again, timing the load
    manage.py bench --only-import        # time the import of the generated interviews, nothing else

The corpus and everything measured are described in docs/benchmarks.md; the last line printed is

    bench: n=… search_p95_ms=… search_p50_ms=… permalink_p95_ms=… import_docs_per_s=… load_s=… engine_ratio=…
"""

from __future__ import annotations

import datetime
import json
import os
import platform
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.test.utils import override_settings

from archive.bench import database, engine, interviews, measure
from archive.bench import profile as bench_profile
from archive.bench.corpus import CorpusSpec
from archive.bench.load import load

RESULTS = Path(settings.BASE_DIR) / ".data" / "bench"
# Seconds of samples per page and format, after which a slow page is reported from fewer (at least 5) runs.
PAGE_BUDGET = 60
# A page whose SQL runs longer than this is cancelled, and reported as timed out.
PAGE_TIMEOUT = 30


class Command(BaseCommand):
    help = (
        "Generate a synthetic archive in a separate database and measure search, pages, import and a yardstick engine."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=1_000_000, help="statements in the corpus (default 1,000,000)")
        parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
        parser.add_argument(
            "--database",
            dest="db_name",
            default=None,
            help="database name on the app's server (default archive_bench_<size>)",
        )
        parser.add_argument("--reload", action="store_true", help="generate and load the corpus even if it is there")
        parser.add_argument("--jobs", type=int, default=None, help="loader workers (default: CPU count)")
        parser.add_argument("--runs", type=int, default=30, help="timed runs of each page (default 30)")
        parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
        parser.add_argument("--import-docs", type=int, default=100, help="interviews to import (default 100; 0 skips)")
        parser.add_argument("--no-engine", action="store_true", help="skip the tantivy yardstick")
        parser.add_argument(
            "--profile", action="store_true", help="also print where each search's time goes (SQL, Python, JSON, HTML)"
        )
        parser.add_argument("--only-search", action="store_true", help="measure the search mix only")
        parser.add_argument(
            "--only-import", action="store_true", help="measure the import only (--import-docs interviews)"
        )

    def handle(
        self,
        *args,
        size,
        seed,
        db_name: str | None,
        reload,
        jobs,
        runs,
        warmup,
        import_docs,
        no_engine,
        profile,
        only_search,
        only_import,
        **options,
    ):
        if size < 1000:
            raise CommandError("--size must be at least 1000")
        if only_search and only_import:
            raise CommandError("--only-search and --only-import exclude each other")
        if only_import and not import_docs:
            raise CommandError("--only-import needs --import-docs above 0")
        spec = CorpusSpec(size=size, seed=seed)
        name = db_name or f"archive_bench_{size}"
        RESULTS.mkdir(parents=True, exist_ok=True)
        say = self.stdout.write

        meta = _loaded(name)
        if reload or meta is None or meta.get("spec") != spec.label():
            report = load(spec, name, jobs=jobs, say=say)
            meta = {
                "spec": spec.label(),
                "load_s": round(report.seconds, 1),
                "phases": report.phases,
                "loaded_at": datetime.datetime.now().isoformat(timespec="seconds"),
                "jobs": report.jobs,
            }
            _save_meta(name, meta)
            say(f"Loaded in {report.seconds:.1f} s.")
        else:
            say(
                f"Reusing {name}: {meta['spec']}, loaded {meta['loaded_at']} in {meta['load_s']} s "
                "(--reload to load again)."
            )
        database.use(name)
        call_command("migrate", verbosity=0)  # a corpus loaded by older code gets the current schema
        loads = [os.getloadavg()[0]]
        if only_import:
            self._import_only(import_docs, seed, loads)
            return

        # As deployed: no debug bookkeeping in the views, templates or query log.
        with override_settings(DEBUG=False):
            say(f"Search mix: {runs} runs of each query, HTML and JSON, round-robin ...")
            search = measure.measure(measure.search_requests(measure.QUERY_MIX), runs=runs, warmup=warmup)
            shown = _shown_counts()
            profiled = bench_profile.profile(measure.QUERY_MIX) if profile else None
            pages, described = {}, {}
            if not only_search:
                say("Pages ...")
                requests, described = measure.page_requests(seed)
                pages = measure.measure(
                    requests, runs=runs, warmup=min(warmup, 1), budget=PAGE_BUDGET, timeout=PAGE_TIMEOUT
                )
            imported = None
            if import_docs and not only_search:
                say(f"Importing {import_docs} generated interviews ...")
                imported = interviews.measure_import(import_docs, seed)

        engine_timings, engine_counts = {}, {}
        if only_search:
            pass
        elif no_engine:
            say("Engine skipped (--no-engine).")
        elif not engine.available():
            say("Engine skipped: the tantivy package is not installed (pip install -e '.[bench]').")
        else:
            say("Engine (tantivy) ...")
            path = RESULTS / f"tantivy-{name}"
            engine.build(path, database.connect_kwargs(name), f"{meta['spec']} {meta['loaded_at']}", say=say)
            engine_timings, engine_counts = engine.measure(path, measure.QUERY_MIX, runs=runs, warmup=warmup)

        loads.append(os.getloadavg()[0])
        result = _summary(size, meta, search, shown, pages, described, imported, engine_timings, engine_counts)
        result["load_average"] = loads
        for line in _table(result):
            say(line)
        if profiled:
            result["profile"] = profiled
            for line in [*bench_profile.table(profiled), ""]:
                say(line)
        (RESULTS / f"results-{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
        say(result["line"])

    def _import_only(self, import_docs: int, seed: int, loads: list[float]) -> None:
        say = self.stdout.write
        say(f"Importing {import_docs} generated interviews ...")
        with override_settings(DEBUG=False):
            imported = interviews.measure_import(import_docs, seed)
        loads.append(os.getloadavg()[0])
        say(
            f"import: {imported.documents} interviews, {imported.statements} statements in {imported.seconds:.2f} s: "
            f"{imported.documents_per_second:.1f} documents/s, {imported.statements_per_second:.1f} statements/s "
            f"(load average {loads[0]:.1f} at the start, {loads[1]:.1f} at the end)"
        )


def _loaded(name: str) -> dict | None:
    if not database.exists(name):
        return None
    try:
        with psycopg.connect(**database.connect_kwargs(name)) as conn:
            row = conn.execute("SELECT value FROM bench_meta WHERE key = 'corpus'").fetchone()
    except psycopg.Error:
        return None
    return row[0] if row else None


def _save_meta(name: str, meta: dict) -> None:
    with psycopg.connect(**database.connect_kwargs(name), autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)")
        conn.execute(
            "INSERT INTO bench_meta VALUES ('corpus', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [json.dumps(meta)],
        )


def _shown_counts() -> dict[str, dict]:
    """What each search of the mix tells people: its count as printed, exactness and order."""
    from archive import search

    shown = {}
    for case in measure.QUERY_MIX:
        page = search.run(QueryDict(urlencode(case.params, doseq=True)))
        shown[case.name] = {"count": str(page.count), "exact": not page.approximate, "sort": page.state.effective_sort}
    return shown


def _summary(size, meta, search, shown, pages, described, imported, engine_timings, engine_counts) -> dict:
    cases = []
    for case in measure.QUERY_MIX:
        html, js = search[case.name, "html"], search[case.name, "json"]
        row = {
            "case": case.name,
            "params": case.params,
            **shown[case.name],
            "html_p50": html.p50,
            "html_p95": html.p95,
            "json_p50": js.p50,
            "json_p95": js.p95,
        }
        if case.name in engine_timings:
            t = engine_timings[case.name]
            row.update(
                engine_p50=t.p50,
                engine_p95=t.p95,
                engine_count=engine_counts[case.name],
                ratio=max(html.p95, js.p95) / t.p95,
            )
        cases.append(row)
    page_rows = [
        {
            "page": name,
            "what": described[name],
            "html_p50": _finite(pages[name, "html"].p50),
            "html_p95": _finite(pages[name, "html"].p95),
            "json_p50": _finite(pages[name, "json"].p50),
            "json_p95": _finite(pages[name, "json"].p95),
            "runs": min(len(pages[name, fmt].samples) for fmt in measure.FORMATS),
        }
        for name in described
    ]
    worst = max(max(c["html_p95"], c["json_p95"]) for c in cases)
    median = _median([c["html_p50"] for c in cases])
    permalink = max(pages["permalink", fmt].p95 for fmt in measure.FORMATS) if pages else None
    ratio = None
    if engine_timings:
        ratio = worst / max(t.p95 for t in engine_timings.values())
    fields = {
        "n": size,
        "search_p95_ms": f"{worst:.0f}",
        "search_p50_ms": f"{median:.0f}",
        "permalink_p95_ms": f"{permalink:.1f}" if permalink is not None else "skipped",
        "import_docs_per_s": f"{imported.documents_per_second:.1f}" if imported else "skipped",
        "load_s": f"{meta['load_s']:.0f}",
        "engine_ratio": f"{ratio:.1f}" if ratio else "n/a",
    }
    return {
        "machine": _machine(),
        "date": datetime.date.today().isoformat(),
        "corpus": meta,
        "search": cases,
        "pages": page_rows,
        "import": None
        if imported is None
        else {
            "documents": imported.documents,
            "statements": imported.statements,
            "seconds": round(imported.seconds, 2),
            "documents_per_s": round(imported.documents_per_second, 1),
            "statements_per_s": round(imported.statements_per_second, 1),
        },
        "line": "bench: " + " ".join(f"{k}={v}" for k, v in fields.items()),
    }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _machine() -> str:
    memory = ""
    try:
        kib = int(
            next(
                line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
            ).split()[1]
        )
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}){memory}, Python {platform.python_version()}"


def _ms(value: float | None) -> str:
    return f">{PAGE_TIMEOUT} s" if value is None else f"{value:.1f}"


def _finite(value: float) -> float | None:
    """None for a page that timed out (JSON has no infinity)."""
    return None if value == float("inf") else value


def _table(result: dict) -> list[str]:
    lines = [
        "",
        f"Machine: {result['machine']}; {result['date']}; load average {result['load_average'][0]:.1f} at the "
        f"start of the measurements, {result['load_average'][1]:.1f} at the end",
        f"Corpus: {result['corpus']['spec']}; loaded in {result['corpus']['load_s']} s "
        f"({', '.join(f'{k} {v:.0f} s' for k, v in result['corpus']['phases'].items())})",
        "",
    ]
    head = (
        f"{'search (ms)':<26} {'shown count':>18} {'engine count':>12} {'order':>9} {'HTML p50':>9} {'p95':>7} "
        f"{'JSON p50':>9} {'p95':>7} {'engine p95':>11} {'ratio':>6}"
    )
    lines += [head, "-" * len(head)]
    for c in result["search"]:
        engine_p95 = f"{c['engine_p95']:.1f}" if "engine_p95" in c else "-"
        engine_count = f"{c['engine_count']:,}" if "engine_count" in c else "-"
        ratio = f"{c['ratio']:.0f}x" if "ratio" in c else "-"
        lines.append(
            f"{c['case']:<26} {c['count']:>18} {engine_count:>12} {c['sort']:>9} {c['html_p50']:>9.1f} "
            f"{c['html_p95']:>7.1f} {c['json_p50']:>9.1f} {c['json_p95']:>7.1f} {engine_p95:>11} {ratio:>6}"
        )
    lines += ["", f"{'page (ms)':<26} {'HTML p50':>9} {'p95':>7} {'JSON p50':>9} {'p95':>7} {'runs':>5}  what"]
    for p in result["pages"]:
        cells = " ".join(
            f"{_ms(p[key]):>{width}}"
            for key, width in (("html_p50", 9), ("html_p95", 7), ("json_p50", 9), ("json_p95", 7))
        )
        lines.append(f"{p['page']:<26} {cells} {p['runs']:>5}  {p['what']}")
    if result["import"]:
        i = result["import"]
        lines += [
            "",
            f"import: {i['documents']} interviews, {i['statements']} statements in {i['seconds']} s: "
            f"{i['documents_per_s']} documents/s, {i['statements_per_s']} statements/s",
        ]
    return lines + [""]
