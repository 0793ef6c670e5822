"""Delivery of the outbox to the staff chat, layered like an HTTP client: store → worker → injected sink.

The worker knows nothing about Telegram. It takes due outbox rows, hands each to a ``LeadSink`` (the Telegram
adapter in production, a recording fake in tests) and writes the outcome back in one transaction. Errors follow
``bot.leads.errors``: a temporary error backs the row off exponentially with jitter (5 s → 10 min, never sooner
than Telegram's ``retry_after``) and ends the pass, since the next rows would fail the same way; a permanent
error backs off slowly (1 min → 1 h), is logged as an error, and the pass goes on with other leads.

Exactly once, as far as it can be: a card is marked delivered in the same transaction that records its staff
message id, and each lead's rows go strictly in order. The one gap left is a crash after Telegram accepted a
message and before the commit (milliseconds); the card is then sent again on restart. A duplicate is chosen
over a lost lead.

Logging: one fixed-format line per attempt, ``lead delivery: lead=12 kind=card attempt=3 result=...``, plus one
warning when delivery resumes after failures. Lines name the lead id and the error kind, never lead contents or
exception messages (a sink's message could quote an answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.leads.errors import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from bot.leads.model import Lead
from bot.leads.outbox import OutboxEntry
from bot.leads.store import LeadStore
from bot.storage.db import utcnow

log = logging.getLogger(__name__)

_MAX_ROUNDS = 100


class LeadSink(Protocol):
    """Where leads go. Raise ``TemporaryDeliveryError`` or ``PermanentDeliveryError`` on failure."""

    async def send_card(self, lead: Lead) -> int:
        """Post the lead's card to the staff chat; return the message id."""

    async def send_notice(self, lead_id: int, kind: str) -> None:
        """Post a short notice about a lead (``kind`` is ``"withdrawn"``)."""

    async def edit_card(self, lead: Lead, message_id: int) -> None:
        """Re-render the card in place. Telegram's "message is not modified" counts as success."""


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait after the n-th failed attempt: ``first * 2**(n-1)`` capped, with "equal jitter" (a random
    point in the upper half, so retries of many rows spread out but never come sooner than half the delay)."""

    temporary_first: float = 5.0
    temporary_cap: float = 600.0
    permanent_first: float = 60.0
    permanent_cap: float = 3600.0

    def delay(self, failures: int, error: DeliveryError, rng: Callable[[], float] = random.random) -> float:
        temporary = isinstance(error, TemporaryDeliveryError)
        first, cap = (
            (self.temporary_first, self.temporary_cap) if temporary else (self.permanent_first, self.permanent_cap)
        )
        base = min(cap, first * 2 ** min(max(failures - 1, 0), 30))
        delay = base / 2 + rng() * base / 2
        retry_after = error.retry_after if isinstance(error, TemporaryDeliveryError) else None
        return max(delay, retry_after) if retry_after else delay


@dataclass(frozen=True)
class DeliveryHealth:
    """For the staff health command."""

    pending: int
    oldest_pending_age: timedelta | None
    failing: int
    """Rows whose last attempt failed."""
    last_error_kind: str | None


class DeliveryWorker:
    """Delivers due outbox rows through ``sink``; run ``run_forever`` as a task and ``wake()`` it after a submit."""

    def __init__(
        self,
        store: LeadStore,
        sink: LeadSink,
        clock: Callable[[], datetime] = utcnow,
        *,
        backoff: Backoff | None = None,
        rng: Callable[[], float] = random.random,
        batch: int = 50,
    ) -> None:
        self.store = store
        self.outbox = store.outbox
        self.sink = sink
        self.clock = clock
        self.backoff = backoff or Backoff()
        self.rng = rng
        self.batch = batch
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._paused_until: datetime | None = None
        self._failures: int | None = None  # failed attempts since the last success; read from the outbox at first

    def wake(self) -> None:
        """Deliver now instead of at the next interval (call after ``LeadStore.submit``)."""
        self._wake.set()

    async def run_once(self, now: datetime | None = None) -> int:
        """Attempt everything due at ``now``; returns how many rows were delivered."""
        now = now or self.clock()
        async with self._lock:
            if self._failures is None:
                self._failures = self.outbox.failed_attempts_pending()
            if self._paused_until is not None and now < self._paused_until:
                return 0
            self._paused_until = None
            delivered = 0
            for _ in range(_MAX_ROUNDS):
                entries = self.outbox.due(now, self.batch)
                if not entries:
                    break
                for entry in entries:
                    error = await self._attempt(entry, now)
                    if error is None:
                        delivered += 1
                    elif isinstance(error, TemporaryDeliveryError):
                        if error.retry_after:  # counted from when the attempt failed, not from the pass start
                            self._paused_until = max(now, self.clock()) + timedelta(seconds=error.retry_after)
                        return delivered
            return delivered

    async def _attempt(self, entry: OutboxEntry, now: datetime) -> DeliveryError | None:
        """One attempt at one row: call the sink, record the outcome, log one line. Returns the error, if any."""
        attempt = entry.attempts + 1
        lead = self.store.require(entry.lead_id)
        message_id: int | None = None
        try:
            if entry.kind == "card":
                message_id = await self.sink.send_card(lead)
            elif entry.kind == "status_update":
                if lead.staff_message_id is not None:  # None: the card went out already rendered as it is now
                    await self.sink.edit_card(lead, lead.staff_message_id)
            else:
                await self.sink.send_notice(lead.id, entry.kind)
        except DeliveryError as exc:
            error: DeliveryError = exc
        except Exception as exc:  # a bug in the sink: keep the row, retry slowly, report it (type name only)
            error = PermanentDeliveryError(f"unexpected_{type(exc).__name__}")
        else:
            self.outbox.mark_delivered(entry.id, now, message_id)
            if self._failures:
                log.warning("lead delivery resumed after %d failed attempts (lead=%d)", self._failures, lead.id)
            self._failures = 0
            log.info("lead delivery: lead=%d kind=%s attempt=%d result=delivered", lead.id, entry.kind, attempt)
            return None
        delay = self.backoff.delay(attempt, error, self.rng)
        failed_at = max(now, self.clock())  # the sink may have waited (PTB's rate limiter sleeps through 429s)
        self.outbox.mark_failed(entry.id, failed_at, error.kind, failed_at + timedelta(seconds=delay))
        self._failures = (self._failures or 0) + 1
        temporary = isinstance(error, TemporaryDeliveryError)
        log.log(
            logging.WARNING if temporary else logging.ERROR,
            "lead delivery: lead=%d kind=%s attempt=%d result=%s error=%s retry_in=%ds",
            lead.id, entry.kind, attempt, "temporary_error" if temporary else "permanent_error", error.kind,
            round(delay),
        )
        return error

    async def run_forever(self, interval: float = 5.0) -> None:
        """Deliver due rows every ``interval`` seconds, or at once after ``wake()``, until cancelled."""
        while True:
            self._wake.clear()
            try:
                await self.run_once(self.clock())
            except Exception as exc:  # e.g. the disk is full: keep the loop alive, the rows stay in the outbox
                log.error("lead delivery pass failed: %s", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=interval)

    def pending_count(self) -> int:
        return self.outbox.pending_count()

    def oldest_pending_age(self, now: datetime | None = None) -> timedelta | None:
        return self.outbox.oldest_pending_age(now or self.clock())

    def health(self, now: datetime | None = None) -> DeliveryHealth:
        failing = self.outbox.failing()
        return DeliveryHealth(
            pending=self.pending_count(),
            oldest_pending_age=self.oldest_pending_age(now),
            failing=len(failing),
            last_error_kind=max(failing, key=_last_attempt).last_error_kind if failing else None,
        )


def _last_attempt(entry: OutboxEntry) -> datetime:
    return entry.last_attempt_at or entry.created_at
