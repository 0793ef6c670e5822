"""One update reads the user's row once between its handlers, and never misses its own writes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.storage import update_reads
from bot.storage.db import Database
from bot.storage.users import UserRecord, UserStore
from tests.storage.conftest import T0


class Counting:
    """``db`` with its reads counted."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.reads = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)

    def query_one(self, sql: str, params: Any = ()) -> Any:
        self.reads += 1
        return self.db.query_one(sql, params)


def test_inside_one_update_the_row_is_read_once_and_each_write_is_seen(db: Database) -> None:
    counting = Counting(db)
    users = UserStore(counting)  # type: ignore[arg-type]
    with update_reads.one_update():
        assert users.get(7) is None and users.get(7) is None  # "no row" is remembered too
        assert counting.reads == 1
        users.set_language(7, "en", T0)
        assert users.get(7).language == "en"  # type: ignore[union-attr]
        users.save_draft(7, '{"step": "q1"}', T0)
        assert users.get(7).draft == '{"step": "q1"}'  # type: ignore[union-attr]
        assert users.get(7).draft == '{"step": "q1"}'  # type: ignore[union-attr]
        assert counting.reads == 3
        users.clear_draft(7, T0 + timedelta(minutes=1))
        assert users.get(7).draft is None  # type: ignore[union-attr]
        users.save(UserRecord(7, "ja", None, None, T0))
        assert users.get(7).language == "ja"  # type: ignore[union-attr]
        users.delete_user(7)
        assert users.get(7) is None
        assert counting.reads == 6


def test_outside_an_update_and_after_it_every_read_goes_to_the_database(db: Database) -> None:
    counting = Counting(db)
    users = UserStore(counting)  # type: ignore[arg-type]
    users.set_language(8, "ja", T0)
    users.get(8)
    users.get(8)
    assert counting.reads == 2
    with update_reads.one_update() as reads:
        users.get(8)
    assert reads.get(("user", 8)) is update_reads.MISSING  # a task the update left behind reads afresh
    reads.put(("user", 8), None)
    assert reads.get(("user", 8)) is update_reads.MISSING
    assert update_reads.current() is None


def test_retention_forgets_every_row_read(db: Database) -> None:
    users = UserStore(db)
    users.save_draft(9, '{"step": "q1"}', T0 - timedelta(days=40))
    with update_reads.one_update():
        assert users.get(9).draft is not None  # type: ignore[union-attr]
        users.purge_drafts_older_than(30, T0)
        assert users.get(9).draft is None  # type: ignore[union-attr]
