"""A fake Telegram Bot API server on 127.0.0.1, so tests drive the real PTB ``Application`` over HTTP.

    async with FakeBotApi(token="123:ABC") as api:
        app = Application.builder().token(api.token).base_url(api.base_url).base_file_url(api.base_file_url).build()

It answers the methods in ``methods.METHODS`` plus those of ``updates.py`` (getUpdates as a real long poll,
setWebhook / deleteWebhook / getWebhookInfo), records every request (``api.calls``), remembers each chat as the
user sees it (``api.chat_messages``, ``api.visible_text``), answers unknown methods with 404 and lists them in
``api.unknown``, and injects failures on request (``api.fail``). ``wait_quiet`` decides when the bot has finished
answering an update; see its docstring.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.botapi.chats import JSON, ChatLog, StoredMessage, Upload
from tests.botapi.methods import METHODS, ApiError, Params, World
from tests.botapi.updates import UNSET, Signal, Updates, WaitTimeout, Webhook

# Values of these parameters stay strings even when they look like JSON ("123" as a message text).
SAFETY_NET = 60.0
"""Seconds a wait gives the bot before it fails a step. Only a safety net: a correct step returns as soon as the bot
is done, so this never slows a passing test; it is long because a content reload on a small CI machine, beside
three other test workers, has taken more than 10 s of wall time, and a correct step must not fail for that."""

_STRING_PARAMS = frozenset({
    "text", "caption", "parse_mode", "callback_query_id", "url", "secret_token", "action", "language_code", "photo",
    "document", "ip_address", "name", "description", "short_description", "file_id", "emoji", "title",
})
_SERVERS: weakref.WeakSet[FakeBotApi] = weakref.WeakSet()


@dataclass
class Call:
    """One request the bot made: what it asked and what it got."""

    method: str
    params: Params
    files: dict[str, Upload]
    time: float  # time.monotonic() on arrival
    status: int = 0  # HTTP status answered; 0 while in flight; -1 when the connection was dropped on purpose
    result: Any = None
    description: str | None = None
    injected: bool = False  # the answer came from api.fail(...)

    @property
    def name(self) -> str:
        return self.method.lower()

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return value if isinstance(value, int) else None

    def __str__(self) -> str:
        shown = {k: (v if len(str(v)) < 80 else str(v)[:77] + "...") for k, v in self.params.items()}
        outcome = "ok" if 200 <= self.status < 300 else f"{self.status} {self.description or ''}".strip()
        return f"{self.method}({shown}) -> {outcome}"


@dataclass
class Failure:
    """A planned failure: the next ``times`` matching requests get this answer instead of being carried out."""

    method: str
    chat_id: int | None
    times: int
    status: int
    description: str
    retry_after: float | None
    network: bool

    def matches(self, method: str, params: Params) -> bool:
        return self.times > 0 and self.method == method.lower() and (
            self.chat_id is None or params.get("chat_id") == self.chat_id
        )


_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def _decode(key: str, value: Any) -> Any:
    """Form fields arrive as strings; PTB JSON-encodes everything that is not a string (ints, bools, objects)."""
    if not isinstance(value, str) or key in _STRING_PARAMS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return decoded if isinstance(decoded, dict | list | int | float | bool) else value


class FakeBotApi:
    """The fake server; use as ``async with FakeBotApi() as api``."""

    def __init__(self, token: str = "123:ABC", *, bot_username: str = "fake_clinic_bot",
                 bot_name: str = "Clinic Bot") -> None:
        self.token = token
        self.world = World(bot_user={
            "id": int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1,
            "is_bot": True, "first_name": bot_name, "username": bot_username, "can_join_groups": True,
            "can_read_all_group_messages": False, "supports_inline_queries": False,
        })
        self.calls: list[Call] = []
        self.unknown: list[Call] = []
        self.signal = Signal()
        self.updates = Updates(self.signal)
        self.port = 0
        self._failures: list[Failure] = []
        self._holds: list[tuple[str, int | None, str, asyncio.Event]] = []
        self._inflight = 0
        self._last_activity = time.monotonic()
        self._apps: list[Any] = []  # running telegram.ext.Application objects: their update queues are watched
        self._runner: web.AppRunner | None = None

    # -- lifecycle ---------------------------------------------------------------------------------------------
    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        _SERVERS.add(self)

    async def stop(self) -> None:
        await self.updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
        _SERVERS.discard(self)

    @property
    def base_url(self) -> str:
        """The value for ``ApplicationBuilder.base_url`` (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @classmethod
    def serving(cls, base_url: str) -> FakeBotApi | None:
        """The running fake whose ``base_url`` a bot was built with (PTB's ``bot.base_url`` includes the token)."""
        return next((api for api in _SERVERS if base_url.startswith(api.base_url)), None)

    # -- chats -------------------------------------------------------------------------------------------------
    def add_chat(self, chat: JSON) -> ChatLog:
        """Make a chat known (the bot may write there); FakeUser does this for its chat."""
        return self.world.ensure_chat(chat)

    def remove_bot(self, chat_id: int) -> None:
        """The bot was removed from the group: getChatMember says "left", sending there answers 403."""
        self.world.removed.add(chat_id)

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: sending there answers 403 ``Forbidden: bot was blocked by the user``."""
        self.world.blocked.add(chat_id)

    def chat_messages(self, chat_id: int, *, include_deleted: bool = False) -> list[StoredMessage]:
        """Messages of the chat (user's and bot's), oldest first, each in its current (edited) version."""
        log = self.world.chats.get(chat_id)
        if log is None:
            return []
        return [m for m in log.messages.values() if include_deleted or not m.deleted]

    def bot_messages(self, chat_id: int) -> list[StoredMessage]:
        return [m for m in self.chat_messages(chat_id) if m.from_bot]

    def visible_text(self, chat_id: int) -> str:
        """The bot's messages in the chat as shown now, one blank line apart (media as ``[photo]`` ...)."""
        return "\n\n".join(" ".join(p for p in (m.marker(), m.text) if p) for m in self.bot_messages(chat_id))

    def documents(self, chat_id: int | None = None) -> list[Upload]:
        """Files the bot uploaded with sendDocument (to one chat, or anywhere), oldest first."""
        return [
            m.upload for log in self.world.chats.values() for m in log.messages.values()
            if m.kind == "document" and m.upload is not None and chat_id in (None, m.chat_id)
        ]

    def commands(self, *, scope: JSON | None = None, language_code: str = "") -> list[str]:
        """Command names registered with setMyCommands for a scope (default) and language."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return [c["command"] for c in self.world.commands.get(key, [])]

    def unanswered_callbacks(self) -> list[str]:
        """Callback data of queries the bot never answered (the user's button keeps spinning)."""
        return [q.data or "" for q in self.world.callbacks.values() if not q.answered]

    # -- the record --------------------------------------------------------------------------------------------
    def calls_of(self, method: str, **params: Any) -> list[Call]:
        """Calls of ``method`` (any case) whose params include all of ``params``."""
        return [c for c in self.calls if c.name == method.lower()
                and all(c.params.get(k) == v for k, v in params.items())]

    def refused(self) -> list[Call]:
        """Calls the fake refused as Telegram would (bad HTML, unknown chat, not modified ...), not injected ones."""
        return [c for c in self.calls if c.status >= 400 and not c.injected and c.status != 499]

    def problems(self) -> list[str]:
        """Everything a clean run should not have: unknown methods, refused calls, unanswered callback queries."""
        found = [f"unknown method {c}" for c in self.unknown]
        found += [f"refused: {c}" for c in self.refused() if c not in self.unknown]
        found += [f"callback query never answered: data={d!r}" for d in self.unanswered_callbacks()]
        return found

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the bot used the Bot API wrongly:\n  " + "\n  ".join(problems)

    # -- failure injection -------------------------------------------------------------------------------------
    def fail(self, method: str, chat_id: int | None = None, *, times: int = 1, status: int = 500,
             description: str | None = None, retry_after: float | None = None, network: bool = False) -> None:
        """Make the next ``times`` calls of ``method`` (to ``chat_id``, or any chat) fail.

        ``status=429`` answers ``Too Many Requests`` with ``parameters.retry_after`` (PTB raises ``RetryAfter``);
        400 defaults to ``Bad Request: chat not found`` (``BadRequest``), 403 to a blocked bot (``Forbidden``),
        500 to ``Internal Server Error`` (``NetworkError``). ``network=True`` closes the connection without an
        answer (PTB raises ``NetworkError``). Telegram sends whole seconds for ``retry_after``; a fraction keeps
        tests fast.
        """
        if status == 429:
            retry_after = retry_after if retry_after is not None else 1
            description = description or f"Too Many Requests: retry after {retry_after:g}"
        self._failures.append(Failure(
            method=method.lower(), chat_id=chat_id, times=times, status=status,
            description=description or _DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error"),
            retry_after=retry_after, network=network,
        ))

    def clear_failures(self) -> None:
        self._failures.clear()

    def hold(self, method: str, chat_id: int | None = None, containing: str = "") -> asyncio.Event:
        """Carry out the next call of ``method`` (to ``chat_id``, with ``containing`` in its text) but answer it only
        once the returned event is set: Telegram has done it, the bot does not know yet (faults between a send and
        its record, late answers)."""
        released = asyncio.Event()
        self._holds.append((method.lower(), chat_id, containing, released))
        return released

    def _take_failure(self, method: str, params: Params) -> Failure | None:
        for failure in self._failures:
            if failure.matches(method, params):
                failure.times -= 1
                return failure
        return None

    # -- updates ---------------------------------------------------------------------------------------------
    def enqueue(self, update: JSON) -> int:
        """Queue an update (its ``update_id`` is assigned and returned); with a webhook set it is pushed there."""
        return self.updates.enqueue(update)

    async def push_webhook(self, update: JSON, url: str | None = None, secret: str | None = UNSET) -> int:
        """POST an update to the bot's webhook as Telegram does; returns the HTTP status (-1: no connection).

        ``url`` defaults to ``updates.webhook_target`` or the URL the bot registered; ``secret`` to the registered
        ``secret_token`` (``None`` sends no header, any other string sends that one).
        """
        return await self.updates.push_webhook(update, url, secret)

    @property
    def webhook(self) -> Webhook:
        """What the bot registered with setWebhook (``url`` is empty while it polls)."""
        return self.updates.webhook

    # -- quiet detection ---------------------------------------------------------------------------------------
    def attach(self, app: Any) -> None:
        """Watch a running ``Application``: ``wait_quiet`` also waits until its update queue is processed."""
        self._apps.append(app)

    def detach(self, app: Any) -> None:
        if app in self._apps:
            self._apps.remove(app)

    async def wait_until(self, condition: Callable[[], bool], *, timeout: float = SAFETY_NET, what: str = "") -> None:
        """Wait (woken by server activity, no polling) until ``condition()`` holds; AssertionError after ``timeout``."""
        await self.signal.wait_until(condition, timeout=timeout, what=what)

    async def wait_quiet(self, update_id: int | None = None, *, settle: float | None = None,
                         timeout: float = SAFETY_NET) -> None:
        """Return once the bot has finished with ``update_id`` and has been silent for ``settle`` seconds.

        1. The update was handed over: a getUpdates call arrived with an offset beyond it (PTB asks again only
           after putting the fetched updates into its queue), or the webhook push answered 200.
        2. Every running Application attached by ``running_app`` has processed its whole update queue
           (``await app.update_queue.join()``: PTB marks an update done after all its handlers ran).
        3. No Bot API request other than getUpdates is in flight, and none started or ended for ``settle``
           seconds (default 0.05 with an attached app, 0.15 without), which catches tasks the handlers spawned.
        ``timeout`` is only a safety net; exceeding it raises an AssertionError saying which step never came.
        """
        deadline = time.monotonic() + timeout
        if update_id is not None:
            try:
                await self.wait_until(lambda: self.updates.delivered(update_id), timeout=timeout)
            except WaitTimeout:
                raise AssertionError(
                    f"update #{update_id} was not fetched by the bot within {timeout:g}s: is the application "
                    f"running (running_app) with base_url={self.base_url!r}? Last getUpdates: "
                    f"{next((str(c) for c in reversed(self.calls_of('getUpdates'))), 'none')}"
                ) from None
        for app in list(self._apps):
            try:
                await asyncio.wait_for(app.update_queue.join(), max(deadline - time.monotonic(), 0))
            except TimeoutError:
                raise AssertionError(f"the application was still processing updates after {timeout:g}s; "
                                     f"last requests: {self._recent()}") from None
        settle = settle if settle is not None else (0.05 if self._apps else 0.15)
        while True:
            now = time.monotonic()
            quiet_for = now - self._last_activity
            if self._inflight == 0 and quiet_for >= settle:
                return
            if now >= deadline:
                raise AssertionError(f"the bot did not go quiet within {timeout:g}s; {self._inflight} request(s) "
                                     f"in flight; last requests: {self._recent()}")
            await self.signal.wait(min(settle - quiet_for if self._inflight == 0 else settle, deadline - now))

    def _recent(self, n: int = 5) -> str:
        calls = [c for c in self.calls if c.name != "getupdates"][-n:]
        return "; ".join(str(c) for c in calls) or "none"

    # -- HTTP ----------------------------------------------------------------------------------------------
    async def _read(self, request: web.Request) -> tuple[Params, dict[str, Upload]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, Upload] = {}
        if request.content_type == "application/json":
            raw.update(await request.json())
        elif request.body_exists:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = Upload(key, value.filename, value.content_type, value.file.read())
                else:
                    raw[key] = value
        params = {key: _decode(key, value) for key, value in raw.items()}
        for key, value in list(params.items()):  # "attach://name" points at a multipart part
            if isinstance(value, str) and value.startswith("attach://") and value[9:] in files:
                params[key] = files[value[9:]]
        for key, upload in files.items():
            params.setdefault(key, upload)
        return params, files

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._serve_file(path)
        match = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)/?", path)
        if match is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        token, method = match.groups()
        params, files = await self._read(request)
        call = Call(method=method, params=params, files=files, time=time.monotonic())
        self.calls.append(call)
        polling = call.name == "getupdates"
        if not polling:
            self._inflight += 1
            self._last_activity = time.monotonic()
        self.signal.pulse()
        try:
            return await self._answer(call, token, request)
        finally:
            if not polling:
                self._inflight -= 1
                self._last_activity = time.monotonic()
            self.signal.pulse()

    async def _answer(self, call: Call, token: str, request: web.Request) -> web.StreamResponse:
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            failure = self._take_failure(call.method, call.params)
            if failure is not None:
                call.injected = True
                if failure.network:
                    call.status = -1
                    if request.transport is not None:
                        request.transport.close()
                    return web.Response(status=500)  # never written: the connection is gone
                parameters = {"retry_after": failure.retry_after} if failure.status == 429 else None
                raise ApiError(failure.status, failure.description, parameters)
            call.result = await self._dispatch(call, request)
            for hold in list(self._holds):
                method, chat_id, containing, released = hold
                if method == call.name and chat_id in (None, call.params.get("chat_id")) and \
                        containing in str(call.params.get("text", "")):
                    self._holds.remove(hold)
                    await released.wait()
                    break
            call.status = 200
            return web.json_response({"ok": True, "result": call.result})
        except ApiError as exc:
            call.status, call.description = exc.status, exc.description
            body: JSON = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.parameters:
                body["parameters"] = exc.parameters
            return web.json_response(body, status=exc.status)

    async def _dispatch(self, call: Call, request: web.Request) -> Any:
        name, params = call.name, call.params
        if name == "getupdates":
            return await self.updates.get_updates(
                params, lambda: request.transport is None or request.transport.is_closing())
        if name == "setwebhook":
            return self.updates.set_webhook(params)
        if name == "deletewebhook":
            return self.updates.delete_webhook(params)
        if name == "getwebhookinfo":
            return self.updates.webhook_info()
        method = METHODS.get(name)
        if method is None:
            self.unknown.append(call)
            raise ApiError(404, f"Not Found: method {call.method}")
        return method(self.world, params)

    def _serve_file(self, path: str) -> web.StreamResponse:
        prefix = f"/file/bot{self.token}/"
        file_id = self.world.file_paths.get(path[len(prefix):]) if path.startswith(prefix) else None
        upload = self.world.files.get(file_id or "")
        if upload is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=upload.data, content_type=upload.content_type or "application/octet-stream")
