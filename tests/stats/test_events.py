"""Counting events: in memory until flushed, by Japan day, never raising, forgotten after the retention period."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bot.stats import StatsLog, intake_events
from bot.storage.db import Database

UTC = dt.UTC


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def rows(db: Database) -> list[tuple[str, str, str, int]]:
    return [tuple(r) for r in db.query("SELECT day, kind, label, count FROM stats_daily ORDER BY day, kind, label")]


def test_counts_wait_in_memory_until_flushed_then_add_up(db: Database) -> None:
    stats = StatsLog(db, Clock(dt.datetime(2026, 12, 1, 3, 0, tzinfo=UTC)))
    stats.record("start")
    stats.record("page", "tms")
    stats.record("page", "tms")
    assert rows(db) == []  # nothing written on the hot path
    assert stats.flush() == 2
    stats.record("page", "tms")
    stats.flush()
    assert rows(db) == [("2026-12-01", "page", "tms", 3), ("2026-12-01", "start", "", 1)]


def test_the_day_is_the_clinics_day_in_japan(db: Database) -> None:
    clock = Clock(dt.datetime(2026, 11, 30, 14, 59, tzinfo=UTC))  # 23:59 in Japan
    stats = StatsLog(db, clock)
    stats.record("start")
    clock.moment = dt.datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 00:00 on 1 December in Japan
    stats.record("start")
    assert stats.today() == dt.date(2026, 12, 1)
    counts = stats.counts(dt.date(2026, 11, 30), dt.date(2026, 12, 1))  # reading flushes first
    assert counts == {("2026-11-30", "start", ""): 1, ("2026-12-01", "start", ""): 1}


@pytest.mark.parametrize(("kind", "label"), [("visit", None), ("page", "TMSって痛い？"), ("page", "5001")])
def test_a_wrong_call_is_logged_and_dropped_never_raised(db: Database, caplog: pytest.LogCaptureFixture,
                                                         kind: str, label: str | None) -> None:
    stats = StatsLog(db)
    with caplog.at_level(logging.ERROR):
        stats.record(kind, label)
    stats.flush()
    assert rows(db) == []
    assert [r.getMessage() for r in caplog.records] == [
        f"statistics: refused an event of kind {kind!r} (unknown kind, or a label that is not an id)"]
    assert "痛い" not in caplog.text and "5001" not in caplog.text


def test_retention_forgets_old_days(db: Database) -> None:
    now = dt.datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    stats = StatsLog(db, Clock(now - dt.timedelta(days=200)))
    stats.record("submitted")
    stats.flush()
    stats.clock = Clock(now)
    stats.record("submitted")
    assert stats.purge_older_than(180, now) == 1
    assert rows(db) == [("2026-12-01", "submitted", "", 1)]


def test_application_steps_count_each_question_once() -> None:
    none: frozenset[str] = frozenset()
    assert intake_events(None, "intro", none) == [("application_started", None)]
    assert intake_events(("intro", none), "consent", none) == []
    assert intake_events(("consent", none), "q1", none) == [("question_reached", "q1")]
    assert intake_events(("q1", none), "q1", none) == []  # an error: asked again, not counted again
    assert intake_events(("q1", none), "q2", frozenset({"q1"})) == [("question_answered", "q1"),
                                                                  ("question_reached", "q2")]
    answered = frozenset({"q1", "q2"})
    assert intake_events(("q3", answered), "q2", answered) == []  # Back to an answered question
    assert intake_events(("review", answered), "q1", answered) == []  # editing from the review
    assert intake_events(("q2", answered), "review", answered) == []
