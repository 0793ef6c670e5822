"""Answers typed at application questions: read as the choice meant, a question, or unclear (bot.intake.typed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.schema import Intake, Question
from bot.intake.typed import Reading, looks_like_question, polarity, read_amount, read_choice, read_text

TYPED_SET = Path(__file__).resolve().parents[2] / "bench" / "data" / "typed_choices.yaml"


def variants(intakes: dict[str, Intake], question_id: str, lang: str = "ja") -> list[Question]:
    order = [lang, *(other for other in intakes if other != lang)]
    return [q for other in order for q in intakes[other].questions if q.id == question_id]


@pytest.mark.parametrize(("text", "expected"), [
    ("飲んでます", "yes"), ("飲んでいません", "no"), ("いいえ、ないです", "no"), ("わかりません", "unsure"),
    ("はい、ないです", None), ("no never", "no"), ("I don't", "no"), ("yep", "yes"), ("not sure", "unsure"),
    ("I have no idea", "unsure"), ("山田", None),
])
def test_polarity_with_negation(text: str, expected: str | None) -> None:
    assert polarity(text) == expected


@pytest.mark.parametrize(("text", "amount", "years"), [
    ("3年くらい", "duration", 3.0), ("about 3 years", "duration", 3.0), ("半年", "duration", 0.5),
    ("一年半", "duration", 1.5), ("2年以上", "duration", 2.01), ("6 months", "duration", 0.5),
    ("35歳です", "age", 35.0), ("I'm 42", "age", 42.0), ("はたち", "age", 20.0), ("たくさん", "duration", None),
])
def test_amounts(text: str, amount: str, years: float | None) -> None:
    found = read_amount(text, amount)
    assert found is None if years is None else found == pytest.approx(years)


def test_every_labelled_typed_answer_is_read_right(intakes: dict[str, Intake]) -> None:
    wrong = []
    for case in yaml.safe_load(TYPED_SET.read_text(encoding="utf-8"))["typed"]:
        expect = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
        reading = read_choice(case["text"], variants(intakes, case["question"], case["lang"]))
        if case.get("unclear"):
            ok = reading.kind == "unclear" and set(expect) <= set(reading.choice_ids)
        else:
            ok = reading.kind == "choice" and set(reading.choice_ids) == set(expect)
        if not ok:
            wrong.append(f"{case['lang']} {case['question']} {case['text']!r} -> {reading}")
    assert wrong == []


def test_a_question_is_not_an_answer(intakes: dict[str, Intake]) -> None:
    assert read_choice("TMSって痛いですか？", variants(intakes, "interest")) == Reading("question")
    assert read_choice("can I choose both later?", variants(intakes, "interest", "en")) == Reading("question")


def test_a_negated_choice_is_never_taken_as_that_choice(intakes: dict[str, Intake]) -> None:
    reading = read_choice("電話はやめてください", variants(intakes, "contact_method"))
    assert reading.kind == "unclear" and "phone" in reading.choice_ids


def test_an_answer_in_the_other_language_counts(intakes: dict[str, Intake]) -> None:
    assert read_choice("no", variants(intakes, "seizure", "ja")) == Reading("choice", ("no",))
    assert read_choice("いいえ", variants(intakes, "seizure", "en")) == Reading("choice", ("no",))


def test_text_questions_tell_a_form_question_from_the_answer(intakes: dict[str, Intake]) -> None:
    (name,) = [q for q in intakes["ja"].questions if q.id == "name"]
    (notes,) = [q for q in intakes["ja"].questions if q.id == "notes"]
    assert read_text("名前は漢字でいいですか？", name) == "form_question"
    assert read_text("山田 花子", name) == "answer"
    assert read_text("TMSは痛いですか？", name) == "question"
    assert read_text("TMSは痛いですか？", notes) == "answer"  # a question for the clinic is what notes are for
    assert looks_like_question("can I write it in katakana") and not looks_like_question("do not know")
