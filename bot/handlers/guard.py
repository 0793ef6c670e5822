"""What runs before every other handler: flood control (the crisis screen comes next, ``bot.handlers.crisis``)."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.handlers.common import AnyHandler, Context, reply, user_lang
from bot.i18n import t

log = logging.getLogger(__name__)

FLOOD_GROUP = -2


async def flood_control(update: Update, context: Context) -> None:
    """Slows down a user who sends many messages a second (one polite warning, then silence)."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return
    verdict = context.services.flood.check(user.id, time.monotonic())
    if verdict == "ok":
        return
    if update.callback_query is not None:
        await update.callback_query.answer()  # never leave a pressed button spinning
    if verdict == "warn":
        await reply(update, context, t(user_lang(context, update),
                                       "You are sending messages very quickly. Please wait a moment, then try again."))
    raise ApplicationHandlerStop


def handlers() -> list[tuple[int, AnyHandler]]:
    return [(FLOOD_GROUP, TypeHandler(Update, flood_control))]
