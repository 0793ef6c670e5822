"""The real questionnaire (content/ja|en/intake.yaml), an engine whose "today" is fixed, and a scripted walk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import pytest

from bot.content.models import validate_doc
from bot.content.problems import Problems
from bot.content.schema import Intake
from bot.content.yamldoc import load_yaml
from bot.intake.draft import Answer, Draft
from bot.intake.engine import IntakeEngine

CONTENT = Path(__file__).resolve().parents[2] / "content"
TODAY = dt.date(2026, 11, 27)
NOW = dt.datetime(2026, 11, 27, 12, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=9)))

ADULT: dict[str, Answer | None] = {
    "applicant": "self",
    "age": "age30s",
    "interest": "tms",
    "depression": "diagnosed",
    "duration": "y1_2",
    "medication": "yes",
    "treatments": ["antidepressants", "psychotherapy"],
    "seizure": "no",
    "head_metal": "no",
    "cochlear": "no",
    "implant": "no",
    "pregnancy": "no",
    "head_injury": "no",
    "fainting": "no",
    "name": "山田 太郎",
    "name_kana": "やまだ たろう",
    "contact_method": "telegram",
    "notes": None,
}
"""A typical adult's answers; None means Skip, a str for a text question is typed."""


def load_intakes() -> dict[str, Intake]:
    problems = Problems()
    intakes: dict[str, Intake] = {}
    for lang in ("ja", "en"):
        doc = load_yaml(CONTENT / lang / "intake.yaml", f"content/{lang}/intake.yaml", problems)
        assert doc is not None, problems.report()
        intake = validate_doc(Intake, doc, problems)
        assert intake is not None, problems.report()
        intakes[lang] = intake
    assert not list(problems), problems.report()
    return intakes


@pytest.fixture(scope="session")
def intakes() -> dict[str, Intake]:
    return load_intakes()


@pytest.fixture
def engine(intakes: dict[str, Intake]) -> IntakeEngine:
    return IntakeEngine(intakes, today=lambda: TODAY)


def consented(engine: IntakeEngine, lang: str = "ja") -> Draft:
    draft = engine.start(lang)
    assert engine.open_consent(draft).accepted
    assert engine.accept_consent(draft, NOW).accepted
    return draft


def walk(engine: IntakeEngine, draft: Draft, answers: Mapping[str, Answer | None]) -> list[str]:
    """Answer each question the engine asks from ``answers`` until the review or an unscripted question."""
    asked: list[str] = []
    while draft.stage == "question":
        question = engine.current_question(draft)
        assert question is not None
        if question.id not in answers:
            break
        asked.append(question.id)
        value = answers[question.id]
        if value is None:
            outcome = engine.skip(draft, question.id)
        elif question.kind == "choice":
            assert isinstance(value, str)
            outcome = engine.answer_choice(draft, question.id, value)
        elif question.kind == "multi":
            assert isinstance(value, list)
            for choice_id in value:
                assert engine.toggle_multi(draft, question.id, choice_id).accepted
            outcome = engine.finish_multi(draft, question.id)
        else:
            assert isinstance(value, str)
            outcome = engine.answer_text(draft, value)
        assert outcome.accepted, (question.id, outcome)
    return asked
