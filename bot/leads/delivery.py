"""Delivery of the outbox to the staff chat, layered like an HTTP client: store → worker → injected sink.

The worker knows nothing about Telegram. It takes due outbox rows, hands each to a ``LeadSink`` (the Telegram
adapter in production, a recording fake in tests) and writes the outcome back in one transaction. Errors follow
``bot.leads.errors``: a temporary error backs the row off exponentially with jitter (5 s → 10 min, never sooner
than Telegram's ``retry_after``) and ends the pass, since the next rows would fail the same way; a permanent
error backs off slowly (1 min → 1 h), is logged as an error, and the pass goes on with other leads.

Exactly once, wherever that is possible, and honest where it is not:

* a row is **claimed** in the database (committed) before the sink is called; a row someone holds is skipped, and
  the data directory's lock (``bot.storage.lock``) keeps a second process from running at all;
* a card is marked delivered in the same transaction that records its staff message id, and each lead's rows go
  strictly in order;
* when that record **cannot be written** (a full disk), the outcome is kept in memory, delivery **pauses** (nothing
  more is sent) and each pass tries the write again; nothing is sent twice meanwhile;
* an erased lead's copies go too: ``/lead`` copies are edited, CSV exports and relayed messages deleted (too old
  to delete: edited to the erased text, or staff are asked to delete them);
* what cannot be known is said on the card: a send whose answer never arrived (a time-out after the request went
  out) or a claim left by a process that died mid-send makes the row ``in_doubt``, and its next card is posted
  with a line saying it may be a repeat of the earlier attempt. A possible duplicate is chosen over a lost lead.

A permanent error of the staff chat itself (the bot removed, the chat not found: ``CHAT_KINDS``) ends the pass
and pauses the worker; ``alerts.outage`` is told once, ``alerts.recovered`` when a delivery works again, and
``retry_now()`` (a staff command in the staff chat proves it works) brings every waiting row forward.

Driving it: production runs one pass every two seconds from PTB's job queue (``bot.app``) and one right after a
submit (``Services.deliver_due``); ``run_once`` lets one pass run at a time in a process; a call that finds one
running returns at once and the running pass looks again before it ends. Tests call ``run_once`` with their time.

Logging: one fixed-format line per attempt, ``lead delivery: lead=12 kind=card attempt=3 result=...``, plus one
warning when delivery resumes after failures. Lines name the lead id and the error kind, never lead contents or
exception messages (a sink's message could quote an answer).
"""

from __future__ import annotations

import asyncio
import enum
import logging
import os
import random
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.leads.errors import CHAT_KINDS, DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from bot.leads.model import Lead
from bot.leads.outbox import Outbox, OutboxEntry
from bot.leads.store import LeadStore
from bot.storage.db import StorageError, utcnow

log = logging.getLogger(__name__)

_MAX_ROUNDS = 100
CLAIM_LEASE = timedelta(minutes=10)
"""Without the data directory's lock, another owner's claim counts as abandoned only after this long."""


class LeadSink(Protocol):
    """Where leads go. Raise ``TemporaryDeliveryError`` or ``PermanentDeliveryError`` on failure."""

    async def send_card(self, lead: Lead, *, repeat_of: datetime | None = None) -> int:
        """Post the lead's card to the staff chat; return the message id. ``repeat_of`` (the time of an earlier
        attempt that may have reached the chat) is passed only then, and the card must say so."""

    async def send_notice(self, lead_id: int, kind: str) -> None:
        """Post a short notice about a lead (``kind`` is ``"withdrawn"``)."""

    async def edit_card(self, lead: Lead, message_id: int, *, chat_id: int | None = None) -> None:
        """Re-render the card in place. Telegram's "message is not modified" counts as success. ``chat_id`` is
        passed only for a copy posted elsewhere (``/lead`` in a staff member's private chat)."""

    async def delete_message(self, chat_id: int, message_id: int) -> None:
        """Delete a message (a CSV export with an erased lead in it, a relayed message); already gone is success.
        Telegram refusing (older than 48 hours, or another member's message without the right) is permanent."""

    async def erase_relayed(self, lead_id: int, chat_id: int, message_id: int) -> None:
        """Edit the bot's post of an erased lead's relayed answer to the erased text (it is too old to delete)."""

    async def ask_to_delete(self, lead_id: int, chat_id: int, message_id: int) -> None:
        """Ask staff, in a reply to it, to delete a staff member's message to an erased applicant that the bot
        cannot delete."""


class DeliveryAlerts(Protocol):
    """Who hears that the staff chat is broken and when it works again (direct messages to staff)."""

    async def outage(self, kind: str) -> None:
        """The first chat-level permanent failure (``kind`` is one of ``CHAT_KINDS``)."""

    async def recovered(self, kind: str) -> None:
        """A delivery worked again after that outage."""


class _Outcome(enum.Enum):
    DELIVERED = "delivered"
    FAILED = "failed"  # go on with other rows
    STOP = "stop"  # end the pass: the next rows would fail the same way, or results cannot be recorded
    SKIPPED = "skipped"  # claimed by someone else


@dataclass(frozen=True)
class Backoff:
    """Seconds to wait after the n-th failed attempt: ``first * 2**(n-1)`` capped, with "equal jitter" (a random
    point in the upper half, so retries of many rows spread out but never come sooner than half the delay)."""

    temporary_first: float = 5.0
    temporary_cap: float = 600.0
    permanent_first: float = 60.0
    permanent_cap: float = 900.0

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
    next_attempt_at: datetime | None = None
    paused_until: datetime | None = None
    unrecorded: int = 0
    """Results Telegram gave that the database could not take yet (delivery is paused until it can)."""
    outage: str | None = None
    """The staff chat's own permanent error, while it lasts."""

    @classmethod
    def of(cls, outbox: Outbox, now: datetime) -> DeliveryHealth:
        """What the outbox alone says (no worker runs without a staff chat; ``DeliveryWorker.health`` adds its
        pause, unrecorded results and outage)."""
        failing = outbox.failing()
        return cls(
            pending=outbox.pending_count(),
            oldest_pending_age=outbox.oldest_pending_age(now),
            failing=len(failing),
            last_error_kind=max(failing, key=_last_attempt).last_error_kind if failing else None,
            next_attempt_at=outbox.next_attempt(),
        )


class DeliveryWorker:
    """Delivers due outbox rows through ``sink``, one ``run_once`` pass at a time."""

    def __init__(
        self,
        store: LeadStore,
        sink: LeadSink,
        clock: Callable[[], datetime] = utcnow,
        *,
        backoff: Backoff | None = None,
        rng: Callable[[], float] = random.random,
        batch: int = 50,
        alerts: DeliveryAlerts | None = None,
        owner: str | None = None,
        sole_sender: bool = False,
    ) -> None:
        self.store = store
        self.outbox = store.outbox
        self.sink = sink
        self.clock = clock
        self.backoff = backoff or Backoff()
        self.rng = rng
        self.batch = batch
        self._lock = asyncio.Lock()
        """The one pass running in this process (claims keep other processes apart)."""
        self._again = False
        """Someone asked for a pass while one ran: look once more before letting go of the lock."""
        self._paused_until: datetime | None = None
        self._failures: int | None = None  # failed attempts since the last success; read from the outbox at first
        self.alerts = alerts
        self.owner = owner or f"{os.getpid()}-{secrets.token_hex(4)}"
        """Written into claims: who is sending a row right now."""
        self.sole_sender = sole_sender
        """True when this process holds the data directory's lock: any other claim is then left by a dead one."""
        self._unrecorded: list[Callable[[], object]] = []  # outcome writes the database refused, oldest first
        self._outage: str | None = None
        self._chat_failures = 0

    def retry_now(self, now: datetime | None = None) -> int:
        """Make every waiting row due and lift the pause (staff showed the chat works). Returns how many rows."""
        self._paused_until = None
        self._chat_failures = 0
        return self.outbox.retry_all_now(now or self.clock())

    async def run_once(self, now: datetime | None = None) -> int:
        """Attempt everything due at ``now``; returns how many rows were delivered. A call while a pass runs returns
        0 at once and has the running pass look again when it ends (at the clock's time then), so a lead submitted
        meanwhile goes out at once rather than at the next job."""
        if self._lock.locked():
            self._again = True
            return 0
        async with self._lock:
            delivered = await self._pass(now or self.clock())
            while self._again:
                self._again = False
                delivered += await self._pass(self.clock())
            return delivered

    async def _pass(self, now: datetime) -> int:
        """One pass over what is due at ``now`` (under the lock)."""
        if self._failures is None:
            self._start(now)
        elif not self.sole_sender:  # other instances run: one may have died holding a claim
            self._release_dead_claims()
        if not self._flush_unrecorded():
            return 0
        if self._paused_until is not None and now < self._paused_until:
            return 0
        self._paused_until = None
        delivered = 0
        for _ in range(_MAX_ROUNDS):
            entries = self.outbox.due(now, self.batch)
            if not entries:
                break
            for entry in entries:
                outcome = await self._attempt(entry, now)
                if outcome is _Outcome.DELIVERED:
                    delivered += 1
                elif outcome is _Outcome.STOP:
                    return delivered
        return delivered

    def _start(self, now: datetime) -> None:
        """First pass of this process: take over what the previous one left."""
        lease = None if self.sole_sender else now - CLAIM_LEASE
        released = self.outbox.release_stale_claims(self.owner, lease)
        if released:
            log.warning("lead delivery: %d send(s) were cut off by the last shutdown; their cards will be posted "
                        "again, marked as a possible repeat", released)
        self._failures = self.outbox.failed_attempts_pending()
        failing = self.outbox.failing()
        if failing and failing[-1].last_error_kind in CHAT_KINDS:
            self._outage = failing[-1].last_error_kind  # staff were told by the process that saw it start
            self.outbox.retry_all_now(now)  # a restart is often the fix (a new STAFF_CHAT_ID): try at once

    def _release_dead_claims(self) -> None:
        try:
            released = self.outbox.release_stale_claims(self.owner, self.clock() - CLAIM_LEASE)
        except StorageError:
            return
        if released:
            log.warning("lead delivery: %d send(s) were cut off when another instance stopped; their cards will be "
                        "posted again, marked as a possible repeat", released)

    def _write(self, write: Callable[[], object]) -> bool:
        """Record an outcome; when the database refuses, keep it for later and pause delivery (False)."""
        if self._unrecorded:
            self._unrecorded.append(write)
            return False
        try:
            write()
        except (sqlite3.Error, StorageError) as exc:
            self._unrecorded.append(write)
            log.error("lead delivery: cannot write to the database (%s); delivery is paused until it can, so "
                      "nothing is sent twice. Is the disk full?", type(exc).__name__)
            return False
        return True

    def _flush_unrecorded(self) -> bool:
        """Write the outcomes the database refused before; True when none is left."""
        while self._unrecorded:
            try:
                self._unrecorded[0]()
            except (sqlite3.Error, StorageError):
                return False
            self._unrecorded.pop(0)
            if not self._unrecorded:
                log.warning("lead delivery: the database accepts writes again; delivery resumes")
        return True

    async def _attempt(self, entry: OutboxEntry, now: datetime) -> _Outcome:
        """One attempt at one row: claim it, call the sink, record the outcome, log one line."""
        claimed = False

        def claim() -> None:
            nonlocal claimed
            claimed = self.outbox.claim(entry.id, self.owner, max(now, self.clock()))

        if not self._write(claim):
            self._unrecorded.pop()  # nothing was sent, so nothing needs recording: just pause
            return _Outcome.STOP
        if not claimed:
            return _Outcome.SKIPPED
        attempt = entry.attempts + 1
        lead = self.store.require(entry.lead_id)
        message_id: int | None = None
        try:
            if entry.kind == "card":
                if entry.in_doubt:
                    since = entry.last_attempt_at or entry.created_at
                    message_id = await self.sink.send_card(lead, repeat_of=since)
                else:
                    message_id = await self.sink.send_card(lead)
            elif entry.kind == "status_update":
                if lead.staff_message_id is not None:  # None: the card went out already rendered as it is now
                    await self.sink.edit_card(lead, lead.staff_message_id)
                await self._edit_copies(lead)
                if lead.erased:
                    await self._delete_exports(lead)
                    await self._delete_relayed(lead)
            else:
                await self.sink.send_notice(lead.id, entry.kind)
        except DeliveryError as exc:
            error: DeliveryError = exc
        except Exception as exc:  # a bug in the sink: keep the row, retry slowly, report it (type name only)
            error = PermanentDeliveryError(f"unexpected_{type(exc).__name__}")
        else:
            if not self._write(lambda: self.outbox.mark_delivered(entry.id, now, message_id)):
                log.error("lead delivery: lead=%d kind=%s attempt=%d result=delivered_unrecorded",
                          lead.id, entry.kind, attempt)
                return _Outcome.STOP
            if self._failures:
                log.warning("lead delivery resumed after %d failed attempts (lead=%d)", self._failures, lead.id)
            self._failures = 0
            log.info("lead delivery: lead=%d kind=%s attempt=%d result=delivered", lead.id, entry.kind, attempt)
            if self._outage is not None:
                kind, self._outage, self._chat_failures = self._outage, None, 0
                await self._alert("recovered", kind)
            return _Outcome.DELIVERED
        return await self._failed(entry, lead, attempt, now, error)

    async def _failed(self, entry: OutboxEntry, lead: Lead, attempt: int, now: datetime,
                      error: DeliveryError) -> _Outcome:
        delay = self.backoff.delay(attempt, error, self.rng)
        failed_at = max(now, self.clock())  # the sink may have waited (PTB's rate limiter sleeps through 429s)
        in_doubt = isinstance(error, TemporaryDeliveryError) and error.in_doubt and entry.kind == "card"
        recorded = self._write(lambda: self.outbox.mark_failed(
            entry.id, failed_at, error.kind, failed_at + timedelta(seconds=delay), in_doubt=in_doubt))
        self._failures = (self._failures or 0) + 1
        temporary = isinstance(error, TemporaryDeliveryError)
        log.log(
            logging.WARNING if temporary else logging.ERROR,
            "lead delivery: lead=%d kind=%s attempt=%d result=%s error=%s retry_in=%ds",
            lead.id, entry.kind, attempt, "temporary_error" if temporary else "permanent_error", error.kind,
            round(delay),
        )
        if not recorded:
            return _Outcome.STOP
        if isinstance(error, PermanentDeliveryError) and error.chat_level:
            self._chat_failures += 1
            self._paused_until = failed_at + timedelta(seconds=self.backoff.delay(self._chat_failures, error,
                                                                                  self.rng))
            if self._outage is None:
                self._outage = error.kind
                await self._alert("outage", error.kind)
            return _Outcome.STOP
        if isinstance(error, TemporaryDeliveryError):
            if error.retry_after:  # counted from when the attempt failed, not from the pass start
                self._paused_until = failed_at + timedelta(seconds=error.retry_after)
            return _Outcome.STOP
        return _Outcome.FAILED

    async def _edit_copies(self, lead: Lead) -> None:
        """Bring every recorded copy of the card up to date; a copy that can no longer be edited is forgotten."""
        for chat_id, message_id in self.store.stale_posts(lead):
            try:
                await self.sink.edit_card(lead, message_id, chat_id=chat_id)
            except PermanentDeliveryError as exc:
                self.store.forget_post(chat_id, message_id)
                log.warning("lead delivery: lead=%d kind=copy result=dropped error=%s", lead.id, exc.kind)
            else:
                self.store.post_updated(lead, chat_id, message_id)

    async def _delete_exports(self, lead: Lead) -> None:
        """Delete every CSV export that includes the erased lead; one Telegram no longer lets the bot delete
        (older than 48 hours) is forgotten and logged, and staff were asked to delete copies by the notice."""
        for chat_id, message_id in self.store.exports_of(lead.id):
            try:
                await self.sink.delete_message(chat_id, message_id)
            except PermanentDeliveryError as exc:
                log.warning("lead delivery: lead=%d kind=export result=not_deleted error=%s", lead.id, exc.kind)
            else:
                log.info("lead delivery: lead=%d kind=export result=deleted", lead.id)
            self.store.forget_post(chat_id, message_id)

    async def _delete_relayed(self, lead: Lead) -> None:
        """Delete the erased lead's relayed messages on the staff side. One Telegram no longer lets the bot delete
        (older than 48 hours) is edited to the erased text if the bot posted it; a staff member's message the bot
        may not delete gets a reply asking staff to delete it. Each is forgotten once handled; a temporary error
        ends the attempt with the rest still recorded, so the row's retry (after a restart too) carries on."""
        for post in self.store.relay.posts_of(lead.id):
            try:
                await self.sink.delete_message(post.chat_id, post.message_id)
                result = "deleted"
            except PermanentDeliveryError:
                try:
                    if post.by_bot:
                        await self.sink.erase_relayed(lead.id, post.chat_id, post.message_id)
                        result = "edited"
                    else:
                        await self.sink.ask_to_delete(lead.id, post.chat_id, post.message_id)
                        result = "asked_staff"
                except PermanentDeliveryError as exc:
                    result = f"not_deleted error={exc.kind}"
            self.store.relay.forget_post(post.chat_id, post.message_id)
            log.info("lead delivery: lead=%d kind=relayed result=%s", lead.id, result)

    async def _alert(self, what: str, kind: str) -> None:
        if self.alerts is None:
            return
        try:
            await (self.alerts.outage(kind) if what == "outage" else self.alerts.recovered(kind))
        except Exception as exc:  # alerts are best effort; delivery state is already recorded
            log.warning("lead delivery: could not send the %s alert (%s)", what, type(exc).__name__)

    def health(self, now: datetime | None = None) -> DeliveryHealth:
        """The outbox's figures with this worker's pause, unrecorded results and outage (``/health``)."""
        return replace(DeliveryHealth.of(self.outbox, now or self.clock()),
                       paused_until=self._paused_until, unrecorded=len(self._unrecorded), outage=self._outage)


def _last_attempt(entry: OutboxEntry) -> datetime:
    return entry.last_attempt_at or entry.created_at
