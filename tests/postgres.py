"""Fixtures for the PostgreSQL half of the storage tests (imported by tests/conftest.py).

One server per test session (``tests.pgserver``), so one per worker process under pytest-xdist, each on its own
free port and temporary directory (the workers never share a server or a database). The schema is migrated once
into a template database, and each test gets a fresh copy of it (``CREATE DATABASE ... TEMPLATE``, a file copy),
dropped afterwards.

When no server can be started the PostgreSQL tests are skipped with the reason printed loudly, and they FAIL
instead when ``CI`` is set, when the tests run as root (the test script could have installed the server), or
with ``POSTGRES_REQUIRED=1``: a suite that silently tested only SQLite would look green and prove nothing.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator

import psycopg
import pytest

from tests.pgserver import NoServer, PgServer

TEMPLATE = "clinicbot_template"
_numbers = itertools.count(1)


def postgres_required() -> bool:
    ci = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
    return ci or os.geteuid() == 0 or os.environ.get("POSTGRES_REQUIRED") == "1"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server, with the schema migrated into the template database."""
    server = PgServer()
    try:
        server.start()
    except NoServer as exc:
        message = f"NO POSTGRESQL SERVER: the PostgreSQL half of the storage tests cannot run: {exc}"
        print(f"\n!!!!! {message} !!!!!", file=sys.stderr)
        if postgres_required():
            pytest.fail(message + " (required: CI, root or POSTGRES_REQUIRED=1)", pytrace=False)
        pytest.skip(message)
    try:
        from bot.storage.postgres import PostgresDatabase

        with psycopg.connect(server.url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {TEMPLATE}")
        PostgresDatabase.open(server.url_for(TEMPLATE)).close()
        yield server
    finally:
        server.stop()


def _scratch_database(server: PgServer, prefix: str, template: str | None) -> Iterator[str]:
    """A database of its own for one test (a copy of ``template`` if given), dropped afterwards."""
    name = f"{prefix}{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield server.url_for(name)
    finally:
        with psycopg.connect(server.url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, migrated database of its own for one test."""
    yield from _scratch_database(pg_server, "t", TEMPLATE)


@pytest.fixture
def empty_pg_url(pg_server: PgServer) -> Iterator[str]:
    """A database with nothing in it (migration tests)."""
    yield from _scratch_database(pg_server, "e", None)
