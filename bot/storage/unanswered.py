"""Typed questions the bot could not answer, counted for staff so the FAQ can grow where patients need it.

Stored WITHOUT any user identity: no user id, chat id or exact time, only the (normalised) question, its language,
the day and a count. Patients sometimes type personal details into a question, so e-mail addresses and long
digit runs (phone numbers, dates of birth, card numbers) are replaced before storing, and the text is capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.storage.db import Database

MAX_QUESTION_CHARS = 200
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_NUMBER = re.compile(r"[+＋]?\d(?:[\d\s\-－()（）.]{4,}\d)")  # \d also matches full-width digits


@dataclass(frozen=True)
class UnansweredCount:
    question: str
    lang: str
    count: int
    last_day: date


def scrub(question: str) -> str:
    """Replace e-mail addresses and numbers of 6+ characters, collapse spaces, cap the length."""
    text = _EMAIL.sub("<email>", question)
    text = _NUMBER.sub("<number>", text)
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


class UnansweredLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, normalised_question: str, lang: str, now: datetime) -> None:
        question = scrub(normalised_question)
        if not question:
            return
        self.db.execute(
            "INSERT INTO unanswered (question, lang, day, count) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (question, lang, day) DO UPDATE SET count = count + 1",
            (question, lang, _day(now)),
        )

    def top(self, n: int, lang: str | None = None) -> list[UnansweredCount]:
        """The ``n`` most asked questions (all languages unless ``lang``), most asked first."""
        where, params = ("WHERE lang = ?", [lang]) if lang else ("", [])
        rows = self.db.query(
            f"SELECT question, lang, SUM(count) AS total, MAX(day) AS last_day FROM unanswered {where} "
            "GROUP BY question, lang ORDER BY total DESC, last_day DESC, question LIMIT ?",
            [*params, n],
        )
        return [
            UnansweredCount(row["question"], row["lang"], int(row["total"]), date.fromisoformat(row["last_day"]))
            for row in rows
        ]

    def purge_older_than(self, days: int, now: datetime) -> int:
        """Forget counts from days more than ``days`` ago. Returns how many day rows went."""
        return self.db.execute("DELETE FROM unanswered WHERE day < ?", (_day(now - timedelta(days=days)),)).rowcount


def _day(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"a naive datetime cannot be stored, give it a timezone: {moment!r}")
    return moment.astimezone(UTC).date().isoformat()
