"""The monitor application: intro, consent, one question at a time, review, submit. See ``bot/intake/flow.mmd``.

The questionnaire itself lives in content (``intake.yaml``) and its rules in ``bot.intake.engine``; this module only
shows the current step and turns button presses and typed answers into engine calls. The draft is saved after
every step, so a restart or a day away resumes at the same question, and it remembers which questionnaire it
started with, so a content reload does not change the questions under the applicant.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks
from bot.content.schema import Question
from bot.handlers.common import TEXT_LIMIT, Context, button, home_row, reply, services, show, user_lang
from bot.i18n import t
from bot.intake.draft import Draft
from bot.intake.engine import IntakeEngine, Outcome
from bot.intake.typed import read_choice, read_text
from bot.leads.model import Consent, CrisisNote, Lead
from bot.stats import intake_events
from bot.storage.crisis_events import CrisisEvent

log = logging.getLogger(__name__)

CRISIS_FLAG_WINDOW = dt.timedelta(days=30)
SENT_WINDOW = dt.timedelta(days=1)
"""How long Send on an old review shows the thank-you of the lead it sent, instead of "no longer open"."""
FLAGGED_NOTE_FLAGS = frozenset({"minor", "screening", "crisis"})
"""Flags that add the "the doctor will look again" note to the thank-you."""
STAFF_LANG = "ja"
THANKED = "intake.thanked"
"""user_data key: (message id, lead id) of the last thank-you shown."""


@dataclass
class Application:
    """A user's draft with the questionnaire it belongs to."""

    user_id: int
    key: str
    engine: IntakeEngine
    draft: Draft
    counted: tuple[str, frozenset[str]] | None = None
    """Where the draft stood when last counted for the statistics (None: just begun)."""

    def dump(self) -> str:
        return json.dumps({"key": self.key, "draft": self.draft.to_dict()}, ensure_ascii=False)


def load_application(context: Context, user_id: int) -> Application | None:
    """The application in progress, or None (also for a stored draft that can no longer be read)."""
    svc = services(context)
    record = svc.users.get(user_id)
    if record is None or not record.draft:
        return None
    try:
        data = json.loads(record.draft)
        key = str(data["key"])
        draft = Draft.from_dict(data["draft"])
    except (ValueError, KeyError, TypeError):
        log.warning("discarding an unreadable application draft")
        svc.users.clear_draft(user_id, svc.now())
        return None
    engine = svc.engine_for(key)
    if engine is None:
        svc.users.clear_draft(user_id, svc.now())
        return None
    if draft.stage in ("done", "declined"):
        return None
    engine.resume(draft)
    return Application(user_id, key, engine, draft, (engine.position(draft), frozenset(draft.answers)))


def save(context: Context, application: Application) -> None:
    svc = services(context)
    svc.users.save_draft(application.user_id, application.dump(), svc.now())
    counted = (application.engine.position(application.draft), frozenset(application.draft.answers))
    for kind, label in intake_events(application.counted, *counted):
        svc.stats.record(kind, label)
    application.counted = counted


def discard(context: Context, user_id: int) -> None:
    svc = services(context)
    svc.users.clear_draft(user_id, svc.now())


# --- showing the current step -----------------------------------------------------------------------------------

def _text(context: Context, lang: str, source: str, **extra: object) -> str:
    return services(context).live.current.content.render(lang, source, **extra)


def _nav_row(lang: str, position: str | None = None) -> list[InlineKeyboardButton]:
    """Back (naming where it was pressed, so an old Back button is recognised as stale) and Cancel."""
    row = [button(t(lang, "◀ Back"), callbacks.intake("back", position))] if position else []
    row.append(button(t(lang, "✖ Cancel"), callbacks.intake("cancel")))
    return row


def _hint(text: str) -> str:
    return f"<i>{html.escape(text)}</i>"


def step_view(context: Context, app: Application, note: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    """The message and buttons for where the application stands (``note``: a line above, e.g. what was recorded)."""
    text, keyboard = _step_view(context, app)
    return (f"{html.escape(note)}\n\n{text}" if note else text), keyboard


def _step_view(context: Context, app: Application) -> tuple[str, InlineKeyboardMarkup]:
    draft, engine = app.draft, app.engine
    lang = draft.lang
    intake = engine.intake(lang)
    position = engine.position(draft)
    if draft.stage == "intro":
        return _text(context, lang, intake.intro), InlineKeyboardMarkup(
            [[button(intake.start, callbacks.intake("start"))], _nav_row(lang)])
    if draft.stage == "consent":
        return _text(context, lang, intake.consent.text), InlineKeyboardMarkup(
            [[button(intake.consent.agree, callbacks.intake("agree"))],
             [button(intake.consent.decline, callbacks.intake("decline"))], _nav_row(lang, position)])
    if draft.stage == "review":
        lines = [f"<b>{html.escape(item.label)}</b>: {html.escape(item.value)}"
                 for item in engine.review_items(draft, lang)]
        text = _text(context, lang, intake.review) + "\n\n" + "\n".join(lines)
        edits = [button(t(lang, "✏️ {label}", label=item.label), callbacks.intake("e", item.question_id))
                 for item in engine.review_items(draft, lang)]
        edit_rows = [edits[i:i + 2] for i in range(0, len(edits), 2)]
        return text, InlineKeyboardMarkup([[button(intake.submit, callbacks.intake("submit"))], *edit_rows,
                                           _nav_row(lang, position)])
    question = engine.current_question(draft, lang)
    if question is None:  # nothing left to ask
        return t(lang, "This application is complete."), InlineKeyboardMarkup([home_row(lang)])
    n, total = engine.progress(draft)
    parts = [_hint(t(lang, "Question {n} of {total}", n=n, total=total))]
    if question.section and engine.is_new_section(draft):
        parts.append(f"<b>{html.escape(question.section)}</b>")
    parts.append(_text(context, lang, question.text))
    if question.help:
        parts.append(f"<i>{_text(context, lang, question.help)}</i>")
    current = engine.display_answer(draft, question.id, lang)
    held = engine.held_answer(draft)
    if current is not None and (draft.editing or held is not None):
        parts.append(html.escape(t(lang, "Current answer: {value}", value=current)))
    keyboard: list[list[InlineKeyboardButton]] = []
    if held is not None:
        keyboard.append([button(t(lang, "Keep this answer ✓"), callbacks.intake("k", question.id))])
    if question.kind == "choice":
        keyboard += [[button(c.label, callbacks.intake("c", question.id, c.id))] for c in question.choices]
    elif question.kind == "multi":
        ticked = set(engine.selected(draft))
        keyboard += [[button(("☑ " if c.id in ticked else "☐ ") + c.label, callbacks.intake("m", question.id, c.id))]
                     for c in question.choices]
        keyboard.append([button(t(lang, "Done ✓"), callbacks.intake("md", question.id))])
        parts.append(_hint(t(lang, "Choose all that apply, then press Done.")))
    else:
        parts.append(_hint(t(lang, "Please type your answer below.")))
    if question.optional:
        keyboard.append([button(t(lang, "Skip"), callbacks.intake("s", question.id))])
    keyboard.append(_nav_row(lang, position))
    return "\n\n".join(parts), InlineKeyboardMarkup(keyboard)


async def show_step(update: Update, context: Context, app: Application, *, edit: bool,
                    note: str | None = None) -> None:
    text, keyboard = step_view(context, app, note)
    await show(update, context, [text], keyboard, edit=edit)


async def show_error(update: Update, context: Context, app: Application, outcome: Outcome) -> None:
    """Explains why an answer was not accepted, then asks the same question again."""
    lang = app.draft.lang
    errors = app.engine.intake(lang).errors
    source = getattr(errors, outcome.error or "empty", errors.empty)
    await reply(update, context, "⚠️ " + _text(context, lang, source, **dict(outcome.params)))
    await show_step(update, context, app, edit=False)


# --- entry points -----------------------------------------------------------------------------------------------

async def begin_application(update: Update, context: Context) -> None:
    """Starts the application (or resumes the one in progress) with the intro."""
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    lang = user_lang(context, update)
    existing = load_application(context, user.id)
    if existing is not None:
        await reply(update, context, t(lang, "You have an application in progress. Let's continue where you "
                                             "left off."))
        await show_step(update, context, existing, edit=False)
        return
    since = svc.now() - dt.timedelta(days=1)
    if svc.users.count_submissions_since(user.id, since) >= svc.settings.max_applications_per_day:
        await reply(update, context, t(lang, "We have received several applications from you today. The clinic "
                                             "will contact you; please wait for their reply."),
                    InlineKeyboardMarkup([home_row(lang)]))
        return
    key, engine = svc.current_intake()
    app = Application(user.id, key, engine, engine.start(lang))
    save(context, app)
    await show_step(update, context, app, edit=False)


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
    discard(context, user.id)
    services(context).stats.record("cancelled", app.engine.position(app.draft))
    await reply(update, context, t(lang, "The application was cancelled and your answers were discarded."),
                InlineKeyboardMarkup([home_row(lang)]))


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
            await reply(update, context, "💬 " + _text(context, app.draft.lang, question.form_help))
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
        save(context, app)
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


async def _typed_choice(update: Update, context: Context, app: Application, question: Question, text: str) -> None:
    """A message typed at a button question: recorded as the choice it names (saying so), a clear question answered
    from the FAQ, "did you mean" with the likely buttons when unclear, else the usual "please use the buttons"."""
    draft, engine = app.draft, app.engine
    reading = read_choice(text, engine.variants(draft, question.id))
    if reading.kind == "question" and await _answer_side_question(update, context, app, text):
        return
    if reading.kind == "choice":
        outcome = (engine.tick(draft, question.id, reading.choice_ids) if question.kind == "multi"
                   else engine.answer_choice(draft, question.id, reading.choice_ids[0]))
        save(context, app)
        labels = "、".join(c.label for c in question.choices if c.id in reading.choice_ids) if draft.lang == "ja" \
            else ", ".join(c.label for c in question.choices if c.id in reading.choice_ids)
        if question.kind == "multi":
            note = t(draft.lang, "☑ Ticked: {answer}. Press Done when you have chosen everything.", answer=labels)
        else:
            note = t(draft.lang, "✓ Recorded: {answer}", answer=labels)
        await show_step(update, context, app, edit=False, note=note if outcome.accepted else None)
        return
    if reading.choice_ids:
        op = "m" if question.kind == "multi" else "c"
        rows = [[button(c.label, callbacks.intake(op, question.id, c.id))]
                for c in question.choices if c.id in reading.choice_ids]
        rows.append(_nav_row(draft.lang, engine.position(draft)))
        await reply(update, context, t(draft.lang, "Did you mean one of these? Please press the one that fits."),
                    InlineKeyboardMarkup(rows))
        return
    if await _acknowledge_distress(update, context, app, text):
        return
    outcome = engine.answer_text(draft, text)
    save(context, app)
    if outcome.kind == "error":
        await show_error(update, context, app, outcome)
    else:
        await show_step(update, context, app, edit=False)


async def remind_current_question(update: Update, context: Context) -> bool:
    """A sticker or photo during the questions: say what is being asked. False when no question is waiting."""
    return await _answer_open_question(update, context, lambda app: app.engine.answer_non_text(app.draft))


async def _answer_open_question(update: Update, context: Context,
                                answer: Callable[[Application], Outcome]) -> bool:
    """Gives the waiting question its answer; shows the error and the question again, or the next step."""
    user = update.effective_user
    if user is None:
        return False
    app = load_application(context, user.id)
    if app is None or app.draft.stage != "question":
        return False
    outcome = answer(app)
    save(context, app)
    if outcome.kind == "error":
        await show_error(update, context, app, outcome)
    else:
        await show_step(update, context, app, edit=False)
    return True


async def _acknowledge_distress(update: Update, context: Context, app: Application, text: str) -> bool:
    """「毎日つらいです」 typed instead of an answer: the warm reply, then the same question again."""
    if not services(context).live.current.distress.screen(text).statement:
        return False
    from bot.handlers.questions import acknowledge_distress

    await acknowledge_distress(update, context, app.draft.lang)
    await show_step(update, context, app, edit=False)
    return True


async def _answer_side_question(update: Update, context: Context, app: Application, text: str) -> bool:
    """A clear question typed instead of an answer ("TMSって痛いですか？"): answer it, then ask again.

    Only a confident FAQ answer counts; anything else is read as an answer (or gets "please use the buttons")."""
    live = services(context).live.current
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
        save(context, app)
    await show_step(update, context, app, edit=True)
    return True


# --- buttons ----------------------------------------------------------------------------------------------------

async def on_button(update: Update, context: Context) -> None:
    """Every button of the application: start, consent, choices, back, edit, submit, cancel."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    op, args = (data.args[0], data.args[1:]) if data and data.args else ("", ())
    lang = user_lang(context, update)
    app = load_application(context, user.id)
    if op == "cancel":
        await query.answer()
        if app is not None:
            discard(context, user.id)
            services(context).stats.record("cancelled", app.engine.position(app.draft))
        await show(update, context, [t(lang, "The application was cancelled and your answers were discarded.")],
                   InlineKeyboardMarkup([home_row(lang)]), edit=True)
        return
    if app is None:
        if op == "submit" and await show_sent(update, context, user.id, lang):
            return  # a second tap on Send, or Send again after the thank-you was lost: show the number
        await query.answer(t(lang, "This application is no longer open."))
        await show(update, context, [t(lang, "This application is no longer open. You can start a new one "
                                             "from the menu.")], InlineKeyboardMarkup([home_row(lang)]), edit=True)
        return
    draft, engine = app.draft, app.engine
    now = services(context).now()
    if op == "start":
        outcome = engine.open_consent(draft)
    elif op == "agree":
        outcome = engine.accept_consent(draft, now)
    elif op == "decline":
        outcome = engine.decline_consent(draft)
        if outcome.accepted:
            await query.answer()
            discard(context, user.id)
            services(context).stats.record("consent_declined")
            await show(update, context, [_text(context, draft.lang, engine.intake(draft.lang).consent.declined)],
                       InlineKeyboardMarkup([home_row(draft.lang)]), edit=True)
            return
    elif op == "back":
        outcome = engine.back(draft, at=args[0] if args else None)
    elif op == "c" and len(args) == 2:
        outcome = engine.answer_choice(draft, args[0], args[1])
    elif op == "m" and len(args) == 2:
        outcome = engine.toggle_multi(draft, args[0], args[1])
    elif op == "md" and len(args) == 1:
        outcome = engine.finish_multi(draft, args[0])
    elif op == "s" and len(args) == 1:
        outcome = engine.skip(draft, args[0])
    elif op == "e" and len(args) == 1:
        outcome = engine.edit(draft, args[0])
    elif op == "k" and len(args) == 1:
        outcome = engine.keep_answer(draft, args[0])
    elif op == "submit":
        await query.answer()
        await submit(update, context, app)
        return
    else:
        outcome = Outcome("stale")
    if outcome.kind == "stale":
        await query.answer(t(lang, "That button is out of date. Here is where your application stands."))
        await show_step(update, context, app, edit=False)
        return
    await query.answer()
    save(context, app)
    if outcome.kind == "unchanged":
        return  # e.g. Back on the first question: the screen is already right (an identical edit is refused)
    if outcome.kind == "error":
        await show_error(update, context, app, outcome)
        return
    await show_step(update, context, app, edit=True)


async def submit(update: Update, context: Context, app: Application) -> None:
    """Stores the lead (on disk before the thank-you), clears the draft, thanks, and wakes delivery."""
    svc = services(context)
    draft, engine = app.draft, app.engine
    lang = draft.lang
    now = svc.now()
    if svc.users.count_submissions_since(app.user_id, now - dt.timedelta(days=1)) >= \
            svc.settings.max_applications_per_day:
        await reply(update, context, t(lang, "We have received several applications from you today. The clinic "
                                             "will contact you; please wait for their reply."))
        return
    outcome = engine.submit(draft)
    if not outcome.accepted:
        save(context, app)
        await show_step(update, context, app, edit=False)
        return
    assert draft.consent is not None
    staff_lang = STAFF_LANG if STAFF_LANG in engine.languages else lang
    answers = engine.lead_answers(draft, staff_lang)
    flags = list(engine.flags(draft))
    crisis = crisis_notes(svc.crisis_events.since(app.user_id, now - CRISIS_FLAG_WINDOW), engine, draft, staff_lang)
    if any(note.tier in ("definite", "carer") for note in crisis) or \
            svc.users.crisis_seen_since(app.user_id, now - CRISIS_FLAG_WINDOW):
        flags.append("crisis")
    chat = update.effective_chat
    lead = svc.leads.submit(
        submission_key=f"{app.user_id}:{app.key}:{draft.consent.time}",
        user_id=app.user_id,
        chat_id=chat.id if chat else app.user_id,
        lang=lang,
        answers=answers,
        flags=flags,
        consent=Consent(draft.consent.version, draft.consent.lang,
                        dt.datetime.fromisoformat(draft.consent.time.replace("Z", "+00:00"))),
        intake_version=draft.version,
        crisis=crisis if "crisis" in flags else (),
        now=now,
        username=update.effective_user.username if update.effective_user else None,
        display_name=update.effective_user.full_name if update.effective_user else None,
    )
    discard(context, app.user_id)
    svc.stats.record("submitted")
    log.info("lead %s submitted", lead.id)
    context.application.create_task(svc.deliver_due(context.bot), update=update)  # even if the thank-you fails
    await show_thanks(update, context, engine, lang, lead)


def crisis_notes(events: Sequence[CrisisEvent], engine: IntakeEngine, draft: Draft, lang: str) -> list[CrisisNote]:
    """This applicant's own crisis events for the card: when, where, and the question's label (never the text)."""
    notes = []
    for event in events:
        question = engine.question(draft, event.step, lang) if event.step else None
        notes.append(CrisisNote(event.at, event.tier, event.place, question.label if question else event.step))
    return notes


async def show_thanks(update: Update, context: Context, engine: IntakeEngine, lang: str, lead: Lead) -> None:
    """The thank-you with the lead number, in place of the review; remembered so a second tap changes nothing."""
    intake = engine.intake(lang)
    text = _text(context, lang, intake.thanks, lead_id=lead.ref)
    if intake.flagged_note and FLAGGED_NOTE_FLAGS & set(lead.flags):
        text += "\n\n" + _text(context, lang, intake.flagged_note)
    await show(update, context, [text], InlineKeyboardMarkup([home_row(lang)]), edit=True)
    if context.user_data is not None:
        context.user_data[THANKED] = (_pressed_message_id(update), lead.id)


async def show_sent(update: Update, context: Context, user_id: int, lang: str) -> bool:
    """Send pressed with no application open: if this user sent one recently, show its thank-you again.

    Covers a double tap (Telegram delivers both taps; the first already stored the lead) and a thank-you that
    Telegram failed to show (the review is still on screen, so the applicant presses Send again to get the
    number). False when there is no recent lead: the caller says the application is no longer open.
    """
    query = update.callback_query
    assert query is not None
    svc = services(context)
    recent = [lead for lead in svc.leads.list_for_user(user_id) if lead.created_at >= svc.now() - SENT_WINDOW]
    if not recent:
        return False
    lead = recent[-1]
    await query.answer()
    if context.user_data is not None and context.user_data.get(THANKED) == (_pressed_message_id(update), lead.id):
        return True  # the thank-you is already on this message
    _, engine = svc.current_intake()
    await show_thanks(update, context, engine, lang if lang in engine.languages else engine.languages[0], lead)
    return True


def _pressed_message_id(update: Update) -> int | None:
    query = update.callback_query
    return query.message.message_id if query is not None and query.message is not None else None


def handlers() -> list[object]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("apply", apply_command, filters=private),
        CommandHandler("cancel", cancel_command, filters=private),
        CallbackQueryHandler(on_button, pattern=r"^i:"),
    ]
