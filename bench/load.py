"""Offering the stream to a bot in two load shapes, closed over a pool of simulated users.

Each active user slot sends its next step only after the bot answered the previous one and a short think time
passed (so a user never has two updates waiting, and the flood guard's 2 messages/s per user is respected).

* ``saturate``: every user that is ready sends at once; the bot always has a backlog, so the rate at which it
  answers is its throughput.
* ``steady``: updates are offered on a fixed schedule (e.g. 100/s) from whichever user is ready; when none is
  ready the slot of the schedule is skipped and counted, so a slow bot shows up as a lower offered rate and a
  higher latency instead of an ever-growing queue.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from bench.fake_api import FakeApi, Record
from bench.stream import FIRST_USER_ID, MIXES, UpdateFactory, User, session_order, user


@dataclass(eq=False)
class Slot:
    """One simulated user at a time, going through sessions; a finished session hands the user back."""

    index: int
    sessions: Iterator[tuple[str, ...]]
    who: User | None = None
    steps: deque[str] = field(default_factory=deque)
    waiting: Record | None = None


class Users:
    """The active slots; users are drawn from a population of ``population`` (the bot's known users)."""

    def __init__(self, population: int, active: int, think: float, mix: str = "project") -> None:
        if active > population:
            raise ValueError(f"{active} active users need a population of at least {active}, got {population}")
        self.think = think
        self._free: deque[int] = deque(range(population))
        self._slots = [Slot(i, session_order(i, MIXES[mix])) for i in range(active)]
        self._ready: deque[Slot] = deque(self._slots)
        self._resting: list[tuple[float, int, Slot]] = []
        self._ties = itertools.count()

    def borrow(self) -> User:
        """A user outside every slot, for a one-off update (the start-up probe)."""
        index = self._free.popleft()
        self._free.append(index)
        return user(index)

    def take(self, now: float) -> tuple[Slot, User, str] | None:
        """The next ready slot with its user and step, or None when everyone waits for an answer or thinks."""
        while self._resting and self._resting[0][0] <= now:
            self._ready.append(heapq.heappop(self._resting)[2])
        if not self._ready:
            return None
        slot = self._ready.popleft()
        if not slot.steps:
            if slot.who is not None:
                self._free.append(slot.who.id - FIRST_USER_ID)
            slot.who = user(self._free.popleft())
            slot.steps.extend(next(slot.sessions))
        assert slot.who is not None
        return slot, slot.who, slot.steps.popleft()

    def answered(self, slot: Slot, at: float) -> None:
        slot.waiting = None
        heapq.heappush(self._resting, (at + self.think, next(self._ties), slot))

    def next_ready_at(self) -> float | None:
        if self._ready:
            return 0.0
        return self._resting[0][0] if self._resting else None


@dataclass
class Phase:
    """What one load phase offered and when (``perf_counter`` times)."""

    name: str
    started: float
    ended: float
    """When offering stopped."""
    drained: float
    """When the last offered update got its first answer (or the drain timed out)."""
    records: list[Record]
    skipped: int = 0
    """Scheduled offers not made because no user was ready (the bot was behind)."""

    @property
    def duration(self) -> float:
        return self.ended - self.started

    @property
    def answered(self) -> list[Record]:
        return [r for r in self.records if r.first]


class Driver:
    """Feeds one fake API from one pool of users."""

    def __init__(self, api: FakeApi, users: Users, factory: UpdateFactory) -> None:
        self.api = api
        self.users = users
        self.factory = factory
        self._update_ids = itertools.count(1)
        self.offered = 0
        self.kinds: Counter[str] = Counter()
        api.on_first_answer = self._answered

    def _answered(self, record: Record) -> None:
        if isinstance(record.owner, Slot):
            self.users.answered(record.owner, record.first)

    def offer_one(self, who: User, step: str, owner: Slot | None = None) -> Record:
        update, kind, query_id = self.factory.build(next(self._update_ids), who, step)
        record = self.api.offer(update, kind, query_id, owner)
        self.offered += 1
        self.kinds[kind] += 1
        if owner is not None:
            owner.waiting = record
        return record

    def _offer_ready(self, records: list[Record], limit: int | None = None) -> int:
        offered = 0
        now = time.perf_counter()
        while limit is None or offered < limit:
            taken = self.users.take(now)
            if taken is None:
                break
            slot, who, step = taken
            records.append(self.offer_one(who, step, slot))
            offered += 1
        return offered

    async def saturate(self, name: str, duration: float, drain_timeout: float) -> Phase:
        records: list[Record] = []
        started = time.perf_counter()
        end = started + duration
        while (now := time.perf_counter()) < end:
            self._offer_ready(records)
            ready_at = self.users.next_ready_at()
            wait = 0.005 if ready_at is None else max(ready_at - now, 0.0005)
            await asyncio.sleep(min(wait, end - now, 0.005))
        ended = time.perf_counter()
        return Phase(name, started, ended, await self.drain(records, drain_timeout), records)

    async def steady(self, name: str, rate: float, duration: float, drain_timeout: float,
                     events: Sequence[tuple[float, Callable[[], None]]] = ()) -> Phase:
        records: list[Record] = []
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        handles = [loop.call_later(offset, action) for offset, action in events]
        scheduled = skipped = 0
        end = started + duration
        try:
            while (now := time.perf_counter()) < end:
                due = int((now - started) * rate) + 1 - scheduled
                for _ in range(due):
                    scheduled += 1
                    if self._offer_ready(records, limit=1) == 0:
                        skipped += 1
                await asyncio.sleep(max(started + scheduled / rate - time.perf_counter(), 0.0))
        finally:
            for handle in handles:
                handle.cancel()
        ended = time.perf_counter()
        return Phase(name, started, ended, await self.drain(records, drain_timeout), records, skipped)

    async def drain(self, records: list[Record], timeout: float) -> float:
        """Wait until every offered update has been answered (at most ``timeout`` seconds)."""
        deadline = time.perf_counter() + timeout
        pending = [r for r in records if not r.first]
        while pending and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
            pending = [r for r in pending if not r.first]
        if pending:
            return time.perf_counter()
        return max((r.first for r in records), default=time.perf_counter())
