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

With several instances on one PostgreSQL database (``Services.gate``), an update is handled while the request
waits, inside ``UpdateGate.turn``: one chat's updates one at a time across instances, a repeated update id
skipped, and the answer 200 sent only once the update was handled. An instance killed mid-update never answers,
so Telegram sends the update again (to whichever instance) and nothing is lost. On SQLite (one process) the
update is queued and answered at once, as before.

``GET /healthz`` (no secret, no body read) answers 200 ``{"ok": true, ...}`` when the database answers and the
oldest undelivered lead card has waited less than ``HEALTH_OUTBOX_AGE``, else 503 with the reason: the
platform's health check restarts or stops routing to an instance that cannot reach its database.

It drives the ``Application`` the way ``run_webhook`` does: initialize, post_init, setWebhook, start; on SIGINT or
SIGTERM stop, post_stop, shutdown, post_shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import json
import logging
import re
import signal
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application
from tornado.http1connection import HTTP1Connection
from tornado.httpserver import HTTPServer
from tornado.web import Application as TornadoApplication
from tornado.web import RequestHandler, stream_request_body

from bot.lifecycle import stop_application
from bot.safe_updates import parse_update
from bot.storage.base import StorageError

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PRE_AUTH_BODY_LIMIT = 16 * 1024
UPDATE_BODY_LIMIT = 1024 * 1024
AnyApp = Application[Any, Any, Any, Any, Any, Any]
HEALTH_OUTBOX_AGE = dt.timedelta(minutes=15)
"""Older than this, an undelivered card makes /healthz fail (delivery retries back off to at most 10 minutes)."""


@stream_request_body
class UpdateHandler(RequestHandler):
    """POST one update as JSON with the secret header."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, app: AnyApp, secret: str, services: Services | None = None) -> None:
        self.app = app
        self.services = services
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
        gate = self.services.gate if self.services is not None else None
        if update is not None and gate is not None:
            chat = update.effective_chat
            try:
                async with gate.turn(update.update_id, chat.id if chat else None, dt.datetime.now(dt.UTC)) as fresh:
                    if fresh:
                        await self.app.update_processor.process_update(update, self.app.process_update(update))
            except StorageError as exc:  # Telegram will send it again
                log.warning("webhook: update %d not handled, the database failed (%s)", update.update_id,
                            type(exc).__name__)
                self.send_error(503)
                return
        elif update is not None:
            await self.app.update_queue.put(update)
        self.set_status(200)
        self.finish()

    def log_exception(self, *args: Any) -> None:
        """Tornado's own lines would include the request; ours never do."""
        log.warning("webhook: a request failed (%s)", args[0].__name__ if args and args[0] else "unknown")


class HealthHandler(RequestHandler):
    """GET /healthz: the database answers and lead cards are not stuck (see the module docstring)."""

    SUPPORTED_METHODS = ("GET",)

    def initialize(self, services: Services | None) -> None:
        self.services = services

    def get(self) -> None:
        status, body = health(self.services)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))


def health(services: Services | None, now: dt.datetime | None = None) -> tuple[int, dict[str, Any]]:
    """The status code and JSON body of /healthz (no personal data: counts and ages only)."""
    if services is None:
        return 200, {"ok": True}
    now = now or dt.datetime.now(dt.UTC)
    try:
        services.db.ping()
        age = services.leads.outbox.oldest_pending_age(now)
    except StorageError:
        return 503, {"ok": False, "database": "unreachable"}
    seconds = None if age is None else round(age.total_seconds())
    body: dict[str, Any] = {"ok": True, "database": services.db.kind, "outbox_oldest_seconds": seconds}
    if age is not None and age > HEALTH_OUTBOX_AGE:
        body.update(ok=False, problem="lead cards wait longer than "
                    f"{int(HEALTH_OUTBOX_AGE.total_seconds() // 60)} minutes: see /health in the staff chat")
        return 503, body
    return 200, body


def make_server(app: AnyApp, url_path: str, secret: str, services: Services | None = None) -> HTTPServer:
    path = re.escape(url_path.strip("/"))
    web = TornadoApplication([(rf"/{path}/?", UpdateHandler, {"app": app, "secret": secret, "services": services}),
                              (r"/healthz", HealthHandler, {"services": services})],
                             log_function=lambda handler: None)
    return HTTPServer(web, max_body_size=PRE_AUTH_BODY_LIMIT, body_timeout=10, idle_connection_timeout=75,
                      xheaders=True)


async def serve(app: AnyApp, *, listen: str, port: int, url_path: str, webhook_url: str, secret: str,
                services: Services | None = None) -> None:
    """Run until SIGINT or SIGTERM (``services``: the app's own, ``app.services``, by default)."""
    services = services if services is not None else getattr(app, "services", None)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await app.initialize()  # getMe: a refused token or an unreachable Bot API ends here
    except TelegramError:
        if app.post_shutdown:  # closes the database and the HTTP clients that initialize left open
            await app.post_shutdown(app)
        raise
    server: HTTPServer | None = None
    try:
        if app.post_init:
            await app.post_init(app)
        server = make_server(app, url_path, secret, services)
        server.listen(port, address=listen)
        await app.bot.set_webhook(webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        await app.start()
        log.info("webhook: listening on %s:%d", listen, port)
        await stop.wait()
        log.info("webhook: stop signal received, shutting down")
    finally:
        if server is not None:
            server.stop()
        await stop_application(app)
