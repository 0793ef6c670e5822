"""Every YAML transcript under tests/transcripts/ played against the real bot (see tests/transcripts/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import build_application
from tests.botapi.app_runner import AnyApp
from tests.botapi.server import FakeBotApi
from tests.botapi.transcript import run_transcript
from tests.conversation.conftest import STAFF_CHAT_ID, settings_for, staff_group
from tests.shipped import shipped_live_content

TRANSCRIPTS = sorted((Path(__file__).resolve().parents[1] / "transcripts").glob("*.yaml"))


def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
    return build_application(settings_for(api, data_dir), live=shipped_live_content())


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript(path: Path, tmp_path: Path) -> None:
    async def before(api: FakeBotApi) -> None:
        staff_group(api)  # the bot is in the staff group before it starts, as after README's set-up
        api.world.admin_in.add(STAFF_CHAT_ID)  # allowed to delete messages (docs/operating.md, step 5)

    await run_transcript(path, factory, data_dir=tmp_path / "data", before=before)
