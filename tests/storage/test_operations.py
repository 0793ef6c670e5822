"""``python -m bot migrate [--dry-run]``, ``export-data`` / ``import-data`` (SQLite to PostgreSQL, every lead kept
with its number), and /healthz's answer."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.__main__ import main
from bot.leads.store import LeadStore
from bot.storage.db import SQLiteDatabase
from bot.storage.migrations import MIGRATIONS
from bot.storage.operations import TABLES
from bot.storage.postgres import PostgresDatabase, redact
from bot.storage.users import UserStore
from bot.webhook import HEALTH_OUTBOX_AGE, health
from tests.leads.conftest import submit
from tests.storage.conftest import T0


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    for name in ("DATABASE_URL", "BOT_DATA_DIR", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_the_export_knows_every_table(tmp_path: Path) -> None:
    with SQLiteDatabase.open(tmp_path) as db:
        tables = {row[0] for row in db.query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'")}
    assert set(TABLES) == tables


def test_an_sqlite_deployment_moves_to_postgres_without_losing_a_lead(
    settings_env: Path, pg_server: object, empty_pg_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with SQLiteDatabase.open(settings_env) as lite:
        store = LeadStore(lite)
        leads = [submit(store, f"k{n}", user_id=n) for n in range(1, 4)]
        store.set_status(leads[0].id, "contacted", "佐藤", T0 + timedelta(hours=1))
        store.withdraw_for_user(2, T0 + timedelta(hours=2))
        store.relay.record(leads[2].id, "to_applicant", "佐藤", "明日お電話します", T0 + timedelta(hours=3))
        UserStore(lite).set_language(3, "en", T0)
        before = [store.require(lead.id) for lead in leads]
    dump = settings_env.parent / "move.jsonl"
    assert main(["export-data", str(dump)]) == 0
    assert stat.S_IMODE(os.stat(dump).st_mode) == 0o600
    monkeypatch.setenv("DATABASE_URL", empty_pg_url)
    assert main(["import-data", str(dump)]) == 0
    assert "leads 3" in capsys.readouterr().out
    with PostgresDatabase.open(empty_pg_url) as pg:
        store = LeadStore(pg)
        assert [store.require(lead.id) for lead in before] == before
        assert submit(store, "k4", user_id=4).id == 4  # new numbers continue after the imported ones
        assert UserStore(pg).get(3).language == "en"  # type: ignore[union-attr]
    assert main(["import-data", str(dump)]) == 2  # never into a database that holds data
    assert capsys.readouterr().err.startswith(f"{redact(empty_pg_url)} already holds users and leads: import-data")


def test_migrate_prints_its_plan_in_a_dry_run_and_then_runs_it(
    settings_env: Path, pg_server: object, empty_pg_url: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_pg_url)
    where = redact(empty_pg_url)
    numbers = ", ".join(str(n) for n in range(1, len(MIGRATIONS) + 1))
    assert main(["migrate", "--dry-run"]) == 0
    assert capsys.readouterr().out == (f"{where}: schema version 0; would run migration(s) {numbers} "
                                       f"(to version {len(MIGRATIONS)}).\n")
    assert main(["migrate", "--dry-run"]) == 0  # a dry run changes nothing
    assert "schema version 0" in capsys.readouterr().out
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out == f"{where}: migration(s) run: {numbers}; schema version {len(MIGRATIONS)}.\n"
    assert main(["migrate", "--dry-run"]) == 0
    assert capsys.readouterr().out == f"{where}: schema version {len(MIGRATIONS)}, up to date; nothing to run.\n"


def test_healthz_says_whether_the_database_answers_and_cards_wait(tmp_path: Path) -> None:
    db = SQLiteDatabase.open(tmp_path)
    store = LeadStore(db)
    services = SimpleNamespace(db=db, leads=store)
    assert health(services, T0) == (200, {"ok": True, "database": "sqlite", "outbox_oldest_seconds": None})  # type: ignore[arg-type]
    submit(store, "k1", user_id=1)
    late = T0 + HEALTH_OUTBOX_AGE + timedelta(seconds=1)
    status, body = health(services, late)  # type: ignore[arg-type]
    assert status == 503 and body["outbox_oldest_seconds"] == HEALTH_OUTBOX_AGE.total_seconds() + 1
    assert body["problem"] == "lead cards wait longer than 15 minutes: see /health in the staff chat"
    db.close()
    assert health(services, T0) == (503, {"ok": False, "database": "unreachable"})  # type: ignore[arg-type]
