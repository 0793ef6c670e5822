"""Every button press, routed by its decoded kind: one dispatch table instead of a pattern and an if/elif per module.

Each handler module lists the buttons it answers (``buttons()``: kind → callback) and, where it has its own words
for an out-of-date button, a stale answer for its prefix (``stale_answers()``). ``bot.app`` puts them into one
``ButtonRouter``; a kind nobody answers is a start-up error, not a silent spinner.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import Button, Stale, decode, kinds
from bot.handlers.common import Context

ButtonCallback = Callable[[Update, Context, Any], Awaitable[None]]
"""``async def on_x(update, context, data: SomeButton) -> None``."""
StaleCallback = Callable[[Update, Context, Stale], Awaitable[None]]


class ButtonRouter:
    """Decodes the callback data once and calls the callback registered for its kind."""

    def __init__(self, default_stale: StaleCallback) -> None:
        self._on: dict[type[Button], ButtonCallback] = {}
        self._stale: dict[str, StaleCallback] = {}
        self._default_stale = default_stale

    def register(self, table: Mapping[type[Button], ButtonCallback],
                 stale: Mapping[str, StaleCallback] | None = None) -> None:
        for kind, callback in table.items():
            if kind in self._on:
                raise ValueError(f"{kind.__name__} is answered twice")
            self._on[kind] = callback
        self._stale.update(stale or {})

    def unanswered(self) -> list[str]:
        """Button kinds no callback answers (empty once every module is registered)."""
        return sorted(kind.__name__ for kind in kinds() if kind not in self._on)

    async def dispatch(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        data = decode(query.data if isinstance(query.data, str) else None)
        if isinstance(data, Stale):
            await self._stale.get(data.head, self._default_stale)(update, context, data)
            return
        await self._on[type(data)](update, context, data)

    def handler(self) -> CallbackQueryHandler[Context, None]:
        return CallbackQueryHandler(self.dispatch)
