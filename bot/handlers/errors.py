"""Errors and messages the bot cannot use: never a traceback to the user, never personal data in a log.

Unexpected errors are logged with their type and where they happened (file, line, function) but not their
message, which may quote what the user typed; the staff chat gets the same redacted line, at most once a minute.
``BadRequest`` is Telegram refusing what the bot asked (a bug, such as broken HTML), so it is handled like any
bug, although PTB makes it a kind of ``NetworkError``; only real network trouble is logged quietly, and a user who
blocked the bot (``Forbidden``) is not answered. Stickers, photos, voice, locations and the like get a friendly
pointer to the menu; an edited message gets a note that edits are not read, and how to change an answer.
"""

from __future__ import annotations

import logging
import time
import traceback

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut
from telegram.ext import MessageHandler, filters

from bot.handlers.common import AnyHandler, Context, reply, user_lang
from bot.i18n import t
from bot.views.keyboards import home_row

log = logging.getLogger(__name__)
STAFF_REPORT_INTERVAL = 60.0
_last_staff_report: dict[str, float] = {}


def where(error: BaseException) -> str:
    """``bot/handlers/intake.py:120 in on_text``: the innermost frame of our own code."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/bot/" in f.filename.replace("\\", "/")]
    if not frames:
        frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "unknown place"
    frame = frames[-1]
    path = frame.filename.replace("\\", "/")
    short = path[path.rfind("/bot/") + 1:] if "/bot/" in path else path.rsplit("/", 1)[-1]
    return f"{short}:{frame.lineno} in {frame.name}"


async def on_error(update: object, context: Context) -> None:
    """Logs the error without personal data, tells the user kindly, and reports it to staff (redacted)."""
    error = context.error
    if error is None:
        return
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, NetworkError | TimedOut) and not isinstance(error, BadRequest):
        log.warning("network problem talking to Telegram: %s (update %s)", error.__class__.__name__, update_id)
        return
    if isinstance(error, Forbidden):  # the user blocked the bot: nobody to tell
        log.info("could not answer update %s: %s", update_id, error.__class__.__name__)
        return
    place = where(error)
    log.error("error %s at %s (update %s)", error.__class__.__name__, place, update_id)
    if isinstance(update, Update) and update.effective_chat is not None \
            and update.effective_chat.type == "private":
        lang = user_lang(context, update)
        try:
            await reply(update, context, t(lang, "Sorry, something went wrong on our side. Please try again, "
                                                 "or go back to the menu."),
                        InlineKeyboardMarkup([home_row(lang)]))
        except Exception as exc:  # the error may be Telegram itself failing
            log.warning("could not tell the user about the error: %s", exc.__class__.__name__)
    staff_chat = context.services.settings.staff_chat_id
    key = f"{error.__class__.__name__}@{place}"
    now = time.monotonic()
    if staff_chat is not None and now - _last_staff_report.get(key, -STAFF_REPORT_INTERVAL) >= STAFF_REPORT_INTERVAL:
        _last_staff_report[key] = now
        try:
            await context.bot.send_message(staff_chat, f"⚠️ Bot error {error.__class__.__name__} at {place} "
                                                        f"(update {update_id}). Details are in the server log.")
        except Exception as exc:
            log.warning("could not report the error to staff: %s", exc.__class__.__name__)


async def on_other_message(update: Update, context: Context) -> None:
    """Answers a sticker, photo, voice message or location with a pointer to the menu (or the open question)."""
    from bot.handlers.intake import remind_current_question

    if await remind_current_question(update, context):
        return
    lang = user_lang(context, update)
    await reply(update, context, t(lang, "I can only read text messages. Please type your question, or choose "
                                         "from the menu."), InlineKeyboardMarkup([home_row(lang)]))


async def on_edited_message(update: Update, context: Context) -> None:
    """Says that an edit was not taken in, and how to change an answer instead."""
    lang = user_lang(context, update)
    await reply(update, context, t(lang, "I noticed you edited a message. I only read new messages, so the edit "
                                         "was not taken in. To change an answer, send it again as a new message, "
                                         "or use the buttons on the review screen before you send the application."))


def handlers() -> list[AnyHandler]:
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    return [MessageHandler(private & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
                           on_other_message),
            MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE & filters.TEXT,
                           on_edited_message)]
