"""The SQLite database: one connection per process, short transactions, numbered migrations.

Why these settings:

* **WAL journal.** Readers (a CLI export, a backup with ``sqlite3 .backup``) never block the bot's writes and the
  bot never blocks them; a crash leaves the database consistent.
* **synchronous=FULL, except for repeatable steps.** In WAL mode ``NORMAL`` is also corruption-free, but a commit
  can be lost when the machine (not the process) loses power: a lead the patient was already told "received,
  A-000123" could vanish. So every commit waits for the disk (fsync), except those opened with ``durable=False``:
  an application step's draft and the chosen language, which a person can repeat. That fsync runs on the event
  loop; on a shared disk it takes 0.2 ms typically but 26-49 ms at the 99th percentile and up to 122 ms, and every
  chat waits meanwhile (an application step is about one update in four). A later durable commit syncs the log
  with everything before it.
* **BEGIN IMMEDIATE.** Every write transaction takes the write lock up front, so two processes never deadlock
  upgrading a read lock; ``busy_timeout`` makes a second process wait instead of failing at once.
* **Synchronous calls from asyncio.** The bot is one asyncio thread. Every hot-path statement is a primary-key
  lookup or a single-row write that takes microseconds, plus one fsync per commit; handing each to a thread would
  cost more than it saves and would reorder writes. Long jobs (an export of years of leads) may run in
  ``asyncio.to_thread``: the connection is opened with ``check_same_thread=False`` and every use holds a lock.
  Never ``await`` inside ``transaction()``: another coroutine on the same thread would silently join it.

* **secure_delete=ON.** Erased answers are overwritten with zeros in the database file instead of lingering in
  free space, and ``checkpoint()`` (run after /delete and retention) copies the WAL into the database and
  truncates it, so the old versions of erased rows do not stay readable in ``bot.sqlite3-wal`` either.
* **Private files.** The data directory is made 0700 and the database files 0600 whatever the umask (they hold
  health data); SQLite gives the ``-wal`` and ``-shm`` files the main file's permissions.

Migrations are a numbered list of SQL scripts (``bot/storage/migrations.py``); ``PRAGMA user_version`` records how
many have run. Each runs once, in its own transaction together with the version bump. Add a migration by
appending a script; never edit one that has shipped (it will not run again on existing databases).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bot.storage.base import (
    Database,
    Dialect,
    Params,
    StorageError,
    from_db_time,
    maybe_time,
    to_db_time,
    utcnow,
)
from bot.storage.migrations import MIGRATIONS

__all__ = ["Database", "SQLiteDatabase", "StorageError", "from_db_time", "maybe_time", "to_db_time", "utcnow"]

FILENAME = "bot.sqlite3"
SIDE_FILES = ("-wal", "-shm", "-journal")
DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE = Dialect(skip_locked="")


class SQLiteDatabase(Database):
    """One SQLite connection with a ``transaction()`` context manager and read helpers."""

    kind = "sqlite"
    dialect = SQLITE

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._lock = threading.RLock()
        self._durable = True
        """Whether the open (or last) transaction waits for the disk: ``PRAGMA synchronous`` FULL or NORMAL."""

    @classmethod
    def open(cls, data_dir: Path, migrations: Sequence[str] | None = None) -> SQLiteDatabase:
        """Open (creating if needed) ``<data_dir>/bot.sqlite3`` and apply the migrations it has not seen yet."""
        migrations = MIGRATIONS if migrations is None else migrations
        path = data_dir / FILENAME
        try:
            make_private_dir(data_dir)
            make_private_file(path)
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(not_writable_advice(data_dir, exc)) from exc
        connection.row_factory = sqlite3.Row
        database = cls(connection, path)
        try:
            database._configure()
            database._migrate(migrations)
            for suffix in SIDE_FILES:  # created by an older version, or before the main file was made private
                side = path.with_name(path.name + suffix)
                with contextlib.suppress(FileNotFoundError):
                    os.chmod(side, FILE_MODE)
        except sqlite3.OperationalError as exc:
            connection.close()
            raise StorageError(not_writable_advice(data_dir, exc)) from exc
        except BaseException:
            connection.close()
            raise
        return database

    def _configure(self) -> None:
        mode = self.connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(
                f"{self.path}: SQLite refused WAL mode (got {mode!r}); put BOT_DATA_DIR on a local disk."
            )
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute("PRAGMA secure_delete=ON")
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.connection.execute("PRAGMA busy_timeout=5000")

    @property
    def where(self) -> str:
        return str(self.path)

    @property
    def schema_version(self) -> int:
        """How many migrations this database has applied."""
        return int(self.query_one("PRAGMA user_version")[0])  # type: ignore[index]

    def _migrate(self, migrations: Sequence[str]) -> None:
        current = self.schema_version
        if current > len(migrations):
            raise StorageError(
                f"{self.path} has schema version {current}, but this version of the bot knows only "
                f"{len(migrations)} migrations. Run the newer version of the bot, or restore a backup made by this one."
            )
        for number, script in enumerate(migrations[current:], start=current + 1):
            try:
                with self.transaction() as connection:
                    if self.schema_version >= number:  # another process got there first
                        continue
                    for statement in split_statements(script):
                        connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {number}")
            except sqlite3.Error as exc:
                raise StorageError(f"{self.path}: migration {number} failed and was rolled back: {exc}") from exc

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested uses join the outermost one, so stores compose into one atomic change."""
        with self._lock:
            if self.connection.in_transaction:
                if durable and not self._durable:
                    raise StorageError(f"{self.path}: a durable write inside a transaction opened with "
                                       "durable=False; open the outer transaction durable")
                yield self.connection
                return
            if durable != self._durable:  # set between transactions: it applies to the next commit
                self.connection.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
                self._durable = durable
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
            try:
                self.connection.execute("COMMIT")
            except BaseException:  # e.g. the disk is full: never leave the connection inside a half transaction
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
                raise

    def executemany(self, sql: str, rows: Iterator[Params] | Sequence[Params]) -> None:
        with self.transaction() as connection:
            connection.executemany(sql, rows)

    def execute(self, sql: str, params: Params = (), *, durable: bool = True) -> sqlite3.Cursor:
        """One write statement in its own transaction (or in the caller's, when one is open)."""
        with self.transaction(durable=durable) as connection:
            return connection.execute(sql, params)

    def query(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.connection.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self.connection.execute(sql, params).fetchone()
            return row

    def checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it (after erasing personal data). False when a
        reader in another process kept it from finishing; the next checkpoint then completes it."""
        with self._lock:
            try:
                busy = self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.Error:
                return False
            return not busy

    def close(self) -> None:
        with self._lock:
            self.connection.close()


def make_private_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) and make it 0700: only the bot's user may list or open what is inside."""
    directory.mkdir(parents=True, exist_ok=True)
    if stat.S_IMODE(directory.stat().st_mode) != DIR_MODE:
        os.chmod(directory, DIR_MODE)


def make_private_file(path: Path) -> None:
    """Create ``path`` empty if missing, and make it 0600 (``os.open`` applies the umask, so chmod after)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        if stat.S_IMODE(os.fstat(descriptor).st_mode) != FILE_MODE:
            os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)


def not_writable_advice(data_dir: Path, error: BaseException) -> str:
    """What to do when the data directory cannot be written (read-only mount, wrong owner, full disk)."""
    reason = getattr(error, "strerror", None) or str(error)
    user = os.getuid() if hasattr(os, "getuid") else "this user"
    return (
        f"The bot cannot write its database in BOT_DATA_DIR={data_dir} ({reason}). It stores applications there "
        f"and needs to write to it. Make the folder writable by the user the bot runs as (uid {user}), for "
        f"example `sudo chown -R {user} {data_dir}`, check that the disk is not full or mounted read-only, "
        "or set BOT_DATA_DIR to another folder."
    )


def split_statements(script: str) -> list[str]:
    """The statements of a migration script, split where SQLite says one is complete (so a ``;`` inside a string
    or a trigger body does not split it); run one by one inside the migration's transaction."""
    statements, current = [], ""
    for part in script.split(";"):
        current += part + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \t\r\n;"):
                statements.append(current)
            current = ""
    rest = current[:-1]  # the last part got a ";" it never had
    if rest.strip():
        statements.append(rest)
    return statements
