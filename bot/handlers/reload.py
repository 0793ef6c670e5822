"""Content reload, in one place: every trigger (/reload, a staff edit from /unanswered, a file change, SIGHUP)
comes here, the new content is checked and swapped in whole, and staff get the report.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import html
import logging
import signal
from typing import Any

from telegram.constants import ParseMode
from telegram.ext import Application

from bot.content.telegram_html import MESSAGE_LIMIT
from bot.handlers.context import BotContext, services_of

log = logging.getLogger(__name__)


def freeze_long_lived_objects(*, collect: bool = True) -> None:
    """Move what exists now (content, indexes, libraries) out of the garbage collector's view: a full collection
    then takes well under a millisecond instead of tens, which would otherwise pause answering (see bench/).
    ``collect=False`` skips the collection first (tens of milliseconds of start-up): after a start from the content
    cache there is little garbage to find, and what there is stays frozen, once."""
    if collect:
        gc.collect()
    gc.freeze()


def reload_report(swapped: bool, report: str, reason: str) -> str:
    """The staff chat's message after a reload attempt (warnings are shown too, not only the summary)."""
    if swapped:
        head = f"✅ コンテンツを更新しました（{html.escape(reason)}）。"
        lines = report.strip().splitlines() if report.strip() else []
        summary = lines[-1] if lines else ""
        warnings = "\n".join(lines[:-1])
        if warnings:
            room = MESSAGE_LIMIT - len(head) - len(summary) - 40
            body = html.escape(warnings)
            body = body[:room] + "\n…" if len(body) > room else body
            return f"{head}\n<pre>{body}</pre>\n{html.escape(summary)}"
        return f"{head}\n{html.escape(summary)}"
    head = (f"❌ コンテンツの変更にエラーがあるため、反映していません（{html.escape(reason)}）。"
            "以前の内容で動き続けています。修正してください:\n")
    body = html.escape(report)
    room = MESSAGE_LIMIT - len(head) - 40
    if len(body) > room:
        body = body[:room] + "\n…"
    return f"{head}<pre>{body}</pre>"


async def reload_content(app: Application[Any, Any, Any, Any, Any, Any], reason: str) -> tuple[bool, str]:
    """Checks and swaps in the content; on errors keeps the old content and posts the report to staff."""
    svc = services_of(app)
    swapped, report = await svc.live.reload()
    if swapped:  # the new content is long-lived too: keep full collections short
        # No unfreeze and full collection: that walks the whole heap on the event loop (400 ms at load 15, 30-60 ms
        # on a quiet machine, bench/profile.md), and finds nothing, since a snapshot holds no reference cycles
        # (tests/test_reload_gc.py) and so is freed by reference counting once the last update using it is done,
        # frozen or not. Parts read back from the cache leave no garbage either; a load in this process does.
        freeze_long_lived_objects(collect=not svc.live.opened_from_cache)
    staff_chat = svc.settings.staff_chat_id
    if staff_chat is not None:
        try:
            await app.bot.send_message(staff_chat, reload_report(swapped, report, reason), parse_mode=ParseMode.HTML)
        except Exception as exc:
            log.warning("could not post the reload report to staff: %s", exc.__class__.__name__)
    return swapped, report


LEASE_TTL = dt.timedelta(minutes=2)
"""How long a job's lease outlives its last renewal: after that, another instance takes the job over."""


async def watch_content(context: BotContext) -> None:
    """The content-watch job. The instance holding the watcher's lease reloads and reports to staff; others
    (several webhook instances on one database) reload quietly, so every instance answers from the same content
    and staff hear once."""
    services = context.services
    if not await asyncio.to_thread(services.live.changed_on_disk):
        return
    if services.leases.acquire("content-watch", LEASE_TTL, services.now()):
        await reload_content(context.application, "file change")
    else:
        await services.live.reload()


def reload_on_sighup(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """``kill -HUP`` reloads the content too (where the platform has the signal and this is the main thread)."""
    try:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGHUP, lambda: app.create_task(reload_content(app, "SIGHUP")))
    except (NotImplementedError, RuntimeError, AttributeError):
        pass  # no SIGHUP on this platform, or not the main thread (tests)
