"""``python -m bot run`` as a subprocess against the fake Bot API in this test's event loop, as it is deployed."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bot.leads.model import Consent
from bot.leads.store import LeadStore
from bot.storage.base import Database
from bot.storage.db import FILENAME, SQLiteDatabase, utcnow
from tests.botapi.server import FakeBotApi
from tests.conversation.conftest import SHIPPED_CONTENT, STAFF_CHAT_ID
from tests.shipped import seed_data_dir

REPO = Path(__file__).resolve().parents[2]
NAME, PHONE = "試験 太郎", "+818024681357"


def environment(api: FakeBotApi, data_dir: Path, **extra: str) -> dict[str, str]:
    """The bot's settings for ``api``; the staff chat exists there, as it would in Telegram. A new data folder
    starts with the compiled content, as after a first start (``tests.shipped.seed_data_dir``)."""
    seed_data_dir(data_dir)
    api.add_chat({"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Staff"})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "STAFF_", "BOT_"))}
    env.update({
        "TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url, "BOT_DATA_DIR": str(data_dir),
        "STAFF_CHAT_ID": str(STAFF_CHAT_ID), "CONTENT_DIR": str(SHIPPED_CONTENT), "CONTENT_POLL_SECONDS": "0",
        "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1",  # the shipped rate limiter, as deployed
    })
    env.update(extra)
    return env


class BotProcess:
    """One ``python -m bot run``; ``stop()`` sends SIGTERM and waits, ``kill()`` sends SIGKILL."""

    def __init__(self, env: Mapping[str, str], cwd: Path) -> None:
        self.env, self.cwd = dict(env), cwd
        self.process: asyncio.subprocess.Process | None = None
        self.log_path = cwd / f"bot-{len(list(cwd.glob('bot-*.log')))}.log"

    async def start(self) -> BotProcess:
        log = self.log_path.open("wb")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=REPO, env=self.env, stdout=log, stderr=asyncio.subprocess.STDOUT)
        log.close()
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def output(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def delivery_passes(self) -> int:
        """How many runs of the lead delivery job have finished (the job scheduler logs each one at INFO)."""
        return sum(DELIVERY_PASS_DONE in line and line.endswith('" executed successfully')
                   for line in self.output.splitlines())

    async def wait_for_delivery_passes(self, count: int, *, timeout: float = 60.0) -> None:
        """Wait until ``count`` delivery passes have finished in all (``delivery_passes``); the log is read every
        0.1 s, since it is not Bot API activity that would wake ``FakeBotApi.wait_until``. AssertionError after
        ``timeout``, which is only a safety net."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (done := self.delivery_passes()) < count:
            assert loop.time() < deadline, f"{done} of {count} delivery passes after {timeout:.0f} s"
            assert self.process is not None and self.process.returncode is None, "the bot process ended"
            await asyncio.sleep(0.1)

    async def wait(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await self.wait()

    async def kill(self) -> int:
        assert self.process is not None
        self.process.kill()
        return await self.wait()


DELIVERY_PASS_DONE = 'Job "lead-delivery ('
"""The start of the scheduler's line for a finished run of the delivery job (``bot/app.py`` names the job),
followed by its trigger and ``" executed successfully``."""


async def polling(api: FakeBotApi, count: int = 1) -> None:
    """Wait until ``count`` long polls have reached the fake (the bot is up and listening)."""
    await api.wait_until(lambda: len(api.calls_of("getUpdates")) >= count, timeout=60, what="the bot's getUpdates")


@dataclass(frozen=True)
class Store:
    """Where the bot under test keeps its data: SQLite in ``data_dir``, or PostgreSQL at ``url`` (the data
    directory then holds nothing of the database)."""

    data_dir: Path
    url: str | None = None

    @property
    def settings(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url} if self.url else {}

    def open(self) -> Database:
        if self.url:
            from bot.storage.postgres import PostgresDatabase

            return PostgresDatabase.open(self.url)
        return SQLiteDatabase.open(self.data_dir)

    def delivered(self) -> list[int]:
        """Leads whose outbox row is recorded as delivered, read past the bot (a plain connection)."""
        sql = "SELECT lead_id FROM outbox WHERE delivered_at IS NOT NULL ORDER BY lead_id"
        if self.url:
            with psycopg.connect(self.url) as connection:
                return [row[0] for row in connection.execute(sql)]
        with sqlite3.connect(self.data_dir / FILENAME) as connection:
            return [row[0] for row in connection.execute(sql)]


def stored_lead(store: Store) -> int:
    """A lead stored (with its card queued) as a submit would store it; returns its id."""
    with store.open() as db:
        now = utcnow()
        lead = LeadStore(db).submit(
            f"fault-{now.timestamp()}", 4242, 4242, "ja",
            {"name": {"label": "お名前", "value": NAME}, "phone": {"label": "電話番号", "value": PHONE}},
            (), Consent(version="2026-11-27", lang="ja", time=now), "fault-test", now=now)
        return lead.id


def cards(api: FakeBotApi) -> list[str]:
    return [m.text for m in api.bot_messages(STAFF_CHAT_ID) if "モニター申込" in m.text]


def refuse_writes(url: str, refuse: bool) -> None:
    """PostgreSQL's "full disk" as the bot meets it: every write refused while reads still work, the connections
    it held dropped mid-use. The database is made read-only for new sessions and every session of the bot is
    ended (its pool reconnects, into read-only sessions); ``refuse=False`` undoes both. A session holding an
    advisory lock (the one poller's) is left alone: ending it would let a second poller start."""
    with psycopg.connect(url, autocommit=True, options="-c default_transaction_read_only=off") as admin:
        row = admin.execute("SELECT current_database()").fetchone()
        assert row is not None
        admin.execute(f"ALTER DATABASE {row[0]} SET default_transaction_read_only = {'on' if refuse else 'off'}")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')")
