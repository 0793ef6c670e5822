"""Shared fixtures: the offline Bot API harness (tests/botapi) and a real database file. Keep this file small."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.storage.db import Database
from tests.botapi.server import FakeBotApi


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    """A fake Telegram Bot API on 127.0.0.1 for one test; build the app with ``bot_api.base_url``."""
    async with FakeBotApi(token="123:ABC") as api:
        yield api


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    """A real SQLite database in tmp_path (storage and leads tests)."""
    database = Database.open(data_dir)
    yield database
    database.close()


def pytest_configure(config: pytest.Config) -> None:
    # PTB 22 warns (PTBDeprecationWarning) inside RetryAfter's own constructor unless PTB_TIMEDELTA is set, so with
    # warnings as errors a 429 from the fake Bot API would surface as that warning instead of RetryAfter.
    config.addinivalue_line("filterwarnings", "ignore:.*attribute `retry_after` will be of type:DeprecationWarning")
