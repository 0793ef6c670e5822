"""Erasure by retention and by request leaves no byte of the answers in the database files (main file and WAL)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.leads.store import LeadStore
from bot.storage.db import FILENAME, SQLiteDatabase
from tests.leads.conftest import NAME, PHONE, SYMPTOM, T0, submit


def found(data_dir: Path) -> list[str]:
    blob = b"".join(p.read_bytes() for p in sorted(data_dir.glob(FILENAME + "*")))
    return [secret for secret in (NAME, PHONE, SYMPTOM) if secret.encode("utf-8") in blob]


def test_retention_leaves_no_bytes_behind(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        store = LeadStore(db, clock=lambda: T0)
        submit(store)
        db.checkpoint()
        assert found(data_dir) == [NAME, PHONE, SYMPTOM]
        assert store.purge_older_than(180, T0 + timedelta(days=181)) == [1]
        db.checkpoint()
        assert found(data_dir) == []


def test_withdrawal_leaves_no_bytes_behind(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        store = LeadStore(db, clock=lambda: T0)
        submit(store)
        db.checkpoint()
        store.withdraw_for_user(1001, T0)
        assert found(data_dir) != []  # the WAL still has the old page until the checkpoint
        db.checkpoint()
        assert found(data_dir) == []
