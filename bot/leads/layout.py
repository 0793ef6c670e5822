"""The order staff read a lead in, defined once for the card and the CSV: first what is needed to place the call.

A caller wants, at the top: who to ask for (name with its reading), the number, when and how discreetly to call,
and who is applying (the patient, or a parent for a child of which age band). Those answers are listed here by
question id, in that order; everything else follows grouped by the questionnaire's sections, health sections
first. A question id the questionnaire no longer has is simply absent. A questionnaire with other ids still opens
the card with what a caller needs: a phone or e-mail question (by its kind) and a text question that asks for a
name or its reading (by its id or label: name, 名前, 氏名, ふりがな ...) join the call block; any other new question
lands in its section, so a content edit never hides an answer.
"""

from __future__ import annotations

import re
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
_READING = re.compile(r"kana|furigana|reading|ふりがな|フリガナ|よみがな|読み", re.IGNORECASE)
_NAME = re.compile(r"(^|_)name($|_)|\bname\b|名前|氏名|フルネーム", re.IGNORECASE)
_KIND_AFTER = {"phone": "phone", "email": "email"}


def call_rank(question_id: str, kind: str = "", label: str = "") -> float | None:
    """Where an answer goes in the call block (smaller first), or None when it belongs further down the card."""
    if question_id in CALL_QUESTIONS:
        return float(CALL_QUESTIONS.index(question_id))
    if question_id in READINGS.values():
        return None  # merged into its name, or listed with the rest when the name is missing
    if kind in _KIND_AFTER:
        return CALL_QUESTIONS.index(_KIND_AFTER[kind]) + 0.5
    if kind == "text" and _NAME.search(f"{question_id} {label}"):
        return CALL_QUESTIONS.index("patient_name") + (0.6 if _READING.search(f"{question_id} {label}") else 0.5)
    return None


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
    ranked: list[tuple[float, int, Item]] = []
    groups: dict[str, list[Item]] = {}
    health: dict[str, bool] = {}
    for position, (question_id, answer) in enumerate(answers.items()):
        rank = call_rank(question_id, answer.get("kind", ""), answer["label"])
        if rank is not None:
            value = answer["value"]
            if question_id in READINGS and READINGS[question_id] in answers:
                value = merge_reading(value, answers[READINGS[question_id]]["value"])
            ranked.append((rank, position, Item(question_id, answer["label"], value)))
            continue
        if question_id in readings and _reads_a_name(question_id, answers):
            continue
        section = answer.get("section", "")
        groups.setdefault(section, []).append(Item(question_id, answer["label"], answer["value"]))
        health[section] = health.get(section, False) or bool(answer.get("health"))
    order = sorted(groups, key=lambda s: not health[s])  # stable: health sections first, then the others
    return Layout([item for _, _, item in sorted(ranked)], [(section, groups[section]) for section in order])


def _reads_a_name(reading_id: str, answers: Mapping[str, AnswerText]) -> bool:
    return any(answers.get(name) is not None for name, reading in READINGS.items() if reading == reading_id)


def column_order(question_ids: Iterable[str], sections: Mapping[str, str], health: Sequence[str],
                 kinds: Mapping[str, str] | None = None, labels: Mapping[str, str] | None = None) -> list[str]:
    """The CSV's answer columns for a questionnaire: the call block, then the rest as the card groups it.

    ``sections`` maps question id to section heading; ``health`` lists the health question ids; ``kinds`` and
    ``labels`` (by id) let a questionnaire with other ids still put names and numbers first."""
    ids = list(question_ids)
    kinds, labels = kinds or {}, labels or {}
    ranks = {q: call_rank(q, kinds.get(q, ""), labels.get(q, "")) for q in ids}
    call = sorted((q for q in ids if ranks[q] is not None), key=lambda q: (ranks[q], ids.index(q)))
    names_read = {READINGS[q] for q in call if q in READINGS and READINGS[q] in ids}
    placed = [x for q in call for x in ((q, READINGS[q]) if q in READINGS and READINGS[q] in ids else (q,))]
    rest = [q for q in ids if q not in placed and q not in names_read]
    by_section: dict[str, list[str]] = {}
    for question_id in rest:
        by_section.setdefault(sections.get(question_id, ""), []).append(question_id)
    health_sections = {sections.get(q, "") for q in health}
    ordered = sorted(by_section, key=lambda s: s not in health_sections)
    return placed + [q for section in ordered for q in by_section[section]]
