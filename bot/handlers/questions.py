"""Typed questions: answered from the FAQ in the language of the question, honestly when there is no answer.

The crisis screen has already seen the text (``guard``); a waiting application question takes it first. A message
that says how someone feels (「毎日つらい」, "I feel hopeless") gets a warm acknowledgement with what the clinic can
do, and the FAQ answer too when it also asks a clear question. A clear match answers with a button to the full
page (and the runners-up under "not what you asked?" when the best entry only led clearly); a near tie offers the
top matches; no match says so, offers the menu and the clinic's contact, and counts the question (without who
asked) for staff's ``/unanswered``. ``answer_typed_text`` is the one way in for free text.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import MessageHandler, filters

from bot.callbacks import Button, FaqAnswer, OpenPage
from bot.handlers import intake
from bot.handlers.buttons import ButtonCallback
from bot.handlers.common import AnyHandler, Context, reply, typed_text, user_lang
from bot.handlers.pages import acknowledge_distress, open_page, stale_button
from bot.i18n import t
from bot.search import FaqIndex, Match
from bot.search.typed_reply import read_typed, reply_language
from bot.storage.unanswered import scrub
from bot.views.keyboards import button, home_row

log = logging.getLogger(__name__)
CHOICE_LABEL_LIMIT = 40


async def on_text(update: Update, context: Context) -> None:
    """Routes typed text: the open application question first, otherwise a question for the FAQ."""
    if await intake.on_text(update, context):
        return
    text = typed_text(update).strip()
    if not text:
        return
    await answer_typed_text(update, context, text)  # matching takes under a millisecond: no typing indicator


async def answer_typed_text(update: Update, context: Context, text: str) -> None:
    """Answers a free-text message that the crisis screen let through: distress, an FAQ answer, choices or none."""
    svc = context.services
    live = svc.live.current
    found = read_typed(live.faq, live.distress, text)
    match = found.match
    lang = live.content.supported(reply_language(match, text, user_lang(context, update)))
    if found.acknowledged:
        await acknowledge_distress(update, context, lang, carer=found.carer)
    if found.answered and match.entry_id is not None:
        svc.stats.record("faq_answered", match.entry_id)
        await show_entry(update, context, lang, match.entry_id)
        if match.also and not found.acknowledged:  # a message that asked two things: the other one as a button
            await reply(update, context, t(lang, "You also asked about this:"),
                        InlineKeyboardMarkup([*_choice_rows(live.faq, lang, list(match.also)), home_row(lang)]))
        elif match.unsure:  # answered on a clear lead the model was not sure of: the runners-up as a way out
            await reply(update, context, t(lang, "Not what you asked? Perhaps one of these:"),
                        InlineKeyboardMarkup([*_choice_rows(live.faq, lang, list(match.unsure[:2])), home_row(lang)]))
        return
    if found.offer:
        await _offer_choices(update, context, live.faq, lang, match)  # after an acknowledgement: the question kept
        return
    if found.acknowledged:
        return
    svc.stats.record("faq_unanswered")
    user = update.effective_user
    if user is None or intake.load_application(context, user.id) is None:
        # Counted for staff without who asked; not while an application is open, where typed text may be
        # personal details meant for the form.
        svc.unanswered.record(scrub(text), lang, svc.now())
    keyboard = InlineKeyboardMarkup([
        [button(t(lang, "📞 Contact the clinic"), OpenPage("clinic"))],
        home_row(lang),
    ])
    await reply(update, context, t(lang, "I'm sorry, I don't have an answer to that question. Please choose a "
                                         "topic from the menu, or ask the clinic directly."), keyboard)


async def _offer_choices(update: Update, context: Context, faq: FaqIndex, lang: str, match: Match) -> None:
    """ "Did you mean" with the best two or three entries as buttons."""
    buttons = _choice_rows(faq, lang, [entry_id for entry_id, _score in match.candidates[:3]])
    buttons.append(home_row(lang))
    context.services.stats.record("faq_choices")
    await reply(update, context, t(lang, "Did you mean one of these?"), InlineKeyboardMarkup(buttons))


def _choice_rows(faq: FaqIndex, lang: str, entry_ids: list[str]) -> list[list[InlineKeyboardButton]]:
    """One button per entry, labelled with its first example question (shortened to fit a phone)."""
    rows = []
    for entry_id in entry_ids:
        label = faq.entry(lang, entry_id).questions[0]
        if len(label) > CHOICE_LABEL_LIMIT:
            label = label[: CHOICE_LABEL_LIMIT - 1] + "…"
        rows.append([button(label, FaqAnswer(lang, entry_id))])
    return rows


async def show_entry(update: Update, context: Context, lang: str, entry_id: str) -> None:
    """Shows one FAQ answer (or runs its action: apply starts the application, contact shows the clinic)."""
    live = context.services.live.current
    entry = live.faq.entry(lang, entry_id)
    if entry.action == "apply":
        await intake.begin_application(update, context)
        return
    keyboard_rows = []
    if entry.page and live.content.page(lang, entry.page):
        page = live.content.page(lang, entry.page)
        assert page is not None
        keyboard_rows.append([button(t(lang, "📖 {title}", title=page.button), OpenPage(entry.page))])
    if entry.action == "contact" and entry.page != "clinic":
        keyboard_rows.append([button(t(lang, "📞 Contact the clinic"), OpenPage("clinic"))])
    keyboard_rows.append(home_row(lang))
    key = f"faq.{entry_id}.answer"
    text = live.content.lang(lang).texts.get(key)
    if text is None:  # an entry that only points to a page
        if entry.page and await open_page(update, context, lang, entry.page, edit=False):
            return
        text = t(lang, "Please see the menu.")
    await reply(update, context, text, InlineKeyboardMarkup(keyboard_rows))


async def on_faq_button(update: Update, context: Context, data: FaqAnswer) -> None:
    """A "Did you mean" button: shows that answer."""
    query = update.callback_query
    assert query is not None
    live = context.services.live.current
    await query.answer()
    if data.lang not in live.content.languages:
        await stale_button(update, context, answered=True)
        return
    try:
        live.faq.entry(data.lang, data.entry)
    except KeyError:
        await stale_button(update, context, answered=True)
        return
    await show_entry(update, context, data.lang, data.entry)


def handlers() -> list[AnyHandler]:
    text = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    return [
        MessageHandler(text, on_text),
    ]


def buttons() -> dict[type[Button], ButtonCallback]:
    return {FaqAnswer: on_faq_button}
