from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.storage.db import Database
from bot.storage.unanswered import UnansweredCount, UnansweredLog, scrub
from tests.storage.conftest import T0


def test_counts_add_up_across_days_and_languages(db: Database) -> None:
    log = UnansweredLog(db)
    for _ in range(3):
        log.record("駐車場はありますか", "ja", T0)
    log.record("駐車場はありますか", "ja", T0 + timedelta(days=1))
    log.record("is there parking", "en", T0)
    log.record("土曜日は", "ja", T0)
    assert log.top(2) == [
        UnansweredCount("駐車場はありますか", "ja", 4, date(2025, 11, 28)),
        UnansweredCount("is there parking", "en", 1, date(2025, 11, 27)),
    ]
    assert [c.question for c in log.top(5, lang="ja")] == ["駐車場はありますか", "土曜日は"]


def test_old_days_are_purged(db: Database) -> None:
    log = UnansweredLog(db)
    log.record("old question", "en", T0 - timedelta(days=100))
    log.record("new question", "en", T0)
    assert log.purge_older_than(90, T0) == 1
    assert [c.question for c in log.top(10)] == ["new question"]


@pytest.mark.sqlite_only  # reads SQLite's table_info; tests/storage/test_backends.py compares the schemas
def test_nothing_identifies_the_person(db: Database) -> None:
    columns = {row["name"] for row in db.query("PRAGMA table_info(unanswered)")}
    assert columns == {"question", "lang", "day", "count"}
    assert scrub("電話 090-1234-5678 か hanako@example.jp に  連絡を") == "電話 <number> か <email> に 連絡を"
    assert scrub("０９０１２３４５６７８です") == "<number>です"
    assert scrub("3回目の治療は？") == "3回目の治療は？"
    assert len(scrub("あ" * 1000)) == 200
