"""Callback data for inline buttons: short ASCII ids, never the visible label (labels are translated).

Telegram allows 1-64 bytes. Every button the bot can show is encoded here, so the checker can verify the limit
with the same function the handlers use.

    p:<page>[:<part>]   open a page (or its part n)     a:<action>        menu action (apply, language ...)
    l:<lang>            switch language                i:<op>[:<arg>]    intake step (choice, back, edit ...)
    f:<lang>:<entry>    show an FAQ answer             s:<lead>:<status> staff sets a lead's status
    d:<op>              data deletion (ask, confirm, cancel)
    k:<op>[:<token>]    crisis: check-in yes / no (token of the message asked about), continue
    u:<group>:<entry>   staff adds an unanswered question as an example of an FAQ entry
    r:<lead>            the applicant answers the clinic's message; r:x stops
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CALLBACK_LIMIT = 64
_LEAD_ID = re.compile(r"[1-9][0-9]{0,11}")  # ASCII digits only, and small enough for SQLite's 64-bit integers


@dataclass(frozen=True)
class Callback:
    kind: str
    args: tuple[str, ...]


def encode(kind: str, *args: str | int) -> str:
    data = ":".join([kind, *(str(a) for a in args)])
    if len(data.encode("utf-8")) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """``None`` for anything that is not ours (an old bot version's button, a forged query)."""
    if not data or ":" not in data:
        return None
    kind, *args = data.split(":")
    if not kind or len(kind) > 2:
        return None
    return Callback(kind, tuple(args))


def page(page_id: str, part: int = 0) -> str:
    """Open a page; ``part`` > 0 opens the part after its n-th ``<!-- more -->`` (the "More" button)."""
    return encode("p", page_id, part) if part else encode("p", page_id)


def action(name: str) -> str:
    return encode("a", name)


def language(lang: str) -> str:
    return encode("l", lang)


def intake(op: str, *args: str | int) -> str:
    return encode("i", op, *args)


def faq(lang: str, entry_id: str) -> str:
    return encode("f", lang, entry_id)


def staff_status(lead_id: int, status: str) -> str:
    return encode("s", lead_id, status)


def parse_staff_status(data: str | None) -> tuple[int, str] | None:
    """``(lead id, status)`` of a staff status button; None for anything malformed or forged (a lead id in
    non-ASCII digits, one too long for the database, extra fields)."""
    decoded = decode(data)
    if decoded is None or decoded.kind != "s" or len(decoded.args) != 2:
        return None
    lead_id, status = decoded.args
    if not _LEAD_ID.fullmatch(lead_id) or not status.isascii():
        return None
    return int(lead_id), status


def deletion(op: str) -> str:
    return encode("d", op)


def crisis(op: str, *args: str | int) -> str:
    return encode("k", op, *args)


def relay(lead_id: int | str) -> str:
    return encode("r", lead_id)
