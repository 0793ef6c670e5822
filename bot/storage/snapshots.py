"""Questionnaire snapshots: an application in progress keeps the question set it started with.

The intake engine names a question set by a key derived from its content (``Live.intake_key``, a hash of the
JSON). A draft stores only that key; after a content reload or a restart the engine loads the payload back from
here. A key's payload never changes: saving the same key again keeps the first payload.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.storage.db import Database, to_db_time, utcnow

log = logging.getLogger(__name__)


class SnapshotStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save_snapshot(self, version_key: str, payload_json: str, now: datetime | None = None) -> bool:
        """Keep ``payload_json`` under ``version_key``. True if it was new, False if the key was already stored."""
        cursor = self.db.execute(
            "INSERT INTO snapshots (version_key, payload, saved_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (version_key, payload_json, to_db_time(now or utcnow())),
        )
        if cursor.rowcount:
            return True
        if self.load_snapshot(version_key) != payload_json:
            # Drafts started with the stored payload must keep seeing it; the key should have been a content hash.
            log.warning("questionnaire snapshot %s stored with a different payload; keeping the first", version_key)
        return False

    def load_snapshot(self, version_key: str) -> str | None:
        row = self.db.query_one("SELECT payload FROM snapshots WHERE version_key = ?", (version_key,))
        return None if row is None else str(row["payload"])

    def keys(self) -> list[str]:
        return [row["version_key"] for row in self.db.query("SELECT version_key FROM snapshots ORDER BY saved_at")]

