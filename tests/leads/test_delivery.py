from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.leads.delivery import Backoff, DeliveryHealth, DeliveryWorker
from bot.leads.errors import PermanentDeliveryError, TemporaryDeliveryError
from bot.leads.model import Lead
from bot.leads.store import LeadStore
from bot.storage.db import SQLiteDatabase
from tests.leads.conftest import T0, FakeSink, make_worker, outbox_rows, submit


def rate_limited(seconds: float) -> TemporaryDeliveryError:
    return TemporaryDeliveryError("rate_limited", retry_after=seconds)


async def test_a_card_is_delivered_and_its_message_id_recorded(store: LeadStore) -> None:
    sink = FakeSink()
    lead = submit(store, flags=("crisis",))
    worker = make_worker(store, sink)
    assert await worker.run_once(T0) == 1
    assert [card.id for card in sink.cards] == [lead.id]
    assert sink.cards[0].flags == ("crisis",)
    assert store.require(lead.id).staff_message_id == 501
    [entry] = outbox_rows(store, lead.id)
    assert (entry.delivered_at, entry.staff_message_id, entry.attempts) == (T0, 501, 1)
    assert await worker.run_once(T0 + timedelta(hours=1)) == 0
    assert len(sink.cards) == 1


async def test_temporary_errors_back_off_honour_retry_after_then_deliver_once(
    store: LeadStore, caplog: pytest.LogCaptureFixture
) -> None:
    sink = FakeSink([rate_limited(30), rate_limited(30), TemporaryDeliveryError("network")])
    lead = submit(store)
    worker = make_worker(store, sink)
    with caplog.at_level(logging.INFO, logger="bot.leads"):
        assert await worker.run_once(T0) == 0
        [entry] = outbox_rows(store, lead.id)
        assert (entry.attempts, entry.last_error_kind) == (1, "rate_limited")
        assert entry.next_attempt_at == T0 + timedelta(seconds=30)
        assert await worker.run_once(T0 + timedelta(seconds=10)) == 0  # Telegram said wait 30 s
        assert sink.calls == 1
        assert await worker.run_once(T0 + timedelta(seconds=30)) == 0
        assert await worker.run_once(T0 + timedelta(seconds=60)) == 0
        # third failure: no retry_after, so 5 s * 2**2 = 20 s with the jitter at its lowest half -> 10 s
        assert outbox_rows(store, lead.id)[0].next_attempt_at == T0 + timedelta(seconds=70)
        assert await worker.run_once(T0 + timedelta(seconds=69)) == 0
        assert await worker.run_once(T0 + timedelta(seconds=70)) == 1
        assert await worker.run_once(T0 + timedelta(hours=2)) == 0
    assert [card.id for card in sink.cards] == [lead.id]
    assert store.require(lead.id).staff_message_id == 501
    assert [r.getMessage() for r in caplog.records] == [
        "lead delivery: lead=1 kind=card attempt=1 result=temporary_error error=rate_limited retry_in=30s",
        "lead delivery: lead=1 kind=card attempt=2 result=temporary_error error=rate_limited retry_in=30s",
        "lead delivery: lead=1 kind=card attempt=3 result=temporary_error error=network retry_in=10s",
        "lead delivery resumed after 3 failed attempts (lead=1)",
        "lead delivery: lead=1 kind=card attempt=4 result=delivered",
    ]
    assert [r.levelname for r in caplog.records] == ["WARNING", "WARNING", "WARNING", "WARNING", "INFO"]


async def test_a_temporary_error_ends_the_pass_a_permanent_one_does_not(store: LeadStore) -> None:
    for number in range(1, 4):
        submit(store, f"k{number}", user_id=number)
    sink = FakeSink([PermanentDeliveryError("bad_request")])
    assert await make_worker(store, sink).run_once(T0) == 2
    assert [card.id for card in sink.cards] == [2, 3]

    sink = FakeSink([TemporaryDeliveryError("network")])
    for number in range(4, 7):
        submit(store, f"k{number}", user_id=number)
    assert await make_worker(store, sink).run_once(T0) == 0  # the rest would fail the same way
    assert sink.calls == 1


async def test_permanent_errors_are_retried_slowly_and_reported(
    store: LeadStore, caplog: pytest.LogCaptureFixture
) -> None:
    lead = submit(store)
    sink = FakeSink([PermanentDeliveryError("chat_not_found"), PermanentDeliveryError("chat_not_found")])
    worker = make_worker(store, sink)
    with caplog.at_level(logging.INFO, logger="bot.leads"):
        await worker.run_once(T0)
        assert outbox_rows(store, lead.id)[0].next_attempt_at == T0 + timedelta(seconds=30)
        await worker.run_once(T0 + timedelta(seconds=30))
        assert outbox_rows(store, lead.id)[0].next_attempt_at == T0 + timedelta(seconds=90)
        assert worker.health(T0 + timedelta(seconds=40)) == DeliveryHealth(
            pending=1, oldest_pending_age=timedelta(seconds=40), failing=1, last_error_kind="chat_not_found",
            next_attempt_at=T0 + timedelta(seconds=90), paused_until=T0 + timedelta(seconds=90),
            outage="chat_not_found",
        )
        assert await worker.run_once(T0 + timedelta(seconds=90)) == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == [
        "lead delivery: lead=1 kind=card attempt=1 result=permanent_error error=chat_not_found retry_in=30s",
        "lead delivery: lead=1 kind=card attempt=2 result=permanent_error error=chat_not_found retry_in=60s",
    ]
    assert worker.health(T0) == DeliveryHealth(pending=0, oldest_pending_age=None, failing=0, last_error_kind=None)


def test_backoff_grows_to_its_cap_and_never_undercuts_retry_after() -> None:
    backoff = Backoff()
    network = TemporaryDeliveryError("network")
    low, high = (lambda: 0.0), (lambda: 1.0)
    assert [backoff.delay(n, network, high) for n in (1, 2, 3, 8, 9, 50)] == [5, 10, 20, 600, 600, 600]
    assert [backoff.delay(n, network, low) for n in (1, 2, 8)] == [2.5, 5, 300]
    assert backoff.delay(1, TemporaryDeliveryError("rate_limited", retry_after=45), low) == 45
    assert backoff.delay(9, TemporaryDeliveryError("rate_limited", retry_after=45), high) == 600
    # capped at 15 min (not an hour): a chat fixed without anyone telling the bot is found again soon
    gone = PermanentDeliveryError("chat_not_found")
    assert [backoff.delay(n, gone, high) for n in (1, 2, 7, 40)] == [60, 120, 900, 900]


async def test_a_restart_in_the_middle_still_delivers_exactly_once(data_dir: Path) -> None:
    sink = FakeSink([TemporaryDeliveryError("network"), TemporaryDeliveryError("server_error")])  # the staff chat
    with SQLiteDatabase.open(data_dir) as db:
        store = LeadStore(db)
        lead = submit(store)
        worker = make_worker(store, sink)
        await worker.run_once(T0)
        await worker.run_once(T0 + timedelta(seconds=5))
    with SQLiteDatabase.open(data_dir) as db:  # a new process
        store = LeadStore(db)
        worker = make_worker(store, sink)
        assert store.outbox.pending_count() == 1
        assert await worker.run_once(T0 + timedelta(seconds=6)) == 0  # the backoff survived the restart
        assert await worker.run_once(T0 + timedelta(seconds=10)) == 1
        assert await worker.run_once(T0 + timedelta(minutes=30)) == 0
    with SQLiteDatabase.open(data_dir) as db:
        worker = make_worker(LeadStore(db), sink)
        assert await worker.run_once(T0 + timedelta(hours=1)) == 0
        assert worker.outbox.pending_count() == 0
    assert [card.id for card in sink.cards] == [lead.id]


async def test_a_crash_after_telegram_accepted_sends_the_card_again_marked_as_a_possible_repeat(
    data_dir: Path,
) -> None:
    """The one gap left: a duplicate card is preferred to a lost lead, and the second one says so."""

    class CrashAfterSending(FakeSink):
        async def send_card(self, lead: Lead, *, repeat_of: datetime | None = None) -> int:
            await super().send_card(lead, repeat_of=repeat_of)
            raise asyncio.CancelledError  # the process is stopped before the delivery is committed

    crashing = CrashAfterSending()
    with SQLiteDatabase.open(data_dir) as db:
        store = LeadStore(db)
        submit(store)
        with pytest.raises(asyncio.CancelledError):
            await make_worker(store, crashing).run_once(T0)
    sink = FakeSink()
    with SQLiteDatabase.open(data_dir) as db:
        assert await make_worker(LeadStore(db), sink).run_once(T0) == 1
    assert len(crashing.cards) + len(sink.cards) == 2
    assert sink.repeats == [(1, T0)]


async def test_withdrawal_clears_the_card_then_notifies_in_order(store: LeadStore) -> None:
    sink = FakeSink()
    lead = submit(store)
    worker = make_worker(store, sink)
    await worker.run_once(T0)
    store.set_status(lead.id, "contacted", "山田", T0 + timedelta(minutes=1))
    store.withdraw_for_user(1001, T0 + timedelta(minutes=2))
    assert await worker.run_once(T0 + timedelta(minutes=2)) == 2
    assert [(edited.status, edited.answers, message_id) for edited, message_id in sink.edits] == [
        ("withdrawn", {}, 501)
    ]
    assert sink.notices == [(lead.id, "withdrawn")]
    assert len(sink.cards) == 1


async def test_a_notice_waits_for_its_card(store: LeadStore) -> None:
    sink = FakeSink([TemporaryDeliveryError("network")])
    lead = submit(store)
    store.withdraw_for_user(1001, T0)
    worker = make_worker(store, sink)
    assert await worker.run_once(T0) == 0
    assert sink.notices == []  # the card failed, so the notice about it did not jump the queue
    assert await worker.run_once(T0 + timedelta(minutes=1)) == 3
    assert sink.cards[0].answers == {}  # rendered as it is now: nothing personal after withdrawal
    assert [message_id for _, message_id in sink.edits] == [501]
    assert sink.notices == [(lead.id, "withdrawn")]


async def test_a_bug_in_the_sink_is_kept_and_reported_by_type_only(
    store: LeadStore, caplog: pytest.LogCaptureFixture
) -> None:
    submit(store)
    sink = FakeSink([KeyError("090-1234-5678")])
    with caplog.at_level(logging.INFO, logger="bot.leads"):
        assert await make_worker(store, sink).run_once(T0) == 0
    assert [r.getMessage() for r in caplog.records] == [
        "lead delivery: lead=1 kind=card attempt=1 result=permanent_error error=unexpected_KeyError retry_in=30s"
    ]
    assert store.outbox.pending_count() == 1


async def test_pending_count_and_age_for_the_health_command(store: LeadStore) -> None:
    worker = make_worker(store, FakeSink([TemporaryDeliveryError("network")]))
    assert DeliveryHealth.of(store.outbox, T0) == DeliveryHealth(0, None, 0, None)
    submit(store, "a", at=T0)
    submit(store, "b", user_id=2, at=T0 + timedelta(minutes=5))
    assert worker.health(T0 + timedelta(minutes=7)).pending == 2
    assert worker.health(T0 + timedelta(minutes=7)).oldest_pending_age == timedelta(minutes=7)
    await worker.run_once(T0 + timedelta(minutes=7))
    assert store.outbox.retry_all_now(T0 + timedelta(minutes=7)) == 1
    assert await worker.run_once(T0 + timedelta(minutes=7)) == 2


async def test_a_pass_asked_for_while_one_runs_returns_at_once_and_the_running_one_looks_again(
    store: LeadStore,
) -> None:
    """The job queue's pass and the one after a submit share the worker: they never overlap or wait, and a lead
    submitted while a pass runs goes out in that pass, not at the next job."""
    sending, release = asyncio.Event(), asyncio.Event()
    clock = [T0]

    class SlowSink(FakeSink):
        async def send_card(self, lead: Lead, *, repeat_of: datetime | None = None) -> int:
            if not self.cards:
                sending.set()
                await release.wait()
            return await super().send_card(lead, repeat_of=repeat_of)

    sink = SlowSink()
    worker = DeliveryWorker(store, sink, clock=lambda: clock[0], rng=lambda: 0.0, sole_sender=True)
    first = submit(store, "a", at=T0)
    running = asyncio.create_task(worker.run_once())
    await sending.wait()
    clock[0] = T0 + timedelta(seconds=1)
    later = submit(store, "b", user_id=2, at=clock[0])  # not due at the running pass's time
    assert await worker.run_once() == 0
    release.set()
    assert await running == 2
    assert [card.id for card in sink.cards] == [first.id, later.id]
