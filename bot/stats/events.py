"""Counting what the bot does, without who did it: daily counts per event kind in ``stats_daily``.

``StatsLog.record(kind, label=None)`` is the one call handlers make. It only adds to a counter in memory (no
database write, so no fsync on the hot path); ``flush()`` writes the counts in one transaction, from a job every
minute, at shutdown and before ``/stats`` reads them. A crash loses at most that minute of counts, never a lead.

Nothing personal goes in: a kind from ``KINDS``, a label that is a content id (page, question, FAQ entry) or a
crisis tier, and the day in Japan time. The table's CHECKs refuse anything else, and ``record`` never raises (a
wrong call is logged as an error and dropped), so statistics can never break an answer to a patient.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping

from bot.intake.draft import STAGES
from bot.storage.db import Database, utcnow
from bot.vocabulary import CLINIC_TZ

log = logging.getLogger(__name__)

KINDS: Mapping[str, str] = {
    "start": "/start (also through a deep link)",
    "page": "a page shown; label: page id",
    "faq_answered": "a typed question answered; label: FAQ entry id",
    "faq_choices": "a typed question answered with 'did you mean' choices",
    "faq_unanswered": "a typed question the bot could not answer",
    "crisis": "the crisis reply sent; label: tier (definite, carer, check_in)",
    "application_started": "a new application begun (the intro shown)",
    "question_reached": "an application question shown for the first time in that application; label: question id",
    "question_answered": "an application question answered (or skipped) for the first time; label: question id",
    "consent_declined": "the privacy consent declined",
    "cancelled": "an application cancelled; label: where it stood (question id, intro, consent, review)",
    "submitted": "an application sent to the clinic",
    "withdrawn": "a sent application withdrawn by deleting one's data",
    "deleted": "a user deleted their data (/delete)",
}
"""Every event kind, with what it counts (the staff reference for /stats csv)."""
_LABEL = re.compile(r"^(?:[a-z][a-z0-9_]{0,31})?$")
"""An id (or nothing): never free text, never a number such as a user id."""

Key = tuple[str, str, str]
"""(day, kind, label)"""


def japan_day(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"a naive datetime cannot be counted, give it a timezone: {moment!r}")
    return moment.astimezone(CLINIC_TZ).date().isoformat()


class StatsLog:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock
        self._pending: Counter[Key] = Counter()

    def record(self, kind: str, label: str | None = None, count: int = 1) -> None:
        """Count one event (``count`` of them) today. Never raises."""
        label = label or ""
        if kind not in KINDS or not _LABEL.match(label) or count < 1:
            log.error("statistics: refused an event of kind %r (unknown kind, or a label that is not an id)",
                      kind if kind in KINDS or _LABEL.match(kind) else "?")
            return
        try:
            self._pending[(japan_day(self.clock()), kind, label)] += count
        except ValueError:
            log.error("statistics: the clock gave a time without a timezone")

    def flush(self) -> int:
        """Write the counts gathered since the last flush; returns how many rows were touched."""
        if not self._pending:
            return 0
        pending, self._pending = self._pending, Counter()
        with self.db.transaction() as connection:
            connection.executemany(
                "INSERT INTO stats_daily (day, kind, label, count) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day, kind, label) DO UPDATE SET count = stats_daily.count + excluded.count",
                [(day, kind, label, n) for (day, kind, label), n in pending.items()],
            )
        return len(pending)

    def counts(self, first_day: dt.date, last_day: dt.date) -> dict[Key, int]:
        """Every count from ``first_day`` to ``last_day`` (Japan time, both included), pending ones too."""
        self.flush()
        rows = self.db.query("SELECT day, kind, label, count FROM stats_daily WHERE day BETWEEN ? AND ?",
                             (first_day.isoformat(), last_day.isoformat()))
        return {(row["day"], row["kind"], row["label"]): int(row["count"]) for row in rows}

    def today(self) -> dt.date:
        return dt.date.fromisoformat(japan_day(self.clock()))

    def purge_older_than(self, days: int, now: dt.datetime) -> int:
        """Forget the counts of days more than ``days`` ago (the same retention as leads). Returns rows removed."""
        self.flush()
        cutoff = japan_day(now - dt.timedelta(days=days))
        return self.db.execute("DELETE FROM stats_daily WHERE day < ?", (cutoff,)).rowcount


def intake_events(before: tuple[str, frozenset[str]] | None, position: str,
                  answered: frozenset[str]) -> list[tuple[str, str | None]]:
    """The events of one application step, from where it stood before (None: just begun) and where it stands.

    A question counts as reached the first time it is shown unanswered, and as answered the first time it gets an
    answer, so Back, editing from the review and a language switch count nothing twice. "Stopped at question n"
    is then reached minus answered.
    """
    events: list[tuple[str, str | None]] = []
    if before is None:
        events.append(("application_started", None))
        before = ("", frozenset())
    was_at, was_answered = before
    events += [("question_answered", qid) for qid in sorted(answered - was_answered)]
    if position != was_at and position not in answered and position not in _STAGES:
        events.append(("question_reached", position))
    return events


_STAGES = frozenset(STAGES) - {"question"}
