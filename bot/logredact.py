"""No personal data in the libraries' log lines, at any level: texts and names are removed before a line is written.

PTB logs whole updates and request parameters in places (at DEBUG, and at CRITICAL when an update cannot be
parsed: "Received data was ..."), httpx logs URLs with the bot token, and an exception's message can quote
what a user typed. A filter on a logger does not apply to its children, and PTB makes a logger per class, so the
redaction runs where every record is made (``logging.setLogRecordFactory``) for the library loggers:

* arguments are walked: in dicts, lists and Telegram objects the values of personal keys (``text``,
  ``first_name``, ``phone_number`` ...) become ``<redacted>``; ids, method names and numbers stay;
* the finished message is scanned for the same keys written as JSON or Python repr (a raw webhook body);
* a bot token (``123456:ABC...``) becomes ``<token>``;
* an exception keeps its type and traceback, not its message.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

LIBRARY_PREFIXES = ("telegram", "httpx", "httpcore", "apscheduler", "tornado", "aiohttp", "asyncio")
PERSONAL_KEYS = frozenset({
    "text", "caption", "first_name", "last_name", "username", "title", "phone_number", "email", "name",
    "description", "bio", "query", "address", "vcard", "question", "explanation", "data", "full_name",
    "latitude", "longitude", "message_text", "value", "quote", "emoji", "file_name", "set_name",
})
REDACTED = "<redacted>"
_KEYS = "|".join(sorted(PERSONAL_KEYS, key=len, reverse=True))
# 'text': 'Hello'  "first_name": "Hanako"  text='Hi'  (JSON, repr of dicts, repr of Telegram objects)
_QUOTED_VALUE = re.compile(
    rf"""(?P<key>["']?\b(?:{_KEYS})\b["']?\s*[:=]\s*)(?P<q>["'])(?P<v>(?:\\.|(?!(?P=q)).)*)(?P=q)""", re.DOTALL
)
_TOKEN = re.compile(r"(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}")
_MAX_DEPTH = 8

_installed: Callable[..., logging.LogRecord] | None = None


def is_library(name: str) -> bool:
    return name.split(".", 1)[0] in LIBRARY_PREFIXES


def scrub_value(value: Any, depth: int = 0) -> Any:
    """A copy of ``value`` with the values of personal keys replaced; Telegram objects become dicts first."""
    if depth > _MAX_DEPTH:
        return REDACTED
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and type(value).__module__.startswith("telegram"):
        try:
            value = to_dict()
        except Exception:
            return f"<{type(value).__name__}>"
    if isinstance(value, dict):
        return {k: (REDACTED if isinstance(k, str) and k in PERSONAL_KEYS and v not in (None, "")
                    else scrub_value(v, depth + 1)) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return type(value)(scrub_value(v, depth + 1) for v in value) if not isinstance(value, set | frozenset) \
            else [scrub_value(v, depth + 1) for v in value]
    if isinstance(value, str | bytes):
        return scrub_text(value.decode("utf-8", "replace") if isinstance(value, bytes) else value)
    return value


def scrub_text(text: str) -> str:
    """Remove personal values written as ``key: 'value'`` / ``"key": "value"`` / ``key='value'``, and tokens."""
    text = _QUOTED_VALUE.sub(lambda m: f"{m['key']}{m['q']}{REDACTED}{m['q']}", text)
    return _TOKEN.sub("<token>", text)


def redact(record: logging.LogRecord) -> logging.LogRecord:
    """Rewrite ``record`` in place (message, arguments, exception) and return it."""
    try:
        if record.args:
            args = record.args
            if isinstance(args, dict):
                record.args = scrub_value(args)
            else:
                record.args = tuple(scrub_value(a) for a in args)
        message = record.getMessage()
    except Exception:  # a broken format string: keep only where it came from
        message = f"<unformattable log message from {record.name}>"
    record.msg, record.args = scrub_text(message), ()
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        frames = "".join(traceback.format_tb(error.__traceback__))
        record.exc_text = f"Traceback (most recent call last):\n{frames}{type(error).__module__}." \
                          f"{type(error).__qualname__} (message removed: it may quote personal data)"
        record.exc_info = None
    return record


def install() -> None:
    """Redact every record of a library logger from now on (idempotent)."""
    global _installed
    if _installed is not None:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        return redact(record) if is_library(record.name) else record

    logging.setLogRecordFactory(factory)
    _installed = factory
