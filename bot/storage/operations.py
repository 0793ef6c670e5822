"""Operations on the database from the command line: ``migrate [--dry-run]``, ``export-data``, ``import-data``.

``export-data`` writes every row of every table to a file (JSON Lines: a header with the schema version, then
one line per row), from SQLite or PostgreSQL, whichever the settings name. ``import-data`` loads such a file into
an EMPTY database (normally PostgreSQL, to move an SQLite deployment there) in one transaction, keeping every
id (a patient's A-000123 stays A-000123), then checks the row counts against the file. Stop the bot first: the
export takes SQLite's data-directory lock, so it refuses while the bot runs. The file holds personal data: it is
written 0600; delete it once the import is checked.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.storage.base import Database, StorageError
from bot.storage.lock import DataDirLock
from bot.storage.migrations import MIGRATIONS
from bot.storage.opening import open_database

if TYPE_CHECKING:
    from bot.config import Settings

FORMAT = "clinic-bot-data"
TABLES = ("users", "user_submissions", "snapshots", "leads", "lead_history", "outbox", "audit", "unanswered",
          "stats_daily", "crisis_events", "lead_posts", "lead_messages", "relay_posts", "handled_updates",
          "leases")
"""Every table, parents before the tables that refer to them (a test checks none is missing)."""


@dataclass(frozen=True)
class Plan:
    where: str
    current: int
    known: int

    @property
    def pending(self) -> list[int]:
        return list(range(self.current + 1, self.known + 1))

    def describe(self) -> str:
        if self.current > self.known:
            return (f"{self.where}: schema version {self.current} is NEWER than this bot ({self.known} migrations): "
                    "the bot will refuse to start. Run the newer version, or restore a backup made by this one.")
        if not self.pending:
            return f"{self.where}: schema version {self.current}, up to date; nothing to run."
        return (f"{self.where}: schema version {self.current}; would run migration(s) "
                f"{', '.join(map(str, self.pending))} (to version {self.known}).")


def plan(settings: Settings) -> Plan:
    """What ``migrate`` would do, read without changing anything."""
    if settings.database_url:
        import psycopg

        from bot.storage.postgres import redact, storage_error

        where = redact(settings.database_url)
        try:
            with psycopg.connect(settings.database_url, connect_timeout=10) as connection:
                exists = connection.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
                row = connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone() \
                    if exists and exists[0] else (0,)
        except psycopg.Error as exc:
            raise storage_error(where, exc) from exc
        return Plan(where, int(row[0]) if row else 0, len(MIGRATIONS))
    from bot.storage.db import FILENAME

    path = settings.data_dir / FILENAME
    if not path.exists():
        return Plan(str(path), 0, len(MIGRATIONS))
    lite = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return Plan(str(path), int(lite.execute("PRAGMA user_version").fetchone()[0]), len(MIGRATIONS))
    finally:
        lite.close()


def migrate(settings: Settings) -> Plan:
    """Run what is pending (what start-up would do), and return the plan as it was before."""
    before = plan(settings)
    lock = None if settings.database_url else DataDirLock.acquire(settings.data_dir)
    try:
        open_database(settings).close()
    finally:
        if lock is not None:
            lock.release()
    return before


def _rows(db: Database, table: str) -> Iterator[dict[str, Any]]:
    for row in db.query(f"SELECT * FROM {table}"):
        yield {key: row[key] for key in row.keys()}  # noqa: SIM118 (iterating a row gives its values)


def export_data(settings: Settings, out: Path) -> dict[str, int]:
    """Every row to ``out`` (0600); returns the row count per table."""
    lock = None if settings.database_url else DataDirLock.acquire(settings.data_dir)
    counts: dict[str, int] = {}
    try:
        with open_database(settings) as db:
            descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(descriptor, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(json.dumps({"format": FORMAT, "schema_version": db.schema_version}) + "\n")
                for table in TABLES:
                    counts[table] = 0
                    for row in _rows(db, table):
                        file.write(json.dumps({"table": table, "row": row}, ensure_ascii=False) + "\n")
                        counts[table] += 1
    finally:
        if lock is not None:
            lock.release()
    return counts


def import_data(settings: Settings, source: Path) -> dict[str, int]:
    """Load an export into the (empty) database the settings name; returns the row count per table."""
    with source.open(encoding="utf-8") as file:
        header = json.loads(file.readline() or "{}")
        if header.get("format") != FORMAT:
            raise StorageError(f"{source}:1: not a file written by `python -m bot export-data` (expected a first "
                               f"line with \"format\": \"{FORMAT}\")")
        lock = None if settings.database_url else DataDirLock.acquire(settings.data_dir)
        try:
            with open_database(settings) as db:
                if header.get("schema_version") != db.schema_version:
                    raise StorageError(
                        f"{source}:1: exported at schema version {header.get('schema_version')}, but {db.where} is at "
                        f"version {db.schema_version}: export and import with the same version of the bot.")
                busy = [t for t in ("users", "leads") if _count(db, t)]
                if busy:
                    raise StorageError(f"{db.where} already holds {' and '.join(busy)}: import-data loads into an "
                                       "empty database only, so nothing is mixed or overwritten. Point DATABASE_URL "
                                       "at a new database.")
                counts = {table: 0 for table in TABLES}
                with db.transaction() as connection:
                    for number, line in enumerate(file, start=2):
                        item = json.loads(line)
                        table, row = item.get("table"), item.get("row")
                        if table not in counts or not isinstance(row, dict):
                            raise StorageError(f"{source}:{number}: expected a row of one of {list(TABLES)}, "
                                               f"found {str(table)[:40]!r}")
                        names = list(row)
                        connection.execute(f"INSERT INTO {table} ({', '.join(names)}) "
                                           f"VALUES ({', '.join('?' * len(names))})", [row[n] for n in names])
                        counts[table] += 1
                    if db.kind == "postgres":
                        from bot.storage.postgres import PostgresDatabase

                        assert isinstance(db, PostgresDatabase)
                        db.move_identities_past_rows()
                for table, expected in counts.items():
                    found = _count(db, table)
                    if found != expected:
                        raise StorageError(f"{db.where}: {table} holds {found} rows after the import, the file "
                                           f"{expected}: check the database before using it")
        finally:
            if lock is not None:
                lock.release()
    return counts


def _count(db: Database, table: str) -> int:
    row = db.query_one(f"SELECT COUNT(*) FROM {table}")
    return int(row[0]) if row else 0
