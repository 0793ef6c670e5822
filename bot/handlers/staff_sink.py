"""The Telegram end of lead delivery: posts cards to the staff chat and maps Telegram's errors for the worker.

RetryAfter (429), network trouble and 5xx are temporary; a missing chat, a bot without rights or a group that was
upgraded to a supergroup (its id changes) is permanent (retried slowly, and visible in the log and /health).
Messages are never logged, only error kinds.

A time-out or a dropped connection after the request went out is ``in_doubt``: Telegram may have posted the card
(``bot.http.may_have_arrived`` tells a connect or pool time-out, where nothing was sent, from a read time-out).
The card is given ``CARD_TIMEOUT`` seconds, far more than a normal answer needs, so that this stays rare; when it
happens the next post of that card starts with a line saying it may be a repeat.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.callbacks import LeadStatus
from bot.http import may_have_arrived
from bot.leads.card import (
    CARD_LIMIT,
    STATUS_BUTTONS,
    format_card,
    format_notice,
    format_relay_erased,
    format_time,
    visible_length,
)
from bot.leads.errors import PermanentDeliveryError, TemporaryDeliveryError
from bot.leads.model import Lead

log = logging.getLogger(__name__)

STAFF_LANG = "ja"
CARD_TIMEOUT = 30.0
"""Seconds to wait for Telegram's answer to a card before the outcome counts as unknown."""
REPEAT_LINE = ("⚠️ 再送です: {time} の送信は結果が確認できませんでした。"
               "同じ番号のカードがすでにあれば、こちらは重複です。")


def repeat_line(since: datetime) -> str:
    """The first line of a card that may be a second post of the same lead."""
    return REPEAT_LINE.format(time=format_time(since, STAFF_LANG))


def status_keyboard(lead: Lead, lang: str = STAFF_LANG) -> InlineKeyboardMarkup | None:
    if lead.erased or lead.status == "withdrawn":
        return None
    buttons = [InlineKeyboardButton(("● " if s.id == lead.status else "") + s.label(lang),
                                    callback_data=LeadStatus(lead.id, s.id).pack()) for s in STATUS_BUTTONS]
    return InlineKeyboardMarkup([buttons[i:i + 2] for i in range(0, len(buttons), 2)])


def _translate(exc: TelegramError) -> Exception:
    if isinstance(exc, RetryAfter):
        retry = exc.retry_after
        seconds = retry.total_seconds() if hasattr(retry, "total_seconds") else float(retry)
        return TemporaryDeliveryError("rate_limited", retry_after=seconds)
    if isinstance(exc, ChatMigrated):  # a group became a supergroup: its id changed, only the operator can fix it
        log.error("the staff chat is now a supergroup with the id %d: set STAFF_CHAT_ID=%d and restart the bot",
                  exc.new_chat_id, exc.new_chat_id)
        return PermanentDeliveryError("chat_migrated")
    if isinstance(exc, TimedOut):
        return TemporaryDeliveryError("timed_out", in_doubt=may_have_arrived(exc))
    if isinstance(exc, Forbidden):
        return PermanentDeliveryError("forbidden")
    if isinstance(exc, BadRequest):
        if "chat not found" in str(exc).lower():
            return PermanentDeliveryError("chat_not_found")
        return PermanentDeliveryError("bad_request")
    if isinstance(exc, NetworkError):
        return TemporaryDeliveryError("network", in_doubt=may_have_arrived(exc))
    return TemporaryDeliveryError("telegram_error")


class TelegramLeadSink:
    """``LeadSink`` over a PTB bot and the staff chat id."""

    def __init__(self, bot: Bot, chat_id: int, *, card_timeout: float = CARD_TIMEOUT) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self.card_timeout = card_timeout

    async def send_card(self, lead: Lead, *, repeat_of: datetime | None = None) -> int:
        text = format_card(lead, STAFF_LANG)
        try:
            if repeat_of is not None:
                note = f"<b>{html.escape(repeat_line(repeat_of), quote=False)}</b>"
                if visible_length(f"{note}\n\n{text}") <= CARD_LIMIT:
                    text = f"{note}\n\n{text}"
                else:  # a card already at Telegram's length limit: the note goes just before it
                    await self.bot.send_message(self.chat_id, note, parse_mode=ParseMode.HTML)
            message = await self.bot.send_message(self.chat_id, text, parse_mode=ParseMode.HTML,
                                                  reply_markup=status_keyboard(lead), read_timeout=self.card_timeout)
        except TelegramError as exc:
            raise _translate(exc) from None
        return message.message_id

    async def send_notice(self, lead_id: int, kind: str) -> None:
        try:
            await self.bot.send_message(self.chat_id, format_notice(lead_id, kind, STAFF_LANG),
                                        parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            raise _translate(exc) from None

    async def edit_card(self, lead: Lead, message_id: int, *, chat_id: int | None = None) -> None:
        try:
            await self.bot.edit_message_text(format_card(lead, STAFF_LANG), chat_id=chat_id or self.chat_id,
                                             message_id=message_id, parse_mode=ParseMode.HTML,
                                             reply_markup=status_keyboard(lead))
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            if "message to edit not found" in str(exc).lower():
                return  # staff deleted the card: nothing left to update
            raise _translate(exc) from None
        except TelegramError as exc:
            raise _translate(exc) from None

    async def delete_message(self, chat_id: int, message_id: int) -> None:
        try:
            await self.bot.delete_message(chat_id, message_id)
        except BadRequest as exc:
            if "not found" in str(exc).lower():
                return  # staff deleted it already
            raise PermanentDeliveryError("cannot_delete") from None  # older than 48 hours, or no right to delete
        except TelegramError as exc:
            raise _translate(exc) from None

    async def erase_relayed(self, lead_id: int, chat_id: int, message_id: int) -> None:
        try:
            await self.bot.edit_message_text(format_relay_erased(lead_id, "relay_erased", STAFF_LANG), chat_id=chat_id,
                                             message_id=message_id, parse_mode=ParseMode.HTML)
        except BadRequest as exc:
            if "not modified" in str(exc).lower() or "message to edit not found" in str(exc).lower():
                return  # edited by an attempt cut off before it was recorded, or deleted by staff
            raise _translate(exc) from None
        except TelegramError as exc:
            raise _translate(exc) from None

    async def ask_to_delete(self, lead_id: int, chat_id: int, message_id: int) -> None:
        try:
            await self.bot.send_message(chat_id, format_relay_erased(lead_id, "relay_delete_request", STAFF_LANG),
                                        parse_mode=ParseMode.HTML,
                                        reply_parameters=ReplyParameters(message_id, allow_sending_without_reply=True))
        except TelegramError as exc:
            raise _translate(exc) from None
