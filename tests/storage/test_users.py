from __future__ import annotations

from datetime import timedelta

import pytest

from bot.storage.db import Database, to_db_time
from bot.storage.users import UserRecord, UserStore
from tests.storage.conftest import T0, full_scans, query_plans

MANY = 100_000


def fill(db: Database, count: int) -> None:
    stamp = to_db_time(T0)
    with db.transaction() as connection:
        connection.executemany(
            "INSERT INTO users (user_id, language, draft, draft_started_at, updated_at) VALUES (?, 'ja', ?, ?, ?)",
            ((uid, f'{{"n": {uid}}}', stamp, stamp) for uid in range(1, count + 1)),
        )
        connection.executemany(
            "INSERT INTO user_submissions (user_id, submitted_at) VALUES (?, ?)",
            ((uid, stamp) for uid in range(1, count + 1, 10)),
        )


def snapshot_except(db: Database, user_id: int) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    users = [tuple(r) for r in db.query("SELECT * FROM users WHERE user_id != ? ORDER BY user_id", (user_id,))]
    subs = [tuple(r) for r in db.query(
        "SELECT * FROM user_submissions WHERE user_id != ? ORDER BY user_id, submitted_at", (user_id,))]
    return users, subs


def hot_path(users: UserStore, user_id: int) -> None:
    users.get(user_id)
    users.set_language(user_id, "en", T0)
    users.save_draft(user_id, '{"step": "q1"}', T0)
    users.save_draft(user_id, '{"step": "q2"}', T0 + timedelta(minutes=1))
    users.save(UserRecord(user_id, "ja", '{"step": "q3"}', T0, T0 + timedelta(minutes=2)))
    users.record_submission(user_id, T0)
    users.count_submissions_since(user_id, T0 - timedelta(days=1))
    users.clear_draft(user_id, T0)
    users.delete_user(user_id)


def test_round_trip_of_one_user(db: Database) -> None:
    users = UserStore(db)
    assert users.get(7) is None
    users.set_language(7, "ja", T0)
    users.save_draft(7, '{"step": "q1"}', T0)
    users.save_draft(7, '{"step": "q2"}', T0 + timedelta(minutes=5))  # keeps the first start time
    record = users.get(7)
    assert record == UserRecord(7, "ja", '{"step": "q2"}', T0, T0 + timedelta(minutes=5))
    users.clear_draft(7, T0 + timedelta(minutes=6))
    record = users.get(7)
    assert record is not None and record.draft is None and record.draft_started_at is None
    assert record.language == "ja"
    users.save_draft(7, '{"step": "q1"}', T0 + timedelta(hours=1))  # a new application starts a new clock
    assert users.get(7).draft_started_at == T0 + timedelta(hours=1)  # type: ignore[union-attr]


def test_submissions_are_counted_per_user_and_forgotten_after_a_week(db: Database) -> None:
    users = UserStore(db)
    users.record_submission(1, T0 - timedelta(days=8))
    users.record_submission(1, T0 - timedelta(hours=30))
    users.record_submission(1, T0 - timedelta(hours=2))
    users.record_submission(2, T0 - timedelta(hours=1))
    assert users.count_submissions_since(1, T0 - timedelta(days=1)) == 1
    assert users.count_submissions_since(1, T0 - timedelta(days=30)) == 2  # the 8-day-old one was pruned
    assert users.count_submissions_since(2, T0 - timedelta(days=1)) == 1
    assert users.count_submissions_since(3, T0 - timedelta(days=1)) == 0


def test_delete_user_removes_only_that_user(db: Database) -> None:
    users = UserStore(db)
    fill(db, 50)
    users.record_submission(21, T0)
    before = snapshot_except(db, 21)
    assert users.delete_user(21) is True
    assert users.get(21) is None
    assert users.count_submissions_since(21, T0 - timedelta(days=1)) == 0
    assert snapshot_except(db, 21) == before
    assert users.delete_user(21) is False


@pytest.mark.sqlite_only
def test_hot_path_touches_one_row_and_uses_indexes_with_100k_users(db: Database) -> None:
    fill(db, MANY)
    users = UserStore(db)
    before = snapshot_except(db, 4242)
    statements: list[str] = []
    db.connection.set_trace_callback(statements.append)
    try:
        hot_path(users, 4242)
    finally:
        db.connection.set_trace_callback(None)
    plans = query_plans(db, statements)
    assert len(plans) >= 9
    assert full_scans(plans) == {}
    assert snapshot_except(db, 4242) == before
    assert db.query_one("SELECT COUNT(*) FROM users")[0] == MANY - 1  # type: ignore[index]


def test_abandoned_drafts_are_purged(db: Database) -> None:
    users = UserStore(db)
    users.save_draft(1, '{"old": true}', T0 - timedelta(days=40))
    users.save_draft(2, '{"new": true}', T0 - timedelta(days=2))
    assert users.purge_drafts_older_than(30, T0) == 1
    assert users.get(1).draft is None  # type: ignore[union-attr]
    assert users.get(2).draft == '{"new": true}'  # type: ignore[union-attr]


def test_an_application_step_does_not_wait_for_the_disk_and_a_submission_does(db: Database) -> None:
    """On SQLite: the draft commits with synchronous=NORMAL (a power cut loses at most that step), the submission
    count with FULL, like every lead write."""
    if db.kind != "sqlite":
        pytest.skip("PostgreSQL commits are durable on the server, off the bot's event loop")
    users = UserStore(db)
    users.save_draft(7, '{"step": 1}', T0)
    assert db.query_one("PRAGMA synchronous")[0] == 1  # type: ignore[index]  # NORMAL
    users.record_submission(7, T0)
    assert db.query_one("PRAGMA synchronous")[0] == 2  # type: ignore[index]  # FULL
