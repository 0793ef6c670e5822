"""Typed answers at button questions, one family of phrasings per test with the ordinary look-alikes that must not
be read into it: regional negations, whose age a parent gives, who applies for a spouse, a treatment denied in a
tick-all answer, the combined treatment and doubts put as a question."""

from __future__ import annotations

import pytest

from bot.content.schema import Intake, Question
from bot.intake.dialect import standard
from bot.intake.typed import Reading, read_choice


def variants(intakes: dict[str, Intake], question_id: str, lang: str) -> list[Question]:
    order = [lang, *(other for other in intakes if other != lang)]
    return [q for other in order for q in intakes[other].questions if q.id == question_id]


def read(intakes: dict[str, Intake], question_id: str, text: str) -> Reading:
    return read_choice(text, variants(intakes, question_id, "en" if text.isascii() else "ja"))


# --- regional negations (bot.intake.dialect) ----------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text"), [
    ("medication", "飲んでへん"), ("medication", "飲んでひん"), ("medication", "飲まへん"), ("medication", "飲んどらん"),
    ("medication", "飲んどりゃせん"), ("medication", "もらってへん"), ("medication", "飲んでまへん"),
    ("seizure", "あらへん"), ("seizure", "なったことあらへん"), ("seizure", "ないだで"), ("seizure", "ありゃせん"),
    ("cochlear", "入ってへん"), ("cochlear", "入っとらん"), ("pregnancy", "妊娠してへん"), ("pregnancy", "しとらんよ"),
    ("fainting", "倒れたことあらへん"),
])
def test_a_regional_negation_is_a_no(intakes: dict[str, Intake], question: str, text: str) -> None:
    assert read(intakes, question, text) == Reading("choice", ("no",))


@pytest.mark.parametrize(("question", "text"), [
    ("medication", "飲んどるよ"), ("medication", "飲んどるでね"), ("medication", "飲んでるで"),
    ("pregnancy", "妊娠しとるで"), ("seizure", "あったで"),
])
def test_a_regional_yes_stays_a_yes(intakes: dict[str, Intake], question: str, text: str) -> None:
    assert read(intakes, question, text) == Reading("choice", ("yes",))


@pytest.mark.parametrize("text", ["たいへんです", "このへんが痛い", "ここらへん", "ひんけつです", "ひんぱんに", "飲みません",
                                  "せんせいに聞いた", "そうですねえ", "オランダに住んでます"])
def test_words_that_only_look_like_a_regional_ending_are_left_as_typed(text: str) -> None:
    assert standard(text) == text


def test_a_kana_faint_stays_a_yes(intakes: dict[str, Intake]) -> None:
    """「ひんけつで倒れた」 (貧血 typed in kana) keeps its ひん: it fainted."""
    assert read(intakes, "fainting", "ひんけつで倒れたことがある") == Reading("choice", ("yes",))
