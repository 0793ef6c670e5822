"""The application's screens: the message and buttons for where a session stands, and the thank-you."""

from __future__ import annotations

import html
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import (
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
)
from bot.content.base import ContentBase
from bot.content.schema import Choice, Question
from bot.i18n import N_, t
from bot.intake.engine import WITHHELD, IntakeEngine, Outcome
from bot.intake.policy import quoted_labels
from bot.intake.session import ApplicationSession
from bot.leads.submission import Accepted
from bot.views.keyboards import button, home_row

Screen = tuple[str, InlineKeyboardMarkup]
INTRO_NOTICE = ("unapproved", "combined")
"""The intro invites applications for exosome infusion: its unapproved-treatment notice (as shown on combined
pages) is folded under the intro, so the status is read before the Start button."""
NOT_OFFERED = N_("This choice cannot be recorded for this application. The reason is given under the question.")


def nav_row(lang: str, position: str | None = None) -> list[InlineKeyboardButton]:
    """Back (naming where it was pressed, so an old Back button is recognised as stale) and Cancel."""
    row = [button(t(lang, "◀ Back"), IntakeBack(position))] if position else []
    row.append(button(t(lang, "✖ Cancel"), IntakeCancel()))
    return row


def _hint(text: str) -> str:
    return f"<i>{html.escape(text)}</i>"


def step_view(content: ContentBase, session: ApplicationSession, note: str | None = None) -> Screen:
    """The message and buttons for where the application stands (``note``: a line above, e.g. what was recorded)."""
    text, keyboard = _step_view(content, session)
    return (f"{html.escape(note)}\n\n{text}" if note else text), keyboard


def _intro(content: ContentBase, lang: str, intro: str) -> str:
    text = content.render(lang, intro)
    notice = content.lang(lang).rendered_notices.get(INTRO_NOTICE)  # rendered by the load, as pages fold it in
    if notice is None:
        return text
    return f"{text}\n\n<blockquote expandable>{notice}</blockquote>"


def _step_view(content: ContentBase, session: ApplicationSession) -> Screen:
    draft, engine = session.draft, session.engine
    lang = draft.lang
    intake = engine.intake(lang)
    position = engine.position(draft)
    if draft.stage == "intro":
        return _intro(content, lang, intake.intro), InlineKeyboardMarkup(
            [[button(intake.start, IntakeStart())], nav_row(lang)])
    if draft.stage == "consent":
        return content.render(lang, intake.consent.text), InlineKeyboardMarkup(
            [[button(intake.consent.agree, IntakeAgree())],
             [button(intake.consent.decline, IntakeDecline())], nav_row(lang, position)])
    if draft.stage == "review":
        items = engine.review_items(draft, lang)
        lines = [f"<b>{html.escape(item.label)}</b>: {html.escape(item.value)}" for item in items]
        text = content.render(lang, intake.review) + "\n\n" + "\n".join(lines)
        edits = [button(t(lang, "✏️ {label}", label=item.label), IntakeEdit(item.question_id))
                 for item in items]
        edit_rows = [edits[i:i + 2] for i in range(0, len(edits), 2)]
        return text, InlineKeyboardMarkup([[button(intake.submit, IntakeSubmit())], *edit_rows,
                                           nav_row(lang, position)])
    question = engine.current_question(draft, lang)
    if question is None:  # nothing left to ask
        return t(lang, "This application is complete."), InlineKeyboardMarkup([home_row(lang)])
    return _question_view(content, session, question)


def _question_view(content: ContentBase, session: ApplicationSession, question: Question) -> Screen:
    draft, engine = session.draft, session.engine
    lang = draft.lang
    n, total = engine.progress(draft)
    parts = [_hint(t(lang, "Question {n} of {total}", n=n, total=total))]
    if question.section and engine.is_new_section(draft):
        parts.append(f"<b>{html.escape(question.section)}</b>")
    parts.append(content.render(lang, question.text))
    if question.help:
        parts.append(f"<i>{content.render(lang, question.help)}</i>")
    note = withheld_note(content, session, question)
    if note:
        parts.append(note)
    current = engine.display_answer(draft, question.id, lang)
    held = engine.held_answer(draft)
    if current is not None and (draft.editing or held is not None):
        parts.append(html.escape(t(lang, "Current answer: {value}", value=current)))
    keyboard: list[list[InlineKeyboardButton]] = []
    if held is not None:
        keyboard.append([button(t(lang, "Keep this answer ✓"), IntakeKeep(question.id))])
    offered = engine.offered(draft, question)
    if question.kind == "choice":
        keyboard += [[button(c.label, IntakeChoice(question.id, c.id))] for c in offered]
    elif question.kind == "multi":
        ticked = set(engine.selected(draft))
        keyboard += [[button(("☑ " if c.id in ticked else "☐ ") + c.label, IntakeTick(question.id, c.id))]
                     for c in offered]
        keyboard.append([button(t(lang, "Done ✓"), IntakeTickDone(question.id))])
        parts.append(_hint(t(lang, "Choose all that apply, then press Done.")))
    else:
        parts.append(_hint(t(lang, "Please type your answer below.")))
    if question.optional:
        keyboard.append([button(t(lang, "Skip"), IntakeSkip(question.id))])
    keyboard.append(nav_row(lang, engine.position(draft)))
    return "\n\n".join(parts), InlineKeyboardMarkup(keyboard)


def withheld_note(content: ContentBase, session: ApplicationSession, question: Question) -> str:
    """The question's ``minors_note`` naming the choices the clinic does not offer this applicant; empty if none."""
    withheld = session.engine.withheld(session.draft, question)
    if not withheld or not question.minors_note:
        return ""
    lang = session.draft.lang
    return content.render(lang, question.minors_note, withheld=quoted_labels([c.label for c in withheld], lang))


def error_text(content: ContentBase, session: ApplicationSession, outcome: Outcome) -> str:
    """Why an answer was not accepted, in the questionnaire's own words."""
    lang = session.draft.lang
    if outcome.error == WITHHELD:  # the reason is the minors_note under the question shown next
        return "ℹ️ " + html.escape(t(lang, NOT_OFFERED))
    errors = session.engine.intake(lang).errors
    source = getattr(errors, outcome.error or "empty", errors.empty)
    return "⚠️ " + content.render(lang, source, **dict(outcome.params))


def recorded_note(session: ApplicationSession, question: Question, choice_ids: Sequence[str]) -> str:
    """What a typed message was recorded as, said above the next step."""
    lang = session.draft.lang
    labels = ("、" if lang == "ja" else ", ").join(c.label for c in question.choices if c.id in choice_ids)
    if question.kind == "multi":
        return t(lang, "☑ Ticked: {answer}. Press Done when you have chosen everything.", answer=labels)
    return t(lang, "✓ Recorded: {answer}", answer=labels)


def not_recorded_note(session: ApplicationSession, question: Question, choice_ids: Sequence[str]) -> str:
    """What a typed message named but was not recorded as (a choice not offered), said above the question."""
    lang = session.draft.lang
    labels = ("、" if lang == "ja" else ", ").join(c.label for c in question.choices if c.id in choice_ids)
    return t(lang, "✗ Not recorded: {answer}", answer=labels)


def did_you_mean_view(session: ApplicationSession, question: Question, choices: Sequence[Choice],
                      note: str = "") -> Screen:
    """The likely buttons for a message typed at a button question that named none clearly (``note``: HTML below,
    e.g. why a likely choice is not among them)."""
    lang = session.draft.lang
    kind = IntakeTick if question.kind == "multi" else IntakeChoice
    rows = [[button(c.label, kind(question.id, c.id))] for c in choices]
    rows.append(nav_row(lang, session.position))
    text = html.escape(t(lang, "Did you mean one of these? Please press the one that fits."))
    return (f"{text}\n\n{note}" if note else text), InlineKeyboardMarkup(rows)


def thanks_view(content: ContentBase, engine: IntakeEngine, lang: str, accepted: Accepted) -> Screen:
    """The thank-you with the lead number, and the doctor's note when the lead is flagged."""
    intake = engine.intake(lang)
    text = content.render(lang, intake.thanks, lead_id=accepted.lead.ref)
    if intake.flagged_note and accepted.flagged:
        text += "\n\n" + content.render(lang, intake.flagged_note)
    return text, InlineKeyboardMarkup([home_row(lang)])
