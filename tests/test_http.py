"""Bot API requests go as one JSON body, uploads as a multipart form, failures raise PTB's own errors, and a failed
request says whether it may have reached Telegram (the staff card's "may be a repeat" line depends on it)."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.http import POOL_TIMEOUT_MESSAGE, AiohttpRequest, may_have_arrived

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("🏠 メニュー", callback_data="a:home")]])
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def request_data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(name, value) for name, value in params.items()])


@dataclass
class Server:
    """A local HTTP server whose answer each test chooses; it keeps what it was sent."""

    url: str
    handler: list[Handler]
    seen: list[tuple[str, bytes]] = field(default_factory=list)


async def ok(request: web.Request) -> web.StreamResponse:
    return web.json_response({"ok": True, "result": True})


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    handler: list[Handler] = [ok]
    found = Server("", handler)

    async def answer(request: web.Request) -> web.StreamResponse:
        found.seen.append((request.headers.get("Content-Type", ""), await request.read()))
        return await handler[0](request)

    app = web.Application()
    app.router.add_post("/bot123:ABC/{method}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    found.url = f"http://127.0.0.1:{port}/bot123:ABC/sendMessage"
    try:
        yield found
    finally:
        await runner.cleanup()


@pytest.fixture
async def client() -> AsyncIterator[AiohttpRequest]:
    request = AiohttpRequest(connection_pool_size=1, read_timeout=0.2, pool_timeout=0.05)
    await request.initialize()
    try:
        yield request
    finally:
        await request.shutdown()


async def test_a_message_goes_as_one_json_body(server: Server, client: AiohttpRequest) -> None:
    status, payload = await client.do_request(server.url, "POST", request_data(
        chat_id=700000001, text="<b>TMS治療</b>とは\ud800", parse_mode="HTML", reply_markup=KEYBOARD))
    assert (status, json.loads(payload)) == (200, {"ok": True, "result": True})
    content_type, body = server.seen[0]
    assert content_type == "application/json"
    assert json.loads(body) == {"chat_id": 700000001, "text": "<b>TMS治療</b>とは\ud800", "parse_mode": "HTML",
                                "reply_markup": KEYBOARD.to_dict()}


async def test_an_upload_goes_as_a_multipart_form(server: Server, client: AiohttpRequest) -> None:
    await client.do_request(server.url, "POST", request_data(chat_id=1, document=InputFile(b"a,b\n", "leads.csv")))
    content_type, body = server.seen[0]
    assert content_type.startswith("multipart/form-data")
    assert b'filename="leads.csv"' in body and b"a,b\n" in body and b'name="chat_id"' in body


async def test_an_http_error_answer_is_handed_to_ptb(server: Server, client: AiohttpRequest) -> None:
    async def refused(request: web.Request) -> web.StreamResponse:
        return web.json_response({"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
                                 status=400)

    server.handler[0] = refused
    status, payload = await client.do_request(server.url, "POST", request_data(chat_id=1, text="hi"))
    assert status == 400 and json.loads(payload)["description"] == "Bad Request: chat not found"


async def test_a_late_answer_is_a_time_out_that_may_have_arrived(server: Server, client: AiohttpRequest) -> None:
    released = asyncio.Event()

    async def late(request: web.Request) -> web.StreamResponse:
        await released.wait()
        return await ok(request)

    server.handler[0] = late
    try:
        with pytest.raises(TimedOut) as raised:
            await client.do_request(server.url, "POST", request_data(chat_id=1, text="hi"))
    finally:
        released.set()
    assert str(raised.value) == "Timed out" and may_have_arrived(raised.value)


async def test_no_free_connection_is_ptbs_pool_time_out_and_nothing_was_sent(server: Server,
                                                                                 client: AiohttpRequest) -> None:
    released = asyncio.Event()

    async def held(request: web.Request) -> web.StreamResponse:
        await released.wait()
        return await ok(request)

    server.handler[0] = held
    first = asyncio.create_task(client.do_request(server.url, "POST", request_data(chat_id=1, text="first"),
                                                  read_timeout=30))
    while not server.seen:
        await asyncio.sleep(0.005)
    try:
        with pytest.raises(TimedOut) as raised:
            await client.do_request(server.url, "POST", request_data(chat_id=1, text="second"))
    finally:
        released.set()
        await first
    assert str(raised.value) == POOL_TIMEOUT_MESSAGE and not may_have_arrived(raised.value)
    assert len(server.seen) == 1


async def test_a_refused_connection_is_a_network_error_and_nothing_was_sent(client: AiohttpRequest) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NetworkError) as raised:
        await client.do_request(f"http://127.0.0.1:{port}/bot123:ABC/sendMessage", "POST",
                                request_data(chat_id=1, text="hi"))
    assert str(raised.value).startswith("aiohttp.ClientConnectorError: ") and not may_have_arrived(raised.value)


async def test_a_connection_dropped_before_the_answer_may_have_arrived(server: Server, client: AiohttpRequest) -> None:
    async def dropped(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    server.handler[0] = dropped
    with pytest.raises(NetworkError) as raised:
        await client.do_request(server.url, "POST", request_data(chat_id=1, text="hi"))
    assert str(raised.value).startswith("aiohttp.ServerDisconnectedError") and may_have_arrived(raised.value)


async def test_a_request_before_initialize_says_so() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:9/bot1:A/getMe", "POST")
