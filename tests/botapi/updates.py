"""How updates reach the bot: a getUpdates long poll that honours ``offset``, or pushes to a webhook.

``Signal`` is the fake's heartbeat: every request start and end and every queued update pulses it, so waiting
code (the long poll, ``wait_quiet``, ``wait_for``) sleeps until something happens instead of polling a clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from tests.botapi.chats import JSON
from tests.botapi.methods import ApiError, Params

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the " \
                 "webhook first"
UNSET: Any = object()


class WaitTimeout(AssertionError):
    """A wait on the fake server ran out of time (only ever a safety net, never a timed assertion)."""


class Signal:
    """Wakes every waiter whenever anything happens on the fake server."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def pulse(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Sleep until the next pulse, or ``timeout`` seconds."""
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max(timeout, 0))

    async def wait_until(self, condition: Callable[[], bool], *, timeout: float, what: str = "") -> None:
        """Re-check ``condition`` at every pulse; ``WaitTimeout`` after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeout(f"timed out after {timeout:g}s waiting for {what or condition}")
            await self.wait(remaining)


@dataclass
class Webhook:
    """What the bot registered with setWebhook (``url`` empty: polling)."""

    url: str = ""
    secret_token: str | None = None
    params: Params = field(default_factory=dict)


class Updates:
    """The update queue of one fake server."""

    def __init__(self, signal: Signal) -> None:
        self.signal = signal
        self.webhook = Webhook()
        self.webhook_target: str | None = None  # push here instead of the registered URL
        self.webhook_status: dict[int, int] = {}  # update_id -> HTTP status of its webhook delivery
        self.pending: list[JSON] = []
        self.dropped: set[int] = set()
        self.confirmed = 0  # every update_id below this was confirmed by getUpdates(offset=...)
        self.closing = False
        self._ids = itertools.count(1)
        self._generation = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        self.closing = True
        self.signal.pulse()  # long polls return at once
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def enqueue(self, update: JSON) -> int:
        """Queue an update with the next ``update_id``; with a webhook set it is pushed there instead."""
        update = {**update, "update_id": next(self._ids)}
        if self.webhook.url:
            self._push_later(update)
        else:
            self.pending.append(update)
        self.signal.pulse()
        return int(update["update_id"])

    def delivered(self, update_id: int) -> bool:
        """Has the bot taken the update: confirmed by a later getUpdates offset, or accepted by its webhook?"""
        if update_id in self.dropped:
            raise AssertionError(f"update #{update_id} was dropped (deleteWebhook/setWebhook drop_pending_updates)")
        if update_id in self.webhook_status:
            status = self.webhook_status[update_id]
            assert status == 200, f"the bot's webhook answered update #{update_id} with HTTP {status}"
            return True
        return self.confirmed > update_id

    async def get_updates(self, params: Params, client_gone: Callable[[], bool]) -> list[JSON]:
        """Long poll: answer at once when updates wait, else when one arrives or ``timeout`` runs out.

        ``offset`` confirms (forgets) every update below it. A newer getUpdates ends an older waiting one with
        409 Conflict, as Telegram does when two bot instances poll; a poll whose client already hung up (PTB
        cancels its poll on stop) ends with 499 instead, which is no conflict.
        """
        if self.webhook.url:
            raise ApiError(409, WEBHOOK_ACTIVE)
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
            self.confirmed = max(self.confirmed, offset)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        self._generation += 1
        generation = self._generation
        self.signal.pulse()
        while True:
            if self.pending or self.closing:
                return self.pending[:limit]
            if generation != self._generation:
                raise ApiError(499, "client went away") if client_gone() else ApiError(409, CONFLICT)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            await self.signal.wait(remaining)

    def set_webhook(self, params: Params) -> bool:
        url = str(params.get("url") or "")
        if params.get("drop_pending_updates"):
            self._drop_pending()
        self.webhook = Webhook(url, params.get("secret_token"), params) if url else Webhook()
        if url:  # what waited for getUpdates now goes to the webhook
            pending, self.pending = self.pending, []
            for update in pending:
                self._push_later(update)
        self._generation += 1
        return True

    def delete_webhook(self, params: Params) -> bool:
        if params.get("drop_pending_updates"):
            self._drop_pending()
        self.webhook = Webhook()
        return True

    def webhook_info(self) -> JSON:
        info: JSON = {"url": self.webhook.url, "has_custom_certificate": False,
                      "pending_update_count": len(self.pending)}
        if self.webhook.url:
            info["max_connections"] = int(self.webhook.params.get("max_connections") or 40)
            if self.webhook.params.get("allowed_updates"):
                info["allowed_updates"] = self.webhook.params["allowed_updates"]
        return info

    async def push_webhook(self, update: JSON, url: str | None = None, secret: str | None = UNSET) -> int:
        """POST an update to the bot's webhook as Telegram does; the HTTP status (-1: no connection)."""
        if "update_id" not in update:
            update = {**update, "update_id": next(self._ids)}
        target = url or self.webhook_target or self.webhook.url
        assert target, "no webhook URL: the bot has not called setWebhook and no url was given"
        token = self.webhook.secret_token if secret is UNSET else secret
        headers = {SECRET_HEADER: token} if token is not None else {}
        if self._session is None:
            self._session = aiohttp.ClientSession()
        try:
            async with self._session.post(target, json=update, headers=headers) as response:
                await response.read()
                return response.status
        except aiohttp.ClientError:
            return -1

    def _push_later(self, update: JSON) -> None:
        async def deliver() -> None:
            self.webhook_status[int(update["update_id"])] = await self.push_webhook(update)
            self.signal.pulse()

        task = asyncio.create_task(deliver())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _drop_pending(self) -> None:
        self.dropped.update(u["update_id"] for u in self.pending)
        self.pending.clear()
