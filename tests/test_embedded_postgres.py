"""The embedded server must survive its starter and tolerate several processes starting it at once."""

import json
import os
import subprocess
import sys

import psutil
import psycopg

from archive.embedded_postgres import _forget_stale_pid_file, server_settings, stop_server

START_AND_PRINT_SETTINGS = (
    "import json, sys, pathlib; from archive.embedded_postgres import database_settings; "
    "print(json.dumps(database_settings(pathlib.Path(sys.argv[1]))))"
)


def postmasters_serving(pgdata) -> list[psutil.Process]:
    return [
        process
        for process in psutil.process_iter(["name", "cmdline"])
        if process.info["name"] == "postgres" and str(pgdata) in (process.info["cmdline"] or [])
    ]


def test_concurrent_first_starts_share_one_lasting_server(tmp_path):
    data_dir = tmp_path / "data"
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", START_AND_PRINT_SETTINGS, str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    try:
        outputs = [starter.communicate(timeout=180) for starter in starters]
        for starter, (_, stderr) in zip(starters, outputs, strict=True):
            assert starter.returncode == 0, stderr

        settings_seen = {stdout for stdout, _ in outputs}
        assert len(settings_seen) == 1
        settings = json.loads(settings_seen.pop())
        assert len(postmasters_serving((data_dir / "postgres").resolve())) == 1

        # Every starter has exited; the server and its database must still answer.
        with psycopg.connect(
            dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"]
        ) as connection:
            assert connection.execute("SHOW server_version_num").fetchone()[0].startswith("18")
            # Sized for the machine rather than PostgreSQL's 128 MB default (see server_settings).
            expected = server_settings(psutil.virtual_memory().total)
            for name in ("shared_buffers", "effective_cache_size", "max_wal_size"):
                shown, wanted = connection.execute(
                    "SELECT pg_size_bytes(current_setting(%s)), pg_size_bytes(%s)", [name, expected[name]]).fetchone()
                assert shown == wanted, name
    finally:
        for starter in starters:
            starter.kill()
        stop_server(data_dir)

    assert postmasters_serving((data_dir / "postgres").resolve()) == []


def test_pid_file_of_a_reused_pid_is_forgotten(tmp_path):
    pid_file = tmp_path / "postmaster.pid"
    pid_file.write_text(f"{os.getpid()}\n{tmp_path}\n")  # this pytest process is no postgres server

    _forget_stale_pid_file(tmp_path)

    assert not pid_file.exists()


def test_pid_file_of_a_running_server_is_kept(tmp_path):
    pgdata = tmp_path / "postgres"
    pgdata.mkdir()
    postmaster = next(process for process in psutil.process_iter(["name"]) if process.info["name"] == "postgres")
    (pgdata / "postmaster.pid").write_text(f"{postmaster.pid}\n{pgdata}\n")

    _forget_stale_pid_file(pgdata)

    assert (pgdata / "postmaster.pid").exists()


def test_server_settings_follow_the_memory_within_bounds():
    gib = 2**30
    assert server_settings(1 * gib)["shared_buffers"] == "256MB"
    assert server_settings(24 * gib)["shared_buffers"] == "2048MB"  # never more than 2 GB
    assert server_settings(256 * 2**20)["shared_buffers"] == "128MB"  # never below the default
    assert server_settings(8 * gib)["effective_cache_size"] == "4096MB"
