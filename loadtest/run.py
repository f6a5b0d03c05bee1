"""``make loadtest``: gunicorn over the seed texts plus a synthetic corpus, under 50 clients, twice.

    python -m loadtest.run [--users 50] [--duration 60] [--workers 3] [--statements 100000]
                           [--runs steady,restart] [--restart-at 20] [--outage 5]

It is a benchmark, not a test: it prints what it measured and exits non-zero only when it could not
measure (or when the steady run had errors, or the restart run never recovered).

1. Its own embedded PostgreSQL in ``.data/loadtest/`` (ARCHIVE_DATA_DIR), so that restarting it never
   disturbs the checkout's server in ``.data/postgres``, which tests and ``make run`` share. The first
   run migrates, imports fixtures/texts and adds the synthetic corpus (loadtest/corpus.py); later
   runs reuse it. ``make stop-db`` does not stop this server; ``--stop-db`` at the end does.
2. gunicorn as in production: DEBUG=0, collected static files, the README's worker count, on
   127.0.0.1 only.
3. ``steady``: locust, headless, 50 clients that ask again as soon as they are answered, for 60 s.
4. ``restart``: the same, and at 20 s PostgreSQL is stopped (pg_ctl stop -m fast), kept down for 5 s,
   and started again. Every request's time and outcome is logged, so the errors are counted during
   the outage and after it, and the recovery time is the time from PostgreSQL accepting connections
   again to the last failed request (or to the first success, when nothing failed after it).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"  # the only address a load test may target


def log(message: str) -> None:
    print(f"[loadtest] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class LoadTest:
    def __init__(self, args):
        self.args = args
        self.data_dir = Path(args.data_dir).resolve()
        self.work = self.data_dir / "runs"
        self.env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        self.env.update(
            DJANGO_SETTINGS_MODULE="archive.settings",
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=HOST,
            ARCHIVE_DATA_DIR=str(self.data_dir),
            STATIC_ROOT=str(self.data_dir / "static"),
            PYTHONPATH=str(REPOSITORY),
        )

    # -- setting up -------------------------------------------------------------------------------

    def manage(self, *args: str, timeout: int = 1800) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPOSITORY,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.work.mkdir(exist_ok=True)
        log(f"database: embedded PostgreSQL in {self.data_dir / 'postgres'} (its own server)")
        self.manage("migrate", "--no-input", "--verbosity", "0")
        self.manage("import_statements", str(REPOSITORY / "fixtures" / "texts"))
        log(f"synthetic corpus: {self.args.statements:,} statements (created on the first run, then reused)")
        subprocess.run(
            [sys.executable, "-m", "loadtest.corpus", "--statements", str(self.args.statements)],
            cwd=REPOSITORY, env=self.env, check=True, timeout=3600,
        )  # fmt: skip
        self.manage("collectstatic", "--no-input", "--verbosity", "0")
        self.urls_file = self.work / "urls.json"
        self.manage(
            "shell",
            "--verbosity",
            "0",
            "--command",
            f"from loadtest.sample import write; write({str(self.urls_file)!r})",
        )
        self.corpus = json.loads(self.urls_file.read_text())["corpus"]
        log(f"corpus: {self.corpus['statements']:,} statements in {self.corpus['documents']:,} documents, "
            f"{self.corpus['speakers']} speakers, {self.corpus['topics']} topics")  # fmt: skip

    # -- one run ----------------------------------------------------------------------------------

    def start_gunicorn(self, name: str) -> tuple[subprocess.Popen, int]:
        port = free_port()
        self.gunicorn_log = (self.work / f"{name}-gunicorn.log").open("w")
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "archive.wsgi", "--bind", f"{HOST}:{port}", "--workers", str(self.args.workers)],
            cwd=REPOSITORY, env=self.env, stdout=self.gunicorn_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"gunicorn did not start; see {self.work / f'{name}-gunicorn.log'}")
                time.sleep(0.2)
        # Warm up every worker: imports, connections, PostgreSQL's caches.
        import urllib.request

        for path in ["/", "/search/?q=sanctions", "/search/", "/speakers/", "/topics/"] * (2 * self.args.workers):
            with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=120) as response:
                response.read()
        return server, port

    def stop_gunicorn(self, server: subprocess.Popen) -> None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        self.gunicorn_log.close()

    def locust(self, name: str, port: int, events: Path) -> dict:
        prefix = self.work / name
        command = [
            str(BIN / "locust"), "-f", str(REPOSITORY / "loadtest" / "locustfile.py"), "--headless",
            "--users", str(self.args.users), "--spawn-rate", str(self.args.users),
            "--run-time", f"{self.args.duration}s", "--stop-timeout", "10",
            "--host", f"http://{HOST}:{port}", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
            "--exit-code-on-error", "0",
        ]  # fmt: skip
        env = dict(self.env, LOADTEST_URLS=str(self.urls_file), LOADTEST_EVENTS=str(events))
        with (self.work / f"{name}-locust.log").open("w") as output:
            subprocess.run(command, cwd=REPOSITORY, env=env, stdout=output, stderr=subprocess.STDOUT, check=True,
                           timeout=self.args.duration + 120)  # fmt: skip
        with open(f"{prefix}_stats.csv", newline="") as stats:
            rows = list(csv.DictReader(stats))
        return {row["Name"]: row for row in rows}

    def restart_postgres(self, timeline: dict) -> None:
        from archive.embedded_postgres import database_settings, stop_server

        time.sleep(self.args.restart_at)
        timeline["stop_requested"] = time.time()
        stop_server(self.data_dir)
        timeline["stopped"] = time.time()
        time.sleep(self.args.outage)
        timeline["start_requested"] = time.time()
        database_settings(self.data_dir)  # starts it again, as the first process of a checkout would
        timeline["ready"] = time.time()

    def run(self, name: str) -> dict:
        events = self.work / f"{name}-events.txt"
        events.unlink(missing_ok=True)
        server, port = self.start_gunicorn(name)
        timeline: dict = {}
        restarter = None
        try:
            if name == "restart":
                restarter = threading.Thread(target=self.restart_postgres, args=(timeline,), daemon=True)
            started = time.time()
            if restarter:
                restarter.start()
            stats = self.locust(name, port, events)
            if restarter:
                restarter.join(timeout=120)
        finally:
            self.stop_gunicorn(server)
        return {"stats": stats, "events": read_events(events), "timeline": timeline, "started": started}

    # -- reporting --------------------------------------------------------------------------------

    def report(self, name: str, result: dict) -> bool:
        stats = result["stats"]
        total = stats["Aggregated"]
        print()
        print(f"== {name} run: {self.args.users} clients for {self.args.duration} s, gunicorn {self.args.workers} "
              f"sync workers, {self.corpus['statements']:,} statements ==")  # fmt: skip
        print(
            f"{'page':<20}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}"
        )
        for row_name, row in sorted(stats.items(), key=lambda item: (item[0] == "Aggregated", item[0])):
            print(
                f"{('ALL' if row_name == 'Aggregated' else row_name):<20}{row['Request Count']:>9}{row['Failure Count']:>8}"
                f"{float(row['Requests/s']):>8.1f}{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
                f"{float(row['Max Response Time']):>8.0f}"
            )
        errors = int(total["Failure Count"])
        print(f"requests/s {float(total['Requests/s']):.1f}   p50 {total['50%']} ms   p95 {total['95%']} ms   "
              f"p99 {total['99%']} ms   errors {errors} of {total['Request Count']}")  # fmt: skip
        if name != "restart":
            return errors == 0
        timeline, events = result["timeline"], result["events"]
        if "ready" not in timeline:
            print("PostgreSQL was not restarted: the run ended first.")
            return False
        t0 = result["started"]
        down, up = timeline["stop_requested"], timeline["ready"]
        failures = [e for e in events if not e[1]]
        during = [e for e in failures if e[0] <= up]
        after = [e for e in failures if e[0] > up]
        first_failure = min((e[0] for e in failures), default=None)
        last_failure = max((e[0] for e in failures), default=None)
        first_success_after = min((e[0] for e in events if e[1] and e[0] > up), default=None)
        print(f"PostgreSQL stopped at {down - t0:.1f} s (down after {timeline['stopped'] - down:.1f} s), "
              f"kept down {self.args.outage} s, accepting connections again at {up - t0:.1f} s "
              f"({up - timeline['start_requested']:.1f} s to start)")  # fmt: skip
        print(
            f"errors: {len(failures)} in all; {len(during)} while it was stopping, down or starting, {len(after)} after it was back"
        )
        if first_failure is not None:
            print(f"first error at {first_failure - t0:.1f} s, last error at {last_failure - t0:.1f} s")
        if first_success_after is None:
            print("NOT RECOVERED: no request succeeded after PostgreSQL came back")
            return False
        recovery = max(0.0, (last_failure or up) - up)
        outside = [e for e in failures if e[0] < down - 0.5]
        print(f"recovery: first success {first_success_after - up:.2f} s after PostgreSQL was back; "
              f"last error {recovery:.2f} s after it; errors before the restart began: {len(outside)}")  # fmt: skip
        by_status: dict[int, int] = {}
        for event in failures:
            by_status[event[2]] = by_status.get(event[2], 0) + 1
        print(
            "errors by status: "
            + ", ".join(f"{status or 'no response'}: {count}" for status, count in sorted(by_status.items()))
        )
        return recovery < 10 and not outside


def read_events(path: Path) -> list[tuple[float, bool, int, str]]:
    if not path.exists():
        return []
    events = []
    for line in path.read_text().splitlines():
        moment, ok, status, name = line.split(" ", 3)
        events.append((float(moment), ok == "1", int(status), name))
    return events


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        memory = f"{int(memory.split()[1]) / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "? GiB"
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} cores, {memory} RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, load average before the runs {load}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Load test: gunicorn under locust, steady and with a PostgreSQL restart."
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds per run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (the README's count)")
    parser.add_argument("--statements", type=int, default=100_000, help="synthetic statements besides the seed texts")
    parser.add_argument("--runs", default="steady,restart")
    parser.add_argument("--restart-at", type=float, default=20.0, help="seconds into the restart run")
    parser.add_argument("--outage", type=float, default=5.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--data-dir", default=str(REPOSITORY / ".data" / "loadtest"))
    parser.add_argument("--stop-db", action="store_true", help="stop the load test's PostgreSQL at the end")
    args = parser.parse_args()
    if not shutil.which(str(BIN / "locust")):
        sys.exit("locust is not installed: run `make loadtest`, which installs the [loadtest] extras")

    test = LoadTest(args)
    log(f"machine: {machine()}")
    test.prepare()
    ok = True
    for name in [run.strip() for run in args.runs.split(",") if run.strip()]:
        log(f"{name} run: {args.users} clients, {args.duration} s" + (
            f", PostgreSQL stopped at {args.restart_at:g} s for {args.outage:g} s" if name == "restart" else ""))  # fmt: skip
        ok = test.report(name, test.run(name)) and ok
    print()
    log(f"logs and locust's CSV files are in {test.work}")
    if args.stop_db:
        from archive.embedded_postgres import stop_server

        stop_server(test.data_dir)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
