"""``python -m bot chat``: the Bot API stand-in, the real bot built by ``bot.app.build_application``, the page.

The page is served first, so it answers at once; the bot (content, indexes, the Japanese analyser) is built in a
thread meanwhile and the page says "starting" until it is ready. Settings come from the environment as for
``run`` (content folder, limits, log level), except what would reach Telegram: the token, the Bot API address,
the webhook and the staff chat are the local ones. Content with errors does not stop the chat: the checker's
report is shown in the page (and printed), and the bot starts as soon as the files are fixed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.lifecycle import stop_application
from bot.localchat.server import LISTEN, ChatServer
from bot.localchat.world import STAFF_CHAT_ID, STAFF_USER_ID, World
from bot.storage.db import StorageError

BOT_ID = 7000000001
TOKEN = f"{BOT_ID}:local-chat-not-a-telegram-token"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Clinic bot (local)", "username": "clinic_local_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
POLL_TIMEOUT = 10
CONTENT_POLL_SECONDS = 1.0
"""Edits show up within a second (production checks every CONTENT_POLL_SECONDS, 5 s by default)."""


@dataclass(frozen=True)
class ChatOptions:
    port: int = 8765
    open_browser: bool = True
    data_dir: Path | None = None
    """Keep the simulated users' data here; None: a temporary folder erased on exit."""
    language: str = "ja"


def local_settings(base: Settings, port: int, data_dir: Path) -> Settings:
    """The environment's settings with everything that would reach Telegram replaced by the local stand-in."""
    poll = min(base.content_poll_seconds, CONTENT_POLL_SECONDS) if base.content_poll_seconds > 0 else 0.0
    return base.model_copy(update=dict(
        token=TOKEN, api_base_url=f"http://{LISTEN}:{port}/bot", data_dir=data_dir,
        database_url=None,  # the simulated users' data stays in data_dir, never in the clinic's PostgreSQL
        staff_chat_id=STAFF_CHAT_ID, staff_user_ids=frozenset({STAFF_USER_ID}), webhook_url=None,
        webhook_secret=None, rate_limit=0, content_poll_seconds=poll,
    ))


def run_chat(base: Settings, options: ChatOptions) -> int:
    """Serve the local chat until Ctrl+C; the temporary data folder is erased on the way out."""
    from bot.app import configure_logging

    configure_logging(base.log_level)
    data_dir = options.data_dir or Path(tempfile.mkdtemp(prefix="clinic-bot-chat-"))
    try:
        return asyncio.run(_serve(base, options, data_dir))
    finally:
        if options.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)
            print("Stopped; the simulated users' data was erased.", flush=True)


async def _serve(base: Settings, options: ChatOptions, data_dir: Path) -> int:
    world = World(BOT_USER, options.language)
    server = ChatServer(world, TOKEN)
    try:
        port = server.listen(options.port)
    except OSError as exc:
        print(f"The local chat cannot listen on {LISTEN}:{options.port} ({exc.strerror}). Choose another port "
              f"with --port, for example --port {options.port + 1}.", file=sys.stderr)
        return 2
    url = f"http://{LISTEN}:{port}/"
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    print(f"Local chat (no Telegram, nothing leaves this machine): {url}\nPress Ctrl+C to stop.", flush=True)
    if options.open_browser and _has_desktop():
        loop.run_in_executor(None, webbrowser.open, url)
    settings = local_settings(base, port, data_dir)
    app: Any = None
    try:
        try:
            app = await _build_when_content_is_fixed(settings, server, stop)
        except StorageError as exc:  # another bot on the given --data-dir, or a folder it cannot write
            print(f"The local chat cannot start.\n{exc}", file=sys.stderr, flush=True)
            return 2
        if app is not None:
            await _start(app)
            server.set_ready()
            print("The bot is ready.", flush=True)
            await stop.wait()
    finally:
        if app is not None:
            await stop_application(app)
        world.close()  # the page's long polls end at once
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.stop(), 3)
    return 0


async def _build_when_content_is_fixed(settings: Settings, server: ChatServer, stop: asyncio.Event) -> Any:
    """The application; while the content has errors, the report is on the page and the files are watched."""
    from bot.app import build_application
    from bot.live import ContentRefused
    from bot.safety import japanese

    seen = None
    while not stop.is_set():
        stamp = _content_stamp(settings.content_dir)
        if stamp != seen:
            seen = stamp
            try:
                app = await asyncio.to_thread(build_application, settings)
            except ContentRefused as exc:
                print("The content has errors; the chat starts once they are fixed.\n" + exc.report,
                      file=sys.stderr, flush=True)
                server.set_ready(problem=exc.report)
            else:
                await asyncio.to_thread(japanese.warm_up)  # post_init's call is then instant
                for name in ("tornado", "apscheduler"):  # jobs run every second here: INFO would drown the rest
                    logging.getLogger(name).setLevel(logging.WARNING)
                return app
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), CONTENT_POLL_SECONDS)
    return None


def _has_desktop() -> bool:
    """Without a display, ``webbrowser`` would start a text browser (lynx, w3m) inside this terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _content_stamp(folder: Path) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))


async def _start(app: Any) -> None:
    """What ``Application.run_polling`` does before it waits, without taking over the event loop."""
    from telegram import Update

    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.updater.start_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
    await app.start()


