"""One tornado server on 127.0.0.1: the Bot API stand-in the bot talks to, and the chat page a person uses.

    /bot<token>/<method>       the Bot API (form, multipart or JSON bodies, as PTB and Telegram use them)
    /                          the chat page; /static/... its script and style
    /api/state?since=N         the page's long poll: both chats as JSON once anything changed after version N
    /api/send, /api/press, /api/patient     what the simulated people do (JSON POST only)
    /media/<file_id>           pictures and files the bot sent

Tornado because python-telegram-bot's ``webhooks`` extra, which the bot already depends on, brings it: the local
chat adds no dependency. Requests are accepted only with a ``Host`` of 127.0.0.1 or localhost (a web page the
person has open elsewhere cannot reach the chat by DNS rebinding), and the page's actions only as
``application/json`` (a cross-site form cannot post those without a CORS preflight, which is never granted).
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.iostream import StreamClosedError
from tornado.netutil import bind_sockets
from tornado.web import Application, HTTPError, RequestHandler, StaticFileHandler

from bot.localchat.botapi import ApiError, call, decode
from bot.localchat.world import Upload, World

STATIC = Path(__file__).parent / "static"
LISTEN = "127.0.0.1"
PAGE_POLL_SECONDS = 20.0


class _Local(RequestHandler):
    """Refuses any Host but this machine's loopback names."""

    def initialize(self, world: World, status: dict[str, str]) -> None:
        self.world = world
        self.status = status

    def prepare(self) -> Awaitable[None] | None:
        host = self.request.host_name
        if host not in ("127.0.0.1", "localhost"):
            raise HTTPError(403, "the local chat answers only on 127.0.0.1")
        return None

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def json_body(self) -> dict[str, Any]:
        if not self.request.headers.get("Content-Type", "").startswith("application/json"):
            raise HTTPError(415, "send JSON")
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise HTTPError(400, "not JSON") from None
        if not isinstance(body, dict):
            raise HTTPError(400, "expected a JSON object")
        return body


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise HTTPError(400, "expected a whole number") from None


class BotApiHandler(_Local):
    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    async def post(self, token: str, method: str) -> None:
        if token != self.status["token"]:
            self._answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        params: dict[str, Any] = {}
        if self.request.headers.get("Content-Type", "").startswith("application/json") and self.request.body:
            params.update(self.json_body())
        for key, values in {**self.request.query_arguments, **self.request.body_arguments}.items():
            params[key] = decode(key, values[-1].decode("utf-8"))
        uploads = {name: Upload(f[0].filename or name, f[0].content_type or "application/octet-stream", f[0].body)
                   for name, f in self.request.files.items() if f}
        params.update({k: v for k, v in uploads.items() if k not in params})
        try:
            result = await call(self.world, method, params, uploads)
        except ApiError as exc:
            self._answer(exc.status, {"ok": False, "error_code": exc.status, "description": exc.description})
            return
        self._answer(200, {"ok": True, "result": result})

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        with contextlib.suppress(StreamClosedError):  # the bot stopped polling (shutting down)
            self.finish(json.dumps(body, ensure_ascii=False))


class PageHandler(_Local):
    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy",
                        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'")
        self.finish((STATIC / "chat.html").read_bytes())


class StateHandler(_Local):
    async def get(self) -> None:
        since = _number(self.get_query_argument("since", "-1"))
        if self.world.version <= since:
            await self.world.wait_change(PAGE_POLL_SECONDS)
        state = {**self.world.snapshot(), "problem": self.status.get("problem", ""),
                 "ready": self.status.get("ready") == "yes"}
        with contextlib.suppress(StreamClosedError):  # the page was closed or reloaded
            self.finish(state)


class SendHandler(_Local):
    def post(self) -> None:
        body = self.json_body()
        self.world.send_text(str(body.get("pane", "patient")), str(body.get("text", ""))[:4096])
        self.finish({"ok": True})


class PressHandler(_Local):
    def post(self) -> None:
        body = self.json_body()
        pressed = self.world.press(str(body.get("pane", "patient")), _number(body.get("message_id")),
                                   str(body.get("data", "")))
        self.set_status(200 if pressed else 409)
        self.finish({"ok": pressed})


class PatientHandler(_Local):
    def post(self) -> None:
        language = str(self.json_body().get("language", "ja"))
        self.world.new_patient("en" if language == "en" else "ja")
        self.finish({"ok": True})


class MediaHandler(_Local):
    def get(self, file_id: str) -> None:
        upload = self.world.files.get(file_id)
        if upload is None:
            raise HTTPError(404)
        self.set_header("Content-Type", upload.content_type)
        if not upload.content_type.startswith("image/"):
            self.set_header("Content-Disposition", f'attachment; filename="{upload.filename}"')
        self.finish(upload.data)


class _LocalStatic(StaticFileHandler):
    """The page's script and style, under the same Host rule."""

    def prepare(self) -> None:
        if self.request.host_name not in ("127.0.0.1", "localhost"):
            raise HTTPError(403, "the local chat answers only on 127.0.0.1")


class ChatServer:
    """The HTTP side of the local chat; ``listen`` binds 127.0.0.1 only and returns the port."""

    def __init__(self, world: World, token: str) -> None:
        self.world = world
        self.status: dict[str, str] = {"token": token, "ready": "no", "problem": ""}
        args = {"world": world, "status": self.status}
        self.app = Application([
            (r"/bot([^/]+)/([A-Za-z]+)", BotApiHandler, args),
            (r"/", PageHandler, args),
            (r"/api/state", StateHandler, args),
            (r"/api/send", SendHandler, args),
            (r"/api/press", PressHandler, args),
            (r"/api/patient", PatientHandler, args),
            (r"/media/([A-Za-z0-9]+)", MediaHandler, args),
            (r"/static/(.*)", _LocalStatic, {"path": str(STATIC)}),
        ], log_function=lambda handler: None)  # no access log: URLs are harmless, but keep the logs quiet
        self._http: HTTPServer | None = None

    def listen(self, port: int) -> int:
        sockets = bind_sockets(port, address=LISTEN, family=socket.AF_INET)
        self._http = HTTPServer(self.app, max_body_size=64 * 1024 * 1024)
        self._http.add_sockets(sockets)
        return int(sockets[0].getsockname()[1])

    def set_ready(self, problem: str = "") -> None:
        self.status["ready"] = "no" if problem else "yes"
        self.status["problem"] = problem
        self.world.changed()

    async def stop(self) -> None:
        if self._http is not None:
            self._http.stop()
            await self._http.close_all_connections()
