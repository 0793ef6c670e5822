"""/unanswered's grouping: similar questions together, counts per week, and forgetting what became content."""

from __future__ import annotations

from datetime import timedelta

from bot.storage.db import Database
from bot.storage.unanswered import UnansweredLog, group_key
from tests.storage.conftest import T0


def test_similar_questions_are_one_group_with_counts_per_week(db: Database) -> None:
    log = UnansweredLog(db)
    for _ in range(3):
        log.record("駐車場はありますか", "ja", T0)
    log.record("駐車場はありますか？", "ja", T0 - timedelta(days=8))
    log.record("駐車場ありますか", "ja", T0 - timedelta(days=20))
    log.record("土曜日も診療していますか", "ja", T0)
    log.record("is there parking", "en", T0)
    groups = log.groups(T0)
    assert [(g.lang, g.question, g.total) for g in groups] == [
        ("ja", "駐車場はありますか", 5), ("en", "is there parking", 1), ("ja", "土曜日も診療していますか", 1)]
    assert groups[0].weeks == [3, 1, 1, 0]
    assert [q.question for q in groups[0].questions] == [
        "駐車場はありますか", "駐車場はありますか？", "駐車場ありますか"]
    assert groups[0].key == group_key("ja", "駐車場はありますか") and len(groups[0].key) == 10


def test_questions_older_than_the_weeks_shown_are_left_out(db: Database) -> None:
    log = UnansweredLog(db)
    log.record("old question about parking", "en", T0 - timedelta(days=40))
    log.record("new question", "en", T0)
    assert [g.question for g in log.groups(T0)] == ["new question"]


def test_forget_removes_every_day_of_the_questions(db: Database) -> None:
    log = UnansweredLog(db)
    log.record("駐車場はありますか", "ja", T0)
    log.record("駐車場はありますか", "ja", T0 - timedelta(days=3))
    log.record("駐車場はありますか", "en", T0)
    assert log.forget(["駐車場はありますか"], "ja") == 2
    assert [(g.lang, g.question) for g in log.groups(T0)] == [("en", "駐車場はありますか")]
