"""Several bot instances on one PostgreSQL database: who they are, one chat at a time, each update once, and jobs
that only one of them may run.

* ``new_owner()`` names this process (host, pid, a random part). It is written into outbox claims and leases, and
  PostgreSQL connections carry it as ``application_name`` (``bot.storage.postgres``).
* ``UpdateGate.turn(update_id, chat_id)`` wraps the handling of one webhook update: a transaction on its own
  connection takes ``pg_advisory_xact_lock(chat_id)`` (updates of one chat are handled one at a time, in the
  order they reach the database, whichever instance got them) and records the update id in
  ``handled_updates`` (an update Telegram delivers twice, or to two instances, is handled once). The
  transaction commits when handling ends, which releases the lock. If the process dies meanwhile, PostgreSQL rolls
  it back: the lock is free and the id unrecorded, so Telegram's retry (the webhook answers only after handling)
  is handled by whichever instance gets it. The wait for the lock is async: other chats go on meanwhile.
* ``Leases`` (a row per job in ``leases``, SQLite and PostgreSQL alike): retention and the content watcher run in
  the instance that holds the lease; another takes it over when it expires (its holder died).
* ``PollerLock``: long polling stays single-instance. Two pollers would take each other's updates (Telegram
  answers the second with 409 Conflict), so a second ``python -m bot run`` without WEBHOOK_URL on the same
  database is refused, with a message, through a session advisory lock that ends with the process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

from bot.storage.base import Database, StorageError, to_db_time

HANDLED_MEMORY = timedelta(days=1)
"""How long an update id is remembered (Telegram gives up retrying an update long before)."""


class Leases:
    """``acquire(name)`` is True while this owner holds the job ``name`` (taking it when free or expired)."""

    def __init__(self, db: Database, owner: str) -> None:
        self.db = db
        self.owner = owner

    def acquire(self, name: str, ttl: timedelta, now: datetime) -> bool:
        """Hold ``name`` until ``now + ttl`` (renewed by each call of the holder). False if another holds it."""
        with self.db.transaction() as connection:
            rows = connection.execute(
                "INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                "owner = excluded.owner, expires_at = excluded.expires_at "
                "WHERE leases.owner = excluded.owner OR leases.expires_at < ? RETURNING owner",
                (name, self.owner, to_db_time(now + ttl), to_db_time(now)),
            ).fetchall()
        return bool(rows)

    def holder(self, name: str, now: datetime) -> str | None:
        row = self.db.query_one("SELECT owner FROM leases WHERE name = ? AND expires_at >= ?", (name, to_db_time(now)))
        return None if row is None else str(row[0])

    def release_all(self) -> None:
        """At shutdown: another instance may take the jobs at once."""
        self.db.execute("DELETE FROM leases WHERE owner = ?", (self.owner,))


def purge_handled_updates(db: Database, now: datetime) -> int:
    return db.execute("DELETE FROM handled_updates WHERE handled_at < ?", (to_db_time(now - HANDLED_MEMORY),)).rowcount


class UpdateGate:
    """Per-chat turns and once-only handling across instances (PostgreSQL only); see the module docstring."""

    def __init__(self, url: str, owner: str, where: str, *, size: int = 40) -> None:
        from psycopg_pool import AsyncConnectionPool

        self.where = where
        self.pool: Any = AsyncConnectionPool(url, min_size=min(8, size), max_size=size, open=False,
                                             kwargs={"autocommit": True, "application_name": owner})

    async def open(self) -> None:
        await self.pool.open(wait=True, timeout=10.0)

    async def close(self) -> None:
        await self.pool.close()

    @asynccontextmanager
    async def turn(self, update_id: int, chat_id: int | None, now: datetime) -> AsyncIterator[bool]:
        """Yields True when this instance is to handle the update (its chat's turn has come, and nobody handled
        it before), False for a repeat. Handling happens inside; the turn ends when the block does."""
        import psycopg

        try:
            async with self.pool.connection() as connection, connection.transaction():
                if chat_id is None:
                    cursor = await connection.execute(
                        "INSERT INTO handled_updates (update_id, handled_at) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                        (update_id, to_db_time(now)))
                else:  # one round trip: the chat's lock first, then the record
                    cursor = await connection.execute(
                        "INSERT INTO handled_updates (update_id, handled_at) SELECT %s, %s "
                        "FROM (SELECT pg_advisory_xact_lock(%s)) AS turn ON CONFLICT DO NOTHING",
                        (update_id, to_db_time(now), chat_id))
                yield cursor.rowcount == 1
        except psycopg.Error as exc:
            from bot.storage.postgres import storage_error  # PostgreSQL's module only when it is in use

            raise storage_error(self.where, exc) from exc


class PollerLock:
    """Held by the one long-polling process of a PostgreSQL database, for its lifetime."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    @classmethod
    def acquire(cls, url: str, where: str, owner: str) -> PollerLock:
        import psycopg

        from bot.storage.postgres import LOCK_SPACE, POLLER_LOCK, storage_error

        try:
            connection = psycopg.connect(url, autocommit=True, application_name=owner, connect_timeout=10)
        except psycopg.Error as exc:
            raise storage_error(where, exc) from exc
        got = connection.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_SPACE, POLLER_LOCK)).fetchone()
        if not got or not got[0]:
            connection.close()
            raise StorageError(
                f"Another bot process is already receiving updates by long polling from the database at {where} "
                "(DATABASE_URL). Only one may poll: two would take each other's updates from Telegram. Stop the "
                "other one first, or run every instance with WEBHOOK_URL set (webhook mode), where any number of "
                "instances may share one database."
            )
        return cls(connection)

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()  # the session ends: PostgreSQL releases the lock
            self._connection = None
