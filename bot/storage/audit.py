"""The erasure audit: which lead was erased, when and why, and nothing else about the person.

Rows are written inside the transaction that erases the data, so an erasure without its audit row (or the
reverse) cannot happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database, from_db_time, to_db_time

USER_REQUEST = "deleted at user request"
RETENTION = "retention"


@dataclass(frozen=True)
class AuditEntry:
    lead_id: int | None
    at: datetime
    action: str


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, lead_id: int | None, action: str, at: datetime) -> None:
        self.db.execute("INSERT INTO audit (lead_id, at, action) VALUES (?, ?, ?)", (lead_id, to_db_time(at), action))

    def entries(self, lead_id: int | None = None) -> list[AuditEntry]:
        """All entries oldest first, or those of one lead."""
        if lead_id is None:
            rows = self.db.query("SELECT lead_id, at, action FROM audit ORDER BY id")
        else:
            rows = self.db.query("SELECT lead_id, at, action FROM audit WHERE lead_id = ? ORDER BY id", (lead_id,))
        return [AuditEntry(row["lead_id"], from_db_time(row["at"]), row["action"]) for row in rows]
