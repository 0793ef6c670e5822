"""What must hold on both databases: the same schema from the same numbered migrations, a database newer than the
code refused, leases, the outbox claim, and (PostgreSQL) the multi-instance pieces: per-chat turns, updates
handled once, one long poller."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from bot.leads.outbox import Outbox
from bot.storage import migrations, migrations_postgres
from bot.storage.base import Database, StorageError
from bot.storage.db import SQLiteDatabase
from bot.storage.instances import Leases, PollerLock, UpdateGate
from bot.storage.postgres import PostgresDatabase, redact, to_pyformat
from tests.leads.conftest import submit
from tests.storage.conftest import T0


def columns_sqlite(db: SQLiteDatabase) -> dict[str, set[str]]:
    tables = [row[0] for row in db.query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'")]
    return {table: {row["name"] for row in db.query(f"PRAGMA table_info({table})")} for table in tables}


def columns_postgres(db: PostgresDatabase) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in db.query("SELECT table_name, column_name FROM information_schema.columns "
                        "WHERE table_schema = 'public' AND table_name != 'schema_version'"):
        found.setdefault(row[0], set()).add(row[1])
    return found


def test_both_migration_lists_give_the_same_tables_and_columns(tmp_path: Path, pg_url: str) -> None:
    assert len(migrations.MIGRATIONS) == len(migrations_postgres.MIGRATIONS)
    with SQLiteDatabase.open(tmp_path) as lite, PostgresDatabase.open(pg_url) as pg:
        assert lite.schema_version == pg.schema_version == len(migrations.MIGRATIONS)
        assert columns_sqlite(lite) == columns_postgres(pg)


def test_postgres_migrations_run_once_and_a_newer_database_is_refused(empty_pg_url: str) -> None:
    with PostgresDatabase.open(empty_pg_url, migrations_postgres.MIGRATIONS[:2]) as db:
        assert db.schema_version == 2
        assert db.pending_migrations() == list(range(3, len(migrations_postgres.MIGRATIONS) + 1))
    PostgresDatabase.open(empty_pg_url).close()
    PostgresDatabase.open(empty_pg_url).close()  # nothing left to run: CREATE TABLE twice would fail
    with pytest.raises(StorageError) as refused:
        PostgresDatabase.open(empty_pg_url, migrations_postgres.MIGRATIONS[:3])
    assert str(refused.value) == (
        f"{redact(empty_pg_url)} has schema version {len(migrations_postgres.MIGRATIONS)}, but this version of the "
        "bot knows only 3 migrations. Run the newer version of the bot, or restore a backup made by this one."
    )


def test_a_broken_postgres_migration_is_rolled_back_whole(empty_pg_url: str) -> None:
    broken = (*migrations_postgres.MIGRATIONS[:1], "CREATE TABLE half (x INTEGER); SELECT * FROM nowhere;")
    with pytest.raises(StorageError, match="migration 2 failed and was rolled back"):
        PostgresDatabase.open(empty_pg_url, broken)
    with PostgresDatabase.open(empty_pg_url, migrations_postgres.MIGRATIONS[:1]) as db:
        assert db.schema_version == 1
        assert db.query_one("SELECT to_regclass('half')")[0] is None  # type: ignore[index]


def test_an_unreachable_server_is_named_without_the_password() -> None:
    with pytest.raises(StorageError) as refused:
        PostgresDatabase.open("postgresql://bot:secret@127.0.0.1:1/clinicbot")
    assert "secret" not in str(refused.value)
    assert str(refused.value).startswith("The bot cannot reach PostgreSQL at 127.0.0.1:1/clinicbot (DATABASE_URL).")


def test_placeholders_outside_quotes_become_psycopg_ones() -> None:
    assert to_pyformat("SELECT '?', ? WHERE x LIKE 'a%' AND y = ?") == "SELECT '?', %s WHERE x LIKE 'a%%' AND y = %s"


def test_a_lease_is_held_by_one_owner_until_it_expires(db: Database) -> None:
    first, second = Leases(db, "one"), Leases(db, "two")
    assert first.acquire("retention", timedelta(minutes=2), T0)
    assert not second.acquire("retention", timedelta(minutes=2), T0 + timedelta(minutes=1))
    assert first.acquire("retention", timedelta(minutes=2), T0 + timedelta(minutes=1))  # renewed
    assert not second.acquire("retention", timedelta(minutes=2), T0 + timedelta(minutes=2))
    assert second.acquire("retention", timedelta(minutes=2), T0 + timedelta(minutes=4))  # the holder went quiet
    assert first.holder("retention", T0 + timedelta(minutes=4)) == "two"


def test_a_claimed_row_is_sent_by_one_owner_only(db: Database) -> None:
    from bot.leads.store import LeadStore

    lead = submit(LeadStore(db), "k1", user_id=1)
    outbox = Outbox(db)
    (entry,) = outbox.due(T0)
    assert entry.lead_id == lead.id
    assert outbox.claim(entry.id, "one", T0)
    assert not outbox.claim(entry.id, "two", T0)
    assert outbox.due(T0) == []


def test_a_claim_whose_owner_is_gone_is_released_in_doubt_on_postgres(pg_url: str) -> None:
    from bot.leads.store import LeadStore

    with PostgresDatabase.open(pg_url, owner="bot:test:alive") as alive:
        lead = submit(LeadStore(alive), "k1", user_id=1)
        outbox = Outbox(alive)
        (entry,) = outbox.due(T0)
        with PostgresDatabase.open(pg_url, owner="bot:test:other") as other:
            assert Outbox(other).claim(entry.id, "bot:test:other", T0)
            assert outbox.release_stale_claims("bot:test:alive") == 0  # its owner is connected: still sending
        for _ in range(200):  # the server ends the closed backend a moment after the client left
            if "bot:test:other" not in alive.live_owners():
                break
            time.sleep(0.01)
        assert outbox.release_stale_claims("bot:test:alive") == 1  # gone: the send may or may not have happened
        released = outbox.get(entry.id)
        assert released is not None and released.in_doubt and released.lead_id == lead.id


async def test_one_chats_updates_take_turns_and_a_repeated_update_is_skipped(pg_url: str) -> None:
    one, two = UpdateGate(pg_url, "bot:a", "here"), UpdateGate(pg_url, "bot:b", "here")
    await one.open()
    await two.open()
    order: list[str] = []
    try:
        async def handle(gate: UpdateGate, update_id: int, name: str, hold: asyncio.Event | None) -> bool:
            async with gate.turn(update_id, 42, T0) as fresh:
                order.append(f"{name} in")
                if hold is not None:
                    await hold.wait()
                order.append(f"{name} out")
                return fresh

        release = asyncio.Event()
        first = asyncio.create_task(handle(one, 1, "first", release))
        while not order:
            await asyncio.sleep(0.01)
        second = asyncio.create_task(handle(two, 2, "second", None))
        other_chat = two.turn(3, 43, T0)
        async with other_chat as fresh:  # another chat is not held up
            assert fresh
        await asyncio.sleep(0.2)
        assert order == ["first in"]  # the same chat waits, on the other instance too
        release.set()
        assert await first and await second
        assert order == ["first in", "first out", "second in", "second out"]
        async with one.turn(2, 42, T0) as fresh:
            assert not fresh  # update 2 again: handled once
    finally:
        await one.close()
        await two.close()


def test_a_second_long_poller_on_the_same_database_is_refused(pg_url: str) -> None:
    first = PollerLock.acquire(pg_url, "db:5432/clinicbot", "bot:a")
    try:
        with pytest.raises(StorageError) as refused:
            PollerLock.acquire(pg_url, "db:5432/clinicbot", "bot:b")
        assert str(refused.value) == (
            "Another bot process is already receiving updates by long polling from the database at "
            "db:5432/clinicbot (DATABASE_URL). Only one may poll: two would take each other's updates from "
            "Telegram. Stop the other one first, or run every instance with WEBHOOK_URL set (webhook mode), where "
            "any number of instances may share one database."
        )
    finally:
        first.release()
    PollerLock.acquire(pg_url, "db:5432/clinicbot", "bot:b").release()  # free once the first process is gone


def test_driver_errors_reach_callers_as_storage_errors(pg_url: str) -> None:
    with PostgresDatabase.open(pg_url) as db:
        with pytest.raises(StorageError, match="SQLSTATE 42P01"):
            db.query("SELECT * FROM nowhere")
        with pytest.raises(StorageError), db.transaction() as connection:
            connection.execute("INSERT INTO snapshots VALUES ('a', 'p', 'x')")
            connection.execute("INSERT INTO snapshots VALUES ('a', 'p', 'x')")  # duplicate key: all rolled back
        assert db.query("SELECT * FROM snapshots") == []
        assert not isinstance(StorageError("x"), psycopg.Error)
