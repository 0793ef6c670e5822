"""One chat's updates in order, different chats at the same time, and no memory kept for idle chats."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update

from bot.ordering import PerChatUpdateProcessor


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private")
    return Update(update_id, message=Message(update_id, None, chat, text="x"))  # type: ignore[arg-type]


async def test_same_chat_in_order_other_chats_concurrently() -> None:
    processor = PerChatUpdateProcessor(8)
    log: list[str] = []
    release = asyncio.Event()

    async def slow(name: str) -> None:
        log.append(f"start {name}")
        await release.wait()
        log.append(f"end {name}")

    async def fast(name: str) -> None:
        log.append(f"run {name}")

    first = asyncio.create_task(processor.process_update(update(1, 10), slow("a1")))
    second = asyncio.create_task(processor.process_update(update(2, 10), fast("a2")))
    other = asyncio.create_task(processor.process_update(update(3, 20), fast("b1")))
    await asyncio.wait_for(other, 1)
    assert log == ["start a1", "run b1"]  # chat 20 did not wait for chat 10; a2 waits behind a1
    release.set()
    await asyncio.wait_for(asyncio.gather(first, second), 1)
    assert log == ["start a1", "run b1", "end a1", "run a2"]
    assert processor._locks == {} and processor._users == {}


async def test_a_queueing_chat_holds_no_slots_that_other_chats_need() -> None:
    """Two slots; one chat queues five updates behind a slow one: another chat is still answered at once."""
    processor = PerChatUpdateProcessor(2)
    log: list[str] = []
    release = asyncio.Event()

    async def slow(name: str) -> None:
        await release.wait()
        log.append(name)

    async def fast(name: str) -> None:
        log.append(name)

    busy = [asyncio.create_task(processor.process_update(update(1, 10), slow("a1")))]
    busy += [asyncio.create_task(processor.process_update(update(i, 10), fast(f"a{i}"))) for i in range(2, 7)]
    await asyncio.sleep(0)
    other = asyncio.create_task(processor.process_update(update(9, 20), fast("b1")))
    await asyncio.wait_for(other, 1)
    assert log == ["b1"]
    release.set()
    await asyncio.wait_for(asyncio.gather(*busy), 1)
    assert log == ["b1", "a1", "a2", "a3", "a4", "a5", "a6"]
