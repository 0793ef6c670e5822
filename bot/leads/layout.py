"""The order staff read a lead in, defined once for the card and the CSV: first what is needed to place the call.

A caller wants, at the top: who to ask for (name with its reading), the number, when and how discreetly to call,
and who is applying (the patient, or a parent for a child of which age band). Those answers are listed here by
question id, in that order; everything else follows grouped by the questionnaire's sections, health sections
first. A question id the questionnaire no longer has is simply absent; a new question the list does not know
lands in its section, so a content edit never hides an answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from bot.leads.model import AnswerText

CALL_QUESTIONS: tuple[str, ...] = (
    "name",
    "guardian_name",
    "patient_name",
    "contact_method",
    "phone",
    "email",
    "call_times",
    "discreet",
    "applicant",
    "guardian_needed",
    "age",
    "guardian_phone",
    "guardian_agrees",
)
"""Answers at the top of the card and first in the CSV, in this order (ids from ``content/*/intake.yaml``)."""
READINGS: Mapping[str, str] = {"name": "name_kana", "guardian_name": "guardian_kana", "patient_name": "patient_kana"}
"""Furigana questions: shown in brackets after the name they read (山田 花子（やまだ はなこ）)."""
WHO_QUESTIONS: tuple[str, ...] = ("applicant", "guardian_needed", "age", "guardian_phone", "guardian_agrees")
"""The part of the call block that says who is applying; how to reach the applicant in Telegram goes before it."""
CONTACT_METHOD = "contact_method"


class Item(NamedTuple):
    question_id: str
    label: str
    value: str


class Layout(NamedTuple):
    call: list[Item]
    """The call block, in ``CALL_QUESTIONS`` order, readings merged into the names."""
    sections: list[tuple[str, list[Item]]]
    """(heading, answers) for the rest: health sections first, then the others, each in questionnaire order."""


SKIPPED = "—"
"""How a skipped answer is shown (``bot.intake.display.SKIPPED``); a skipped reading is left out."""


def merge_reading(name: str, reading: str | None) -> str:
    return f"{name}（{reading}）" if reading and reading != SKIPPED else name


def layout(answers: Mapping[str, AnswerText]) -> Layout:
    """Split a lead's answers into the call block and the grouped rest."""
    readings = set(READINGS.values())
    call: list[Item] = []
    for question_id in CALL_QUESTIONS:
        answer = answers.get(question_id)
        if answer is None:
            continue
        value = answer["value"]
        if question_id in READINGS and READINGS[question_id] in answers:
            value = merge_reading(value, answers[READINGS[question_id]]["value"])
        call.append(Item(question_id, answer["label"], value))
    groups: dict[str, list[Item]] = {}
    health: dict[str, bool] = {}
    for question_id, answer in answers.items():
        if question_id in CALL_QUESTIONS or (question_id in readings and _reads_a_name(question_id, answers)):
            continue
        section = answer.get("section", "")
        groups.setdefault(section, []).append(Item(question_id, answer["label"], answer["value"]))
        health[section] = health.get(section, False) or bool(answer.get("health"))
    order = sorted(groups, key=lambda s: not health[s])  # stable: health sections first, then the others
    return Layout(call, [(section, groups[section]) for section in order])


def _reads_a_name(reading_id: str, answers: Mapping[str, AnswerText]) -> bool:
    return any(answers.get(name) is not None for name, reading in READINGS.items() if reading == reading_id)


def column_order(question_ids: Iterable[str], sections: Mapping[str, str], health: Sequence[str]) -> list[str]:
    """The CSV's answer columns for a questionnaire: the call block, then the rest as the card groups it.

    ``sections`` maps question id to section heading; ``health`` lists the health question ids."""
    ids = list(question_ids)
    call = [q for q in CALL_QUESTIONS if q in ids]
    names_read = {READINGS[q] for q in call if q in READINGS}
    placed = [x for q in call for x in ((q, READINGS[q]) if q in READINGS and READINGS[q] in ids else (q,))]
    rest = [q for q in ids if q not in call and q not in names_read]
    by_section: dict[str, list[str]] = {}
    for question_id in rest:
        by_section.setdefault(sections.get(question_id, ""), []).append(question_id)
    health_sections = {sections.get(q, "") for q in health}
    ordered = sorted(by_section, key=lambda s: s not in health_sections)
    return placed + [q for section in ordered for q in by_section[section]]
