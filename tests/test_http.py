"""Bot API requests go as one JSON body, uploads as PTB's multipart form, and failures raise PTB's own errors."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.http import POOL_TIMEOUT_MESSAGE, JsonRequest

URL = "http://127.0.0.1:9/bot123:ABC/sendMessage"
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("🏠 メニュー", callback_data="a:home")]])


def request_data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(name, value) for name, value in params.items()])


def client(handler: Callable[[httpx.Request], httpx.Response]) -> JsonRequest:
    return JsonRequest(httpx_kwargs={"transport": httpx.MockTransport(handler)})


async def test_a_message_goes_as_one_json_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True, "result": True})

    request = client(handler)
    await request.initialize()
    try:
        status, payload = await request.do_request(URL, "POST", request_data(
            chat_id=700000001, text="<b>TMS治療</b>とは\ud800", parse_mode="HTML", reply_markup=KEYBOARD))
    finally:
        await request.shutdown()
    assert (status, json.loads(payload)) == (200, {"ok": True, "result": True})
    assert seen[0].headers["content-type"] == "application/json"
    assert json.loads(seen[0].content) == {"chat_id": 700000001, "text": "<b>TMS治療</b>とは\ud800",
                                           "parse_mode": "HTML", "reply_markup": KEYBOARD.to_dict()}


async def test_an_upload_keeps_the_multipart_form() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True, "result": True})

    request = client(handler)
    await request.initialize()
    try:
        await request.do_request(URL, "POST", request_data(chat_id=1, document=InputFile(b"a,b\n", "leads.csv")))
    finally:
        await request.shutdown()
    assert seen[0].headers["content-type"].startswith("multipart/form-data")
    assert b"leads.csv" in seen[0].content


@pytest.mark.parametrize(("error", "expected", "message"), [
    (httpx.PoolTimeout("full"), TimedOut, POOL_TIMEOUT_MESSAGE),
    (httpx.ReadTimeout("slow"), TimedOut, "Timed out"),
    (httpx.ConnectError("refused"), NetworkError, "httpx.ConnectError: refused"),
])
async def test_failures_raise_what_ptb_raises(error: Exception, expected: type[Exception], message: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    request = client(handler)
    await request.initialize()
    try:
        with pytest.raises(expected) as raised:
            await request.do_request(URL, "POST", request_data(chat_id=1, text="hi"))
    finally:
        await request.shutdown()
    assert str(raised.value) == message
