"""Stored answers shown in a language: choice ids become that language's labels, dates its long form.

Because answers are stored as ids and normalised values, the same draft reads correctly in Japanese and English.
"""

from __future__ import annotations

import datetime as dt

from bot.content.schema import Question
from bot.i18n import BABEL_LOCALES
from bot.intake.draft import Answer
from bot.intake.validate import format_phone

SKIPPED = "—"
LIST_SEPARATORS = {"ja": "、", "en": ", "}


def format_day(value: dt.date, lang: str) -> str:
    """2026年12月3日 / December 3, 2026."""
    from babel.dates import format_date  # Babel's locale data: loaded by the first date shown, not at start-up

    return format_date(value, format="long", locale=BABEL_LOCALES.get(lang, "en_US"))


def choice_label(question: Question, choice_id: str) -> str:
    """The label of a choice; the bare id if the content no longer has it (never raises)."""
    for choice in question.choices:
        if choice.id == choice_id:
            return choice.label
    return choice_id


def format_answer(question: Question, answer: Answer | None, lang: str) -> str:
    """One answer as the applicant and staff should read it, in ``lang`` (``question`` is in that language)."""
    if answer is None:
        return SKIPPED
    if isinstance(answer, list):
        order = {c.id: i for i, c in enumerate(question.choices)}
        ids = sorted(answer, key=lambda cid: order.get(cid, len(order)))
        return LIST_SEPARATORS.get(lang, ", ").join(choice_label(question, cid) for cid in ids) or SKIPPED
    if question.kind == "choice":
        return choice_label(question, answer)
    if question.kind == "phone":
        return format_phone(answer)
    if question.kind == "date":
        try:
            return format_day(dt.date.fromisoformat(answer), lang)
        except ValueError:
            return answer
    return answer


def format_bound(value: object, lang: str) -> str:
    """A min/max for an error message: dates in the long form, numbers as typed, nothing as an empty string."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_day(value, lang)
    return str(value)
