from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.storage.db import FILENAME, Database, SQLiteDatabase, StorageError, from_db_time, split_statements, to_db_time
from bot.storage.migrations import MIGRATIONS


def test_open_creates_the_file_and_applies_every_migration(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        assert (data_dir / FILENAME).exists()
        assert db.schema_version == len(MIGRATIONS)
        tables = {row[0] for row in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"users", "user_submissions", "snapshots", "leads", "lead_history", "outbox", "audit"} <= tables
        assert db.query_one("PRAGMA journal_mode")[0] == "wal"  # type: ignore[index]
        assert db.query_one("PRAGMA synchronous")[0] == 2  # type: ignore[index]  # 2 is FULL
        assert db.query_one("PRAGMA foreign_keys")[0] == 1  # type: ignore[index]


def test_reopening_keeps_data_and_runs_nothing_again(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        db.execute("INSERT INTO snapshots VALUES ('k', 'payload', '2025-01-01T00:00:00.000000Z')")
    with SQLiteDatabase.open(data_dir) as db:
        assert db.schema_version == len(MIGRATIONS)
        assert db.query_one("SELECT payload FROM snapshots")["payload"] == "payload"  # type: ignore[index]


def test_a_new_migration_runs_once_and_keeps_existing_rows(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        db.execute("INSERT INTO snapshots VALUES ('k', 'payload', '2025-01-01T00:00:00.000000Z')")
    extended = (*MIGRATIONS, "ALTER TABLE snapshots ADD COLUMN note TEXT; CREATE TABLE extra (x INTEGER);")
    with SQLiteDatabase.open(data_dir, extended) as db:
        assert db.schema_version == len(MIGRATIONS) + 1
        row = db.query_one("SELECT payload, note FROM snapshots")
        assert tuple(row) == ("payload", None)  # type: ignore[arg-type]
    with SQLiteDatabase.open(data_dir, extended) as db:  # not applied twice (CREATE TABLE extra would fail)
        assert db.schema_version == len(MIGRATIONS) + 1


def test_a_failing_migration_is_rolled_back_whole(data_dir: Path) -> None:
    broken = (*MIGRATIONS, "CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);")
    with pytest.raises(StorageError, match=f"migration {len(MIGRATIONS) + 1} failed and was rolled back"):
        SQLiteDatabase.open(data_dir, broken)
    with SQLiteDatabase.open(data_dir) as db:
        assert db.schema_version == len(MIGRATIONS)
        assert db.query_one("SELECT name FROM sqlite_master WHERE name = 'half'") is None


def test_a_database_from_a_newer_bot_is_refused_with_advice(data_dir: Path) -> None:
    extended = (*MIGRATIONS, "CREATE TABLE extra (x INTEGER);")
    SQLiteDatabase.open(data_dir, extended).close()
    with pytest.raises(StorageError) as caught:
        SQLiteDatabase.open(data_dir)
    assert str(caught.value) == (
        f"{data_dir / FILENAME} has schema version {len(MIGRATIONS) + 1}, but this version of the bot knows only "
        f"{len(MIGRATIONS)} migrations. Run the newer version of the bot, or restore a backup made by this one."
    )


@pytest.mark.sqlite_only
def test_transaction_rolls_back_on_error_and_nested_ones_join(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as connection:
        connection.execute("INSERT INTO snapshots VALUES ('a', 'p', 'x')")
        with db.transaction():
            db.execute("INSERT INTO snapshots VALUES ('b', 'p', 'x')")
        raise RuntimeError("boom")
    assert db.query("SELECT * FROM snapshots") == []
    with db.transaction():
        db.execute("INSERT INTO snapshots VALUES ('a', 'p', 'x')")
        assert db.connection.in_transaction
    assert not db.connection.in_transaction
    assert len(db.query("SELECT * FROM snapshots")) == 1


@pytest.mark.sqlite_only
def test_a_second_connection_sees_committed_writes(db: Database, data_dir: Path) -> None:
    db.execute("INSERT INTO snapshots VALUES ('a', 'p', 'x')")
    other = sqlite3.connect(data_dir / FILENAME)
    try:
        assert other.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 1
    finally:
        other.close()


def test_times_are_stored_as_fixed_width_utc_text() -> None:
    tokyo = timezone(timedelta(hours=9))
    moment = datetime(2025, 11, 27, 14, 3, 7, 120, tzinfo=tokyo)
    assert to_db_time(moment) == "2025-11-27T05:03:07.000120Z"
    assert from_db_time(to_db_time(moment)) == moment.astimezone(UTC)
    with pytest.raises(ValueError, match="naive datetime"):
        to_db_time(datetime(2025, 1, 1))


def test_migration_scripts_split_where_sqlite_says_a_statement_ends() -> None:
    script = """
        CREATE TABLE t (a TEXT); INSERT INTO t VALUES ('x; y');
        CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO t VALUES ('again;'); END;
        -- a closing comment
    """
    statements = [" ".join(s.split()) for s in split_statements(script)]
    assert statements == [
        "CREATE TABLE t (a TEXT);",
        "INSERT INTO t VALUES ('x; y');",
        "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO t VALUES ('again;'); END;",
        "-- a closing comment ;",
    ]


def test_a_repeatable_write_does_not_wait_for_the_disk_and_the_next_durable_one_does(data_dir: Path) -> None:
    """An application step's draft commits with synchronous=NORMAL; a lead's commit after it is FULL again."""
    with SQLiteDatabase.open(data_dir) as db:
        modes = []
        with db.transaction(durable=False) as connection:
            connection.execute("INSERT INTO snapshots VALUES ('a', 'p', '2025-01-01T00:00:00.000000Z')")
            modes.append(connection.execute("PRAGMA synchronous").fetchone()[0])
        with db.transaction() as connection:
            connection.execute("INSERT INTO snapshots VALUES ('b', 'p', '2025-01-01T00:00:00.000000Z')")
            modes.append(connection.execute("PRAGMA synchronous").fetchone()[0])
        assert modes == [1, 2]  # NORMAL, FULL
        assert [row[0] for row in db.query("SELECT version_key FROM snapshots ORDER BY 1")] == ["a", "b"]


def test_a_durable_write_inside_a_non_durable_transaction_is_refused(data_dir: Path) -> None:
    with (SQLiteDatabase.open(data_dir) as db, pytest.raises(StorageError) as raised,
          db.transaction(durable=False)):
        db.execute("INSERT INTO snapshots VALUES ('a', 'p', '2025-01-01T00:00:00.000000Z')")
    assert str(raised.value) == (f"{data_dir / FILENAME}: a durable write inside a transaction opened with "
                                 "durable=False; open the outer transaction durable")
    with SQLiteDatabase.open(data_dir) as db:
        assert db.query("SELECT * FROM snapshots") == []  # rolled back
