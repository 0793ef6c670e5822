"""A minimal, fast fake Bot API for the benchmark: hands out updates and times the bot's answers.

It serves one bot on 127.0.0.1 (a random port). Updates offered with ``offer`` are handed out through
``getUpdates`` (a real long poll that honours ``offset`` and ``limit``) or, once the bot has called
``setWebhook``, POSTed to the webhook with the secret-token header. Every other method gets a small valid answer
(``message_id`` counts up). Unlike ``tests/botapi`` it keeps no chat history and checks nothing: its job is to
cost as little as possible while recording, per update, when it was handed out and when the first answering
request for it arrived.

An answering request is ``answerCallbackQuery`` for the update's query id, or a sending or editing method whose
``chat_id`` is the update's chat. ``sendChatAction`` (typing) is counted but is not an answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from bench.stream import BOT_USER, JSON

ANSWERS = frozenset({
    "sendmessage", "editmessagetext", "editmessagereplymarkup", "editmessagecaption", "sendphoto", "senddocument",
    "copymessage", "forwardmessage", "deletemessage", "answercallbackquery",
})
_MESSAGE_RESULTS = frozenset({"sendmessage", "editmessagetext", "editmessagereplymarkup", "editmessagecaption",
                              "sendphoto", "senddocument", "forwardmessage"})
WEBHOOK_CONNECTIONS = 40
"""Telegram's default ``max_connections`` for a webhook."""
PUSH_ATTEMPTS, PUSH_RETRY_S = 100, 0.05


@dataclass(slots=True, eq=False)
class Record:
    """One offered update and what became of it (times are ``time.perf_counter()`` in this process)."""

    update_id: int
    chat_id: int
    kind: str
    query_id: str | None
    offered: float
    body: bytes
    handed: float = 0.0
    first: float = 0.0
    last: float = 0.0
    requests: int = 0
    owner: Any = None
    """Whoever offered it (the load driver's user slot)."""


@dataclass
class StaffMessage:
    time: float
    text: str


@dataclass
class Webhook:
    url: str
    secret: str | None


@dataclass
class Stats:
    calls: Counter[str] = field(default_factory=Counter)
    answer_times: list[float] = field(default_factory=list)
    """Arrival of every answering request to a user, in order (for gaps in answering)."""
    staff: list[StaffMessage] = field(default_factory=list)
    webhook_errors: int = 0


class FakeApi:
    """``async with FakeApi(token) as api``; point the bot at ``api.base_url``."""

    def __init__(self, token: str, *, staff_chat_id: int = -1001234567890, latency_s: float = 0.0) -> None:
        self.token = token
        self.latency_s = latency_s
        """Added before every answer except getUpdates: the round trip to Telegram's servers, which on loopback
        is ~0 (a bot that handles one update at a time waits for it on every request)."""
        self.staff_chat_id = staff_chat_id
        self.stats = Stats()
        self.webhook: Webhook | None = None
        self.on_first_answer: Callable[[Record], None] | None = None
        self._queue: deque[Record] = deque()
        self._arrived = asyncio.Event()
        self._by_chat: dict[int, Record] = {}
        self._by_query: dict[str, Record] = {}
        self._message_ids = 1000
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._pushes: set[asyncio.Task[None]] = set()
        self._push_slots = asyncio.Semaphore(WEBHOOK_CONNECTIONS)
        self._closing = False
        self.port = 0

    async def __aenter__(self) -> FakeApi:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        self._closing = True
        self._arrived.set()
        for task in list(self._pushes):
            task.cancel()
        await asyncio.gather(*self._pushes, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """``TELEGRAM_API_BASE_URL`` for the bot (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- offering updates -------------------------------------------------------------------------------------

    def offer(self, update: JSON, kind: str, query_id: str | None, owner: Any = None) -> Record:
        """Make an update available now: queued for getUpdates, or pushed to the webhook when one is set."""
        chat_id = _chat_of(update)
        record = Record(update["update_id"], chat_id, kind, query_id, time.perf_counter(),
                        json.dumps(update, ensure_ascii=False).encode("utf-8"), owner=owner)
        self._by_chat[chat_id] = record
        if query_id is not None:
            self._by_query[query_id] = record
        if self.webhook is not None:
            self._push(record)
        else:
            self._queue.append(record)
            self._arrived.set()
        return record

    def _push(self, record: Record) -> None:
        task = asyncio.get_running_loop().create_task(self._post(record))
        self._pushes.add(task)
        task.add_done_callback(self._pushes.discard)

    async def _post(self, record: Record) -> None:
        assert self.webhook is not None
        if self._session is None:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=WEBHOOK_CONNECTIONS))
        headers = {"Content-Type": "application/json"}
        if self.webhook.secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook.secret
        async with self._push_slots:
            for _attempt in range(PUSH_ATTEMPTS):  # Telegram retries too (the bot may not listen yet)
                record.handed = time.perf_counter()
                try:
                    async with self._session.post(self.webhook.url, data=record.body, headers=headers) as response:
                        await response.read()
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                self.stats.webhook_errors += 1
                await asyncio.sleep(PUSH_RETRY_S)

    # --- HTTP -------------------------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.perf_counter()
        method = request.match_info["method"].lower()
        self.stats.calls[method] += 1
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update((k, v) for k, v in (await request.post()).items() if isinstance(v, str))
        if method == "getupdates":
            return await self._get_updates(params)
        if method in ANSWERS:
            self._note_answer(method, params, arrived)
        if self.latency_s > 0:
            await asyncio.sleep(self.latency_s)
        return _ok_raw(self._result(method, params))

    def _note_answer(self, method: str, params: dict[str, Any], arrived: float) -> None:
        record: Record | None
        if method == "answercallbackquery":
            record = self._by_query.pop(str(params.get("callback_query_id")), None)
        else:
            chat_id = _int(params.get("chat_id"))
            if chat_id == self.staff_chat_id:
                self.stats.staff.append(StaffMessage(arrived, str(params.get("text", ""))))
                return
            record = self._by_chat.get(chat_id) if chat_id is not None else None
        if record is None:
            return
        self.stats.answer_times.append(arrived)
        record.last = arrived
        record.requests += 1
        if not record.first:
            record.first = arrived
            if self.on_first_answer is not None:
                self.on_first_answer(record)

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = _int(params.get("offset")) or 0
        limit = min(max(_int(params.get("limit")) or 100, 1), 100)
        timeout = float(params.get("timeout") or 0)
        queue = self._queue
        while queue and queue[0].update_id < offset:
            queue.popleft()
        if not queue and timeout > 0 and not self._closing:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout)
        batch = [queue[i] for i in range(min(limit, len(queue)))]
        now = time.perf_counter()
        for record in batch:
            if not record.handed:
                record.handed = now
        return web.Response(body=b'{"ok":true,"result":[' + b",".join(r.body for r in batch) + b"]}",
                            content_type="application/json")

    def _result(self, method: str, params: dict[str, Any]) -> str:
        if method in _MESSAGE_RESULTS:
            chat_id = _int(params.get("chat_id")) or 0
            if method.startswith("edit"):
                message_id = _int(params.get("message_id")) or 1
            else:
                self._message_ids += 1
                message_id = self._message_ids
            kind = "private" if chat_id > 0 else "supergroup"
            extra = ""
            if method == "sendphoto":
                extra = ',"photo":[{"file_id":"p","file_unique_id":"pu","width":1,"height":1}]'
            elif method == "senddocument":
                extra = ',"document":{"file_id":"d","file_unique_id":"du"}'
            return (f'{{"message_id":{message_id},"date":{int(time.time())},'
                    f'"chat":{{"id":{chat_id},"type":"{kind}","title":"chat"}}{extra}}}')
        if method == "copymessage":
            self._message_ids += 1
            return f'{{"message_id":{self._message_ids}}}'
        if method == "getme":
            return json.dumps(BOT_USER)
        if method == "getmycommands":
            return "[]"
        if method == "getwebhookinfo":
            url = self.webhook.url if self.webhook else ""
            return json.dumps({"url": url, "has_custom_certificate": False, "pending_update_count": len(self._queue)})
        if method == "setwebhook":
            self.webhook = Webhook(str(params.get("url", "")), params.get("secret_token"))
            while self._queue:
                self._push(self._queue.popleft())
        elif method == "deletewebhook":
            self.webhook = None
        return "true"


def _chat_of(update: JSON) -> int:
    if "callback_query" in update:
        return int(update["callback_query"]["from"]["id"])
    return int(update["message"]["chat"]["id"])


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _ok_raw(result: str) -> web.Response:
    return web.Response(body=('{"ok":true,"result":' + result + "}").encode("utf-8"),
                        content_type="application/json")


def _error(status: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": status, "description": description}, status=status)
