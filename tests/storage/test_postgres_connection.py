"""The event loop keeps one PostgreSQL connection (``bot.storage.postgres``): statements share it, and one the
server ended, or one left inside a transaction, is replaced without the bot noticing more than one error."""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from bot.storage.base import StorageError
from bot.storage.postgres import PostgresDatabase


def backend_pid(db: PostgresDatabase) -> int:
    row = db.query_one("SELECT pg_backend_pid()")
    assert row is not None
    return int(row[0])


async def test_statements_on_the_event_loop_share_one_connection_and_threads_borrow_others(pg_url: str) -> None:
    with PostgresDatabase.open(pg_url) as db:
        first = backend_pid(db)
        with db.transaction() as connection:
            connection.execute("INSERT INTO leases (name, owner, expires_at) VALUES ('x', 'me', 'later')")
        assert backend_pid(db) == first
        assert await asyncio.to_thread(backend_pid, db) != first  # a worker thread borrows from the pool


async def test_a_connection_the_server_ended_fails_one_statement_and_the_next_gets_a_new_one(pg_url: str) -> None:
    with PostgresDatabase.open(pg_url) as db:
        first = backend_pid(db)
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (first,))
        with pytest.raises(StorageError, match=r"^PostgreSQL at 127\.0\.0\.1:\d+/\w+: "):
            backend_pid(db)
        assert backend_pid(db) != first
        assert db.query_one("SELECT COUNT(*) FROM leads") == (0,)


async def test_a_failed_transaction_leaves_the_kept_connection_usable(pg_url: str) -> None:
    with PostgresDatabase.open(pg_url) as db:
        first = backend_pid(db)
        with pytest.raises(StorageError), db.transaction() as connection:
            connection.execute("INSERT INTO leases (name, owner, expires_at) VALUES ('x', 'me', 'later')")
            connection.execute("INSERT INTO leases (name, owner, expires_at) VALUES ('x', 'me', 'later')")
        assert db.query_one("SELECT COUNT(*) FROM leases") == (0,)  # rolled back, nothing half-written
        assert backend_pid(db) == first
