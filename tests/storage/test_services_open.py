"""How the bot opens its storage: long polling on PostgreSQL is one process only, webhook instances share the
database, SQLite keeps its data-directory lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.live import LiveContent
from bot.services import Services
from bot.storage.base import StorageError
from bot.storage.instances import PollerLock
from bot.storage.lock import DataDirLock
from bot.storage.postgres import redact
from tests.shipped import shipped_live_content


@pytest.fixture(scope="module")
def live() -> LiveContent:
    return shipped_live_content()


def test_a_second_poller_on_one_postgres_database_is_refused_webhook_instances_share_it(
    pg_url: str, tmp_path: Path, live: LiveContent
) -> None:
    polling = Settings(token="1:x", data_dir=tmp_path / "data", database_url=pg_url)
    first = Services.open(polling, live)
    try:
        assert isinstance(first.lock, PollerLock) and first.gate is None
        with pytest.raises(StorageError, match=f"long polling from the database at {redact(pg_url)}"):
            Services.open(polling, live)
        webhook = polling.model_copy(update={"webhook_url": "https://bot.example/telegram", "webhook_secret": "s" * 32})
        one, two = Services.open(webhook, live), Services.open(webhook, live)
        assert one.lock is None and two.lock is None and one.gate is not None and one.owner != two.owner
        one.close()
        two.close()
    finally:
        first.close()
    assert not (tmp_path / "data").exists()  # nothing of the bot's written to BOT_DATA_DIR


def test_sqlite_keeps_one_process_per_data_directory(tmp_path: Path, live: LiveContent) -> None:
    settings = Settings(token="1:x", data_dir=tmp_path / "data")
    services = Services.open(settings, live)
    try:
        assert isinstance(services.lock, DataDirLock) and services.gate is None
        with pytest.raises(StorageError, match="Another bot process"):
            Services.open(settings, live)
    finally:
        services.close()


def test_storage_that_cannot_be_used_is_refused_before_the_content_is_built(tmp_path: Path, live: LiveContent) -> None:
    """A second process or a read-only data directory is said at once, not after seconds of building content."""
    settings = Settings(token="1:x", data_dir=tmp_path / "data")
    built: list[int] = []

    def load() -> LiveContent:
        built.append(1)
        return live

    services = Services.open(settings, load)
    try:
        with pytest.raises(StorageError, match="Another bot process"):
            Services.open(settings, load)
        assert built == [1] and services.live is live
    finally:
        services.close()


def test_content_that_fails_to_load_leaves_the_data_directory_free(tmp_path: Path, live: LiveContent) -> None:
    settings = Settings(token="1:x", data_dir=tmp_path / "data")

    def refused() -> LiveContent:
        raise RuntimeError("the content has errors")

    with pytest.raises(RuntimeError):
        Services.open(settings, refused)
    Services.open(settings, live).close()  # the lock was released: a corrected start is not refused
