"""Run a real ``telegram.ext.Application`` against the fake Bot API, the way ``run_polling``/``run_webhook`` do.

``running_app(app)`` repeats what ``Application.run_polling`` does around the event loop (initialize, post_init,
start the updater, start; then stop the updater, stop, post_stop, shutdown, post_shutdown) without touching
signal handlers or closing the loop, so pytest's loop and warnings-as-errors stay happy.

``AppHost`` builds the app from a factory ``(api, data_dir) -> Application`` and can ``restart()`` it: app 1
stops cleanly, app 2 is built by the same factory on the same data directory, and the conversation goes on.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from telegram import Update
from telegram.ext import Application

from bot.lifecycle import stop_application
from tests.botapi.server import FakeBotApi

AnyApp = Application[Any, Any, Any, Any, Any, Any]
AppFactory = Callable[[FakeBotApi, Path], AnyApp]
Mode = Literal["polling", "webhook"]
WEBHOOK_SECRET = "fake-webhook-secret"


def free_port() -> int:
    """A free TCP port on 127.0.0.1 for the bot's own webhook server (PTB needs the number up front)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def running_app(app: AnyApp, api: FakeBotApi | None = None, *, mode: Mode = "polling",
                      poll_timeout: int = 1, webhook_secret: str = WEBHOOK_SECRET,
                      allowed_updates: list[str] | None = None) -> AsyncIterator[AnyApp]:
    """Initialise, start and poll (or serve a webhook); always shut down cleanly, even when the body fails.

    ``api`` defaults to the running ``FakeBotApi`` the app's ``base_url`` points at; the app is attached to it so
    ``wait_quiet`` also waits for the app's update queue. In webhook mode the bot listens on a free local port and
    registers ``http://127.0.0.1:PORT/telegram`` with ``webhook_secret``; the fake then pushes updates there.
    """
    api = api or FakeBotApi.serving(app.bot.base_url)
    assert api is not None, f"no running FakeBotApi serves {app.bot.base_url!r}: build the app with api.base_url"
    assert app.updater is not None, "the application was built without an updater"
    allowed = allowed_updates if allowed_updates is not None else Update.ALL_TYPES
    try:
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        if mode == "polling":
            await app.updater.start_polling(poll_interval=0, timeout=poll_timeout, allowed_updates=allowed)
        else:
            port = free_port()
            await app.updater.start_webhook(
                listen="127.0.0.1", port=port, url_path="telegram", secret_token=webhook_secret,
                webhook_url=f"http://127.0.0.1:{port}/telegram", allowed_updates=allowed,
            )
        await app.start()
        api.attach(app)
        yield app
    finally:
        api.detach(app)
        await stop_application(app)


class AppHost:
    """The bot as a process would run it: built by ``factory(api, data_dir)``, restartable on the same data.

        async with AppHost(api, factory, tmp_path) as host:
            await user.send("/start")
            await host.restart()          # app 1 stops cleanly; app 2 from the same factory and data_dir
            await user.send("/count")
    """

    def __init__(self, api: FakeBotApi, factory: AppFactory, data_dir: Path, *, mode: Mode = "polling") -> None:
        self.api = api
        self.factory = factory
        self.data_dir = data_dir
        self.mode = mode
        self.starts = 0
        self._stack: AsyncExitStack | None = None
        self._app: AnyApp | None = None

    @property
    def app(self) -> AnyApp:
        assert self._app is not None, "the app is not running"
        return self._app

    async def start(self) -> AnyApp:
        assert self._stack is None, "the app is already running"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        app = self.factory(self.api, self.data_dir)
        stack = AsyncExitStack()
        await stack.enter_async_context(running_app(app, self.api, mode=self.mode))
        self._stack, self._app = stack, app
        self.starts += 1
        return app

    async def stop(self) -> None:
        if self._stack is not None:
            stack, self._stack, self._app = self._stack, None, None
            await stack.aclose()

    async def restart(self) -> AnyApp:
        """Stop the running app and start a new one from the same factory and data directory."""
        await self.stop()
        return await self.start()

    async def __aenter__(self) -> AppHost:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
