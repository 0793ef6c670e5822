"""What runs before every other handler: flood control, then the crisis screen.

The crisis screen sees every typed message and caption in every state (menu, questions, the middle of the
application, a name field) before anything else does. A hit answers at once with the crisis message from content
and stops all other handling of that message; an application in progress is kept as it is, not pushed.
"""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.ext import ApplicationHandlerStop, MessageHandler, TypeHandler, filters

from bot.handlers.common import Context, reply, services, typed_text, user_lang
from bot.i18n import t
from bot.safety.crisis import language_of

log = logging.getLogger(__name__)

FLOOD_GROUP = -2
CRISIS_GROUP = -1


async def flood_control(update: Update, context: Context) -> None:
    """Slows down a user who sends many messages a second (one polite warning, then silence)."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    verdict = services(context).flood.check(user.id, time.monotonic())
    if verdict == "ok":
        return
    if update.callback_query is not None:
        await update.callback_query.answer()  # never leave a pressed button spinning
    if verdict == "warn":
        await reply(update, context, t(user_lang(context, update),
                                       "You are sending messages very quickly. Please wait a moment, then try again."))
    raise ApplicationHandlerStop


async def crisis_screen(update: Update, context: Context) -> None:
    """Answers a message that sounds like suicide or self-harm with crisis help, before anything else."""
    text = typed_text(update)
    if not text:
        return
    live = services(context).live.current
    if not live.crisis.screen(text).hit:
        return
    user = update.effective_user
    lang = language_of(text) if _has_japanese(text) else user_lang(context, update)
    lang = live.content.supported(lang)
    await reply(update, context, live.content.text(lang, "crisis.message"))
    if user is not None:
        services(context).users.mark_crisis(user.id, services(context).now())
    log.info("crisis response sent")
    raise ApplicationHandlerStop


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def handlers() -> list[tuple[int, object]]:
    private = filters.ChatType.PRIVATE
    return [
        (FLOOD_GROUP, TypeHandler(Update, flood_control)),
        (CRISIS_GROUP, MessageHandler(private & (filters.TEXT | filters.CAPTION), crisis_screen)),
    ]
