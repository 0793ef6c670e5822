"""Typed questions the bot could not answer, counted for staff so the FAQ can grow where patients need it.

Stored WITHOUT any user identity: no user id, chat id or exact time, only the (normalised) question, its language,
the day and a count. Patients sometimes type personal details into a question, so e-mail addresses and long
digit runs (phone numbers, dates of birth, card numbers) are replaced before storing, and the text is capped.

``groups`` puts similar questions together (「保険きく？」 and 「保険はききますか」) with their counts per week, so
staff see what is asked most and can add the question to an entry in one tap (``forget`` then clears it).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from rapidfuzz import fuzz

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


SIMILAR = 70.0
"""rapidfuzz ratio (0-100) of two normalised questions at or above which they are one group."""
WEEKS_SHOWN = 4


@dataclass
class UnansweredGroup:
    """Similar questions of one language: the most asked one stands for the group."""

    lang: str
    questions: list[UnansweredCount] = field(default_factory=list)
    weeks: list[int] = field(default_factory=lambda: [0] * WEEKS_SHOWN)
    """Counts per week, this week first (week = the 7 days ending today)."""

    @property
    def question(self) -> str:
        return self.questions[0].question

    @property
    def total(self) -> int:
        return sum(q.count for q in self.questions)

    @property
    def key(self) -> str:
        """A short stable id for buttons (callback data is limited to 64 bytes)."""
        return group_key(self.lang, self.question)


def group_key(lang: str, question: str) -> str:
    return hashlib.sha256(f"{lang}\n{question}".encode()).hexdigest()[:10]


def _similarity_key(question: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", question).casefold() if c.isalnum())


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
            "ON CONFLICT (question, lang, day) DO UPDATE SET count = unanswered.count + 1",
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

    def groups(self, now: datetime, n: int = 10, lang: str | None = None) -> list[UnansweredGroup]:
        """The ``n`` largest groups of similar questions of the last ``WEEKS_SHOWN`` weeks, largest first."""
        since = _day(now - timedelta(days=7 * WEEKS_SHOWN - 1))
        where, params = ("AND lang = ?", [lang]) if lang else ("", [])
        rows = self.db.query(
            f"SELECT question, lang, day, count FROM unanswered WHERE day >= ? {where} ORDER BY question",
            [since, *params],
        )
        today = date.fromisoformat(_day(now))
        per_question: dict[tuple[str, str], UnansweredCount] = {}
        per_week: dict[tuple[str, str], list[int]] = {}
        for row in rows:
            key = (row["lang"], row["question"])
            day = date.fromisoformat(row["day"])
            old = per_question.get(key)
            count = int(row["count"]) + (old.count if old else 0)
            last = max(day, old.last_day) if old else day
            per_question[key] = UnansweredCount(row["question"], row["lang"], count, last)
            weeks = per_week.setdefault(key, [0] * WEEKS_SHOWN)
            week = min((today - day).days // 7, WEEKS_SHOWN - 1)
            weeks[week] += int(row["count"])
        ordered = sorted(per_question.values(), key=lambda q: (-q.count, -q.last_day.toordinal(), q.question))
        groups: list[UnansweredGroup] = []
        for item in ordered:
            similar = _similarity_key(item.question)
            home = next((g for g in groups if g.lang == item.lang
                         and fuzz.ratio(_similarity_key(g.question), similar) >= SIMILAR), None)
            if home is None:
                home = UnansweredGroup(item.lang)
                groups.append(home)
            home.questions.append(item)
            for i, value in enumerate(per_week[(item.lang, item.question)]):
                home.weeks[i] += value
        groups.sort(key=lambda g: (-g.total, g.question))
        return groups[:n]

    def forget(self, questions: list[str], lang: str) -> int:
        """Drop the counts of questions that became content (added as examples). Returns how many day rows went."""
        removed = 0
        for question in questions:
            removed += self.db.execute("DELETE FROM unanswered WHERE question = ? AND lang = ?",
                                       (question, lang)).rowcount
        return removed

    def purge_older_than(self, days: int, now: datetime) -> int:
        """Forget counts from days more than ``days`` ago. Returns how many day rows went."""
        return self.db.execute("DELETE FROM unanswered WHERE day < ?", (_day(now - timedelta(days=days)),)).rowcount


def _day(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"a naive datetime cannot be stored, give it a timezone: {moment!r}")
    return moment.astimezone(UTC).date().isoformat()
