from __future__ import annotations

import datetime as dt

from telegram import Chat, Message, User

from bot.handlers.relay import WAIT_SECONDS, _Waiting


def message(user_id: int) -> Message:
    return Message(1, dt.datetime.now(dt.UTC), Chat(user_id, "private"), from_user=User(user_id, "Hanako", False),
                   text="平日の夕方がいいです")


def test_the_next_text_after_the_button_is_the_answer_but_not_one_typed_much_later() -> None:
    now = [100.0]
    waiting = _Waiting(clock=lambda: now[0])
    assert not waiting.filter(message(1))
    waiting.start(1, 7)
    assert waiting.filter(message(1)) and not waiting.filter(message(2))
    assert waiting.pop(1) == 7 and waiting.pop(1) is None
    waiting.start(1, 7)
    now[0] += WAIT_SECONDS + 1
    assert not waiting.filter(message(1))  # half an hour later a typed question is just a question
    assert waiting.pop(1) is None
