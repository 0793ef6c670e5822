"""Typed answers a careful receptionist would ask about rather than record (bot.intake.typed, amounts): one family
of phrasings per test, each with a plain look-alike that must still be recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.content.schema import Intake, Question
from bot.intake.amounts import read_spans
from bot.intake.typed import Reading, read_choice

ALL_THREE = Reading("unclear", ("yes", "no", "unsure"))


def variants(intakes: dict[str, Intake], question_id: str, lang: str) -> list[Question]:
    order = [lang, *(other for other in intakes if other != lang)]
    return [q for other in order for q in intakes[other].questions if q.id == question_id]


def read(intakes: dict[str, Intake], question_id: str, text: str) -> Reading:
    return read_choice(text, variants(intakes, question_id, "en" if text.isascii() else "ja"))


# --- things that may or may not count (may_count) -----------------------------------------------------------------

@pytest.mark.parametrize(("question", "text"), [
    ("implant", "避妊リング入れてる"), ("implant", "insulin pump"), ("implant", "IUD if that counts"),
    ("implant", "ミレーナ入ってます"), ("fainting", "目の前が真っ暗になってしゃがみ込んだことはある"),
    ("fainting", "nearly passed out once"), ("head_injury", "一瞬ぼーっとしたくらい"), ("head_injury", "I was dazed"),
    ("pregnancy", "妊活中です"), ("pregnancy", "could be, we're trying"),
])
def test_a_thing_that_may_count_named_as_the_answer_asks_with_every_answer(
    intakes: dict[str, Intake], question: str, text: str
) -> None:
    assert read(intakes, question, text) == ALL_THREE


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("fainting", "貧血で倒れたことがあります", "yes"),  # the thing itself named beside it
    ("fainting", "立ちくらみはあるけど倒れたことはない", "no"),
    ("fainting", "dizzy sometimes but never fainted", "no"),
    ("implant", "no IUD or anything", "no"),
    ("pregnancy", "we're trying, so maybe?", "unsure"),  # "not sure" concluded from it
    ("pregnancy", "妊活中なのでなんとも…", "unsure"),  # the reason for a "not sure"
    ("implant", "ペースメーカーが入っています", "yes"),
])
def test_a_clear_answer_beside_a_thing_that_may_count_is_recorded(
    intakes: dict[str, Intake], question: str, text: str, expected: str
) -> None:
    assert read(intakes, question, text) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["insulin pump, does that count?", "避妊リングは入ってるけど、それも入る？"])
def test_a_thing_that_may_count_asked_about_is_still_an_answer_with_a_doubt(
    intakes: dict[str, Intake], text: str
) -> None:
    reading = read(intakes, "implant", text)
    assert reading.kind == "unclear" and {"yes", "unsure"} <= set(reading.choice_ids)


@pytest.mark.parametrize("text", ["抑うつ状態って言われたことある", "the doctor said depressed mood"])
def test_told_something_near_a_diagnosis_asks(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "depression", text) == Reading("unclear", ("diagnosed", "suspected", "no", "unsure"))


@pytest.mark.parametrize("text", ["we're trying but I don't think so yet", "妊活中だけど今はしてないと思う"])
def test_a_doubtful_no_after_trying_to_conceive_asks(intakes: dict[str, Intake], text: str) -> None:
    reading = read(intakes, "pregnancy", text)
    assert reading.kind == "unclear" and {"no", "unsure"} <= set(reading.choice_ids)


# --- symptoms made light of ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ちょっと頭が痛くなったけど大丈夫だった", "少し頭が重い感じはあったけど大丈夫だった",
    "a bit of a headache but nothing worrying",
])
def test_something_small_then_called_fine_asks(intakes: dict[str, Intake], text: str) -> None:
    reading = read(intakes, "prior_tms", text)
    assert reading.kind == "unclear" and {"yes", "no"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("text", "expected"), [("頭痛がひどかった", "yes"), ("大丈夫でした", "no"),
                                                ("nothing worrying", "no")])
def test_a_symptom_or_fine_alone_is_recorded(intakes: dict[str, Intake], text: str, expected: str) -> None:
    assert read(intakes, "prior_tms", text) == Reading("choice", (expected,))


# --- loose ages and durations -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [("さんじゅう2", "age30s"), ("三十2歳", "age30s"),
                                                ("じゅう5さいです", "teen15_17"), ("にじゅう", "age20s")])
def test_tens_in_words_and_ones_as_a_digit_are_one_age(intakes: dict[str, Intake], text: str, expected: str) -> None:
    assert read(intakes, "age", text) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["college freshman", "I'm a uni freshman"])
def test_a_college_freshman_may_be_17_so_the_bot_asks(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "age", text) == Reading("unclear", ("teen15_17", "age18_19"))


def test_a_season_said_roughly_may_be_off_by_two_months() -> None:
    today = dt.date(2026, 12, 4)
    (low, high), = read_spans("去年の秋ごろから", "duration", today)
    (plain_low, plain_high), = read_spans("去年の秋から", "duration", today)
    assert low < 1.0 < high and plain_low > 1.0
    assert high - low == pytest.approx(plain_high - plain_low + 4 / 12)
