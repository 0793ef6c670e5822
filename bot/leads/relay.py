"""Messages relayed between staff and an applicant through the bot, kept in the lead's history.

Staff answer a lead by replying to its card (or to an answer posted under it) or with ``/reply A-000123 text``;
the applicant reads it as a message from the clinic and may answer, and the answer is posted under the card.
Each message is stored with the ids of both copies (the staff chat's and the applicant's), so a reply to either
copy finds the lead again. The texts are personal data: ``LeadStore`` deletes them when it erases the lead, and
the staff side's copies, recorded in ``relay_posts`` (ids only), are deleted in Telegram by the delivery worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.leads.model import Direction, RelayedMessage
from bot.storage.db import Database, from_db_time, to_db_time

_CHUNK = 500


@dataclass(frozen=True)
class RelayPost:
    """A relayed message as it stands on the staff side: the bot's post of an answer, or a staff member's message."""

    chat_id: int
    message_id: int
    by_bot: bool
    posted_at: datetime


class RelayLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, lead_id: int, direction: Direction, who: str, text: str, at: datetime, *,
               staff_message_id: int | None = None, applicant_message_id: int | None = None,
               staff_chat_id: int | None = None) -> None:
        """Store one relayed message once it has been sent (the caller passes the ids Telegram gave it), and where
        it stands on the staff side (``staff_chat_id``): the bot's post of an answer, or the staff member's message
        (in the staff chat, or their private chat with the bot for ``/reply``)."""
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO lead_messages (lead_id, at, direction, who, text, staff_message_id, "
                "applicant_message_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (lead_id, to_db_time(at), direction, who, text, staff_message_id, applicant_message_id),
            )
            if staff_chat_id is not None and staff_message_id is not None:
                self.record_post(lead_id, staff_chat_id, staff_message_id, by_bot=direction == "from_applicant",
                                 at=at)

    def record_post(self, lead_id: int, chat_id: int, message_id: int, *, by_bot: bool, at: datetime) -> None:
        """Remember where a relayed message stands on the staff side, so erasing the lead deletes it there."""
        self.db.execute(
            "INSERT INTO relay_posts (lead_id, chat_id, message_id, by_bot, posted_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING", (lead_id, chat_id, message_id, int(by_bot), to_db_time(at)))

    def posts_of(self, lead_id: int) -> list[RelayPost]:
        """The lead's relayed messages on the staff side, oldest first."""
        rows = self.db.query(
            "SELECT chat_id, message_id, by_bot, posted_at FROM relay_posts WHERE lead_id = ? "
            "ORDER BY posted_at, message_id", (lead_id,))
        return [RelayPost(row[0], row[1], bool(row[2]), from_db_time(row[3])) for row in rows]

    def forget_post(self, chat_id: int, message_id: int) -> None:
        """The message was deleted, edited to the erased text, or reported to staff: nothing more to do."""
        self.db.execute("DELETE FROM relay_posts WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))

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

