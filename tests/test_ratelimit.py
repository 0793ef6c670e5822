"""Telegram's limits apply to messages (overall, per chat, per group), never to button answers."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.ratelimit import TelegramRateLimiter


class Calls:
    def __init__(self) -> None:
        self.done: list[str] = []

    def callback(self, name: str) -> Any:
        async def call() -> bool:
            self.done.append(name)
            return True

        return call


async def send(limiter: TelegramRateLimiter, calls: Calls, name: str, endpoint: str, chat_id: int | None) -> Any:
    data = {} if chat_id is None else {"chat_id": chat_id}
    return await limiter.process_request(calls.callback(name), (), {}, endpoint, data, None)


async def test_a_button_answer_never_waits_behind_messages() -> None:
    limiter = TelegramRateLimiter(overall_per_second=1)
    calls = Calls()
    await limiter.initialize()
    await send(limiter, calls, "m1", "sendMessage", 11)  # uses up this second's overall budget
    queued = [asyncio.create_task(send(limiter, calls, f"m{n}", "sendMessage", 10 + n)) for n in (2, 3)]
    await asyncio.sleep(0)
    await send(limiter, calls, "answer", "answerCallbackQuery", None)
    assert calls.done == ["m1", "answer"]  # the messages still wait for their turn
    for task in queued:
        task.cancel()
    await asyncio.gather(*queued, return_exceptions=True)


async def test_one_private_chat_gets_a_burst_then_waits_while_other_chats_go_on() -> None:
    limiter = TelegramRateLimiter(overall_per_second=1000, chat_burst=3)
    calls = Calls()
    await limiter.initialize()
    for n in range(3):
        await send(limiter, calls, f"a{n}", "sendMessage", 5)
    waiting = asyncio.create_task(send(limiter, calls, "a3", "sendMessage", 5))
    await asyncio.sleep(0)
    await send(limiter, calls, "b0", "sendMessage", 6)
    await send(limiter, calls, "typing", "sendChatAction", 5)  # not a message: not counted
    assert calls.done == ["a0", "a1", "a2", "b0", "typing"]
    await waiting  # about a second later: one message a second in one chat
    assert calls.done[-1] == "a3"


async def test_groups_are_limited_to_twenty_messages_a_minute() -> None:
    limiter = TelegramRateLimiter(overall_per_second=1000)
    calls = Calls()
    await limiter.initialize()
    for n in range(20):
        await send(limiter, calls, f"g{n}", "sendMessage", -100123)
    waiting = asyncio.create_task(send(limiter, calls, "g20", "sendMessage", -100123))
    await asyncio.sleep(0.01)
    assert len(calls.done) == 20 and not waiting.done()
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
