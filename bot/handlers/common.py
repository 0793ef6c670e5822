"""What every handler needs: the typed context, the user's language, and sending or editing in place.

Handlers stay thin: they read the update, ask the domain, and show the result with these helpers.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest
from telegram.ext import BaseHandler

from bot.handlers.context import BotContext
from bot.views.keyboards import wire

log = logging.getLogger(__name__)

TEXT_LIMIT = 4000
"""Typed text is cut to this many characters before anything looks at it."""

Context = BotContext
AnyHandler = BaseHandler[Any, Any, Any]
"""What a handler module's ``handlers()`` lists for ``Application.add_handlers``."""


def language_from_telegram(code: str | None) -> str:
    """Telegram's language code: ja* is Japanese, anything else English."""
    return "ja" if (code or "").lower().startswith("ja") else "en"


def user_lang(context: Context, update: Update) -> str:
    """The remembered language, else the one Telegram reports for the user."""
    svc = context.services
    user = update.effective_user
    if user is None:
        return svc.live.current.content.default_language
    record = svc.users.get(user.id)
    if record is not None and record.language:
        return svc.live.current.content.supported(record.language)
    return svc.live.current.content.supported(language_from_telegram(user.language_code))


def remember_lang(context: Context, user_id: int, lang: str) -> None:
    svc = context.services
    record = svc.users.get(user_id)
    if record is None or record.language != lang:
        svc.users.set_language(user_id, lang, svc.now())


def typed_text(update: Update) -> str:
    """The user's text (or caption), cut to ``TEXT_LIMIT`` so a 10,000-character message costs no more."""
    message = update.effective_message
    if message is None:
        return ""
    return (message.text or message.caption or "")[:TEXT_LIMIT]


# --- sending ----------------------------------------------------------------------------------------------------

async def typing(update: Update, context: Context, action: str = ChatAction.TYPING) -> None:
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_chat_action(chat.id, action)


async def call(context: Context, method: str, params: dict[str, Any]) -> Any:
    """A Bot API call whose answer nobody reads as an object: the raw result (``True``, or the message as JSON).

    PTB's methods turn every answer into objects: ``sendMessage`` and ``editMessageText`` build the whole
    ``Message`` Telegram sends back (the chat, the sender, every entity and button of our long pages), 6 % of the
    bot's CPU with the fake API's short answers and more with Telegram's full ones, and the handlers never look at
    it (``bench/run.py --cpu-profile``). This goes the
    same way through PTB (its defaults, the rate limiter, its errors such as ``BadRequest``) and stops before
    that. ``Bot._post`` is PTB's own entry point for every method (pinned to PTB 22 in pyproject.toml).
    """
    markup = params.get("reply_markup")
    if isinstance(markup, InlineKeyboardMarkup):
        params["reply_markup"] = wire(markup)
    return await context.bot._post(method, params)


NO_PREVIEW = {"is_disabled": True}
"""``link_preview_options`` of every reply: links in pages are never expanded into previews."""


async def reply(update: Update, context: Context, text: str,
                keyboard: InlineKeyboardMarkup | None = None) -> None:
    chat = update.effective_chat
    assert chat is not None
    await call(context, "sendMessage", {"chat_id": chat.id, "text": text, "parse_mode": ParseMode.HTML,
                                        "reply_markup": keyboard, "link_preview_options": NO_PREVIEW})


async def show(update: Update, context: Context, messages: Sequence[str],
               keyboard: InlineKeyboardMarkup | None = None, *, edit: bool = False) -> None:
    """Show one or more messages; the keyboard goes under the last. ``edit`` replaces the pressed message."""
    if not messages:
        return
    query = update.callback_query
    first, rest = messages[0], list(messages[1:])
    edited = False
    if edit and query is not None and query.message is not None and isinstance(query.message, Message) \
            and query.message.text is not None:
        try:
            await call(context, "editMessageText", {
                "chat_id": query.message.chat.id, "message_id": query.message.message_id, "text": first,
                "parse_mode": ParseMode.HTML, "reply_markup": None if rest else keyboard,
                "link_preview_options": NO_PREVIEW})
            edited = True
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                edited = True
            else:
                log.info("could not edit in place (%s); sending instead", exc.__class__.__name__)
    if not edited:
        await reply(update, context, first, None if rest else keyboard)
    for i, text in enumerate(rest):
        await reply(update, context, text, keyboard if i == len(rest) - 1 else None)


async def send_photo(update: Update, context: Context, path: Path, caption: str) -> None:
    """Uploads a picture the first time (with an "uploading" indicator) and reuses Telegram's file id after that."""
    chat = update.effective_chat
    assert chat is not None
    known = context.services.photo_ids
    key = (str(path), path.stat().st_mtime_ns)
    if key in known:
        await context.bot.send_photo(chat.id, known[key], caption=caption, parse_mode=ParseMode.HTML)
        return
    await typing(update, context, ChatAction.UPLOAD_PHOTO)
    with path.open("rb") as handle:
        message = await context.bot.send_photo(chat.id, handle, caption=caption, parse_mode=ParseMode.HTML)
    if message.photo:
        known[key] = message.photo[-1].file_id
