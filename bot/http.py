"""The Bot API's HTTP client: PTB's request interface over aiohttp, parameters sent as one JSON body.

PTB's own client (``HTTPXRequest``) is httpx, whose pure-Python layers (httpx, httpcore, anyio, h11) cost more CPU
per request than everything our handlers do: 0.85-1.02 ms of CPU for PTB's ``send_message`` of a page with one
request in flight and 1.15-1.31 ms with 32 (its pool walks every connection and waiter on each request), against
0.35-0.42 / 0.26-0.27 ms through aiohttp, whose HTTP parser is compiled (``bench/http_stack.py --clients form,ours
--body page``, the two measured in the same minute). PTB's ``BaseRequest`` is the
documented place to plug in another client: PTB still builds the parameters, checks the answer and raises its own
errors; this module only moves the bytes.

* Requests without files go as ``application/json`` (the Bot API takes it for every method "except for uploading
  files"): PTB's form percent-encodes each byte in pure Python, and a Japanese character becomes nine characters.
  Uploads (a photo, an exported CSV) go as a multipart form, as PTB sends them.
* The pool: at most ``connection_pool_size`` requests at once; a request that finds no free connection within the
  pool timeout is not sent and raises ``TimedOut`` with PTB's words for it.
* Timeouts: connect, read (between chunks of the answer) and a bound on the whole request (connect + write +
  read), since aiohttp has no timeout for writing alone. Certificates are checked against ``certifi``'s bundle,
  as httpx does, with one context per process (``bot.tls``).
"""

from __future__ import annotations

import asyncio
import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.tls import certificates

USER_AGENT = BaseRequest.USER_AGENT
JSON_HEADERS = {"User-Agent": USER_AGENT, "Content-Type": "application/json"}
FORM_HEADERS = {"User-Agent": USER_AGENT}
POOL_TIMEOUT_MESSAGE = (
    "Pool timeout: All connections in the connection pool are occupied. Request was *not* sent to Telegram. "
    "Consider adjusting the connection pool size or the pool timeout."
)
"""PTB's own words for a request that found no free connection in time (``HTTPXRequest.do_request``)."""


def json_body(request_data: RequestData) -> bytes:
    """The request's parameters as one JSON document (ASCII: a lone surrogate in a text never fails encoding)."""
    return json.dumps(request_data.parameters, separators=(",", ":")).encode("ascii")


def multipart_body(request_data: RequestData) -> aiohttp.FormData:
    """The parameters and files of an upload as a multipart form, each parameter JSON-encoded as PTB does."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


class AiohttpRequest(BaseRequest):
    """PTB's ``BaseRequest`` over one ``aiohttp.ClientSession`` (created in ``initialize``, closed in ``shutdown``)."""

    def __init__(self, connection_pool_size: int = 8, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._slots = asyncio.Semaphore(connection_pool_size)
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout (PTB adds it to getUpdates' long-poll timeout)."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Opens the session (again after a ``shutdown``)."""
        if self._session is None or self._session.closed:
            self._slots = asyncio.Semaphore(self._pool_size)  # of this event loop
            connector = aiohttp.TCPConnector(limit=self._pool_size, ssl=certificates())
            self._session = aiohttp.ClientSession(connector=connector, skip_auto_headers=("Accept-Encoding",))

    async def shutdown(self) -> None:
        """Closes the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        upload = request_data is not None and request_data.contains_files
        body: bytes | aiohttp.FormData | None = None
        if request_data is not None:
            body = multipart_body(request_data) if upload else json_body(request_data)
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        write = (self._media_write_timeout if upload else self._write_timeout) \
            if isinstance(write_timeout, DefaultValue) else write_timeout
        connect = self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        parts = (read, write, connect)
        total = None if None in parts else sum(p for p in parts if p is not None)
        timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
        try:
            async with asyncio.timeout(pool):
                await self._slots.acquire()
        except TimeoutError as err:
            raise TimedOut(message=POOL_TIMEOUT_MESSAGE) from err
        try:
            headers = FORM_HEADERS if upload else JSON_HEADERS
            async with session.request(method, url, data=body, headers=headers, timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as err:  # aiohttp's timeouts are asyncio's TimeoutError
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err
        finally:
            self._slots.release()


_NOT_SENT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)
"""Failures before the request left: no connection could be made (refused, DNS, TLS) or made in time."""


def may_have_arrived(exc: BaseException) -> bool:
    """True when a failed request may still have reached Telegram: it went out and no answer came back.

    An HTTP answer (a 5xx) is definite, a request that found no free connection was never sent, and a connect
    failure means nothing was sent; a read time-out, a dropped connection or the whole-request bound after
    connecting leave the outcome unknown.
    """
    if str(exc) == POOL_TIMEOUT_MESSAGE:
        return False
    cause = exc.__cause__
    if not isinstance(cause, aiohttp.ClientError | TimeoutError):
        return False
    return not isinstance(cause, _NOT_SENT)
