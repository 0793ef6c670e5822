"""Updates from different chats are handled at the same time; updates from one chat strictly in order.

With one update at a time, every update waits for the previous one's round trips to Telegram (tens of
milliseconds each), which caps the bot far below Telegram's own limits (see bench/). Handling chats concurrently
removes that cap, while one chat's messages and button presses still arrive at the application flow in the order
the person sent them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Up to ``max_concurrent_updates`` at once, one at a time per chat."""

    def __init__(self, max_concurrent_updates: int = 32) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's turn first, then for a concurrency slot: a chat that queues many updates must not
        hold slots while it waits, or every other chat (a crisis reply included) waits behind it."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await super().process_update(update, coroutine)
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._users[chat.id] = self._users.get(chat.id, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        finally:
            self._users[chat.id] -= 1
            if not self._users[chat.id]:  # nobody else waiting: forget the chat, memory stays flat
                del self._users[chat.id]
                del self._locks[chat.id]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Runs the update (the per-chat order and the slot are taken in ``process_update``)."""
        await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
