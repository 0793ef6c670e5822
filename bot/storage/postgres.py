"""PostgreSQL (``DATABASE_URL``): the same stores as SQLite, for several bot instances on one database.

Why psycopg 3 with ``psycopg_pool``: it is the maintained PostgreSQL driver (the successor of psycopg2, by the
same authors), binds parameters on the server, has a sync and an async API with the same behaviour, and its pool
checks connections back in clean (a connection left inside a failed transaction is rolled back, not reused
broken). The binary wheel brings libpq, so nothing else needs installing on the bot's host.

How it is used:

* **Synchronous from asyncio, as SQLite.** Every hot-path statement is a primary-key lookup or a one-row write,
  a fraction of a millisecond on a nearby server. Waiting that could take long (another instance holds a chat's
  lock) is async, in ``bot.storage.instances``.
* **The event loop keeps one connection.** Code running on the event loop (every handler) uses the same
  connection, taken from the pool once and kept: a checkout and return per statement cost more than the
  statement itself (measured: 0.73 ms against 0.29 ms per primary-key read on a busy machine), and statements
  repeated on one connection are prepared on the server after a few uses. It is given back, and another taken,
  when it broke (the server restarted, the connection was dropped), was left inside a transaction, or is older
  than ``HELD_LIFETIME``. Other threads (``asyncio.to_thread``) borrow pooled connections per statement.
* **Autocommit connections.** A lone ``query``/``execute`` costs one round trip; ``transaction()`` wraps its
  statements in BEGIN/COMMIT (READ COMMITTED). Rows the outbox claims are taken with ``FOR UPDATE SKIP LOCKED``.
* **Who is connected.** Every connection carries the process's owner id as ``application_name``, so another
  instance can tell a claim left by a dead process (its connections are gone from ``pg_stat_activity``) from one
  still being sent.
* **Migrations** are ``bot.storage.migrations_postgres``, run at open under an advisory lock (two instances
  starting together run each once), each in its own transaction with its number in ``schema_version``.

Any driver error reaches callers as ``StorageError`` (message: SQLSTATE and PostgreSQL's primary message, which
names no row values), the same error SQLite's stores raise.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import sql as pgsql
from psycopg.pq import TransactionStatus
from psycopg.rows import RowMaker
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.storage.base import Database, Dialect, Params, StorageError, new_owner
from bot.storage.migrations_postgres import IDENTITY_TABLES
from bot.storage.migrations_postgres import MIGRATIONS as POSTGRES_MIGRATIONS

POSTGRES = Dialect(skip_locked=" FOR UPDATE SKIP LOCKED")
LOCK_SPACE = 0x436C6E63
"""First half of two-part advisory lock keys (``pg_advisory_lock(int, int)``); the one-part keys are chat ids,
and PostgreSQL keeps the two key spaces apart."""
MIGRATION_LOCK, POLLER_LOCK = 1, 2
POOL_SIZE = 10
CONNECT_TIMEOUT = 10.0
HELD_LIFETIME = 30 * 60.0
"""Seconds the event loop keeps one connection before taking a fresh one (the pool replaces old ones hourly)."""


class Row(tuple[Any, ...]):
    """A row readable as ``row[0]`` and ``row["column"]``, like ``sqlite3.Row``."""

    __slots__ = ()
    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}


def row_factory(cursor: psycopg.Cursor[Any]) -> RowMaker[Row]:
    """One ``Row`` class per list of column names, made once (the stores run a few dozen fixed statements)."""
    names = tuple(column.name for column in cursor.description or [])
    row_class = _ROW_CLASSES.get(names)
    if row_class is None:
        index = {name: position for position, name in enumerate(names)}
        row_class = _ROW_CLASSES[names] = type("Row", (Row,), {"__slots__": (), "names": index})
    return row_class


_TRANSLATED: dict[str, str] = {}


def to_pyformat(statement: str) -> str:
    """``?`` placeholders (outside quotes) to psycopg's ``%s``, and a literal ``%`` doubled. Cached: the stores
    use a few dozen fixed statements."""
    translated = _TRANSLATED.get(statement)
    if translated is None:
        out, quoted = [], False
        for char in statement:
            if char == "'":
                quoted = not quoted
            if char == "?" and not quoted:
                out.append("%s")
            elif char == "%":
                out.append("%%")
            else:
                out.append(char)
        translated = _TRANSLATED[statement] = "".join(out)
    return translated


def redact(url: str) -> str:
    """``host:port/dbname`` of a DATABASE_URL: what messages may show (no user, no password)."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    return f"{host}:{parts.port or 5432}{parts.path or '/'}"


def storage_error(where: str, exc: psycopg.Error) -> StorageError:
    diag = getattr(exc, "diag", None)
    primary = (diag.message_primary if diag is not None else None) or type(exc).__name__
    state = getattr(exc, "sqlstate", None) or "-"
    return StorageError(f"PostgreSQL at {where}: {primary} (SQLSTATE {state})")


class _Connection:
    """A pooled connection inside ``transaction()``: ``?`` statements, errors as ``StorageError``."""

    def __init__(self, connection: psycopg.Connection[Row], where: str) -> None:
        self.raw = connection
        self.where = where

    def execute(self, statement: str, params: Params = (), /) -> psycopg.Cursor[Row]:
        try:
            return self.raw.execute(to_pyformat(statement), tuple(params))
        except psycopg.Error as exc:
            raise storage_error(self.where, exc) from exc

    def executemany(self, statement: str, rows: Any, /) -> None:
        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(to_pyformat(statement), [tuple(row) for row in rows])
        except psycopg.Error as exc:
            raise storage_error(self.where, exc) from exc


class PostgresDatabase(Database):
    """A pool of autocommit connections; ``transaction()`` holds one of them for its statements."""

    kind = "postgres"
    dialect = POSTGRES

    def __init__(self, pool: ConnectionPool[Any], url: str, owner: str) -> None:
        self.pool = pool
        self.url = url
        self.owner = owner
        self._where = redact(url)
        self._local = threading.local()
        self._held: dict[int, tuple[psycopg.Connection[Row], float]] = {}
        """The connection each event loop's thread keeps (thread id: connection, when taken)."""
        self._held_lock = threading.Lock()

    @classmethod
    def open(cls, url: str, migrations: Sequence[str] | None = None, *,
             owner: str | None = None, pool_size: int = POOL_SIZE) -> PostgresDatabase:
        """Connect and apply the migrations the database has not seen yet; ``StorageError`` says what to do."""
        owner = owner or new_owner()
        where = redact(url)
        unreachable = (f"The bot cannot reach PostgreSQL at {where} (DATABASE_URL). Check that the server runs and "
                       "accepts connections from this host, and the user name, password and database name in the URL.")
        try:  # once directly, so a wrong URL is told at once rather than after the pool's retries
            psycopg.connect(url, connect_timeout=int(CONNECT_TIMEOUT), application_name=owner).close()
        except psycopg.Error as exc:
            raise StorageError(f"{unreachable} ({storage_error(where, exc)})") from None
        pool: ConnectionPool[Any] = ConnectionPool(
            url, min_size=1, max_size=pool_size, open=False, name="clinic-bot",
            kwargs={"autocommit": True, "application_name": owner, "row_factory": row_factory,
                    "connect_timeout": int(CONNECT_TIMEOUT)},
        )
        try:
            pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except PoolTimeout as exc:
            pool.close()
            raise StorageError(unreachable) from exc
        database = cls(pool, url, owner)
        try:
            database._migrate(POSTGRES_MIGRATIONS if migrations is None else migrations)
        except BaseException:
            pool.close()
            raise
        return database

    @property
    def where(self) -> str:
        return self._where

    @property
    def schema_version(self) -> int:
        row = self.query_one("SELECT to_regclass('schema_version') IS NOT NULL")
        if not row or not row[0]:
            return 0
        version = self.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        return int(version[0]) if version else 0

    def pending_migrations(self, migrations: Sequence[str] = POSTGRES_MIGRATIONS) -> list[int]:
        """Numbers of the migrations ``open`` would run (for ``python -m bot migrate --dry-run``)."""
        return list(range(self.schema_version + 1, len(migrations) + 1))

    def _migrate(self, migrations: Sequence[str]) -> None:
        check_not_newer(self.where, self.schema_version, len(migrations))
        for number, script in enumerate(migrations, start=1):
            if number <= self.schema_version:
                continue
            with self.transaction() as connection:
                connection.execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_SPACE, MIGRATION_LOCK))
                connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                current = connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
                done = int(current[0]) if current else 0
                check_not_newer(self.where, done, len(migrations))
                if done >= number:  # another instance got there first
                    continue
                try:
                    connection.raw.execute(script)  # a whole script, no parameters
                except psycopg.Error as exc:
                    raise StorageError(f"{storage_error(self.where, exc)}: migration {number} failed and was rolled "
                                       "back; nothing of it was applied") from exc
                connection.execute("DELETE FROM schema_version")
                connection.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[_Connection]:
        # durable=False is accepted and every commit stays durable: the server's WAL flush is not on our event loop
        current: _Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        try:
            with self._connection() as raw, raw.transaction():
                wrapped = _Connection(raw, self.where)
                self._local.connection = wrapped
                try:
                    yield wrapped
                finally:
                    self._local.connection = None
        except PoolTimeout as exc:
            raise StorageError(f"PostgreSQL at {self.where}: no connection free or reachable") from exc
        except psycopg.Error as exc:
            raise storage_error(self.where, exc) from exc

    def execute(self, sql: str, params: Params = (), *, durable: bool = True) -> psycopg.Cursor[Row]:
        # Outside a transaction the statement runs alone on an autocommit connection, which makes it a transaction
        # of its own: one round trip instead of three (BEGIN, the statement, COMMIT), with the same atomicity.
        with self._reader() as connection:
            return connection.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> None:
        with self.transaction() as connection:
            connection.executemany(sql, rows)

    @contextmanager
    def _reader(self) -> Iterator[_Connection]:
        current: _Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        try:
            with self._connection() as raw:
                yield _Connection(raw, self.where)
        except PoolTimeout as exc:
            raise StorageError(f"PostgreSQL at {self.where}: no connection free or reachable") from exc
        except psycopg.Error as exc:
            raise storage_error(self.where, exc) from exc

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Row]]:
        """The event loop's kept connection (see the module docstring), else one borrowed from the pool."""
        if asyncio._get_running_loop() is None:
            with self.pool.connection() as borrowed:
                yield borrowed
            return
        thread = threading.get_ident()
        held = self._held.get(thread)
        if held is None or time.monotonic() - held[1] > HELD_LIFETIME:
            if held is not None:
                self._give_back(thread)
            with self._held_lock:
                held = self._held[thread] = (self.pool.getconn(), time.monotonic())
        raw = held[0]
        try:
            yield raw
        finally:
            if raw.broken or raw.closed or raw.info.transaction_status != TransactionStatus.IDLE:
                self._give_back(thread)  # the pool rolls back or discards it; the next statement takes another

    def _give_back(self, thread: int) -> None:
        with self._held_lock:
            held = self._held.pop(thread, None)
        if held is not None:
            self.pool.putconn(held[0])

    def drop_connections(self) -> None:
        """Close every connection and open new ones (new sessions pick up changed database settings).

        The pool opens connections in the background: one still opening from an earlier drain would join the pool
        after this one with the old settings, so the pool is first let fill, and then filled again."""
        for thread in list(self._held):
            self._give_back(thread)
        self.pool.wait(timeout=CONNECT_TIMEOUT)
        self.pool.drain()
        self.pool.wait(timeout=CONNECT_TIMEOUT)

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        with self._reader() as connection:
            return connection.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Params = ()) -> Row | None:
        with self._reader() as connection:
            return connection.execute(sql, params).fetchone()

    def live_owners(self) -> frozenset[str]:
        rows = self.query("SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database()")
        return frozenset(str(row[0]) for row in rows if row[0])

    def move_identities_past_rows(self) -> None:
        """After rows were copied in with their ids (``import-data``): new ids start above the highest one."""
        with self.transaction() as connection:
            for table in IDENTITY_TABLES:
                connection.raw.execute(pgsql.SQL(
                    "SELECT setval(pg_get_serial_sequence({t}, 'id'), COALESCE((SELECT MAX(id) FROM {i}), 0) + 1, "
                    "false)").format(t=pgsql.Literal(table), i=pgsql.Identifier(table)))

    def close(self) -> None:
        for thread in list(self._held):
            self._give_back(thread)
        self.pool.close()


def check_not_newer(where: str, version: int, known: int) -> None:
    if version > known:
        raise StorageError(
            f"{where} has schema version {version}, but this version of the bot knows only {known} migrations. "
            "Run the newer version of the bot, or restore a backup made by this one."
        )
