"""Telegram's sending limits, applied to what they are about: messages, not button answers or housekeeping.

Telegram's rules (Bots FAQ, "My bot is hitting limits"): about 30 messages a second overall; in one chat about
one message a second, short bursts allowed; in a group no more than 20 messages a minute. PTB's
``AIORateLimiter`` covers the overall and group rules; this subclass adds the per-chat rule for private chats (a
bucket of ``chat_burst`` that refills at one message a second) and lets through, without waiting, every request
that sends nothing to a chat: ``answerCallbackQuery`` above all (a pressed button must stop spinning at once,
even when 50 people apply at the same time), and start-up or lookup calls. A 429 is still retried after
Telegram's ``retry_after`` by the parent class.

A button answer Telegram refuses as too old is logged and passed over, not raised: the press's real work (the
next question, the edited card) must still happen. It comes when an update is handled a second time (an
instance died after answering the press but before answering the webhook, so Telegram sent the update to
another one) or when the answer came after Telegram's 15 seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

UNLIMITED = frozenset({
    "answerCallbackQuery", "answerInlineQuery", "getMe", "getUpdates", "getChat", "getChatMember", "getFile",
    "getMyCommands", "setMyCommands", "deleteMyCommands", "setWebhook", "deleteWebhook", "getWebhookInfo",
    "logOut", "close",
})
"""Endpoints that post nothing to a chat: not counted and never delayed."""
CHAT_BURST = 40
"""Messages one private chat may get at once before the one-a-second rule applies (a page of several messages,
a quick run through the questionnaire)."""
MAX_CHAT_LIMITERS = 10_000
STALE_ANSWER = "query is too old"
"""Telegram's words for a button answer it no longer takes (answered already, or later than 15 seconds)."""

_Callback = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]


class TelegramRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` plus a per-private-chat bucket; callback answers and lookups pass straight through."""

    def __init__(self, overall_per_second: float = 30, *, chat_burst: int = CHAT_BURST, max_retries: int = 2) -> None:
        super().__init__(overall_max_rate=overall_per_second, overall_time_period=1, group_max_rate=20,
                         group_time_period=60, max_retries=max_retries)
        self.chat_burst = chat_burst
        self._chats: dict[int, AsyncLimiter] = {}

    async def process_request(
        self,
        callback: _Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint == "answerCallbackQuery":
            try:
                return await callback(*args, **kwargs)
            except BadRequest as exc:
                if STALE_ANSWER not in str(exc).lower():
                    raise
                log.info("a button answer came too late for Telegram (the update was handled before, or slowly); "
                         "the step goes on")
                return True
        if endpoint in UNLIMITED:
            return await callback(*args, **kwargs)
        chat_id = data.get("chat_id")
        private = isinstance(chat_id, int) and chat_id > 0  # users' ids, and so their private chats', are positive
        if private and self.chat_burst > 0 and endpoint != "sendChatAction":
            async with self._chat_limiter(chat_id):  # type: ignore[arg-type]
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            if len(self._chats) >= MAX_CHAT_LIMITERS:  # memory stays flat: drop buckets that have refilled
                self._chats = {k: v for k, v in self._chats.items() if not v.has_capacity(self.chat_burst)}
            limiter = self._chats[chat_id] = AsyncLimiter(self.chat_burst, self.chat_burst)
        return limiter


class NoRateLimiter(TelegramRateLimiter):
    """No limits at all (a local Bot API server); 429s are still retried after ``retry_after``."""

    def __init__(self) -> None:
        AIORateLimiter.__init__(self, overall_max_rate=0, group_max_rate=0, max_retries=2)
        self.chat_burst = 0
        self._chats = {}
