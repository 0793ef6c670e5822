"""Exactly once under faults: claims, results the database refuses, sends whose answer never came, crashed sends,
and the staff-chat outage alerts. Real SQLite files; the "refusing database" is SQLite's own query_only mode."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from bot.leads.delivery import DeliveryWorker
from bot.leads.errors import PermanentDeliveryError, TemporaryDeliveryError
from bot.leads.model import Lead
from bot.leads.store import LeadStore
from bot.storage.db import Database, SQLiteDatabase
from bot.storage.postgres import PostgresDatabase
from tests.leads.conftest import T0, FakeSink, make_worker, outbox_rows, submit


class Alerts:
    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    async def outage(self, kind: str) -> None:
        self.said.append(("outage", kind))

    async def recovered(self, kind: str) -> None:
        self.said.append(("recovered", kind))


def refuse_writes(db: Database, refuse: bool) -> None:
    """Make the database refuse every write (as a full disk does), or accept them again."""
    if isinstance(db, PostgresDatabase):
        with psycopg.connect(db.url, autocommit=True, options="-c default_transaction_read_only=off") as admin:
            name = admin.execute("SELECT current_database()").fetchone()[0]  # type: ignore[index]
            admin.execute(f"ALTER DATABASE {name} SET default_transaction_read_only = {'on' if refuse else 'off'}")
        db.drop_connections()  # the setting applies to new sessions
    else:
        db.connection.execute(f"PRAGMA query_only = {'ON' if refuse else 'OFF'}")


class DiskFullAfterSend(FakeSink):
    """Telegram accepts the first card, then the database refuses every write (as on a full disk)."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    async def send_card(self, lead: Lead, *, repeat_of: object = None) -> int:
        message_id = await super().send_card(lead)
        if len(self.cards) == 1:
            refuse_writes(self.db, True)
        return message_id


async def test_a_result_the_database_refuses_pauses_delivery_and_nothing_is_sent_twice(
    db: Database, store: LeadStore, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = submit(store, "k1", user_id=1), submit(store, "k2", user_id=2)
    sink = DiskFullAfterSend(db)
    worker = make_worker(store, sink)
    with caplog.at_level(logging.INFO, logger="bot.leads"):
        assert await worker.run_once(T0) == 0
        for seconds in (2, 4, 6, 8):  # the job keeps running while the disk is full
            assert await worker.run_once(T0 + timedelta(seconds=seconds)) == 0
        assert [card.id for card in sink.cards] == [first.id]
        assert worker.health(T0).unrecorded == 1
        refuse_writes(db, False)  # space again
        assert await worker.run_once(T0 + timedelta(seconds=10)) == 1  # the second lead; the first was recorded
    assert [card.id for card in sink.cards] == [first.id, second.id]
    assert store.require(first.id).staff_message_id == 501
    assert [e.delivered_at is not None for e in outbox_rows(store, first.id)] == [True]
    assert "lead delivery: lead=1 kind=card attempt=1 result=delivered_unrecorded" in caplog.messages


async def test_two_processes_never_both_send_a_row(data_dir: Path) -> None:
    """Two connections on one file (what two processes would have): the claim lets one of them send."""
    first_db, second_db = SQLiteDatabase.open(data_dir), SQLiteDatabase.open(data_dir)
    try:
        first_store, second_store = LeadStore(first_db, clock=lambda: T0), LeadStore(second_db, clock=lambda: T0)
        for number in range(1, 6):
            submit(first_store, f"k{number}", user_id=number)
        gate = asyncio.Event()

        class Slow(FakeSink):
            async def send_card(self, lead: Lead, *, repeat_of: object = None) -> int:
                await gate.wait()
                return await super().send_card(lead)

        sinks = [Slow(), Slow()]
        workers = [DeliveryWorker(first_store, sinks[0], clock=lambda: T0, owner="one"),
                   DeliveryWorker(second_store, sinks[1], clock=lambda: T0, owner="two")]
        passes = [asyncio.create_task(w.run_once(T0)) for w in workers]
        await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(*passes)
        while sum(await asyncio.gather(*(w.run_once(T0) for w in workers))):
            pass
        sent = sorted(card.id for sink in sinks for card in sink.cards)
        assert sent == [1, 2, 3, 4, 5]  # each lead once, whichever process sent it
    finally:
        first_db.close()
        second_db.close()


async def test_a_send_whose_answer_never_came_is_posted_again_marked_as_a_possible_repeat(store: LeadStore) -> None:
    lead = submit(store)
    sink = FakeSink([TemporaryDeliveryError("timed_out", in_doubt=True)])
    worker = make_worker(store, sink)
    assert await worker.run_once(T0) == 0
    assert outbox_rows(store, lead.id)[0].in_doubt
    assert await worker.run_once(T0 + timedelta(minutes=1)) == 1
    assert sink.repeats == [(lead.id, T0)]  # "may be a repeat of the attempt at 14:00"


async def test_a_definite_failure_is_not_marked_as_a_repeat(store: LeadStore) -> None:
    submit(store)
    sink = FakeSink([TemporaryDeliveryError("network"), TemporaryDeliveryError("timed_out")])
    worker = make_worker(store, sink)
    for minutes in (0, 1, 2):
        await worker.run_once(T0 + timedelta(minutes=minutes))
    assert len(sink.cards) == 1 and sink.repeats == []


async def test_a_claim_left_by_a_crashed_process_makes_the_next_card_a_marked_repeat(store: LeadStore) -> None:
    lead = submit(store)
    [entry] = outbox_rows(store, lead.id)
    assert store.outbox.claim(entry.id, "old-process", T0)  # it crashed after claiming, maybe after sending
    sink = FakeSink()
    assert await make_worker(store, sink).run_once(T0 + timedelta(seconds=30)) == 1
    assert sink.repeats == [(lead.id, T0)]


async def test_the_staff_chat_outage_is_announced_once_the_pass_stops_and_recovery_is_announced(
    store: LeadStore,
) -> None:
    for number in range(1, 4):
        submit(store, f"k{number}", user_id=number)
    sink = FakeSink([PermanentDeliveryError("forbidden")] * 3)
    alerts = Alerts()
    worker = DeliveryWorker(store, sink, clock=lambda: T0, rng=lambda: 0.0, alerts=alerts)
    assert await worker.run_once(T0) == 0
    assert sink.calls == 1  # the other leads would fail the same way
    assert worker.health(T0).outage == "forbidden"
    assert await worker.run_once(T0 + timedelta(seconds=10)) == 0  # paused (30 s)
    assert sink.calls == 1
    assert await worker.run_once(T0 + timedelta(seconds=40)) == 0
    assert alerts.said == [("outage", "forbidden")]  # told once, not on every attempt
    # Staff send a command in the chat: everything is retried at once, not after the back-off.
    assert worker.retry_now(T0 + timedelta(seconds=41)) == 1  # the row that failed; the others were due
    sink.failures.clear()
    assert await worker.run_once(T0 + timedelta(seconds=41)) == 3
    assert alerts.said == [("outage", "forbidden"), ("recovered", "forbidden")]
    assert worker.health(T0).outage is None


async def test_copies_are_edited_on_erasure_and_only_when_they_are_out_of_date(store: LeadStore) -> None:
    lead = submit(store)
    sink = FakeSink()
    worker = make_worker(store, sink)
    await worker.run_once(T0)
    store.record_post(store.require(lead.id), 9001, 77, T0)  # /lead in a staff member's private chat
    store.set_status(lead.id, "contacted", "Yamada", T0)
    await worker.run_once(T0)
    assert sink.copy_edits == [(lead.id, 9001, 77)]
    await worker.run_once(T0)
    store.withdraw_for_user(1001, T0)
    await worker.run_once(T0)
    assert sink.copy_edits == [(lead.id, 9001, 77), (lead.id, 9001, 77)]  # the erased card replaces the copy
    assert store.stale_posts(store.require(lead.id)) == []


async def test_a_copy_that_can_no_longer_be_edited_is_forgotten(store: LeadStore) -> None:
    lead = submit(store)
    sink = FakeSink()
    worker = make_worker(store, sink)
    await worker.run_once(T0)
    store.record_post(store.require(lead.id), 9001, 77, T0)
    store.set_status(lead.id, "contacted", "Yamada", T0)

    class CopyGone(FakeSink):
        async def edit_card(self, lead: Lead, message_id: int, *, chat_id: int | None = None) -> None:
            if chat_id is not None:
                raise PermanentDeliveryError("forbidden")  # the staff member blocked the bot
            await super().edit_card(lead, message_id)

    assert await make_worker(store, CopyGone()).run_once(T0) == 1
    assert store.db.query("SELECT * FROM lead_posts") == []


async def test_csv_exports_with_an_erased_lead_are_deleted_and_one_too_old_is_reported(
    store: LeadStore, caplog: pytest.LogCaptureFixture
) -> None:
    lead = submit(store)
    sink = FakeSink()
    worker = make_worker(store, sink)
    await worker.run_once(T0)
    store.record_export([lead.id], -100, 81, T0)
    store.record_export([lead.id], -100, 82, T0)
    store.withdraw_for_user(1001, T0)

    class OldExport(FakeSink):
        async def delete_message(self, chat_id: int, message_id: int) -> None:
            if message_id == 81:
                raise PermanentDeliveryError("cannot_delete")  # Telegram: older than 48 hours
            await super().delete_message(chat_id, message_id)

    old = OldExport()
    with caplog.at_level(logging.INFO, logger="bot.leads"):
        assert await make_worker(store, old).run_once(T0) == 2
    assert old.deleted == [(-100, 82)]
    assert "lead delivery: lead=1 kind=export result=not_deleted error=cannot_delete" in caplog.messages
    assert store.exports_of(lead.id) == []


async def test_retention_deletes_relayed_messages_too_and_says_what_it_could_not(
    store: LeadStore, caplog: pytest.LogCaptureFixture
) -> None:
    lead = submit(store)
    sink = FakeSink()
    await make_worker(store, sink).run_once(T0)
    store.relay.record(lead.id, "from_applicant", "@applicant", "平日の夕方", T0, staff_message_id=90,
                       staff_chat_id=-100)  # the bot's post of an answer
    store.relay.record(lead.id, "to_applicant", "山田", "お電話します", T0, staff_message_id=91, staff_chat_id=-100)
    store.relay.record(lead.id, "to_applicant", "山田", "明日です", T0, staff_message_id=92, staff_chat_id=9100)
    store.relay.record(lead.id, "to_applicant", "山田", "届かず", T0)  # the staff chat was unreachable: no copy
    assert store.purge_older_than(30, T0 + timedelta(days=31)) == [lead.id]

    class Old(FakeSink):
        async def delete_message(self, chat_id: int, message_id: int) -> None:
            if chat_id == -100:
                raise PermanentDeliveryError("cannot_delete")  # Telegram: older than 48 hours
            await super().delete_message(chat_id, message_id)

    old = Old()
    with caplog.at_level(logging.INFO, logger="bot.leads"):
        assert await make_worker(store, old).run_once(T0 + timedelta(days=31)) == 1
    assert old.deleted == [(9100, 92)]
    assert old.relay_edits == [(lead.id, -100, 90)]  # the bot's own post: edited to the erased text
    assert old.relay_requests == [(lead.id, -100, 91)]  # a staff member's message: staff are asked to delete it
    assert [m for m in caplog.messages if "kind=relayed" in m] == [
        "lead delivery: lead=1 kind=relayed result=edited",
        "lead delivery: lead=1 kind=relayed result=asked_staff",
        "lead delivery: lead=1 kind=relayed result=deleted",
    ]
    assert store.relay.posts_of(lead.id) == []
    assert store.db.query("SELECT * FROM lead_messages") == []
