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


# --- diagnoses with qualifiers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["they said anxiety and maybe depression",
                                  "適応障害とは言われたけど、うつ病って言われたかは覚えてない"])
def test_told_of_depression_with_a_doubt_offers_the_diagnosis_and_not_sure(intakes: dict[str, Intake],
                                                                            text: str) -> None:
    assert read(intakes, "depression", text) == Reading("unclear", ("diagnosed", "suspected", "unsure"))


@pytest.mark.parametrize("text", ["bipolar dx, not depression", "双極性障害と診断された、うつ病ではない"])
def test_another_diagnosis_beside_a_no_is_the_doctors_call(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "depression", text) == Reading("unclear", ("diagnosed", "no", "unsure"))


@pytest.mark.parametrize(("text", "expected"), [("probably depressed but never saw a doctor", "suspected"),
                                                ("not depression", "no"), ("diagnosed with depression", "diagnosed")])
def test_a_suspicion_without_a_doctor_and_plain_answers(intakes: dict[str, Intake], text: str,
                                                        expected: str) -> None:
    assert read(intakes, "depression", text) == Reading("choice", (expected,))


def test_told_of_something_else_then_no_seizure_asks(intakes: dict[str, Intake]) -> None:
    reading = read(intakes, "seizure", "以前、脳波で異常があると言われたことはあるけど、発作はないです")
    assert reading.kind == "unclear" and {"no", "unsure"} <= set(reading.choice_ids)


# --- doubted yes, whether it happened -----------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "expected"), [
    ("seizure", "あったかもしれないけどはっきりしない", Reading("unclear", ("yes", "unsure"))),
    ("fainting", "貧血でふらっとしたことはあるけど倒れたかは…", Reading("choice", ("unsure",))),
    ("seizure", "記憶にはないけど親に聞かないとわからない", Reading("choice", ("unsure",))),
])
def test_a_doubted_yes_and_whether_it_happened(intakes: dict[str, Intake], question: str, text: str,
                                               expected: Reading) -> None:
    assert read(intakes, question, text) == expected


def test_a_hedged_fine_then_not_tested_asks(intakes: dict[str, Intake]) -> None:
    reading = read(intakes, "pregnancy", "たぶん大丈夫だと思うけど、検査はしてない")
    assert reading.kind == "unclear" and {"no", "unsure"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("text", "expected"), [("what's that? no", "no"), ("what is that? probably not", "no")])
def test_what_is_that_then_an_answer_is_the_answer(intakes: dict[str, Intake], text: str, expected: str) -> None:
    assert read(intakes, "cochlear", text) == Reading("choice", (expected,))


# --- two people, and secrecy from the family ----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["dad yes mom no", "父はOK母はダメ"])
def test_two_people_answering_apart_in_one_breath_asks(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "guardian_agrees", text) == Reading("unclear", ("yes", "no"))


@pytest.mark.parametrize("text", ["mom and dad both agree", "母も父も賛成です"])
def test_two_people_answering_alike_is_recorded(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "guardian_agrees", text) == Reading("choice", ("yes",))


@pytest.mark.parametrize("text", ["my family can't find out", "家族にバレたくない", "I don't want my parents to know"])
def test_a_wish_that_the_family_not_know_offers_every_precaution(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "discreet", text) == Reading("unclear", ("no_clinic_name", "no_voicemail", "person_only"))


def test_a_precaution_named_beside_the_wish_is_recorded(intakes: dict[str, Intake]) -> None:
    assert read(intakes, "discreet", "家族に知られたくないので、クリニック名は言わないで") == \
        Reading("choice", ("no_clinic_name",))
