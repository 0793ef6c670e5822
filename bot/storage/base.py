"""The storage interface every store is written against, and what both databases share.

Two implementations: ``bot.storage.db.SQLiteDatabase`` (one file in ``BOT_DATA_DIR``, the embedded default) and
``bot.storage.postgres.PostgresDatabase`` (``DATABASE_URL``, for several instances or hosts without a durable
disk). ``bot.storage.opening.open_database`` picks one from the settings.

Stores write portable SQL with ``?`` placeholders; PostgreSQL's adapter translates them. What differs between
the two is kept behind ``Dialect`` (row locks) and a few methods (``checkpoint``, ``live_owners``), so a store
never asks which database it has. Times are stored as fixed-width UTC text in both (``to_db_time``): text order
is time order, and a move from SQLite to PostgreSQL copies them unchanged.

Rules for callers, the same for both: never ``await`` inside ``transaction()`` (another coroutine on the same
thread would join it); nested ``transaction()`` calls join the outermost one.
"""

from __future__ import annotations

import abc
import os
import secrets
import socket
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    pass

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

Params = Sequence[Any]
Row = Any
"""A result row: indexable by position and by column name (``sqlite3.Row`` or ``bot.storage.postgres.Row``)."""
Kind = Literal["sqlite", "postgres"]


class StorageError(Exception):
    """The database cannot be used as it is; the message says what to do."""


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Row | None: ...

    def fetchall(self) -> list[Row]: ...

    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    """What ``transaction()`` yields: statements run inside that one transaction."""

    def execute(self, sql: str, params: Params = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Any) -> Any: ...


@dataclass(frozen=True)
class Dialect:
    """The few SQL spellings that differ."""

    skip_locked: str
    """Appended to a ``SELECT`` that claims rows: ``FOR UPDATE SKIP LOCKED`` where rows can be locked, else ''
    (SQLite's ``BEGIN IMMEDIATE`` already serialises every writer)."""


class Database(abc.ABC):
    """One database: short transactions, read helpers, numbered migrations applied at open."""

    kind: Kind
    dialect: Dialect

    @property
    @abc.abstractmethod
    def schema_version(self) -> int:
        """How many migrations this database has applied."""

    @property
    @abc.abstractmethod
    def where(self) -> str:
        """Where the data is, for messages to staff (never a password)."""

    @abc.abstractmethod
    def transaction(self, *, durable: bool = True) -> AbstractContextManager[Connection]:
        """A write transaction; nested uses join the outermost one.

        ``durable=False``: the commit may be lost if the machine loses power right after it (never corrupted), for
        writes the person can simply repeat (an application step, the chosen language), so the event loop does not
        wait for the disk. Leads, the outbox, consent and erasure stay durable (the default).
        """

    @abc.abstractmethod
    def execute(self, sql: str, params: Params = (), *, durable: bool = True) -> Cursor:
        """One statement in its own transaction (or in the caller's, when one is open)."""

    @abc.abstractmethod
    def query(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abc.abstractmethod
    def query_one(self, sql: str, params: Params = ()) -> Row | None: ...

    def checkpoint(self) -> bool:
        """Make erased rows unreadable on disk now where the database can (SQLite's WAL); True when done."""
        return True

    def live_owners(self) -> frozenset[str] | None:
        """Owners (``bot.storage.instance``) of processes connected right now, where the database can tell; None
        where it cannot (SQLite: then one process runs at a time, under the data directory's lock)."""
        return None

    def ping(self) -> None:
        """Raise ``StorageError`` when the database cannot be reached (for /healthz)."""
        try:
            self.query_one("SELECT 1")
        except StorageError:
            raise
        except Exception as exc:  # the driver's own error (sqlite3's, a closed connection)
            raise StorageError(f"{self.where}: the database does not answer ({type(exc).__name__})") from exc

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def new_owner() -> str:
    """This process's name in claims, leases and ``application_name`` (at most 63 characters)."""
    host = socket.gethostname()[:32]
    return f"bot:{host}:{os.getpid()}:{secrets.token_hex(4)}"


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (the only kind of time the storage accepts)."""
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """Fixed-width UTC text, so that comparing the strings compares the times (indexes and ``<`` just work)."""
    if moment.tzinfo is None:
        raise ValueError(f"a naive datetime cannot be stored, give it a timezone: {moment!r}")
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


_TIME_LENGTH = len("2026-01-31T12:00:00.000000Z")


def from_db_time(text: str) -> datetime:
    """The moment ``to_db_time`` wrote. ``fromisoformat`` (C) instead of ``strptime`` (Python, 30 µs): every user
    read parses two of these; the length and the ``Z`` keep it as strict as the fixed format."""
    if len(text) != _TIME_LENGTH or text[-1] != "Z":
        raise ValueError(f"time data {text!r} does not match format {_TIME_FORMAT!r}")
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def maybe_time(text: str | None) -> datetime | None:
    return None if text is None else from_db_time(text)
