"""Flood control: a user sending many messages a second is slowed down politely, without a database write.

A token bucket per user, kept in memory (it only needs to remember the last few seconds) and pruned so that it
does not grow with the number of users ever seen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class FloodGuard:
    """Allows ``burst`` messages at once and ``rate`` per second after that."""

    def __init__(self, rate: float = 2.0, burst: int = 6, max_users: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_users = max_users
        self._buckets: dict[int, _Bucket] = {}

    def check(self, user_id: int, now: float) -> str:
        """``ok``, ``warn`` (the first refusal of a flood: tell the user once) or ``drop`` (refuse silently). A flood
        ends when the bucket has refilled completely; messages let through meanwhile do not re-arm the warning."""
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= self.max_users:
                self._prune(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= self.burst:  # calm again: a new flood gets a new warning
            bucket.warned = False
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return "ok"
        if bucket.warned:
            return "drop"
        bucket.warned = True
        return "warn"

    def _prune(self, now: float) -> None:
        full_after = self.burst / self.rate
        self._buckets = {uid: b for uid, b in self._buckets.items() if now - b.updated < full_after}
        if len(self._buckets) >= self.max_users:  # everyone is active: forget the oldest half
            keep = sorted(self._buckets.items(), key=lambda item: item[1].updated)[len(self._buckets) // 2:]
            self._buckets = dict(keep)
