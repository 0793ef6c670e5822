"""The outbox: what must reach the staff chat, written in the same transaction as the change it reports.

A row is due when ``next_attempt_at`` has passed and it is the oldest undelivered row of its lead (a card is sent
before the notice that it was withdrawn). Delivery state lives only here, so a restart carries on where the last
process stopped. ``mark_delivered`` records the staff message id on the row and on the lead in one transaction.

Claims make sending exactly once where that is possible: ``claim`` commits ``claimed_by`` before the sink is
called, and only the process whose claim succeeded sends. ``mark_delivered`` and ``mark_failed`` release it. A
claim that outlived its process (a crash between sending and recording) is released at start-up by
``release_stale_claims`` and the row becomes ``in_doubt``: its next card says it may be a repeat, since Telegram
may have shown the first one. A send whose answer never arrived (``TemporaryDeliveryError.in_doubt``) does the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, cast

from bot.storage.base import Database, Row, from_db_time, maybe_time, to_db_time

Kind = Literal["card", "withdrawn", "status_update"]
KINDS: tuple[Kind, ...] = ("card", "withdrawn", "status_update")


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    lead_id: int
    kind: Kind
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    last_error_kind: str | None
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    staff_message_id: int | None
    in_doubt: bool = False
    """An earlier attempt may have reached Telegram without the bot learning of it."""


class Outbox:
    def __init__(self, db: Database) -> None:
        self.db = db

    def enqueue(self, lead_id: int, kind: Kind, now: datetime) -> int | None:
        """Add a row, due at once (joins the caller's transaction). A ``status_update`` already waiting covers a
        new one (it renders the lead as it is when sent), so then nothing is added and None is returned."""
        if kind not in KINDS:
            raise ValueError(f"unknown outbox kind {kind!r}; expected one of {list(KINDS)}")
        with self.db.transaction() as connection:
            if kind == "status_update" and connection.execute(
                "SELECT 1 FROM outbox WHERE lead_id = ? AND kind = 'status_update' AND delivered_at IS NULL",
                (lead_id,),
            ).fetchone():
                return None
            stamp = to_db_time(now)
            cursor = connection.execute(
                "INSERT INTO outbox (lead_id, kind, created_at, next_attempt_at) VALUES (?, ?, ?, ?) RETURNING id",
                (lead_id, kind, stamp, stamp),
            )
            return int(cursor.fetchall()[0][0])

    def get(self, entry_id: int) -> OutboxEntry | None:
        row = self.db.query_one("SELECT * FROM outbox WHERE id = ?", (entry_id,))
        return None if row is None else _entry(row)

    def due(self, now: datetime, limit: int = 50) -> list[OutboxEntry]:
        """Rows to attempt now, oldest first, at most one per lead."""
        rows = self.db.query(
            "SELECT * FROM outbox AS o WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ? "
            "AND o.claimed_by IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM outbox AS p WHERE p.lead_id = o.lead_id AND p.delivered_at IS NULL "
            "AND p.id < o.id) ORDER BY o.id LIMIT ?",
            (to_db_time(now), limit),
        )
        return [_entry(row) for row in rows]

    def claim(self, entry_id: int, owner: str, now: datetime) -> bool:
        """Take the row for one send (committed before sending). False if another pass or process holds it. On
        PostgreSQL the row is read ``FOR UPDATE SKIP LOCKED``: an instance claiming it at the same moment is not
        waited for, it simply does not get it."""
        with self.db.transaction() as connection:
            free = connection.execute(
                "SELECT id FROM outbox WHERE id = ? AND delivered_at IS NULL AND claimed_by IS NULL"
                + self.db.dialect.skip_locked, (entry_id,)).fetchall()
            if not free:
                return False
            return connection.execute(
                "UPDATE outbox SET claimed_by = ?, claimed_at = ? WHERE id = ? AND claimed_by IS NULL",
                (owner, to_db_time(now), entry_id),
            ).rowcount == 1

    def release_stale_claims(self, owner: str, claimed_before: datetime | None = None) -> int:
        """Release claims left by processes that are gone; their sends may have reached Telegram, so the rows
        become in doubt. Where the database knows who is connected (PostgreSQL), a claim is stale when its owner
        has no connection left. Otherwise: all other owners' claims when the caller holds the data directory's
        lock (no other process runs), else only those made before ``claimed_before`` (a lease). Returns how many."""
        live = self.db.live_owners()
        sql = ("UPDATE outbox SET claimed_by = NULL, claimed_at = NULL, in_doubt = 1 "
               "WHERE claimed_by IS NOT NULL AND claimed_by != ? AND delivered_at IS NULL")
        params: tuple[object, ...] = (owner,)
        if live is not None:
            holders = {row[0] for row in self.db.query(
                "SELECT DISTINCT claimed_by FROM outbox WHERE claimed_by IS NOT NULL AND delivered_at IS NULL")}
            dead = sorted(holders - live - {owner})
            if not dead:
                return 0
            sql += f" AND claimed_by IN ({', '.join('?' * len(dead))})"
            params += tuple(dead)
        elif claimed_before is not None:
            sql += " AND claimed_at < ?"
            params += (to_db_time(claimed_before),)
        return self.db.execute(sql, params).rowcount

    def mark_delivered(self, entry_id: int, now: datetime, staff_message_id: int | None = None) -> bool:
        """Record a delivery (and the card's message id on the lead) atomically. False if it was already marked."""
        stamp = to_db_time(now)
        with self.db.transaction() as connection:
            cursor = connection.execute(
                "UPDATE outbox SET delivered_at = ?, last_attempt_at = ?, attempts = attempts + 1, "
                "staff_message_id = ?, claimed_by = NULL, claimed_at = NULL WHERE id = ? AND delivered_at IS NULL",
                (stamp, stamp, staff_message_id, entry_id),
            )
            if not cursor.rowcount:
                return False
            if staff_message_id is not None:
                connection.execute(
                    "UPDATE leads SET staff_message_id = ? WHERE id = (SELECT lead_id FROM outbox WHERE id = ?)",
                    (staff_message_id, entry_id),
                )
            return True

    def mark_failed(self, entry_id: int, now: datetime, error_kind: str, next_attempt_at: datetime,
                    *, in_doubt: bool = False) -> None:
        """Record a failed attempt and release the claim; ``in_doubt`` once set stays set until delivered."""
        self.db.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error_kind = ?, "
            "next_attempt_at = ?, claimed_by = NULL, claimed_at = NULL, "
            "in_doubt = CASE WHEN ? = 1 THEN 1 ELSE in_doubt END "
            "WHERE id = ? AND delivered_at IS NULL",
            (to_db_time(now), error_kind, to_db_time(next_attempt_at), int(in_doubt), entry_id),
        )

    def pending_count(self) -> int:
        row = self.db.query_one("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")
        return int(row[0]) if row else 0

    def oldest_pending_age(self, now: datetime) -> timedelta | None:
        """How long the oldest undelivered row has waited; None when everything is delivered."""
        row = self.db.query_one("SELECT MIN(created_at) FROM outbox WHERE delivered_at IS NULL")
        oldest = maybe_time(row[0]) if row else None
        return None if oldest is None else max(now - oldest, timedelta(0))

    def failing(self) -> list[OutboxEntry]:
        """Undelivered rows whose last attempt failed, oldest first (for the health command)."""
        rows = self.db.query(
            "SELECT * FROM outbox WHERE delivered_at IS NULL AND last_error_kind IS NOT NULL ORDER BY id"
        )
        return [_entry(row) for row in rows]

    def failed_attempts_pending(self) -> int:
        """Failed attempts of rows still waiting: how long the current outage has lasted, counted in attempts."""
        row = self.db.query_one(
            "SELECT COALESCE(SUM(attempts), 0) FROM outbox WHERE delivered_at IS NULL AND last_error_kind IS NOT NULL"
        )
        return int(row[0]) if row else 0

    def retry_all_now(self, now: datetime) -> int:
        """Make every waiting row due (after staff fixed the chat set-up). Returns how many."""
        return self.db.execute(
            "UPDATE outbox SET next_attempt_at = ? WHERE delivered_at IS NULL AND next_attempt_at > ?",
            (to_db_time(now), to_db_time(now)),
        ).rowcount

    def next_attempt(self) -> datetime | None:
        """When the next waiting row is due (for the health command)."""
        row = self.db.query_one("SELECT MIN(next_attempt_at) FROM outbox WHERE delivered_at IS NULL")
        return maybe_time(row[0]) if row else None

    def purge_delivered_older_than(self, days: int, now: datetime) -> int:
        return self.db.execute(
            "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?",
            (to_db_time(now - timedelta(days=days)),),
        ).rowcount


def _entry(row: Row) -> OutboxEntry:
    return OutboxEntry(
        id=row["id"],
        lead_id=row["lead_id"],
        kind=cast(Kind, row["kind"]),
        created_at=from_db_time(row["created_at"]),
        attempts=row["attempts"],
        next_attempt_at=from_db_time(row["next_attempt_at"]),
        last_error_kind=row["last_error_kind"],
        last_attempt_at=maybe_time(row["last_attempt_at"]),
        delivered_at=maybe_time(row["delivered_at"]),
        staff_message_id=row["staff_message_id"],
        in_doubt=bool(row["in_doubt"]),
    )
