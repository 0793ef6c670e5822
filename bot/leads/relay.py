"""Messages relayed between staff and an applicant through the bot, kept in the lead's history.

Staff answer a lead by replying to its card (or to an answer posted under it) or with ``/reply A-000123 text``;
the applicant reads it as a message from the clinic and may answer, and the answer is posted under the card.
Each message is stored with the ids of both copies (the staff chat's and the applicant's), so a reply to either
copy finds the lead again. The texts are personal data: ``LeadStore`` deletes them when it erases the lead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.leads.model import Direction, RelayedMessage
from bot.storage.db import Database, from_db_time, to_db_time

_CHUNK = 500


class RelayLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, lead_id: int, direction: Direction, who: str, text: str, at: datetime, *,
               staff_message_id: int | None = None, applicant_message_id: int | None = None) -> None:
        """Store one relayed message once it has been sent (the caller passes the ids Telegram gave it)."""
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO lead_messages (lead_id, at, direction, who, text, staff_message_id, "
                "applicant_message_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (lead_id, to_db_time(at), direction, who, text, staff_message_id, applicant_message_id),
            )

    def lead_for_staff_message(self, message_id: int) -> int | None:
        """The lead of a message in the staff chat: its card, a staff reply or a posted answer; None if neither."""
        rows = self.db.query(
            "SELECT id FROM leads WHERE staff_message_id = ? UNION ALL "
            "SELECT lead_id FROM lead_messages WHERE staff_message_id = ? LIMIT 1", (message_id, message_id))
        return int(rows[0][0]) if rows else None

    def lead_for_applicant_message(self, chat_id: int, message_id: int) -> int | None:
        """The lead a clinic message in the applicant's chat belongs to (the applicant replied to it)."""
        rows = self.db.query(
            "SELECT m.lead_id FROM lead_messages m JOIN leads l ON l.id = m.lead_id "
            "WHERE m.applicant_message_id = ? AND l.chat_id = ? AND m.direction = 'to_applicant' LIMIT 1",
            (message_id, chat_id))
        return int(rows[0][0]) if rows else None

    def latest_contacted_lead(self, chat_id: int) -> int | None:
        """The newest lead of this chat that staff have written to (where an unaddressed answer belongs)."""
        rows = self.db.query(
            "SELECT m.lead_id FROM lead_messages m JOIN leads l ON l.id = m.lead_id "
            "WHERE l.chat_id = ? AND l.erased_at IS NULL AND m.direction = 'to_applicant' "
            "ORDER BY m.id DESC LIMIT 1", (chat_id,))
        return int(rows[0][0]) if rows else None

    def for_leads(self, lead_ids: Sequence[int]) -> dict[int, list[RelayedMessage]]:
        """Every lead's messages, oldest first."""
        found: dict[int, list[RelayedMessage]] = {lead_id: [] for lead_id in lead_ids}
        for index in range(0, len(lead_ids), _CHUNK):
            chunk = list(lead_ids[index: index + _CHUNK])
            for row in self.db.query(
                f"SELECT lead_id, at, direction, who, text FROM lead_messages "
                f"WHERE lead_id IN ({', '.join('?' * len(chunk))}) ORDER BY id", chunk,
            ):
                found[row["lead_id"]].append(RelayedMessage(
                    direction=row["direction"], who=row["who"], text=row["text"], at=from_db_time(row["at"])))
        return found

