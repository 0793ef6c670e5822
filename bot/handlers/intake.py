"""The monitor application: intro, consent, one question at a time, review, submit. See ``bot/intake/flow.mmd``.

A thin adapter: the questionnaire's rules are ``bot.intake.engine``, the session (load, save, discard) is
``bot.intake.session``, sending and its policy are ``bot.leads.submission``, and the screens are
``bot.views.intake``. This module reads the update, calls those, and shows the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler, filters

from bot.callbacks import (
    Button,
    IntakeAgree,
    IntakeBack,
    IntakeCancel,
    IntakeChoice,
    IntakeDecline,
    IntakeEdit,
    IntakeKeep,
    IntakeSkip,
    IntakeStart,
    IntakeSubmit,
    IntakeTick,
    IntakeTickDone,
    Stale,
)
from bot.content.schema import Question
from bot.handlers.buttons import ButtonCallback, StaleCallback
from bot.handlers.common import TEXT_LIMIT, AnyHandler, Context, reply, show, user_lang
from bot.handlers.pages import acknowledge_distress
from bot.i18n import N_, t
from bot.intake.draft import Draft
from bot.intake.engine import IntakeEngine, Outcome
from bot.intake.session import ApplicationSession
from bot.intake.typed import read_choice, read_text
from bot.leads.submission import (
    STAFF_LANG,
    Accepted,
    Applicant,
    Incomplete,
    LimitReached,
    submit_application,
)
from bot.views.intake import (
    did_you_mean_view,
    error_text,
    not_recorded_note,
    recorded_note,
    step_view,
    thanks_view,
    withheld_note,
)
from bot.views.keyboards import home_row

THANKED = "intake.thanked"
"""user_data key: (message id, lead id) of the last thank-you shown."""
LIMIT_TEXT = N_("We have received several applications from you today. The clinic will contact you; please wait "
                "for their reply.")
CANCELLED_TEXT = N_("The application was cancelled and your answers were discarded.")


def load_application(context: Context, user_id: int) -> ApplicationSession | None:
    """The application in progress, or None."""
    return context.services.sessions.load(user_id)


def _render(context: Context, lang: str, source: str) -> str:
    return context.services.live.current.content.render(lang, source)


async def show_step(update: Update, context: Context, app: ApplicationSession, *, edit: bool,
                    note: str | None = None) -> None:
    text, keyboard = step_view(context.services.live.current.content, app, note)
    await show(update, context, [text], keyboard, edit=edit)


async def show_error(update: Update, context: Context, app: ApplicationSession, outcome: Outcome) -> None:
    """Explains why an answer was not accepted, then asks the same question again."""
    await reply(update, context, error_text(context.services.live.current.content, app, outcome))
    await show_step(update, context, app, edit=False)


# --- entry points -----------------------------------------------------------------------------------------------

async def begin_application(update: Update, context: Context) -> None:
    """Starts the application (or resumes the one in progress) with the intro."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    lang = user_lang(context, update)
    existing = load_application(context, user.id)
    if existing is not None:
        await reply(update, context, t(lang, "You have an application in progress. Let's continue where you "
                                             "left off."))
        await show_step(update, context, existing, edit=False)
        return
    if svc.submissions.limit_reached(user.id, svc.now()):
        await reply(update, context, t(lang, LIMIT_TEXT), InlineKeyboardMarkup([home_row(lang)]))
        return
    await show_step(update, context, svc.sessions.start(user.id, lang), edit=False)


async def apply_command(update: Update, context: Context) -> None:
    """/apply: starts or resumes the monitor application."""
    await begin_application(update, context)


async def cancel_command(update: Update, context: Context) -> None:
    """/cancel: ends the application and discards the answers."""
    user = update.effective_user
    if user is None:
        return
    lang = user_lang(context, update)
    app = load_application(context, user.id)
    if app is None:
        await reply(update, context, t(lang, "There is no application in progress."),
                    InlineKeyboardMarkup([home_row(lang)]))
        return
    context.services.sessions.cancel(app)
    await reply(update, context, t(lang, CANCELLED_TEXT), InlineKeyboardMarkup([home_row(lang)]))


async def on_text(update: Update, context: Context) -> bool:
    """A typed answer to the current question. False when no question is waiting (the text is a free question)."""
    message = update.effective_message
    if message is None or message.text is None:
        return False
    return await answer_typed(update, context, message.text[:TEXT_LIMIT])


async def answer_typed(update: Update, context: Context, text: str) -> bool:
    """``text`` as typed at the waiting question (also after a crisis check-in answered "no"): read as a choice, a
    question about the form, a question for the FAQ, distress, or the answer. False when no question is waiting."""
    user = update.effective_user
    app = load_application(context, user.id) if user is not None else None
    question = app.engine.current_question(app.draft) if app is not None and app.draft.stage == "question" else None
    if app is not None and question is not None:
        if question.kind in ("choice", "multi"):
            await _typed_choice(update, context, app, question, text)
            return True
        kind = read_text(text, question)
        if kind != "form_question" and question.kind == "text" and not question.optional \
                and question.max_length <= 200 and await _acknowledge_distress(update, context, app, text):
            return True
        if kind == "form_question":
            await reply(update, context, "💬 " + _render(context, app.draft.lang, question.form_help or question.help))
            await show_step(update, context, app, edit=False)
            return True
        if kind == "question" and await _answer_side_question(update, context, app, text):
            return True
    return await _answer_open_question(update, context, lambda app: app.engine.answer_text(app.draft, text))


def hold_crisis_answer(context: Context, user_id: int, text: str) -> str | None:
    """Keep a message the crisis screen answered as the waiting text question's answer; that question's id."""
    app = load_application(context, user_id)
    if app is None or app.draft.stage != "question":
        return None
    step = app.engine.hold_text(app.draft, text)
    if step is not None:
        context.services.sessions.save(app)
    return step


def waiting_choice(context: Context, user_id: int) -> bool:
    """Whether the application waits for a button answer (a typed message is then most likely that answer)."""
    app = load_application(context, user_id)
    question = app.engine.current_question(app.draft) if app is not None else None
    return question is not None and question.kind in ("choice", "multi")


def waiting_step(context: Context, user_id: int) -> tuple[str, str] | None:
    """The question id and label the application is waiting at (for the crisis record), or None."""
    app = load_application(context, user_id)
    question = app.engine.current_question(app.draft, STAFF_LANG if STAFF_LANG in app.engine.languages else None) \
        if app is not None else None
    return (question.id, question.label or question.id) if question is not None else None


async def resume(update: Update, context: Context) -> bool:
    """Show where the application stands (after the crisis reply's "continue"); False when there is none."""
    user = update.effective_user
    app = load_application(context, user.id) if user is not None else None
    if app is None:
        return False
    await show_step(update, context, app, edit=False)
    return True


async def _typed_choice(update: Update, context: Context, app: ApplicationSession, question: Question,
                        text: str) -> None:
    """A message typed at a button question: recorded as the choice it names (saying so), a clear question answered
    from the FAQ, "did you mean" with the likely buttons when unclear, else the usual "please use the buttons"."""
    draft, engine = app.draft, app.engine
    reading = read_choice(text, engine.variants(draft, question.id), age=engine.answered_age(draft))
    if reading.kind == "question" and await _answer_side_question(update, context, app, text):
        return
    withheld = {c.id for c in engine.withheld(draft, question)}
    kept = tuple(c for c in reading.choice_ids if c not in withheld)
    if len(kept) < len(reading.choice_ids) and not kept:
        # 「点滴」 from a minor's parent while the clinic does not offer it: not recorded; the question says why
        await show_step(update, context, app, edit=False, note=not_recorded_note(app, question, reading.choice_ids))
        return
    why_missing = withheld_note(context.services.live.current.content, app, question) \
        if len(kept) < len(reading.choice_ids) else ""
    reading = replace(reading, choice_ids=kept)
    if reading.kind == "choice":
        outcome = (engine.tick(draft, question.id, reading.choice_ids) if question.kind == "multi"
                   else engine.answer_choice(draft, question.id, reading.choice_ids[0]))
        context.services.sessions.save(app)
        note = recorded_note(app, question, reading.choice_ids) if outcome.accepted else None
        await show_step(update, context, app, edit=False, note=note)
        return
    if reading.choice_ids:
        text, keyboard = did_you_mean_view(app, question, [c for c in question.choices if c.id in reading.choice_ids],
                                           why_missing)
        await reply(update, context, text, keyboard)
        return
    if await _acknowledge_distress(update, context, app, text):
        return
    outcome = engine.answer_text(draft, text)
    context.services.sessions.save(app)
    if outcome.kind == "error":
        await show_error(update, context, app, outcome)
    else:
        await show_step(update, context, app, edit=False)


async def remind_current_question(update: Update, context: Context) -> bool:
    """A sticker or photo during the questions: say what is being asked. False when no question is waiting."""
    return await _answer_open_question(update, context, lambda app: app.engine.answer_non_text(app.draft))


async def _answer_open_question(update: Update, context: Context,
                                answer: Callable[[ApplicationSession], Outcome]) -> bool:
    """Gives the waiting question its answer; shows the error and the question again, or the next step."""
    user = update.effective_user
    if user is None:
        return False
    app = load_application(context, user.id)
    if app is None or app.draft.stage != "question":
        return False
    outcome = answer(app)
    context.services.sessions.save(app)
    if outcome.kind == "error":
        await show_error(update, context, app, outcome)
    else:
        await show_step(update, context, app, edit=False)
    return True


async def _acknowledge_distress(update: Update, context: Context, app: ApplicationSession, text: str) -> bool:
    """「毎日つらいです」 typed instead of an answer: the warm reply, then the same question again."""
    hit = context.services.live.current.distress.screen(text)
    if not hit.statement:
        return False
    await acknowledge_distress(update, context, app.draft.lang, carer=hit.carer)
    await show_step(update, context, app, edit=False)
    return True


async def _answer_side_question(update: Update, context: Context, app: ApplicationSession, text: str) -> bool:
    """A clear question typed instead of an answer ("TMSって痛いですか？"): answer it, then ask again.

    Only a confident FAQ answer counts; anything else is read as an answer (or gets "please use the buttons")."""
    live = context.services.live.current
    match = live.faq.match(text)
    if match.status != "answer" or match.entry_id is None:
        return False
    lang = live.content.supported(match.lang)
    entry = live.faq.entry(lang, match.entry_id)
    answer = live.content.lang(lang).texts.get(f"faq.{entry.id}.answer")
    if entry.action == "apply" or answer is None:
        return False
    await reply(update, context, answer)
    await show_step(update, context, app, edit=False)
    return True


async def resume_after_language_change(update: Update, context: Context) -> bool:
    """After a language switch, show the application step in the new language, keeping every answer."""
    user = update.effective_user
    if user is None:
        return False
    app = load_application(context, user.id)
    if app is None:
        return False
    lang = user_lang(context, update)
    if lang in app.engine.languages:
        app.engine.switch_language(app.draft, lang)
        context.services.sessions.save(app)
    await show_step(update, context, app, edit=True)
    return True


# --- buttons ----------------------------------------------------------------------------------------------------

Step = Callable[[IntakeEngine, Draft, Any, dt.datetime], Outcome]
"""One button's change to the draft: (engine, draft, button, now) -> what happened."""

STEPS: dict[type[Button], Step] = {
    IntakeStart: lambda engine, draft, data, now: engine.open_consent(draft),
    IntakeAgree: lambda engine, draft, data, now: engine.accept_consent(draft, now),
    IntakeBack: lambda engine, draft, data, now: engine.back(draft, at=data.at),
    IntakeChoice: lambda engine, draft, data, now: engine.answer_choice(draft, data.question, data.choice),
    IntakeTick: lambda engine, draft, data, now: engine.toggle_multi(draft, data.question, data.choice),
    IntakeTickDone: lambda engine, draft, data, now: engine.finish_multi(draft, data.question),
    IntakeSkip: lambda engine, draft, data, now: engine.skip(draft, data.question),
    IntakeEdit: lambda engine, draft, data, now: engine.edit(draft, data.question),
    IntakeKeep: lambda engine, draft, data, now: engine.keep_answer(draft, data.question),
}


async def on_step_button(update: Update, context: Context, data: Button) -> None:
    """A button that moves the application on (start, agree, a choice, Back, Skip, edit ...)."""
    query, app = await _open_application(update, context)
    if query is None or app is None:
        return
    outcome = STEPS[type(data)](app.engine, app.draft, data, context.services.now())
    if outcome.kind == "stale":
        await _out_of_date(update, context, app)
        return
    await query.answer()
    context.services.sessions.save(app)
    if outcome.kind == "unchanged":
        return  # e.g. Back on the first question: the screen is already right (an identical edit is refused)
    if outcome.kind == "error":
        await show_error(update, context, app, outcome)
        return
    await show_step(update, context, app, edit=True)


async def on_decline(update: Update, context: Context, data: IntakeDecline) -> None:
    """Consent declined: nothing is kept, and the clinic's words for it are shown."""
    query, app = await _open_application(update, context)
    if query is None or app is None:
        return
    draft, engine = app.draft, app.engine
    if not engine.decline_consent(draft).accepted:
        await _out_of_date(update, context, app)
        return
    await query.answer()
    context.services.sessions.decline(app)
    await show(update, context, [_render(context, draft.lang, engine.intake(draft.lang).consent.declined)],
               InlineKeyboardMarkup([home_row(draft.lang)]), edit=True)


async def on_cancel(update: Update, context: Context, data: IntakeCancel) -> None:
    """Cancel: the answers are discarded (also when the application had already ended)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    lang = user_lang(context, update)
    await query.answer()
    app = load_application(context, user.id)
    if app is not None:
        context.services.sessions.cancel(app)
    await show(update, context, [t(lang, CANCELLED_TEXT)], InlineKeyboardMarkup([home_row(lang)]), edit=True)


async def on_submit(update: Update, context: Context, data: IntakeSubmit) -> None:
    """Send; with no application open, a second tap (or a lost thank-you) shows the thank-you again."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    app = load_application(context, user.id)
    if app is None:
        if not await show_sent(update, context, user.id, user_lang(context, update)):
            await _no_longer_open(update, context)
        return
    await query.answer()
    await submit(update, context, app)


async def on_stale(update: Update, context: Context, data: Stale) -> None:
    """An application button this version does not know: where the application stands, or that it is closed."""
    _, app = await _open_application(update, context)
    if app is not None:
        await _out_of_date(update, context, app)


async def _open_application(update: Update, context: Context) -> tuple[CallbackQuery | None, ApplicationSession | None]:
    """The pressed button's query and the application; when none is open, says so (and returns None for it)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    app = load_application(context, user.id)
    if app is None:
        await _no_longer_open(update, context)
    return query, app


async def _no_longer_open(update: Update, context: Context) -> None:
    assert update.callback_query is not None
    lang = user_lang(context, update)
    await update.callback_query.answer(t(lang, "This application is no longer open."))
    await show(update, context, [t(lang, "This application is no longer open. You can start a new one from the menu.")],
               InlineKeyboardMarkup([home_row(lang)]), edit=True)


async def _out_of_date(update: Update, context: Context, app: ApplicationSession) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(t(user_lang(context, update), "That button is out of date. Here is where "
                                                                     "your application stands."))
    await show_step(update, context, app, edit=False)


async def submit(update: Update, context: Context, app: ApplicationSession) -> None:
    """Sends the application (stored before the thank-you), thanks, and wakes delivery."""
    svc = context.services
    user, chat = update.effective_user, update.effective_chat
    applicant = Applicant(chat.id if chat else app.user_id, user.username if user else None,
                          user.full_name if user else None)
    result = submit_application(svc.submissions, app, applicant, svc.now())
    if isinstance(result, LimitReached):
        await reply(update, context, t(app.draft.lang, LIMIT_TEXT))
    elif isinstance(result, Incomplete):
        await show_step(update, context, app, edit=False)
    else:
        context.application.create_task(svc.deliver_due(), update=update)  # even if the thank-you fails
        await show_thanks(update, context, app.engine, app.draft.lang, result)


async def show_thanks(update: Update, context: Context, engine: IntakeEngine, lang: str, accepted: Accepted) -> None:
    """The thank-you with the lead number, in place of the review; remembered so a second tap changes nothing."""
    text, keyboard = thanks_view(context.services.live.current.content, engine, lang, accepted)
    await show(update, context, [text], keyboard, edit=True)
    if context.user_data is not None:
        context.user_data[THANKED] = (_pressed_message_id(update), accepted.lead.id)


async def show_sent(update: Update, context: Context, user_id: int, lang: str) -> bool:
    """Send pressed with no application open: if this user sent one recently, show its thank-you again.

    Covers a double tap (Telegram delivers both taps; the first already stored the lead) and a thank-you that
    Telegram failed to show (the review is still on screen, so the applicant presses Send again to get the
    number). False when there is no recent lead: the caller says the application is no longer open.
    """
    query = update.callback_query
    assert query is not None
    svc = context.services
    lead = svc.submissions.recent_lead(user_id, svc.now())
    if lead is None:
        return False
    await query.answer()
    if context.user_data is not None and context.user_data.get(THANKED) == (_pressed_message_id(update), lead.id):
        return True  # the thank-you is already on this message
    _, engine = svc.questionnaires.current()
    await show_thanks(update, context, engine, lang if lang in engine.languages else engine.languages[0],
                      Accepted(lead))
    return True


def _pressed_message_id(update: Update) -> int | None:
    query = update.callback_query
    return query.message.message_id if query is not None and query.message is not None else None


def handlers() -> list[AnyHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("apply", apply_command, filters=private),
        CommandHandler("cancel", cancel_command, filters=private),
    ]


def buttons() -> dict[type[Button], ButtonCallback]:
    return {**dict.fromkeys(STEPS, on_step_button), IntakeDecline: on_decline, IntakeCancel: on_cancel,
            IntakeSubmit: on_submit}


def stale_answers() -> dict[str, StaleCallback]:
    return {"i": on_stale}
