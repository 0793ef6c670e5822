"""Shared fixtures: the offline Bot API harness (tests/botapi) and a real database: ``db`` runs each test that uses
it twice, on SQLite in tmp_path and on PostgreSQL (``tests/postgres.py``), unless it is marked ``sqlite_only``.
Keep this file small."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.storage.db import Database, SQLiteDatabase
from tests.botapi.server import FakeBotApi
from tests.postgres import empty_pg_url, pg_server, pg_url  # noqa: F401 (fixtures)

BACKENDS = ("sqlite", "postgres")


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    """A fake Telegram Bot API on 127.0.0.1 for one test; build the app with ``bot_api.base_url``."""
    async with FakeBotApi(token="123:ABC") as api:
        yield api


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(backend: str, data_dir: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A real database: SQLite in tmp_path, or a fresh PostgreSQL database (storage and leads tests)."""
    if backend == "postgres":
        from bot.storage.postgres import PostgresDatabase

        database: Database = PostgresDatabase.open(request.getfixturevalue("pg_url"))
    else:
        database = SQLiteDatabase.open(data_dir)
    yield database
    database.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("backend", BACKENDS[:1] if only else BACKENDS)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test of SQLite itself (files, query plans): not run on "
                            "PostgreSQL")
    # PTB 22 warns (PTBDeprecationWarning) inside RetryAfter's own constructor unless PTB_TIMEDELTA is set, so with
    # warnings as errors a 429 from the fake Bot API would surface as that warning instead of RetryAfter.
    config.addinivalue_line("filterwarnings", "ignore:.*attribute `retry_after` will be of type:DeprecationWarning")
