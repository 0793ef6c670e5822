"""Updates from different chats are handled at the same time; updates from one chat strictly in order.

With one update at a time, every update waits for the previous one's round trips to Telegram (tens of
milliseconds each), which caps the bot far below Telegram's own limits (see bench/). Handling chats concurrently
removes that cap, while one chat's messages and button presses still arrive at the application flow in the order
the person sent them.

Each update is handled inside ``bot.storage.update_reads.one_update()``: the handlers of one update read the user's
row once between them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.storage.update_reads import one_update

_UNLIMITED = 1_000_000


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Up to ``max_concurrent_updates`` at once, one at a time per chat."""

    def __init__(self, max_concurrent_updates: int = 32) -> None:
        # PTB's own slot is taken before ``do_process_update`` runs, that is before the chat's turn: a chat that
        # queues many updates would hold slots while it waits and every other chat (a crisis reply included)
        # would wait behind it. So the base class gets no real limit, and the slot is taken after the turn.
        super().__init__(_UNLIMITED)
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self._slots:
                with one_update():
                    await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._users[chat.id] = self._users.get(chat.id, 0) + 1
        try:
            async with lock, self._slots:
                with one_update():
                    await coroutine
        finally:
            self._users[chat.id] -= 1
            if not self._users[chat.id]:  # nobody else waiting: forget the chat, memory stays flat
                del self._users[chat.id]
                del self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
