"""The benchmark's own database, on the same server as the app's: created, pointed at, dropped.

The benchmark never touches the app's database. ``use(name)`` repoints Django's default connection
at the benchmark database, so that migrations, the real views and the import command all run
against it in this process.
"""

from __future__ import annotations

import psycopg
from django.db import connection, connections
from psycopg import sql

DEFAULT_NAME = "archive_bench"


def connect_kwargs(name: str | None = None) -> dict:
    """psycopg.connect() arguments for the default connection's server, and the given database."""
    settings = connection.settings_dict
    kwargs = {
        "dbname": name or settings["NAME"],
        "user": settings["USER"],
        "host": settings["HOST"],
        "port": settings["PORT"],
        "password": settings.get("PASSWORD") or None,
    }
    kwargs.update(settings.get("OPTIONS") or {})
    return {k: v for k, v in kwargs.items() if v not in (None, "")}


def exists(name: str) -> bool:
    with psycopg.connect(**connect_kwargs("postgres"), autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def create(name: str, drop: bool = False) -> None:
    with psycopg.connect(**connect_kwargs("postgres"), autocommit=True) as conn:
        if drop:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def use(name: str) -> None:
    """Point Django's default connection (and so every view and command in this process) at ``name``."""
    if name == _app_database_name():
        raise ValueError(f"refusing to benchmark in the app's own database {name!r}")
    for alias in connections:
        connections[alias].close()
    connection.settings_dict["NAME"] = name


_APP_NAME: list[str] = []


def _app_database_name() -> str:
    if not _APP_NAME:
        _APP_NAME.append(connection.settings_dict["NAME"])
    return _APP_NAME[0]
