"""The lead store: every change to a lead and the outbox rows that report it are written in ONE transaction.

So a lead can never be stored without its card being queued for the staff chat, nor erased without its audit
row and the notice to staff. Nested calls join the outer transaction, so a handler may wrap
``withdraw_for_user`` and ``UserStore.delete_user`` in one ``db.transaction()``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from bot.leads.errors import LeadError, LeadStatusError, UnknownLeadError
from bot.leads.model import (
    APPLICANT,
    OPEN_STATUSES,
    STAFF_STATUSES,
    AnswerText,
    Consent,
    CrisisNote,
    Flag,
    Lead,
    RelayedMessage,
    Status,
    StatusChange,
    normalise_answers,
    normalise_flags,
)
from bot.leads.outbox import Outbox
from bot.leads.relay import RelayLog
from bot.storage.audit import RETENTION, USER_REQUEST, AuditLog
from bot.storage.base import Connection, Database, Row, from_db_time, maybe_time, to_db_time, utcnow
from bot.storage.users import UserStore
from bot.vocabulary import CLINIC_TZ_NAME

_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit


class LeadStore:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock
        self.outbox = Outbox(db)
        self.audit = AuditLog(db)
        self.relay = RelayLog(db)
        self._users = UserStore(db)

    # --- writing ------------------------------------------------------------------------------------------------

    def submit(
        self,
        submission_key: str,
        user_id: int,
        chat_id: int,
        lang: str,
        answers: Mapping[str, Mapping[str, object]],
        flags: Iterable[str],
        consent: Consent,
        intake_version: str,
        *,
        crisis: Sequence[CrisisNote] = (),
        now: datetime | None = None,
        username: str | None = None,
        display_name: str | None = None,
    ) -> Lead:
        """Store a new lead and queue its card (``username``/``display_name``: the applicant's Telegram @username
        and name, so staff can reach them there). The same ``submission_key`` again (a double tap, a resent update)
        returns the lead already stored and changes nothing."""
        if not submission_key:
            raise ValueError("submission_key must not be empty")
        created = now or self.clock()
        clean_answers, clean_flags = normalise_answers(answers), normalise_flags(flags)
        with self.db.transaction():  # BEGIN IMMEDIATE holds the write lock: nobody can insert the key meanwhile
            existing = self._row("submission_key = ?", submission_key)
            if existing is not None:
                if existing.user_id != user_id:
                    raise LeadError("submission_key reused by another user; keys must be unique per application")
                return existing
            # Looked up first rather than ON CONFLICT DO NOTHING, which would use up an id and leave a gap.
            cursor = self.db.execute(
                "INSERT INTO leads (submission_key, created_at, user_id, chat_id, lang, answers, flags, consent, "
                "intake_version, status, crisis, tg_username, tg_name) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?) RETURNING id",
                (
                    submission_key,
                    to_db_time(created),
                    user_id,
                    chat_id,
                    lang,
                    json.dumps(clean_answers, ensure_ascii=False),
                    json.dumps(list(clean_flags)),
                    _consent_json(consent),
                    intake_version,
                    _crisis_json(crisis),
                    username or None,
                    display_name or None,
                ),
            )
            lead_id = int(cursor.fetchall()[0][0])
            self._users.record_submission(user_id, created)
            self.outbox.enqueue(lead_id, "card", created)
            return self.require(lead_id)

    def set_status(
        self, lead_id: int, status: str, staff_name: str, now: datetime, *, edit_card: bool = True
    ) -> Lead:
        """Change the status and record who did it. Setting the current status again changes nothing (a double
        tap). ``edit_card`` queues an edit of the staff card; pass False when the caller edits it itself."""
        if status not in STAFF_STATUSES:
            raise LeadStatusError(f"{status!r} is not a status staff can set; choose one of {list(STAFF_STATUSES)}")
        with self.db.transaction() as connection:
            lead = self.require(lead_id)
            if lead.status == "withdrawn":
                raise LeadStatusError(
                    f"{lead.ref} was withdrawn by the applicant, so its status can no longer be changed."
                )
            if lead.status == status:
                return lead
            connection.execute("UPDATE leads SET status = ? WHERE id = ?", (status, lead_id))
            self._add_history(connection, lead_id, cast(Status, status), staff_name, now)
            if edit_card:
                self.outbox.enqueue(lead_id, "status_update", now)
            return self.require(lead_id)

    def withdraw_for_user(self, user_id: int, now: datetime) -> list[int]:
        """The patient asked to delete their data: erase every lead of theirs, mark it withdrawn, audit it and
        tell staff (the card is re-rendered without personal data, then a notice is sent). Returns the lead ids."""
        with self.db.transaction() as connection:
            rows = connection.execute("SELECT id FROM leads WHERE user_id = ? ORDER BY id", (user_id,))
            ids = [row[0] for row in rows]
            for lead_id in ids:
                self._erase(connection, lead_id, now, USER_REQUEST)
                connection.execute("UPDATE leads SET status = 'withdrawn' WHERE id = ?", (lead_id,))
                self._add_history(connection, lead_id, "withdrawn", APPLICANT, now)
                self.outbox.enqueue(lead_id, "status_update", now)
                self.outbox.enqueue(lead_id, "withdrawn", now)
        return ids

    def purge_older_than(self, days: int, now: datetime) -> list[int]:
        """Retention: erase personal fields of leads created more than ``days`` ago (status is kept), audit each
        and re-render its card without personal data. Also drops delivered outbox rows that old."""
        cutoff = to_db_time(now - timedelta(days=days))
        with self.db.transaction() as connection:
            ids = [
                row[0]
                for row in connection.execute(
                    "SELECT id FROM leads WHERE created_at < ? AND erased_at IS NULL ORDER BY id", (cutoff,)
                )
            ]
            for lead_id in ids:
                self._erase(connection, lead_id, now, RETENTION)
                self.outbox.enqueue(lead_id, "status_update", now)
            self.outbox.purge_delivered_older_than(days, now)
        return ids

    def _erase(self, connection: Connection, lead_id: int, now: datetime, reason: str) -> None:
        connection.execute(
            "UPDATE leads SET user_id = NULL, chat_id = NULL, answers = NULL, submission_key = NULL, crisis = NULL, "
            "tg_username = NULL, tg_name = NULL, erased_at = ?, erased_reason = ? WHERE id = ?",
            (to_db_time(now), reason, lead_id),
        )
        connection.execute("DELETE FROM lead_messages WHERE lead_id = ?", (lead_id,))
        self.audit.record(lead_id, reason, now)

    @staticmethod
    def _add_history(connection: Connection, lead_id: int, status: Status, who: str, at: datetime) -> None:
        connection.execute(
            "INSERT INTO lead_history (lead_id, at, who, status) VALUES (?, ?, ?, ?)",
            (lead_id, to_db_time(at), who, status),
        )

    # --- other messages about a lead -----------------------------------------------------------------------------

    def record_post(self, lead: Lead, chat_id: int, message_id: int, now: datetime) -> None:
        """Remember a copy of the card posted (or just redrawn) outside the outbox, showing ``lead`` as it is now,
        so later changes and an erasure edit it too."""
        self.db.execute(
            "INSERT INTO lead_posts (lead_id, chat_id, message_id, kind, posted_at, shown) "
            "VALUES (?, ?, ?, 'copy', ?, ?) "
            "ON CONFLICT (chat_id, message_id, lead_id) DO UPDATE SET shown = excluded.shown",
            (lead.id, chat_id, message_id, to_db_time(now), _shown(lead)),
        )

    def record_export(self, lead_ids: Iterable[int], chat_id: int, message_id: int, now: datetime) -> None:
        """Remember a CSV export posted to a chat with these leads in it: erasing one of them deletes the file."""
        stamp = to_db_time(now)
        with self.db.transaction() as connection:
            connection.executemany(
                "INSERT INTO lead_posts (lead_id, chat_id, message_id, kind, posted_at, shown) "
                "VALUES (?, ?, ?, 'export', ?, '') ON CONFLICT DO NOTHING",
                ((lead_id, chat_id, message_id, stamp) for lead_id in lead_ids),
            )

    def exports_of(self, lead_id: int) -> list[tuple[int, int]]:
        """``(chat_id, message_id)`` of CSV exports that include the lead."""
        rows = self.db.query(
            "SELECT chat_id, message_id FROM lead_posts WHERE lead_id = ? AND kind = 'export' ORDER BY posted_at",
            (lead_id,),
        )
        return [(row[0], row[1]) for row in rows]

    def stale_posts(self, lead: Lead) -> list[tuple[int, int]]:
        """``(chat_id, message_id)`` of the lead's copies that show an older state, oldest first."""
        rows = self.db.query(
            "SELECT chat_id, message_id FROM lead_posts WHERE lead_id = ? AND kind = 'copy' AND shown != ? "
            "ORDER BY posted_at, message_id",
            (lead.id, _shown(lead)),
        )
        return [(row[0], row[1]) for row in rows]

    def post_updated(self, lead: Lead, chat_id: int, message_id: int) -> None:
        self.db.execute("UPDATE lead_posts SET shown = ? WHERE chat_id = ? AND message_id = ? AND lead_id = ?",
                        (_shown(lead), chat_id, message_id, lead.id))

    def forget_post(self, chat_id: int, message_id: int) -> None:
        """The message was deleted, or can no longer be edited or deleted (too old, the chat is gone)."""
        self.db.execute("DELETE FROM lead_posts WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))

    # --- reading ------------------------------------------------------------------------------------------------

    def get(self, lead_id: int) -> Lead | None:
        return self._row("id = ?", lead_id)

    def require(self, lead_id: int) -> Lead:
        lead = self.get(lead_id)
        if lead is None:
            raise UnknownLeadError(lead_id)
        return lead

    def list_open(self, limit: int = 20) -> list[Lead]:
        """Leads staff still have to act on, newest first."""
        marks = ", ".join("?" * len(OPEN_STATUSES))
        rows = self.db.query(
            f"SELECT * FROM leads WHERE status IN ({marks}) ORDER BY id DESC LIMIT ?", (*OPEN_STATUSES, limit)
        )
        return self._leads(rows)

    def list_for_user(self, user_id: int) -> list[Lead]:
        """The patient's own leads that still hold their data (for "my applications" and before deletion)."""
        return self._leads(self.db.query("SELECT * FROM leads WHERE user_id = ? ORDER BY id", (user_id,)))

    def export_rows(self, start: date | None = None, end: date | None = None, tz: str = CLINIC_TZ_NAME) -> list[Lead]:
        """Leads created from ``start`` to ``end`` inclusive, both calendar days in ``tz``; oldest first."""
        zone = ZoneInfo(tz)
        clauses, params = [], []
        if start is not None:
            clauses.append("created_at >= ?")
            params.append(to_db_time(datetime.combine(start, time(0), zone)))
        if end is not None:
            clauses.append("created_at < ?")
            params.append(to_db_time(datetime.combine(end + timedelta(days=1), time(0), zone)))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return self._leads(self.db.query(f"SELECT * FROM leads {where} ORDER BY id", params))

    def _row(self, condition: str, value: object) -> Lead | None:
        rows = self.db.query(f"SELECT * FROM leads WHERE {condition}", (value,))
        leads = self._leads(rows)
        return leads[0] if leads else None

    def _leads(self, rows: list[Row]) -> list[Lead]:
        histories: dict[int, list[StatusChange]] = {row["id"]: [] for row in rows}
        ids = list(histories)
        for index in range(0, len(ids), _CHUNK):
            chunk = ids[index : index + _CHUNK]
            for change in self.db.query(
                f"SELECT lead_id, at, who, status FROM lead_history WHERE lead_id IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY id",
                chunk,
            ):
                histories[change["lead_id"]].append(
                    StatusChange(status=change["status"], who=change["who"], at=from_db_time(change["at"]))
                )
        messages = self.relay.for_leads(ids)
        return [_lead(row, tuple(histories[row["id"]]), tuple(messages[row["id"]])) for row in rows]


def _shown(lead: Lead) -> str:
    """What a rendered card depends on that can change after it was posted."""
    return f"{lead.status}|{int(lead.erased_at is not None)}|{len(lead.history)}"


def _consent_json(consent: Consent) -> str:
    return json.dumps({"version": consent.version, "lang": consent.lang, "time": to_db_time(consent.time)})


def _crisis_json(notes: Sequence[CrisisNote]) -> str | None:
    if not notes:
        return None
    return json.dumps([{"at": to_db_time(n.at), "tier": n.tier, "place": n.place, "step": n.step} for n in notes],
                      ensure_ascii=False)


def _crisis_notes(text: str | None) -> tuple[CrisisNote, ...]:
    return tuple(CrisisNote(from_db_time(n["at"]), n["tier"], n["place"], n.get("step"))
                 for n in (json.loads(text) if text else []))


def _lead(row: Row, history: tuple[StatusChange, ...], messages: tuple[RelayedMessage, ...]) -> Lead:
    consent = json.loads(row["consent"])
    answers: dict[str, AnswerText] = json.loads(row["answers"]) if row["answers"] else {}
    return Lead(
        id=row["id"],
        created_at=from_db_time(row["created_at"]),
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        lang=row["lang"],
        answers=answers,
        flags=tuple(cast(list[Flag], json.loads(row["flags"]))),
        consent=Consent(version=consent["version"], lang=consent["lang"], time=from_db_time(consent["time"])),
        intake_version=row["intake_version"],
        status=cast(Status, row["status"]),
        history=history,
        staff_message_id=row["staff_message_id"],
        erased_at=maybe_time(row["erased_at"]),
        erased_reason=row["erased_reason"],
        crisis=_crisis_notes(row["crisis"]),
        username=row["tg_username"],
        display_name=row["tg_name"],
        messages=messages,
    )

