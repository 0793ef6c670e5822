"""The crisis screen's answers: before every other handler, for every typed message and caption, in every state.

    definite   the crisis reply at once, with buttons: all places to call, continue, menu
    carer      the reply for someone worried about another person, with the same buttons
    check_in   one warm question with yes / no and a hotline footer; yes -> the crisis reply; no -> the original
               message is answered as usual (a typed reply is screened again, and "no" never turns screening off)

A message typed at an application text question is kept as that answer, so nothing is lost; "continue" asks
the same question again, with a button to keep the answer. Each answer is recorded (tier, answer or chat, the
question id; never the text) for the lead card's 🆘 flag, and when someone with an open or recent lead gets the
crisis reply, the staff chat is told at once with the lead number.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.callbacks import Button, CrisisContinue, CrisisNo, CrisisYes, OpenPage, Stale
from bot.handlers import intake, questions, relay
from bot.handlers.buttons import ButtonCallback, StaleCallback
from bot.handlers.common import AnyHandler, Context, reply, typed_text, user_lang
from bot.handlers.pages import show_menu
from bot.i18n import t
from bot.leads.model import OPEN_STATUSES
from bot.safety.crisis import language_of, reads_as_english
from bot.safety.normalize import has_japanese
from bot.safety.tiers import REPLIED, Assessment
from bot.storage.crisis_events import Place
from bot.views.keyboards import button, home_row

log = logging.getLogger(__name__)

CRISIS_GROUP = -1
PENDING = "crisis.pending"
"""user_data key: (token, text) of the message a check-in asked about; in memory only, never stored."""
RECENT_LEAD = dt.timedelta(days=30)
"""A lead this recent (and still open) makes a crisis reply a notice to the staff chat."""
CRISIS_PAGE = "crisis_help"


def reply_keyboard(context: Context, lang: str) -> InlineKeyboardMarkup:
    """Under every crisis reply: the full list of places to call, continue, and the menu."""
    rows = []
    if context.services.live.current.content.page(lang, CRISIS_PAGE) is not None:
        rows.append([button(t(lang, "📞 All places to call"), OpenPage(CRISIS_PAGE))])
    rows.append([button(t(lang, "▶ Continue"), CrisisContinue())])
    rows.append(home_row(lang))
    return InlineKeyboardMarkup(rows)


def _answer_lang(context: Context, update: Update, text: str) -> str:
    """Japanese typed by a user with English settings gets the Japanese reply, and English typed with Japanese
    settings the English one; romaji (「shinitai」) and text of no clear language follow the settings."""
    lang = language_of(text) if has_japanese(text) or reads_as_english(text) else user_lang(context, update)
    return context.services.live.current.content.supported(lang)


async def crisis_screen(update: Update, context: Context) -> None:
    """Answers a message that sounds like suicide or self-harm, at the tier it needs, before anything else."""
    text = typed_text(update)
    if not text:
        return
    live = context.services.live.current
    user = update.effective_user
    answering = intake.waiting_choice(context, user.id) if user is not None else False
    assessment = live.crisis.assess(text, learned=not answering)
    if not assessment.hit:
        return
    lang = _answer_lang(context, update, text)
    log.info("crisis screen: %s (%s)", assessment.tier, assessment.reason())
    place: Place = "chat"
    step: str | None = None
    if user is not None:
        waiting = intake.waiting_step(context, user.id)
        held = intake.hold_crisis_answer(context, user.id, text)
        if held is not None or waiting is not None:
            place, step = ("answer", held) if held is not None else ("chat", waiting[0] if waiting else None)
    if assessment.tier == "check_in":
        await _ask_check_in(update, context, lang, text, held=place == "answer")
    else:
        await _full_reply(update, context, lang, assessment, place, step)
    raise ApplicationHandlerStop


async def _full_reply(update: Update, context: Context, lang: str, assessment: Assessment, place: Place,
                      step: str | None) -> None:
    content = context.services.live.current.content
    key = "crisis.carer_message" if assessment.tier == "carer" else "crisis.message"
    await reply(update, context, content.text(lang, key), reply_keyboard(context, lang))
    _record(update, context, assessment.tier, place, step)
    if assessment.tier == "definite":
        await _tell_staff(update, context, place)


async def _ask_check_in(update: Update, context: Context, lang: str, text: str, *, held: bool) -> None:
    crisis = context.services.live.current.content.lang(lang).crisis
    token = secrets.token_hex(4)
    if context.user_data is not None:
        context.user_data[PENDING] = (token, "" if held else text, lang)
    content = context.services.live.current.content
    message = content.text(lang, "crisis.check_in.question") + "\n\n" + content.text(lang, "crisis.check_in.footer")
    keyboard = InlineKeyboardMarkup([[button(crisis.check_in.yes_button, CrisisYes(token))],
                                     [button(crisis.check_in.no_button, CrisisNo(token))]])
    await reply(update, context, message, keyboard)
    _record(update, context, "check_in", "answer" if held else "chat", None)


def _record(update: Update, context: Context, tier: str, place: Place, step: str | None) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    svc.stats.record("crisis", tier)  # a daily count of the tier only
    svc.crisis_events.record(user.id, tier, place, step, svc.now())
    if tier in REPLIED:
        svc.users.mark_crisis(user.id, svc.now())


async def _tell_staff(update: Update, context: Context, place: Place) -> None:
    """An applicant with an open or recent lead got the crisis reply: the staff chat hears of it at once."""
    svc = context.services
    user = update.effective_user
    staff_chat = svc.settings.staff_chat_id
    if user is None or staff_chat is None:
        return
    recent = [lead for lead in svc.leads.list_for_user(user.id)
              if lead.status in OPEN_STATUSES and lead.created_at >= svc.now() - RECENT_LEAD]
    if not recent:
        return
    where = "申込の回答で" if place == "answer" else "チャットで"
    refs = "、".join(lead.ref for lead in recent)
    text = (f"🆘 <b>{refs}</b> の申込者に、{where}危機対応の返信（相談窓口の案内）をしました。"
            "メッセージの内容はお見せできません。早めのご連絡をご検討ください。")
    try:
        await context.bot.send_message(staff_chat, text, parse_mode=ParseMode.HTML)
        log.info("crisis notice sent to the staff chat for %s", refs)
    except TelegramError as exc:
        log.warning("crisis notice for %s could not be sent (%s)", refs, exc.__class__.__name__)


async def on_continue(update: Update, context: Context, data: CrisisContinue) -> None:
    """ "Continue" under a crisis reply."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    await _continue(update, context, user_lang(context, update))


async def on_check_in_yes(update: Update, context: Context, data: CrisisYes) -> None:
    """The check-in answered "yes": the full crisis reply."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    pending = context.user_data.pop(PENDING, None) if context.user_data is not None else None
    lang = pending[2] if pending is not None and pending[0] == data.token else user_lang(context, update)
    await _full_reply(update, context, lang, Assessment("definite", "context", "check_in_yes"), "chat", None)


async def on_check_in_no(update: Update, context: Context, data: CrisisNo | Stale) -> None:
    """The check-in answered "no": the held message goes where it was meant to (an answer, the clinic, the FAQ).

    A "no" on an older check-in (or a crisis button this version does not know) only thanks."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    lang = user_lang(context, update)
    pending = context.user_data.get(PENDING) if context.user_data is not None else None
    if isinstance(data, CrisisNo) and pending is not None and pending[0] == data.token:
        assert context.user_data is not None
        context.user_data.pop(PENDING, None)
        _token, text, lang = pending  # thanked in the language the check-in was asked in
        await reply(update, context, t(lang, "Thank you for letting me know."))
        if not text:  # it was kept as an application answer: carry on with the application
            if not await intake.resume(update, context):
                await _continue(update, context, lang)
        elif not (await relay.answer_typed(update, context, text)  # they were answering the clinic
                  or await intake.answer_typed(update, context, text)):
            await questions.answer_typed_text(update, context, text)
        return
    await reply(update, context, t(lang, "Thank you. If you would like to ask something, please type it again."),
                InlineKeyboardMarkup([home_row(lang)]))


async def _continue(update: Update, context: Context, lang: str) -> None:
    """Back to exactly where the person was: the application question (asked again), or the menu."""
    if not await intake.resume(update, context):
        await show_menu(update, context)


def handlers() -> list[tuple[int, AnyHandler]]:
    private = filters.ChatType.PRIVATE
    return [(CRISIS_GROUP, MessageHandler(private & (filters.TEXT | filters.CAPTION), crisis_screen))]


def buttons() -> dict[type[Button], ButtonCallback]:
    return {CrisisContinue: on_continue, CrisisYes: on_check_in_yes, CrisisNo: on_check_in_no}


def stale_answers() -> dict[str, StaleCallback]:
    return {"k": on_check_in_no}
