"""The webhook server: local by default, authenticated before it reads a body, and never stopped by one bad update.

PTB's own webhook server listens wherever it is told, reads a body of up to 100 MiB before it checks the secret,
and answers an update it cannot parse with 400 (so Telegram sends it again and again) after logging the whole
update. This one:

* listens on ``WEBHOOK_LISTEN`` (default 127.0.0.1: a reverse proxy with TLS sits in front, as Telegram needs
  HTTPS anyway);
* checks the secret-token header (compared in constant time) before the body: a request without it may send at
  most ``PRE_AUTH_BODY_LIMIT`` bytes before the connection is dropped; with it, an update may be
  ``UPDATE_BODY_LIMIT`` bytes (Telegram's largest updates are some tens of kilobytes);
* answers 200 to an authentic update it cannot parse, logging its id only (``bot.safe_updates``), so Telegram
  moves on to the next one.

It drives the ``Application`` the way ``run_webhook`` does: initialize, post_init, setWebhook, start; on SIGINT or
SIGTERM stop, post_stop, shutdown, post_shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import signal
from typing import Any

from telegram import Update
from telegram.ext import Application
from tornado.http1connection import HTTP1Connection
from tornado.httpserver import HTTPServer
from tornado.web import Application as TornadoApplication
from tornado.web import RequestHandler, stream_request_body

from bot.safe_updates import parse_update

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PRE_AUTH_BODY_LIMIT = 16 * 1024
UPDATE_BODY_LIMIT = 1024 * 1024
AnyApp = Application[Any, Any, Any, Any, Any, Any]


@stream_request_body
class UpdateHandler(RequestHandler):
    """POST one update as JSON with the secret header."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, app: AnyApp, secret: str) -> None:
        self.app = app
        self.secret = secret.encode("utf-8")
        self.body = bytearray()
        self.authentic = False

    def prepare(self) -> None:
        sent = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(sent, self.secret):
            self.set_status(403)
            self.set_header("Connection", "close")  # its body is never read: the connection cannot be reused
            self.finish()
            return
        self.authentic = True
        connection = self.request.connection
        if isinstance(connection, HTTP1Connection):
            connection.set_max_body_size(UPDATE_BODY_LIMIT)

    def data_received(self, chunk: bytes) -> None:
        if self.authentic:
            self.body += chunk

    async def post(self) -> None:
        try:
            data = json.loads(bytes(self.body))
        except ValueError:
            log.warning("webhook: refused a body that is not JSON")
            self.send_error(400)
            return
        update = parse_update(data, self.app.bot)
        if update is not None:
            await self.app.update_queue.put(update)
        self.set_status(200)
        self.finish()

    def log_exception(self, *args: Any) -> None:
        """Tornado's own lines would include the request; ours never do."""
        log.warning("webhook: a request failed (%s)", args[0].__name__ if args and args[0] else "unknown")


def make_server(app: AnyApp, url_path: str, secret: str) -> HTTPServer:
    path = re.escape(url_path.strip("/"))
    web = TornadoApplication([(rf"/{path}/?", UpdateHandler, {"app": app, "secret": secret})],
                             log_function=lambda handler: None)
    return HTTPServer(web, max_body_size=PRE_AUTH_BODY_LIMIT, body_timeout=10, idle_connection_timeout=75,
                      xheaders=True)


async def serve(app: AnyApp, *, listen: str, port: int, url_path: str, webhook_url: str, secret: str) -> None:
    """Run until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await app.initialize()
    server: HTTPServer | None = None
    try:
        if app.post_init:
            await app.post_init(app)
        server = make_server(app, url_path, secret)
        server.listen(port, address=listen)
        await app.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        await app.start()
        log.info("webhook: listening on %s:%d", listen, port)
        await stop.wait()
        log.info("webhook: stop signal received, shutting down")
    finally:
        if server is not None:
            server.stop()
        if app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
