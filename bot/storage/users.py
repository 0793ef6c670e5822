"""Per-user state: language, the application in progress (draft) and recent submissions for the daily limit.

Every method reads or writes ONE user's rows through an index on ``user_id``, so the cost of an update stays
flat whether the bot has 100 users or 100,000 (a test checks the query plans). Methods join the caller's
transaction when one is open, so ``LeadStore.submit`` records a submission atomically with the lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage import update_reads
from bot.storage.db import Database, from_db_time, maybe_time, to_db_time

SUBMISSION_MEMORY = timedelta(days=7)
"""Submission times older than this are pruned when a new one is recorded and by retention (the limit is per day)."""
CRISIS_MEMORY = timedelta(days=30)
"""How long the crisis marker is kept: the window in which a later application is flagged for the doctor."""


@dataclass(frozen=True)
class UserRecord:
    user_id: int
    language: str | None
    draft: str | None
    """JSON text of the application in progress, or None."""
    draft_started_at: datetime | None
    updated_at: datetime


class UserStore:
    """Reads and writes one user's row at a time. During an update, ``get`` reads the row once
    (``bot.storage.update_reads``); every method that writes a user's row forgets that read."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, user_id: int) -> UserRecord | None:
        reads = update_reads.current()
        if reads is None:
            return self._read(user_id)
        key = ("user", user_id)
        record = reads.get(key)
        if record is update_reads.MISSING:
            record = self._read(user_id)
            reads.put(key, record)
        return record

    def _read(self, user_id: int) -> UserRecord | None:
        row = self.db.query_one(
            "SELECT user_id, language, draft, draft_started_at, updated_at FROM users WHERE user_id = ?", (user_id,)
        )
        if row is None:
            return None
        return UserRecord(
            user_id=row["user_id"],
            language=row["language"],
            draft=row["draft"],
            draft_started_at=maybe_time(row["draft_started_at"]),
            updated_at=from_db_time(row["updated_at"]),
        )

    def save(self, record: UserRecord) -> None:
        """Insert or replace the whole row of ``record.user_id``."""
        _forget(record.user_id)
        self.db.execute(
            "INSERT INTO users (user_id, language, draft, draft_started_at, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, draft = excluded.draft, "
            "draft_started_at = excluded.draft_started_at, updated_at = excluded.updated_at",
            (
                record.user_id,
                record.language,
                record.draft,
                None if record.draft_started_at is None else to_db_time(record.draft_started_at),
                to_db_time(record.updated_at),
            ),
        )

    def set_language(self, user_id: int, language: str, now: datetime) -> None:
        _forget(user_id)
        self.db.execute(
            "INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at",
            (user_id, language, to_db_time(now)), durable=False,  # chosen again in one tap if a power cut loses it
        )

    def save_draft(self, user_id: int, draft: str, now: datetime) -> None:
        """Store the application in progress; ``draft_started_at`` is set by the first save and kept after that."""
        _forget(user_id)
        stamp = to_db_time(now)
        self.db.execute(
            "INSERT INTO users (user_id, draft, draft_started_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET draft = excluded.draft, updated_at = excluded.updated_at, "
            "draft_started_at = CASE WHEN users.draft IS NULL THEN excluded.draft_started_at "
            "ELSE users.draft_started_at END",
            (user_id, draft, stamp, stamp), durable=False,  # a power cut loses at most the last step, asked again
        )

    def clear_draft(self, user_id: int, now: datetime) -> None:
        _forget(user_id)
        self.db.execute(
            "UPDATE users SET draft = NULL, draft_started_at = NULL, updated_at = ? WHERE user_id = ?",
            (to_db_time(now), user_id),
        )

    def delete_user(self, user_id: int) -> bool:
        """Forget the user: their row, draft and submission times. True if there was a row."""
        _forget(user_id)
        with self.db.transaction() as connection:
            connection.execute("DELETE FROM user_submissions WHERE user_id = ?", (user_id,))
            return connection.execute("DELETE FROM users WHERE user_id = ?", (user_id,)).rowcount > 0

    def record_submission(self, user_id: int, now: datetime) -> None:
        """Remember one submitted application (and forget this user's submissions older than a week)."""
        with self.db.transaction() as connection:
            connection.execute(
                "DELETE FROM user_submissions WHERE user_id = ? AND submitted_at < ?",
                (user_id, to_db_time(now - SUBMISSION_MEMORY)),
            )
            connection.execute(
                "INSERT INTO user_submissions (user_id, submitted_at) VALUES (?, ?)", (user_id, to_db_time(now))
            )

    def start_relay(self, user_id: int, lead_id: int, now: datetime) -> None:
        """"Reply to the clinic" was pressed: the next text of this user is the answer about ``lead_id``."""
        _forget(user_id)
        self.db.execute(
            "INSERT INTO users (user_id, relay_lead_id, relay_since, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET relay_lead_id = excluded.relay_lead_id, "
            "relay_since = excluded.relay_since, updated_at = excluded.updated_at",
            (user_id, lead_id, to_db_time(now), to_db_time(now)),
        )

    def relay_waiting(self, user_id: int, since: datetime) -> int | None:
        """The lead this user's next text answers, if "Reply to the clinic" was pressed at or after ``since``."""
        row = self.db.query_one(
            "SELECT relay_lead_id FROM users WHERE user_id = ? AND relay_lead_id IS NOT NULL AND relay_since >= ?",
            (user_id, to_db_time(since)),
        )
        return None if row is None else int(row[0])

    def pop_relay(self, user_id: int, since: datetime) -> int | None:
        """``relay_waiting``, and forget it: an answer is taken once, by one instance (the update compares the
        time it read, so of two instances popping at once only one gets the lead)."""
        row = self.db.query_one(
            "SELECT relay_lead_id, relay_since FROM users WHERE user_id = ? AND relay_lead_id IS NOT NULL", (user_id,))
        if row is None:
            return None
        taken = self.db.execute(
            "UPDATE users SET relay_lead_id = NULL, relay_since = NULL WHERE user_id = ? AND relay_since = ?",
            (user_id, row[1]),
        ).rowcount == 1
        return int(row[0]) if taken and row[1] >= to_db_time(since) else None

    def mark_crisis(self, user_id: int, now: datetime) -> None:
        """Remember that the crisis screen answered this user, so their application is flagged for the doctor."""
        _forget(user_id)
        self.db.execute(
            "INSERT INTO users (user_id, crisis_seen_at, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET crisis_seen_at = excluded.crisis_seen_at, "
            "updated_at = excluded.updated_at",
            (user_id, to_db_time(now), to_db_time(now)),
        )

    def crisis_seen_since(self, user_id: int, since: datetime) -> bool:
        row = self.db.query_one(
            "SELECT crisis_seen_at FROM users WHERE user_id = ? AND crisis_seen_at >= ?", (user_id, to_db_time(since))
        )
        return row is not None

    def count_submissions_since(self, user_id: int, since: datetime) -> int:
        row = self.db.query_one(
            "SELECT COUNT(*) FROM user_submissions WHERE user_id = ? AND submitted_at >= ?",
            (user_id, to_db_time(since)),
        )
        return int(row[0]) if row else 0

    def purge_drafts_older_than(self, days: int, now: datetime) -> int:
        """Drop applications abandoned for ``days`` (they may hold health answers). Returns how many."""
        _forget_all()
        cursor = self.db.execute(
            "UPDATE users SET draft = NULL, draft_started_at = NULL, updated_at = ? "
            "WHERE draft IS NOT NULL AND draft_started_at < ?",
            (to_db_time(now), to_db_time(now - timedelta(days=days))),
        )
        return cursor.rowcount

    def purge_stale(self, days: int, now: datetime) -> dict[str, int]:
        """Retention for everything else this table says about a person, with the periods of the privacy notice:
        crisis markers after ``CRISIS_MEMORY``, submission times after ``SUBMISSION_MEMORY``, and rows not
        written for ``days`` (a language set that long ago; the bot then follows Telegram's language again).
        Run after ``purge_drafts_older_than``. Returns counts."""
        _forget_all()
        idle = to_db_time(now - timedelta(days=days))
        with self.db.transaction() as connection:
            crisis = connection.execute(
                "UPDATE users SET crisis_seen_at = NULL WHERE crisis_seen_at < ?",
                (to_db_time(now - CRISIS_MEMORY),),
            ).rowcount
            submissions = connection.execute(
                "DELETE FROM user_submissions WHERE submitted_at < ?", (to_db_time(now - SUBMISSION_MEMORY),)
            ).rowcount
            users = connection.execute(
                "DELETE FROM users WHERE updated_at < ? AND draft IS NULL AND "
                "(crisis_seen_at IS NULL OR crisis_seen_at < ?)",
                (idle, to_db_time(now - CRISIS_MEMORY)),
            ).rowcount
        return {"crisis markers": crisis, "submission times": submissions, "idle users": users}


def _forget(user_id: int) -> None:
    """Before a write of ``user_id``'s row: the update's next read goes to the database (and sees the write, or,
    when the write's transaction is rolled back, what is really there)."""
    reads = update_reads.current()
    if reads is not None:
        reads.forget(("user", user_id))


def _forget_all() -> None:
    reads = update_reads.current()
    if reads is not None:
        reads.forget_all()
