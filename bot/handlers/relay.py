"""Staff and applicant talk through the bot, so a lead that asked to be contacted "in this Telegram chat" is reached.

Staff reply to a lead's card (or to an answer posted under it) in the staff chat, or send ``/reply A-000123 text``;
the applicant reads it as a message from the clinic, with a button to answer. The answer (after that button, or as
a Telegram reply to the clinic's message) is posted in the staff chat as a reply to the card. Every message is
stored with the lead (``bot.leads.relay``) once it is sent, shown on the card, and erased with the lead: its
staff-side copies (the posted answer, the staff member's message) are deleted in Telegram by the delivery worker.

Group privacy mode does not get in the way: bots receive replies to their own messages and commands in groups.
Messages are never logged, only the lead id and what happened.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections.abc import Callable

from telegram import InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.callbacks import Button, RelayReply, RelayStop, Stale
from bot.handlers.buttons import ButtonCallback, StaleCallback
from bot.handlers.common import TEXT_LIMIT, AnyHandler, Context, reply, user_lang
from bot.handlers.staff import is_staff, staff_only
from bot.i18n import t
from bot.leads.model import APPLICANT, Lead, lead_ref, parse_lead_ref
from bot.storage.users import UserStore
from bot.views.keyboards import button

log = logging.getLogger(__name__)

MARK = "✉️"
"""Starts every clinic message in an applicant's chat: a reply to such a message is an answer to the clinic."""
_CARD_TITLE = re.compile(r"^(?:モニター申込|Monitor application) (A-\d+)\n")
WAIT_SECONDS = 30 * 60
"""How long after "Reply to the clinic" the next text is taken as the answer."""
RELAY_LIMIT = 3500
"""Characters of a staff message: the clinic's heading and the answer hint must fit in Telegram's 4096 too."""
REPLY_USAGE = "使い方: /reply 申込番号 本文（例: /reply A-000123 明日の午後にお電話してもよろしいですか？）"


class _Waiting(filters.MessageFilter):
    """Applicants who pressed "Reply to the clinic": their next text within ``WAIT_SECONDS`` goes to staff.

    Kept on the user's row in the database (``UserStore.start_relay``), not in memory: behind a load balancer
    the next message may reach another instance, and a restart in between does not lose it."""

    def __init__(self, users: UserStore, clock: Callable[[], dt.datetime]) -> None:
        super().__init__(name="waiting_for_answer")
        self.users = users
        self.clock = clock

    def start(self, user_id: int, lead_id: int) -> None:
        self.users.start_relay(user_id, lead_id, self.clock())

    def pop(self, user_id: int) -> int | None:
        return self.users.pop_relay(user_id, self._since())

    def filter(self, message: Message) -> bool:
        # a question typed much later is just a question
        return message.from_user is not None and self.users.relay_waiting(message.from_user.id, self._since()) \
            is not None

    def _since(self) -> dt.datetime:
        return self.clock() - dt.timedelta(seconds=WAIT_SECONDS)


class _AnswersClinic(filters.MessageFilter):
    """A Telegram reply to one of the clinic's messages."""

    def filter(self, message: Message) -> bool:
        target = message.reply_to_message
        return bool(target and target.from_user and target.from_user.is_bot and (target.text or "").startswith(MARK))


# --- staff -> applicant ---------------------------------------------------------------------------------------------

async def on_staff_reply(update: Update, context: Context) -> None:
    """A reply in the staff chat to a card or a posted answer: sends it to that applicant."""
    message = update.effective_message
    if message is None or message.text is None or not is_staff(update, context):
        return
    target = message.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != context.bot.id:
        return
    lead_id = context.services.leads.relay.lead_for_staff_message(target.message_id)
    if lead_id is None:  # a copy of the card shown by /lead: its first line names the lead
        found = _CARD_TITLE.match(target.text or "")
        lead_id = parse_lead_ref(found.group(1)) if found else None
    if lead_id is None:
        return  # a reply to another bot message (a reload report ...): staff talking among themselves
    await send_to_applicant(update, context, lead_id, message.text)


@staff_only
async def reply_command(update: Update, context: Context) -> None:
    """/reply A-000123 text: sends the text to that applicant as a message from the clinic."""
    message = update.effective_message
    assert message is not None
    parts = (message.text or "").split(maxsplit=2)
    lead_id = parse_lead_ref(parts[1]) if len(parts) > 1 else None
    text = parts[2].strip() if len(parts) > 2 else ""
    if lead_id is None or not text:
        await reply(update, context, html.escape(REPLY_USAGE))
        return
    await send_to_applicant(update, context, lead_id, text)


async def send_to_applicant(update: Update, context: Context, lead_id: int, text: str) -> None:
    """Sends the message to the applicant, stores it with the lead once Telegram has it, and tells staff."""
    svc = context.services
    lead = svc.leads.get(lead_id)
    ref = lead_ref(lead_id)
    if lead is None:
        await reply(update, context, html.escape(f"申込番号 {ref} が見つかりません。{REPLY_USAGE}"))
        return
    if len(text) > RELAY_LIMIT:
        await reply(update, context,
                    f"メッセージが長すぎます（{len(text)}文字）。{RELAY_LIMIT}文字以内に分けて送ってください。")
        return
    if lead.erased or lead.chat_id is None:
        await reply(update, context, f"{ref} は個人情報を削除済みのため、ボットからはメッセージを送れません。")
        return
    lang = svc.live.current.content.supported(lead.lang)
    body = "\n\n".join([
        MARK + " " + html.escape(t(lang, "A message from {clinic} about your application {ref}:",
                                   clinic=clinic_name(context, lang), ref=ref)),
        html.escape(text),
        "<i>" + html.escape(t(lang, "To answer, press the button below or reply to this message. Clinic staff "
                                    "will read your answer.")) + "</i>",
    ])
    keyboard = InlineKeyboardMarkup([[button(t(lang, "✉️ Reply to the clinic"), RelayReply(lead.id))]])
    try:
        sent = await context.bot.send_message(lead.chat_id, body, reply_markup=keyboard)
    except Forbidden:
        log.info("relay to the applicant refused (lead=%d, the bot is blocked)", lead.id)
        await reply(update, context, f"{ref} のご本人がボットを停止しているため、メッセージは届きませんでした。"
                                     "電話やメールなど、ほかの方法でご連絡ください。")
        return
    except TelegramError as exc:
        log.warning("relay to the applicant failed (lead=%d, %s)", lead.id, exc.__class__.__name__)
        await reply(update, context, f"{ref} のご本人にメッセージを送れませんでした（Telegram の一時的なエラー）。"
                                     "少し時間をおいて、もう一度送ってください。")
        return
    who = update.effective_user.full_name if update.effective_user else "staff"
    message = update.effective_message
    now = svc.now()
    with svc.db.transaction():
        svc.leads.relay.record(lead.id, "to_applicant", who, text, now,
                               staff_message_id=message.message_id if message else None,
                               applicant_message_id=sent.message_id,
                               staff_chat_id=message.chat_id if message else None)
        _refresh_card(context, lead, now)
    log.info("relayed a staff message to the applicant (lead=%d)", lead.id)
    chat = update.effective_chat
    where = "ここ" if chat is not None and chat.id == svc.settings.staff_chat_id else "スタッフ用チャット"
    await reply(update, context, f"✅ {ref} のご本人に、クリニックからのメッセージとして送りました。"
                                 f"お返事があれば、申込カードへの返信として{where}に届きます。")
    context.application.create_task(svc.deliver_due(), update=update)


# --- applicant -> staff ---------------------------------------------------------------------------------------------

class Relay:
    """The applicant's side; one instance per application (it holds who is about to answer)."""

    def __init__(self, users: UserStore, clock: Callable[[], dt.datetime]) -> None:
        self.waiting = _Waiting(users, clock)

    async def on_stop_button(self, update: Update, context: Context, data: RelayStop) -> None:
        """Cancel under "please type your message": nothing is sent."""
        query, user = update.callback_query, update.effective_user
        assert query is not None and user is not None
        await query.answer()
        self.waiting.pop(user.id)
        await reply(update, context, t(user_lang(context, update), "All right, nothing was sent."))

    async def on_reply_button(self, update: Update, context: Context, data: RelayReply | Stale) -> None:
        """"Reply to the clinic": the next text message goes to staff."""
        query, user = update.callback_query, update.effective_user
        assert query is not None and user is not None
        lang = user_lang(context, update)
        await query.answer()
        lead = context.services.leads.get(data.lead) if isinstance(data, RelayReply) else None
        if lead is None or lead.erased or lead.user_id != user.id:
            await reply(update, context, t(lang, "This application is no longer open, so a message cannot be passed "
                                                 "on. Please contact the clinic directly."))
            return
        self.waiting.start(user.id, lead.id)
        keyboard = InlineKeyboardMarkup([[button(t(lang, "✖ Cancel"), RelayStop())]])
        await reply(update, context, t(lang, "Please type your message to the clinic and send it. Clinic staff will "
                                             "read it."), keyboard)

    async def on_answer(self, update: Update, context: Context) -> None:
        """The applicant's answer: stored with the lead, posted under its card, and confirmed."""
        message, user, chat = update.effective_message, update.effective_user, update.effective_chat
        if message is None or message.text is None or user is None or chat is None:
            return
        svc = context.services
        lead_id = self.waiting.pop(user.id)
        target = message.reply_to_message
        if lead_id is None and target is not None:
            lead_id = svc.leads.relay.lead_for_applicant_message(chat.id, target.message_id)
        if lead_id is None:
            lead_id = svc.leads.relay.latest_contacted_lead(chat.id)
        await self.deliver(update, context, lead_id, message.text[:TEXT_LIMIT], message.message_id)

    async def deliver(self, update: Update, context: Context, lead_id: int | None, text: str,
                      applicant_message_id: int | None) -> None:
        """Stores the answer with the lead, posts it under the card, and thanks the applicant."""
        svc = context.services
        lang = user_lang(context, update)
        user = update.effective_user
        lead = svc.leads.get(lead_id) if lead_id is not None else None
        if lead is None or lead.erased or user is None or lead.user_id != user.id:
            await reply(update, context, t(lang, "This application is no longer open, so a message cannot be passed "
                                                 "on. Please contact the clinic directly."))
            return
        posted_id = await _post_to_staff(context, lead, text)
        now = svc.now()
        with svc.db.transaction():  # stored even if the staff chat was unreachable: the card shows it once edited
            svc.leads.relay.record(lead.id, "from_applicant", APPLICANT, text, now, staff_message_id=posted_id,
                                   applicant_message_id=applicant_message_id,
                                   staff_chat_id=svc.settings.staff_chat_id)
            _refresh_card(context, lead, now)
        log.info("relayed an applicant's answer to staff (lead=%d, posted=%s)", lead.id, posted_id is not None)
        await reply(update, context, t(lang, "Thank you. Your message has been passed to the clinic. Staff will read "
                                             "it and contact you."))
        context.application.create_task(svc.deliver_due(), update=update)

    def handlers(self) -> list[AnyHandler]:
        private_text = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
        return [
            MessageHandler(private_text & (self.waiting | _AnswersClinic()), self.on_answer),
        ]

    def buttons(self) -> dict[type[Button], ButtonCallback]:
        return {RelayReply: self.on_reply_button, RelayStop: self.on_stop_button}

    def stale_answers(self) -> dict[str, StaleCallback]:
        return {"r": self.on_reply_button}


async def answer_typed(update: Update, context: Context, text: str) -> bool:
    """``text`` as the applicant's answer to the clinic, if they had pressed "Reply to the clinic" (for handlers
    that held the message first, such as the crisis check-in answered "no"); False when they had not."""
    user = update.effective_user
    relay = next((getattr(h.callback, "__self__", None) for handlers in context.application.handlers.values()
                  for h in handlers if isinstance(getattr(h.callback, "__self__", None), Relay)), None)
    if relay is None or user is None:
        return False
    lead_id = relay.waiting.pop(user.id)
    if lead_id is None:
        return False
    await relay.deliver(update, context, lead_id, text[:TEXT_LIMIT], None)
    return True


async def _post_to_staff(context: Context, lead: Lead, text: str) -> int | None:
    """Posts the answer as a reply to the lead's card; its message id, or None if the staff chat is unreachable."""
    chat_id = context.services.settings.staff_chat_id
    if chat_id is None:
        return None
    body = (f"💬 <b>{lead.ref}</b> ご本人からのお返事\n\n{html.escape(text)}\n\n"
            "<i>↩️ このメッセージに返信すると、ご本人に届きます。</i>")
    reply_to = (ReplyParameters(lead.staff_message_id, allow_sending_without_reply=True)
                if lead.staff_message_id is not None else None)
    try:
        posted = await context.bot.send_message(chat_id, body, reply_parameters=reply_to)
    except TelegramError as exc:
        log.warning("could not post an applicant's answer to staff (lead=%d, %s)", lead.id, exc.__class__.__name__)
        return None
    return posted.message_id


def _refresh_card(context: Context, lead: Lead, now: dt.datetime) -> None:
    """Queue an edit of the card so its message list is current (the outbox delivers it, retrying as needed)."""
    if lead.staff_message_id is not None:
        context.services.leads.outbox.enqueue(lead.id, "status_update", now)


def clinic_name(context: Context, lang: str) -> str:
    """The clinic's name from content (plain text)."""
    return html.unescape(context.services.live.current.content.render(lang, "{{ clinic.name }}")).strip()


def staff_handlers() -> list[AnyHandler]:
    return [
        CommandHandler("reply", reply_command),
        MessageHandler(filters.ChatType.GROUPS & filters.REPLY & filters.TEXT & ~filters.COMMAND, on_staff_reply),
    ]


def handlers(relay: Relay) -> list[AnyHandler]:
    return [*staff_handlers(), *relay.handlers()]
