"""The real bot (``bot.app.build_application``) against the fake Bot API, on a fresh data directory."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application
from bot.config import Settings
from tests.botapi.app_runner import AnyApp, AppHost
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser

SHIPPED_CONTENT = Path(__file__).resolve().parents[2] / "content"
STAFF_CHAT_ID = -1001234567890


def settings_for(api: FakeBotApi, data_dir: Path, content_dir: Path = SHIPPED_CONTENT, **overrides: object) -> Settings:
    values: dict[str, object] = dict(
        token=api.token, api_base_url=api.base_url, data_dir=data_dir, staff_chat_id=STAFF_CHAT_ID,
        content_dir=content_dir, content_poll_seconds=0,
        flood_burst=1000,  # tests press buttons at machine speed; test_guard checks the real limits
    )
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


class BotUnderTest:
    """The running bot plus helpers to make users and staff members."""

    def __init__(self, api: FakeBotApi, host: AppHost, content_dir: Path) -> None:
        self.api = api
        self.host = host
        self.content_dir = content_dir
        self._next_user = 5000

    def user(self, language_code: str = "ja", first_name: str = "Hanako", **kwargs: object) -> FakeUser:
        self._next_user += 1
        return FakeUser(self.api, user_id=self._next_user, first_name=first_name, language_code=language_code,
                        **kwargs)  # type: ignore[arg-type]

    def staff(self, user_id: int = 9001, first_name: str = "Yamada") -> FakeUser:
        return FakeUser(self.api, user_id=user_id, first_name=first_name, chat_id=STAFF_CHAT_ID, is_private=False)

    @property
    def app(self) -> AnyApp:
        return self.host.app


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped content, so a test may edit it (live reload tests)."""
    target = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, target)
    return target


@pytest.fixture
async def bot(bot_api: FakeBotApi, tmp_path: Path, content_dir: Path) -> AsyncIterator[BotUnderTest]:
    def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
        return build_application(settings_for(api, data_dir, content_dir))

    async with AppHost(bot_api, factory, tmp_path / "data") as host:
        yield BotUnderTest(bot_api, host, content_dir)
