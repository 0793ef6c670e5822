"""Faults against the bot as deployed: a second process, a full disk, SIGKILL and SIGTERM in the middle of a send,
and the webhook server. Each test counts cards in the fake staff chat: leads lost and duplicates.

Tests taking ``store`` run on SQLite and on PostgreSQL (long polling, one process: what a restart looks like).
PostgreSQL's equivalents: a second poller on the same database instead of a second process on the data
directory; the database refusing writes with the bot's connections dropped (``refuse_writes``) instead of a full
disk (a full disk of the server is the server's to report; what reaches the bot is refused writes and lost
connections, and a tablespace on a small disk would fill only when a table grows, not on every update); an
unreachable server instead of a read-only data directory. The webhook and settings tests are about neither."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from tests.botapi.app_runner import free_port
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser
from tests.conversation.conftest import STAFF_CHAT_ID
from tests.faults.process import (
    NAME,
    PHONE,
    BotProcess,
    Store,
    cards,
    environment,
    polling,
    refuse_writes,
    stored_lead,
)
from tests.storage.mounts import fill, read_only, small_disk

SECRET = "a" * 20 + "-fault-test-secret-0123"
STARTS_WITHOUT_CACHE = 180.0
"""Seconds to wait for a bot that builds its content from the files (no cache fits a tiny disk)."""


@pytest.fixture
def store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    """The bot's database for one test: SQLite under tmp_path/data, or a fresh PostgreSQL database."""
    return Store(tmp_path / "data", request.getfixturevalue("pg_url") if backend == "postgres" else None)


async def test_a_second_process_on_the_same_database_is_refused_and_the_first_keeps_working(
    bot_api: FakeBotApi, tmp_path: Path, store: Store
) -> None:
    data_dir = store.data_dir
    first = await BotProcess(environment(bot_api, data_dir, **store.settings), tmp_path).start()
    try:
        await polling(bot_api)
        second = await BotProcess(environment(bot_api, data_dir, **store.settings), tmp_path).start()
        assert await second.wait() == 2
        if store.url:
            assert "Another bot process is already receiving updates by long polling from the database at " \
                   "127.0.0.1:" in second.output
        else:
            assert f"Another bot process (pid {first.pid}) is already running with BOT_DATA_DIR={data_dir}" \
                in second.output
        stored_lead(store)
        await bot_api.wait_until(lambda: len(cards(bot_api)) == 1, timeout=60, what="the card")
        replies = await FakeUser(bot_api, user_id=31, language_code="en").send("/start")
        assert replies, "the first process stopped answering"
    finally:
        assert await first.stop() == 0
    assert len(cards(bot_api)) == 1


async def test_a_full_disk_after_telegram_took_the_card_posts_it_once_and_records_it_when_space_returns(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        filler: list[Path] = []
        await _store_refuses_the_result_of_a_send(bot_api, tmp_path, Store(disk / "data"),
                                                  refuse=lambda: filler.append(fill(disk)),
                                                  accept=lambda: filler.pop().unlink())


async def test_postgres_refusing_writes_after_telegram_took_the_card_posts_it_once_and_records_it_later(
    bot_api: FakeBotApi, tmp_path: Path, pg_url: str
) -> None:
    await _store_refuses_the_result_of_a_send(bot_api, tmp_path, Store(tmp_path / "data", pg_url),
                                              refuse=lambda: refuse_writes(pg_url, True),
                                              accept=lambda: refuse_writes(pg_url, False))


async def _store_refuses_the_result_of_a_send(bot_api: FakeBotApi, tmp_path: Path, store: Store,
                                              refuse: Callable[[], None], accept: Callable[[], None]) -> None:
    """Telegram takes the card; its answer arrives when the database no longer takes writes. Delivery pauses
    (the card is not posted again), and the result is recorded once writes are taken again."""
    lead_id = stored_lead(store)
    answer = bot_api.hold("sendMessage", STAFF_CHAT_ID, containing="モニター申込")
    process = await BotProcess(environment(bot_api, store.data_dir, **store.settings), tmp_path).start()
    try:
        # Only a safety net: a data directory on a 2 MiB disk gets no seeded content cache, so this bot builds its
        # content from the files first, which can take over a minute on a loaded machine.
        await bot_api.wait_until(lambda: bool(cards(bot_api)), timeout=STARTS_WITHOUT_CACHE, what="the card")
        refuse()
        passes = process.delivery_passes()  # the pass waiting for Telegram's answer has not finished
        answer.set()  # Telegram's answer arrives when the result can no longer be written
        # three passes while writes are refused: the one that took the answer, and two more that must not post again
        await process.wait_for_delivery_passes(passes + 3)
        assert len(cards(bot_api)) == 1
        assert store.delivered() == []
        assert "delivery is paused until it can, so nothing is sent twice" in process.output
        accept()
        for _ in range(100):
            if store.delivered() == [lead_id]:
                break
            await asyncio.sleep(0.1)
        assert store.delivered() == [lead_id]
        assert "the database accepts writes again; delivery resumes" in process.output
    finally:
        assert await process.stop() == 0
    assert len(cards(bot_api)) == 1
    assert NAME not in process.output and PHONE not in process.output


async def test_sigkill_in_the_middle_of_a_send_posts_the_card_again_marked_and_sigterm_loses_nothing(
    bot_api: FakeBotApi, tmp_path: Path, store: Store
) -> None:
    env = environment(bot_api, store.data_dir, **store.settings)
    stored_lead(store)
    # posted, never answered: the process dies waiting
    never = bot_api.hold("sendMessage", STAFF_CHAT_ID, containing="モニター申込")
    first = await BotProcess(env, tmp_path).start()
    await bot_api.wait_until(lambda: len(cards(bot_api)) == 1, timeout=60, what="the card")
    await first.kill()
    never.set()
    second = await BotProcess(env, tmp_path).start()
    try:
        await bot_api.wait_until(lambda: len(cards(bot_api)) == 2, timeout=60, what="the second post")
        assert cards(bot_api)[1].startswith("⚠️ 再送です: ")  # staff see it may be a duplicate
        lead_two = stored_lead(store)
        await bot_api.wait_until(lambda: len(cards(bot_api)) == 3, timeout=60, what="the next lead")
    finally:
        assert await second.stop() == 0  # SIGTERM: a clean stop
    third = await BotProcess(env, tmp_path).start()
    try:
        await polling(bot_api, len(bot_api.calls_of("getUpdates")) + 1)
        await third.wait_for_delivery_passes(1)  # one delivery pass after the restart
    finally:
        assert await third.stop() == 0
    assert len(cards(bot_api)) == 3 and store.delivered() == [1, lead_two]
    assert not [p for p in (first, second, third) if NAME in p.output or PHONE in p.output]


async def test_the_webhook_is_local_authenticates_before_reading_and_skips_an_unreadable_update(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    env = environment(bot_api, tmp_path / "data", WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
                      WEBHOOK_SECRET=SECRET, PORT=str(port))
    process = await BotProcess(env, tmp_path).start()
    try:
        await bot_api.wait_until(lambda: bool(bot_api.webhook.url), timeout=60, what="setWebhook")
        listening = [c.laddr for c in psutil.Process(process.pid).net_connections("inet") if c.status == "LISTEN"]
        assert [(a.ip, a.port) for a in listening] == [("127.0.0.1", port)]

        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 104857600\r\n\r\n" + b"{" * 1024)
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 10)  # answered without waiting for 100 MiB
        assert status.split()[1] in (b"400", b"403", b"413"), status
        writer.close()
        assert await bot_api.push_webhook({"update_id": 1, "message": {}}, secret="wrong") == 403

        broken = {"update_id": 90, "message": {"message_id": 1, "date": "yesterday", "text": "試験 太郎",
                                               "chat": {"id": 5, "type": "private"}}}
        assert await bot_api.push_webhook(broken) == 200  # Telegram must not send it again
        user = FakeUser(bot_api, user_id=32, language_code="en")
        await user.send("/start")
        await bot_api.wait_until(lambda: bool(bot_api.bot_messages(32)), timeout=60, what="an answer")
    finally:
        assert await process.stop() == 0
    output = process.output
    assert "skipped update 90: the library cannot read it (TypeError)" in output
    assert "試験 太郎" not in output


async def test_a_read_only_data_directory_stops_the_bot_with_advice_not_a_traceback(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    with read_only(tmp_path / "ro") as data_dir:
        process = await BotProcess(environment(bot_api, data_dir), tmp_path).start()
        assert await process.wait() == 2
    assert f"The bot cannot start.\nThe bot cannot write its database in BOT_DATA_DIR={data_dir}" in process.output
    assert "Traceback" not in process.output


async def test_an_unreachable_postgresql_stops_the_bot_with_advice_not_a_traceback(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()  # nothing listens there
    env = environment(bot_api, tmp_path / "data", DATABASE_URL=f"postgresql://bot:secret@127.0.0.1:{port}/clinicbot")
    process = await BotProcess(env, tmp_path).start()
    assert await process.wait() == 2
    assert f"The bot cannot start.\nThe bot cannot reach PostgreSQL at 127.0.0.1:{port}/clinicbot (DATABASE_URL)." \
        in process.output
    assert "Traceback" not in process.output and "secret" not in process.output


async def test_a_short_webhook_secret_is_refused_at_start(bot_api: FakeBotApi, tmp_path: Path) -> None:
    env = environment(bot_api, tmp_path / "data", WEBHOOK_URL="https://bot.example/telegram", WEBHOOK_SECRET="x")
    process = await BotProcess(env, tmp_path).start()
    assert await process.wait() == 2
    assert "WEBHOOK_SECRET must be at least 32 characters, found 1" in process.output



async def test_a_refused_token_stops_the_bot_with_advice_not_a_traceback(bot_api: FakeBotApi, tmp_path: Path) -> None:
    wrong = "999:wrong-token-for-this-test"
    process = await BotProcess(environment(bot_api, tmp_path / "data", TELEGRAM_BOT_TOKEN=wrong), tmp_path).start()
    assert await process.wait() == 2
    assert "The bot cannot start.\nTelegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized)" in process.output
    assert "Traceback" not in process.output and "Unclosed" not in process.output
    assert wrong not in process.output


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_an_unreachable_bot_api_stops_the_bot_with_advice_not_a_traceback(
    bot_api: FakeBotApi, tmp_path: Path, mode: str
) -> None:
    port = free_port()  # nothing listens there
    webhook = {"WEBHOOK_URL": "https://bot.example/telegram", "WEBHOOK_SECRET": SECRET, "PORT": str(free_port())}
    env = environment(bot_api, tmp_path / "data", TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
                      TELEGRAM_START_RETRIES="1", **(webhook if mode == "webhook" else {}))
    process = await BotProcess(env, tmp_path).start()
    assert await process.wait() == 2
    tries = "once" if mode == "webhook" else "2 times"
    assert f"The bot cannot start.\nThe Telegram Bot API at http://127.0.0.1:{port} could not be reached (" \
        in process.output
    assert f"tried {tries}, TELEGRAM_START_RETRIES" in process.output
    assert "Traceback" not in process.output and "Unclosed" not in process.output
    assert bot_api.token not in process.output
