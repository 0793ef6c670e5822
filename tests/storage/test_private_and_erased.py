"""Health data stays private and erased data stays erased: permissions, one process, secure_delete and checkpoints,
retention over every table, and the advice for a data directory the bot cannot write."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage.db import FILENAME, Database, SQLiteDatabase, StorageError
from bot.storage.lock import DataDirLock
from bot.storage.users import UserStore
from tests.storage.conftest import T0
from tests.storage.mounts import read_only

SECRET_ANSWER = "眠れない日が続いています-0901234567"


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)  # the worst case: everything would be created 0777 / 0666
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_directory_and_database_files_are_private_whatever_the_umask(
    data_dir: Path, open_umask: None
) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        db.execute("INSERT INTO unanswered (question, lang, day, count) VALUES ('q', 'ja', '2025-01-01', 1)")
        lock = DataDirLock.acquire(data_dir)
        files = sorted(p.name for p in data_dir.iterdir())
        assert files == ["bot.lock", FILENAME, FILENAME + "-shm", FILENAME + "-wal"]
        assert mode(data_dir) == 0o700
        assert {name: mode(data_dir / name) for name in files} == dict.fromkeys(files, 0o600)
        lock.release()


def test_files_left_readable_by_an_older_version_are_made_private(data_dir: Path) -> None:
    SQLiteDatabase.open(data_dir).close()
    data_dir.chmod(0o755)
    (data_dir / FILENAME).chmod(0o644)
    SQLiteDatabase.open(data_dir).close()
    assert (mode(data_dir), mode(data_dir / FILENAME)) == (0o700, 0o600)


def test_a_second_process_on_the_same_data_directory_is_refused(data_dir: Path) -> None:
    first = DataDirLock.acquire(data_dir)
    with pytest.raises(StorageError) as refused:
        DataDirLock.acquire(data_dir)
    assert str(refused.value) == (
        f"Another bot process (pid {os.getpid()}) is already running with BOT_DATA_DIR={data_dir}. Only one may run "
        "at a time: two would fight over Telegram's updates and both send every lead to the staff chat. Stop the "
        "other one first (for example `systemctl stop clinic-bot`), or give this one its own BOT_DATA_DIR."
    )
    first.release()
    DataDirLock.acquire(data_dir).release()  # free again once the first one is gone


def test_a_read_only_data_directory_gets_advice_not_a_traceback(tmp_path: Path) -> None:
    target = tmp_path / "ro"
    with read_only(target), pytest.raises(StorageError) as refused:
        SQLiteDatabase.open(target)
    message = str(refused.value)
    assert message.startswith(f"The bot cannot write its database in BOT_DATA_DIR={target} (")
    assert "Make the folder writable by the user the bot runs as" in message
    assert "or set BOT_DATA_DIR to another folder." in message


def database_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.glob(FILENAME + "*")))


def test_deleted_rows_leave_no_bytes_in_the_database_or_its_wal(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        secret = SECRET_ANSWER.encode("utf-8")
        users = UserStore(db)
        users.save_draft(42, json.dumps({"symptoms": SECRET_ANSWER}, ensure_ascii=False), T0)
        db.checkpoint()  # the draft is in the main file now, not only in the WAL
        assert secret in database_bytes(data_dir)
        users.delete_user(42)
        assert secret in database_bytes(data_dir)  # still in the WAL until it is checkpointed
        assert db.checkpoint()
        assert database_bytes(data_dir).count(secret) == 0
        assert (data_dir / (FILENAME + "-wal")).stat().st_size == 0


def test_retention_covers_crisis_markers_submission_times_and_idle_users(db: Database) -> None:
    users = UserStore(db)
    now = T0 + timedelta(days=200)
    users.set_language(1, "en", T0)  # idle for 200 days
    users.set_language(2, "ja", now - timedelta(days=3))  # active
    users.mark_crisis(2, now - timedelta(days=31))
    users.mark_crisis(3, now - timedelta(days=5))  # recent: kept, and so is the row
    users.record_submission(2, now - timedelta(days=8))
    users.record_submission(3, now - timedelta(days=1))
    assert users.purge_stale(180, now) == {"crisis markers": 1, "submission times": 1, "idle users": 1}
    assert [r["user_id"] for r in db.query("SELECT user_id FROM users ORDER BY user_id")] == [2, 3]
    assert not users.crisis_seen_since(2, T0) and users.crisis_seen_since(3, now - timedelta(days=30))
    assert [r["user_id"] for r in db.query("SELECT user_id FROM user_submissions")] == [3]
