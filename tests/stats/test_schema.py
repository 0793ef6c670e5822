"""The statistics tables hold counts only: no text column, no user or chat id, and they refuse anything else."""

from __future__ import annotations

import sqlite3

import pytest

from bot.storage.db import Database

pytestmark = pytest.mark.sqlite_only  # the schema as SQLite holds it; tests/storage/test_backends.py checks both

PERSONAL = ("user", "chat", "text", "message", "question", "answer", "name", "phone", "email", "time", "at")


def stats_tables(db: Database) -> list[str]:
    rows = db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stats%'")
    return [row["name"] for row in rows]


def test_the_statistics_table_is_day_kind_label_count_and_nothing_else(db: Database) -> None:
    assert stats_tables(db) == ["stats_daily"]
    columns = {row["name"]: row["type"] for row in db.query("PRAGMA table_info(stats_daily)")}
    assert columns == {"day": "TEXT", "kind": "TEXT", "label": "TEXT", "count": "INTEGER"}
    for name in columns:
        assert not any(word in name for word in PERSONAL), name
    integers = [name for name, kind in columns.items() if kind == "INTEGER"]
    assert integers == ["count"]  # no room for a user or chat id


@pytest.mark.parametrize(("day", "kind", "label"), [
    ("2026-12-01", "page", "TMSって痛いですか"),          # a typed message
    ("2026-12-01", "page", "hello world"),               # free text in ASCII
    ("2026-12-01", "page", "5001"),                       # a user id
    ("2026-12-01", "page", "a" * 33),                     # longer than any content id
    ("2026-12-01", "山田 花子", ""),                      # a name as the kind
    ("2026-12-01T10:15", "start", ""),                    # a time finer than the day
])
def test_the_checks_refuse_text_ids_and_times(db: Database, day: str, kind: str, label: str) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute("INSERT INTO stats_daily (day, kind, label, count) VALUES (?, ?, ?, 1)", (day, kind, label))


def test_the_checks_accept_content_ids_and_tiers(db: Database) -> None:
    for kind, label in (("page", "tms_safety"), ("crisis", "check_in"), ("start", ""), ("question_reached", "q5")):
        db.execute("INSERT INTO stats_daily (day, kind, label, count) VALUES ('2026-12-01', ?, ?, 1)", (kind, label))
    assert db.query_one("SELECT COUNT(*) FROM stats_daily")[0] == 4  # type: ignore[index]
