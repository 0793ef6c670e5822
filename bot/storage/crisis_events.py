"""When the crisis screen answered a user, with which tier, and where: in an application answer or in the chat.

Kept so a later application's card can tell the doctor what happened (``🆘 12/01 10:30, in the answer to
"name"``). A row holds no message text, only the tier and the question id. It is about one person's health, so
/delete removes it and retention purges it after ``users.CRISIS_MEMORY`` (30 days: only that window is read, and
the privacy notice says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.storage.db import Database, from_db_time, to_db_time

Place = Literal["answer", "chat"]


@dataclass(frozen=True)
class CrisisEvent:
    at: datetime
    tier: str
    """``definite``, ``carer`` or ``check_in`` (a check-in answered "yes" is recorded as ``definite``)."""
    place: Place
    step: str | None
    """The application question it was typed at (a question id), if any."""


class CrisisEvents:
    """One user's crisis events, read and written by ``user_id``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, user_id: int, tier: str, place: Place, step: str | None, now: datetime) -> None:
        self.db.execute("INSERT INTO crisis_events (user_id, at, tier, place, step) VALUES (?, ?, ?, ?, ?)",
                        (user_id, to_db_time(now), tier, place, step))

    def since(self, user_id: int, since: datetime) -> list[CrisisEvent]:
        """This user's events from ``since`` on, oldest first (never another user's)."""
        rows = self.db.query("SELECT at, tier, place, step FROM crisis_events WHERE user_id = ? AND at >= ? "
                             "ORDER BY at", (user_id, to_db_time(since)))
        return [CrisisEvent(from_db_time(r["at"]), r["tier"], r["place"], r["step"]) for r in rows]

    def forget(self, user_id: int) -> None:
        """/delete: nothing is kept of when this person needed crisis help."""
        self.db.execute("DELETE FROM crisis_events WHERE user_id = ?", (user_id,))

    def purge_before(self, cutoff: datetime) -> int:
        """Retention: events older than ``cutoff`` are erased; returns how many."""
        cursor = self.db.execute("DELETE FROM crisis_events WHERE at < ?", (to_db_time(cutoff),))
        return cursor.rowcount
