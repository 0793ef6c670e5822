"""Button data: every kind packs and parses back to itself, stays within Telegram's 64 bytes, and anything else
(an older version's button, forged data) decodes to Stale; the app answers every kind."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot import callbacks
from bot.callbacks import CALLBACK_LIMIT, IntakeBack, IntakeChoice, LeadStatus, OpenPage, RelayReply, RelayStop, Stale


def example(kind: type[callbacks.Button]) -> callbacks.Button:
    values = {f.name: 7 if f.type in ("int", int) else "x1" for f in dataclasses.fields(kind)}
    return kind(**values)


@pytest.mark.parametrize("kind", callbacks.kinds(), ids=lambda k: k.__name__)
def test_every_kind_round_trips(kind: type[callbacks.Button]) -> None:
    button = example(kind)
    data = button.pack()
    assert len(data.encode()) <= CALLBACK_LIMIT
    assert callbacks.decode(data) == button


def test_the_wire_format_is_that_of_the_buttons_already_in_chats() -> None:
    assert OpenPage("tms").pack() == "p:tms" and OpenPage("tms", 2).pack() == "p:tms:2"
    assert IntakeChoice("age", "age30s").pack() == "i:c:age:age30s"
    assert IntakeBack().pack() == "i:back" and IntakeBack("age").pack() == "i:back:age"
    assert callbacks.decode("r:x") == RelayStop() and callbacks.decode("r:12") == RelayReply(12)
    assert callbacks.decode("s:3:closed") == LeadStatus(3, "closed")


@pytest.mark.parametrize("data", [None, "", "zz:1", "i:c:age", "i:start:extra", "p:", "p:tms:two", "s:x:closed",
                                  "s:0:closed", "s:１:closed", "s:" + "9" * 40 + ":closed", "d:maybe", "k:q",
                                  "p:" + "a" * 70])
def test_anything_else_is_stale(data: str | None) -> None:
    assert callbacks.decode(data) == Stale(data)


def test_stale_names_the_part_of_the_bot_it_came_from() -> None:
    assert Stale("i:zz:1").head == "i" and Stale(None).head == ""


def test_packing_refuses_what_cannot_travel() -> None:
    with pytest.raises(ValueError, match="over 64 bytes"):
        OpenPage("a" * 70).pack()
    with pytest.raises(ValueError, match="without ':'"):
        OpenPage("a:b").pack()


def test_the_app_answers_every_button_kind(data_dir: Path) -> None:
    from bot.app import button_router
    from bot.handlers.relay import Relay
    from bot.storage.db import SQLiteDatabase, utcnow
    from bot.storage.users import UserStore

    with SQLiteDatabase.open(data_dir) as db:
        assert button_router(Relay(UserStore(db), utcnow)).unanswered() == []
