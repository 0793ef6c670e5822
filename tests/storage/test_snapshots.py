from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.storage.db import Database, SQLiteDatabase
from bot.storage.snapshots import SnapshotStore
from tests.storage.conftest import T0


def test_a_snapshot_survives_a_restart(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        assert SnapshotStore(db).save_snapshot("abc123", '{"ja": {"version": "1"}}', T0) is True
    with SQLiteDatabase.open(data_dir) as db:
        assert SnapshotStore(db).load_snapshot("abc123") == '{"ja": {"version": "1"}}'
        assert SnapshotStore(db).load_snapshot("missing") is None


def test_the_first_payload_of_a_key_is_kept(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    snapshots = SnapshotStore(db)
    snapshots.save_snapshot("k", '{"v": 1}', T0)
    assert snapshots.save_snapshot("k", '{"v": 1}', T0) is False
    with caplog.at_level(logging.WARNING):
        assert snapshots.save_snapshot("k", '{"v": 2}', T0) is False
    assert snapshots.load_snapshot("k") == '{"v": 1}'
    assert [r.getMessage() for r in caplog.records] == [
        "questionnaire snapshot k stored with a different payload; keeping the first"
    ]

