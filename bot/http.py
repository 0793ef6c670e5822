"""The Bot API's HTTP client: PTB's ``HTTPXRequest``, sending its parameters as one JSON body.

PTB posts every request as an HTML form: each parameter is JSON-encoded on its own (the keyboard, the ids), then
the whole form is percent-encoded by ``urllib.parse`` in pure Python, byte by byte. Our replies are long Japanese
HTML with keyboards, and each character of the text becomes nine characters of form (``%E3%81%82``): a page sent
as a form costs 1.00 ms of CPU per request, as JSON 0.87 ms, which is what a short ASCII echo costs (0.86 ms; one
request in flight, ``bench/http_stack.py --clients form,json --body page``); the body shrinks from 3.7 to 2.4 KB.
The Bot API takes ``application/json`` for every method ("application/json (except for uploading files)"), so
requests without files go as JSON; uploads (a photo, an exported CSV) keep PTB's multipart form. Timeouts, errors
and the connection pool are PTB's own.
"""

from __future__ import annotations

import json

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

JSON_HEADERS = {"User-Agent": HTTPXRequest.USER_AGENT, "Content-Type": "application/json"}
POOL_TIMEOUT_MESSAGE = (
    "Pool timeout: All connections in the connection pool are occupied. Request was *not* sent to Telegram. "
    "Consider adjusting the connection pool size or the pool timeout."
)
"""PTB's own words for a request that found no free connection in time (``HTTPXRequest.do_request``)."""


def json_body(request_data: RequestData) -> bytes:
    """The request's parameters as one JSON document (ASCII: a lone surrogate in a text never fails encoding)."""
    return json.dumps(request_data.parameters, separators=(",", ":")).encode("ascii")


class JsonRequest(HTTPXRequest):
    """``HTTPXRequest`` that sends requests without files as ``application/json``."""

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
        if request_data is None or request_data.contains_files or self._client.is_closed:
            return await super().do_request(url, method, request_data, read_timeout, write_timeout,
                                            connect_timeout, pool_timeout)  # uploads: PTB's multipart form
        default = self._client.timeout
        timeout = httpx.Timeout(
            connect=default.connect if isinstance(connect_timeout, DefaultValue) else connect_timeout,
            read=default.read if isinstance(read_timeout, DefaultValue) else read_timeout,
            write=default.write if isinstance(write_timeout, DefaultValue) else write_timeout,
            pool=default.pool if isinstance(pool_timeout, DefaultValue) else pool_timeout,
        )
        try:
            response = await self._client.request(method=method, url=url, headers=JSON_HEADERS, timeout=timeout,
                                                  content=json_body(request_data))
        except httpx.TimeoutException as err:  # the same errors PTB raises for its form requests
            if isinstance(err, httpx.PoolTimeout):
                raise TimedOut(message=POOL_TIMEOUT_MESSAGE) from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return response.status_code, response.content
