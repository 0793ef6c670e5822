"""The relay's waiting state ("Reply to the clinic" pressed) is in the database: another instance, or the same
one after a restart, takes the next text as the answer."""

from __future__ import annotations

import datetime as dt

from telegram import Chat, Message, User

from bot.handlers.relay import WAIT_SECONDS, _Waiting
from bot.storage.base import Database
from bot.storage.users import UserStore

T0 = dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)


def message(user_id: int) -> Message:
    return Message(1, T0, Chat(user_id, "private"), from_user=User(user_id, "Hanako", False),
                   text="平日の夕方がいいです")


def test_the_next_text_after_the_button_is_the_answer_but_not_one_typed_much_later(db: Database) -> None:
    now = [T0]
    waiting = _Waiting(UserStore(db), clock=lambda: now[0])
    assert not waiting.filter(message(1))
    waiting.start(1, 7)
    assert waiting.filter(message(1)) and not waiting.filter(message(2))
    assert waiting.pop(1) == 7 and waiting.pop(1) is None
    waiting.start(1, 7)
    now[0] += dt.timedelta(seconds=WAIT_SECONDS + 1)
    assert not waiting.filter(message(1))  # half an hour later a typed question is just a question
    assert waiting.pop(1) is None


def test_another_instance_takes_the_answer(db: Database) -> None:
    """Two instances share the database, not their memory: the button pressed on one, the answer typed to the other."""
    first, second = (_Waiting(UserStore(db), clock=lambda: T0) for _ in range(2))
    first.start(1, 7)
    assert second.filter(message(1))
    assert second.pop(1) == 7
    assert not first.filter(message(1))  # taken once
