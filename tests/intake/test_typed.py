"""Answers typed at application questions: read as the choice meant, a question, or unclear (bot.intake.typed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.content.schema import Intake, Question
from bot.intake.amounts import read_spans
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
    assert reading == Reading("unclear", ("email", "telegram"))  # the others are offered
    assert read_choice("電話以外で", variants(intakes, "contact_method")) == Reading("unclear", ("email", "telegram"))
    assert read_choice("午前以外ならいつでも", variants(intakes, "call_times")) == Reading(
        "choice", ("weekday_pm", "weekday_evening", "saturday"))
    assert read_choice("any time except mornings", variants(intakes, "call_times", "en")) == Reading(
        "choice", ("weekday_pm", "weekday_evening", "saturday"))
    assert read_choice("本人以外には伝えないで", variants(intakes, "discreet")) == Reading("choice", ("person_only",))


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


@pytest.mark.parametrize(("text", "amount", "span"), [
    ("十六歳", "age", (16, 17)), ("sixteen", "age", (16, 17)), ("さんじゅうよん", "age", (34, 35)),
    ("高1です", "age", (15, 17)), ("中3", "age", (14, 16)), ("year 10", "age", (14, 16)), ("grade 10", "age", (15, 17)),
    ("about 30", "age", (29, 32)), ("fifty something", "age", (50, 60)), ("もうすぐ50になります（今49）", "age", (49,
     50)),
    ("30代後半", "age", (36, 40)), ("半年", "duration", (0.5, 0.5)), ("a year and a half", "duration", (1.5, 1.5)),
    ("2年ちょっと", "duration", (2.0, 2.4)), ("一年弱", "duration", (0.8, 1.0)), ("2、3年", "duration", (2.0, 3.0)),
    ("1年と3ヶ月", "duration", (1.25, 1.25)), ("ひと月前から", "duration", (1 / 12, 1 / 12)),
    ("more than two years", "duration", (2.0, 200.0)), ("over a decade", "duration", (10.0, 200.0)),
])
def test_numbers_in_words_school_years_and_durations(text: str, amount: str, span: tuple[float, float]) -> None:
    (found,) = read_spans(text, amount)
    assert found == pytest.approx(span)


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("age", "高1です", ("choice", ["teen15_17"])), ("age", "中3です", ("unclear", ["under15", "teen15_17"])),
    ("age", "she's 17", ("choice", ["teen15_17"])), ("duration", "二年ちょっと", ("choice", ["over2y"])),
    ("duration", "1年くらい", ("unclear", ["m6_12", "y1_2"])),
])
def test_an_amount_picks_its_band_or_asks(intakes: dict[str, Intake], question: str, text: str,
                                          expected: tuple[str, list[str]]) -> None:
    reading = read_choice(text, variants(intakes, question))
    assert (reading.kind, list(reading.choice_ids)) == expected


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("seizure", "たぶんない", "no"), ("seizure", "I don't think so", "no"), ("seizure", "ないです、多分", "no"),
    ("seizure", "no, because I never had one", "no"), ("seizure", "いいえ。でも、よくわかりません", "unsure"),
    ("seizure", "no. actually not sure", "unsure"), ("seizure", "なぃです", "no"), ("seizure", "noo", "no"),
    ("seizure", "👍", "yes"), ("seizure", "🙅", "no"), ("cochlear", "なにそれ、たぶん使ってない", "no"),
    ("fainting", "立ちくらみはあるけど倒れたことはない", "no"), ("fainting", "I get dizzy but never actually fainted",
     "no"),
    ("implant", "ペースメーカーはないけど、脊髄刺激装置が入ってる", "yes"),
    ("implant", "no pacemaker but I have a spinal cord stimulator", "yes"), ("head_metal", "no metal", "no"),
    ("head_metal", "I'm not sure, I had surgery as a kid", "unsure"), ("medication", "前は飲んでたけど今はやめました",
     "no"),
    ("medication", "not anymore", "no"), ("prior_tms", "うーん、どうだったかな", "unsure"),
    ("pregnancy", "we're trying, so maybe?", "unsure"), ("pregnancy", "生理が遅れてて、わからない", "unsure"),
])
def test_yes_no_and_not_sure_with_negation_hedges_and_corrections(intakes: dict[str, Intake], question: str,
                                                                   text: str, expected: str) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("question", "text"), [
    ("seizure", "yes no"), ("seizure", "I'd rather not say"), ("fainting", "not since I was a teenager"),
    ("prior_tms", "a mild headache, nothing serious i guess"),
])
def test_readings_that_disagree_or_say_nothing_are_never_recorded(intakes: dict[str, Intake], question: str,
                                                                 text: str) -> None:
    assert read_choice(text, variants(intakes, question, "en")).kind == "unclear"


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("treatments", "薬とカウンセリング", ["antidepressants", "psychotherapy"]),  # 薬 as a word of its own
    ("applicant", "じぶん", ["self"]),  # the analyser's normalised form: じぶん is 自分
    ("call_times", "平日の午前か午後、夕方はダメ", ["weekday_am", "weekday_pm"]),  # a denied item is left out
    ("call_times", "平日ならいつでも", ["weekday_am", "weekday_pm", "weekday_evening"]),  # "any" narrowed
    ("call_times", "weekdays around 3pm", ["weekday_pm"]), ("call_times", "平日18時以降", ["weekday_evening"]),
    ("discreet", "クリニック名は言わないでほしい", ["no_clinic_name"]),  # part of a long label
    ("discreet", "all of the above", ["no_clinic_name", "no_voicemail", "person_only"]),
    ("contact_method", "email, I can't take calls at work", ["email"]),
    ("contact_method", "電話は困るのでメールで", ["email"]),
    ("depression", "診断はまだ。でも自分ではそうかなと", ["suspected"]),  # the shape of "not X, but maybe"
    ("interest", "I don't know which", ["undecided"]),  # means: unsure
])
def test_labels_words_and_their_scope(intakes: dict[str, Intake], question: str, text: str,
                                      expected: list[str]) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", tuple(expected))


def test_noon_is_between_two_choices(intakes: dict[str, Intake]) -> None:
    reading = read_choice("around noon on weekdays", variants(intakes, "call_times", "en"))
    assert reading == Reading("unclear", ("weekday_am", "weekday_pm"))


def test_a_year_said_is_counted_from_today() -> None:
    assert read_spans("since 2019", "duration", dt.date(2026, 12, 1)) == [pytest.approx((7.0, 8.0))]
    assert read_spans("2008年生まれ", "age", dt.date(2026, 12, 1)) == [(17, 19)]


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("discreet", "nope, all good", ("choice", ["none"])),
    ("duration", "half a year", ("unclear", ["under6m", "m6_12"])),
    ("age", "I turned 18 last month", ("choice", ["age18_19"])),
    ("age", "he's a high school senior", ("unclear", ["teen15_17", "age18_19"])),
    ("head_injury", "I had a concussion but didn't lose consciousness", ("choice", ["no"])),
])
def test_words_that_look_like_another_reading(intakes: dict[str, Intake], question: str, text: str,
                                             expected: tuple[str, list[str]]) -> None:
    reading = read_choice(text, variants(intakes, question, "en"))
    assert (reading.kind, list(reading.choice_ids)) == expected


@pytest.mark.parametrize("text", ["自分で続けます", "はい", "続けます", "わたしがやります", "I'll continue", "yes",
                                  "ok", "母はいないので自分で"])
def test_a_child_typing_at_the_handover_is_never_recorded_as_the_parent(intakes: dict[str, Intake],
                                                                        text: str) -> None:
    assert read_choice(text, variants(intakes, "guardian_needed")).kind != "choice"


@pytest.mark.parametrize("text", ["母です。代わりました", "お母さんに代わります", "OK, I'm his mom",
                                  "Parent here, I'll continue"])
def test_a_parent_saying_so_at_the_handover_is_recorded(intakes: dict[str, Intake], text: str) -> None:
    assert read_choice(text, variants(intakes, "guardian_needed")) == Reading("choice", ("handed_over",))


def test_two_treatments_named_also_offer_the_combination(intakes: dict[str, Intake]) -> None:
    assert read_choice("TMSとエクソソーム", variants(intakes, "interest")) == Reading(
        "unclear", ("tms", "exosome", "combined"))


def test_a_plain_verb_is_no_diagnosis_and_ている_may_be_shortened(intakes: dict[str, Intake]) -> None:
    assert read_choice("適応障害と言われました", variants(intakes, "depression")).kind == "unclear"
    assert read_choice("診断されてます", variants(intakes, "depression")) == Reading("choice", ("diagnosed",))
    assert read_choice("飲んでます", variants(intakes, "medication")) == Reading("choice", ("yes",))


@pytest.mark.parametrize(("lang", "question", "text", "expected"), [
    ("ja", "contact_method", "電話じゃなくてメールで", "email"),
    ("ja", "contact_method", "メールではなく電話", "phone"),
    ("ja", "contact_method", "電話よりメールがいい", "email"),
    ("ja", "interest", "エクソソームじゃなくてTMS", "tms"),
    ("en", "contact_method", "email not phone", "email"),
    ("en", "contact_method", "email rather than phone", "email"),
    ("en", "contact_method", "rather email than phone", "email"),
    ("en", "interest", "tms instead of the exosome one", "tms"),
])
def test_a_preference_between_two_choices_records_the_one_preferred(intakes: dict[str, Intake], lang: str,
                                                                    question: str, text: str, expected: str) -> None:
    assert read_choice(text, variants(intakes, question, lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["電話は嫌、メールで", "電話はやめて、メールで", "電話は苦手なのでメール"])
def test_a_choice_refused_in_a_word_gives_way_to_the_other(intakes: dict[str, Intake], text: str) -> None:
    assert read_choice(text, variants(intakes, "contact_method")) == Reading("choice", ("email",))


def test_I_do_not_know_is_no_preference(intakes: dict[str, Intake]) -> None:
    assert read_choice("I do not know", variants(intakes, "contact_method", "en")).kind == "unclear"


@pytest.mark.parametrize(("text", "span"), [
    ("小学生のころから", (2.0, 200.0)), ("since I was a kid", (2.0, 200.0)), ("since high school", (1.0, 200.0)),
    ("中学の頃から", (2.0, 200.0)), ("since middle school", (2.0, 200.0)), ("中学に入ってから", (1.0, 200.0)),
    ("since spring last year", (1 + 9.5 / 12 - 3 / 12, 1 + 9.5 / 12)),
    ("去年の夏休みから", (1 + 6.5 / 12 - 3 / 12, 1 + 6.5 / 12)), ("去年から", (11.5 / 12, 1 + 11.5 / 12)),
    ("since last year", (11.5 / 12, 1 + 11.5 / 12)),
    ("先月から", (0.0, 2 / 12)), ("a couple of weeks", (0.0, 0.06)), ("ここ数日", (0.0, 0.06)),
])
def test_a_duration_said_by_when_it_began(text: str, span: tuple[float, float]) -> None:
    assert read_spans(text, "duration", dt.date(2026, 12, 1)) == [pytest.approx(span)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "大学生です、20歳", "age20s"), ("ja", "高3で18歳です", "age18_19"), ("en", "in college, 20", "age20s"),
    ("en", "year 12, turned 17 in May", "teen15_17"),
])
def test_an_age_said_outweighs_the_school_year_beside_it(intakes: dict[str, Intake], lang: str, text: str,
                                                          expected: str) -> None:
    assert read_choice(text, variants(intakes, "age", lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("lang", "text"), [("ja", "家族にばれたくない"), ("ja", "家族には言わないでほしい"),
                                            ("en", "I don't want my family to know")])
def test_a_wish_is_never_recorded_as_nothing_in_particular(intakes: dict[str, Intake], lang: str, text: str) -> None:
    reading = read_choice(text, variants(intakes, "discreet", lang))
    assert "none" not in reading.choice_ids


@pytest.mark.parametrize(("lang", "question", "text", "expected"), [
    ("ja", "guardian_agrees", "母には話しました、賛成です", ("yes",)),
    ("ja", "contact_method", "電話はちょっと…メールがいいです", ("email",)),
    ("ja", "call_times", "土曜ならいつでも", ("saturday",)),
    ("en", "call_times", "any time on saturday", ("saturday",)),
])
def test_sayings_that_mean_other_than_their_words(intakes: dict[str, Intake], lang: str, question: str, text: str,
                                                  expected: tuple[str, ...]) -> None:
    assert read_choice(text, variants(intakes, question, lang)) == Reading("choice", expected)



@pytest.mark.parametrize(("question", "text", "expected"), [
    ("medication", "飲んでないわけではないです", "yes"), ("seizure", "ないわけではないです", "yes"),
    ("seizure", "ないことはないです", "yes"), ("medication", "it's not like I'm not taking anything", "yes"),
    ("seizure", "can't say I haven't", "yes"), ("medication", "I wouldn't say I'm not on meds", "yes"),
    ("fainting", "it's not like i've never fainted", "yes"), ("fainting", "i wouldnt say never", "yes"),
])
def test_a_double_negation_is_a_reluctant_yes(intakes: dict[str, Intake], question: str, text: str,
                                              expected: str) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("question", "text"), [
    ("pregnancy", "妊娠の可能性はゼロじゃないです"), ("pregnancy", "the chance isn't zero"),
    ("seizure", "否定はできないです"),
])
def test_a_possibility_not_ruled_out_is_a_yes(intakes: dict[str, Intake], question: str, text: str) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", ("yes",))


@pytest.mark.parametrize("text", ["ゼロではないかもしれない", "can't rule it out, maybe", "can't rule it out",
                                  "ないとは言い切れません"])  # not ruled out is a doubted yes: it asks
def test_a_possibility_not_ruled_out_alone_or_beside_a_maybe_is_asked(intakes: dict[str, Intake], text: str) -> None:
    reading = read_choice(text, variants(intakes, "pregnancy"))
    assert reading.kind == "unclear" and {"yes", "unsure"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("implant", "iie", "no"), ("fainting", "nai desu", "no"), ("medication", "nonde nai", "no"),
    ("medication", "nondemasu", "yes"), ("seizure", "arimasen", "no"),
])
def test_romaji_is_read_as_japanese_when_it_says_nothing_as_english(intakes: dict[str, Intake], question: str,
                                                                    text: str, expected: str) -> None:
    assert read_choice(text, variants(intakes, question, "ja")) == Reading("choice", (expected,))


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("treatments", "レクサプロを飲んでいました", "antidepressants"), ("treatments", "I was on Lexapro for a while",
                                                                     "antidepressants"),
    ("medication", "taking zoloft", "yes"), ("medication", "サインバルタ", "yes"),
    ("treatments", "had TMS at another hospital", "tms"),
])
def test_a_medicine_named_is_what_it_is(intakes: dict[str, Intake], question: str, text: str, expected: str) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("interest", "TMSか併用かで迷ってる", ["tms", "combined"]), ("interest", "TMS or maybe the combined one",
                                                            ["tms", "combined"]),
    ("duration", "半年くらいかな", ["under6m", "m6_12"]),
])
def test_alternatives_and_hedged_amounts_are_asked_about(intakes: dict[str, Intake], question: str, text: str,
                                                         expected: list[str]) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("unclear", tuple(expected))


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("age", "in my second year of high school", "teen15_17"), ("age", "17 but 18 in two months", "teen15_17"),
    ("pregnancy", "かもしれない", "unsure"), ("guardian_agrees", "gonna tell them later", "not_told"),
    ("guardian_agrees", "これから話すつもり", "not_told"),
    ("guardian_agrees", "I told them but not sure what they think", "unsure"),
    ("depression", "去年心療内科でうつ病って言われました", "diagnosed"),
    ("prior_tms", "too long ago to remember", "unsure"),
])
def test_future_ages_school_years_maybe_and_plans(intakes: dict[str, Intake], question: str, text: str,
                                                  expected: str) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("text", "span"), [
    ("since last spring", (0.54, 0.79)), ("去年の春から", (1.54, 1.79)), ("3月から", (0.71, 0.79)),
    ("since March", (0.71, 0.79)), ("since the summer", (0.29, 0.54)), ("高校に入ってから", (1.0, 200.0)),
])
def test_durations_said_by_a_season_or_month_they_began(text: str, span: tuple[float, float]) -> None:
    low, high = read_spans(text, "duration", dt.date(2026, 12, 1))[0]
    assert (round(low, 2), round(high, 2)) == span


@pytest.mark.parametrize(("text", "amount", "span"), [
    ("半年以上", "duration", (0.5, 200.0)), ("more than half a year", "duration", (0.5, 200.0)),
    ("高校を卒業したばかり", "age", (18, 19)), ("I just finished high school", "age", (18, 19)),
])
def test_words_for_amounts_take_their_modifiers(text: str, amount: str, span: tuple[float, float]) -> None:
    assert read_spans(text, amount)[0] == span


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "平日の昼間ならいつでも"), ("en", "any time during the day on weekdays"), ("ja", "平日の日中"),
    ("en", "weekdays, daytime")])
def test_the_daytime_is_the_morning_and_the_afternoon(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "call_times", lang)) == Reading("choice", ("weekday_am", "weekday_pm"))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "don't think so but not 100%"), ("ja", "ないと思うけどちょっとわからない"),
    ("en", "I don't think so... maybe")])
def test_a_no_said_as_a_belief_then_doubted_is_asked_about(intakes: dict[str, Intake], lang: str, text: str) -> None:
    reading = read_choice(text, variants(intakes, "implant", lang))
    assert reading.kind == "unclear" and {"no", "unsure"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("lang", "text"), [("en", "no. actually not sure"), ("en", "no but not sure")])
def test_a_plain_no_corrected_to_not_sure_is_not_sure(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "implant", lang)) == Reading("choice", ("unsure",))


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("implant", "i dont have one", "no"), ("cochlear", "dont have any", "no"), ("seizure", "i dont think so", "no"),
    ("seizure", "i havent", "no"), ("medication", "i dont take any", "no"), ("seizure", "dont know", "unsure"),
    ("guardian_agrees", "havent told them", "not_told"), ("discreet", "dont leave a voicemail", "no_voicemail"),
])
def test_contractions_typed_without_the_apostrophe_are_their_words(intakes: dict[str, Intake], question: str,
                                                                   text: str, expected: str) -> None:
    """"i dont have one" was read as "i have one": a yes at a safety question."""
    assert read_choice(text, variants(intakes, question, "en")) == Reading("choice", (expected,))


@pytest.mark.parametrize(("question", "lang", "text", "expected"), [
    ("seizure", "en", "no, but my brother has epilepsy", Reading("choice", ("no",))),
    ("seizure", "en", "my mum has epilepsy but i don't", Reading("choice", ("no",))),
    ("seizure", "ja", "ないです。兄はてんかんですが", Reading("choice", ("no",))),
    ("seizure", "ja", "父がてんかんです", Reading("unclear")),
    ("medication", "en", "my husband is on antidepressants, i'm not", Reading("choice", ("no",))),
    ("seizure", "en", "my son has epilepsy", Reading("choice", ("yes",))),
    ("seizure", "en", "my mum says i had a fit as a baby", Reading("choice", ("yes",))),
    ("guardian_agrees", "en", "my mum is fine with it", Reading("choice", ("yes",))),
])
def test_someone_elses_condition_is_no_answer_for_the_applicant(intakes: dict[str, Intake], question: str, lang: str,
                                                               text: str, expected: Reading) -> None:
    """A relative's epilepsy is told as a reason, not as the applicant's yes; a son or daughter may be the patient,
    and at the question about the parents a parent is the subject."""
    assert read_choice(text, variants(intakes, question, lang)) == expected


@pytest.mark.parametrize(("lang", "text"), [("ja", "じんこうないじってなに？わかんない"),
                                            ("ja", "人工内耳って何ですか？知らないです"),
                                            ("en", "what's a cochlear implant? no idea")])
def test_asking_what_the_question_is_about_then_not_knowing_is_not_sure(intakes: dict[str, Intake], lang: str,
                                                                        text: str) -> None:
    assert read_choice(text, variants(intakes, "cochlear", lang)) == Reading("choice", ("unsure",))


@pytest.mark.parametrize(("lang", "text"), [("ja", "人工内耳？なにそれ"), ("ja", "人工内耳って何ですか"),
                                            ("ja", "じんこうないじ？なにそれ"), ("en", "what's a cochlear implant?"),
                                            ("en", "cochlear implant? what is that")])
def test_only_asking_what_the_question_is_about_asks_back(intakes: dict[str, Intake], lang: str, text: str) -> None:
    """One who must ask most likely has none, but that is theirs to say: "no" and "not sure" are offered."""
    assert read_choice(text, variants(intakes, "cochlear", lang)) == Reading("unclear", ("no", "unsure"))


def test_asking_something_else_is_still_a_question(intakes: dict[str, Intake]) -> None:
    assert read_choice("what is the clinic's address?", variants(intakes, "cochlear", "en")).kind == "question"


@pytest.mark.parametrize(("text", "amount", "span"), [
    ("5+ years", "duration", (5.0, 200.0)), ("years. like 5+", "duration", (5.0, 200.0)),
    ("for years", "duration", (2.0, 10.0)), ("she's 14, 15 in March", "age", (14, 15)),
])
def test_a_plus_a_unit_said_elsewhere_vague_years_and_an_age_to_come(text: str, amount: str,
                                                                      span: tuple[float, float]) -> None:
    assert read_spans(text, amount)[0] == pytest.approx(span)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "my mum agrees but my dad hasn't been told", {"yes", "not_told"}),
    ("ja", "父は反対してて、母は賛成してくれてる", {"yes", "no"}),
    ("ja", "ママはOKだって、パパにはまだ言ってない", {"yes", "not_told"}),
])
def test_two_parents_who_answer_differently_are_both_offered(intakes: dict[str, Intake], lang: str, text: str,
                                                             expected: set[str]) -> None:
    reading = read_choice(text, variants(intakes, "guardian_agrees", lang))
    assert reading.kind == "unclear" and set(reading.choice_ids) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "my dad knows but he's against it", "no"), ("en", "my mom and dad both know and agree", "yes"),
    ("ja", "母は知らないです", "not_told"),
])
def test_one_parent_or_both_together_is_one_answer(intakes: dict[str, Intake], lang: str, text: str,
                                                   expected: str) -> None:
    assert read_choice(text, variants(intakes, "guardian_agrees", lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "just vitamins"), ("en", "no, only insulin"), ("ja", "ピルだけ飲んでます"),
    ("ja", "血圧の薬は飲んでるけど精神科のはないです"), ("ja", "コレステロールの薬だけです"),
])
def test_medicine_for_the_body_is_no_psychiatric_medication(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "medication", lang)) == Reading("choice", ("no",))


def test_body_medicine_beside_a_generic_pill_word_is_no_never_yes(intakes: dict[str, Intake]) -> None:
    reading = read_choice("only thyroid pills from my doctor", variants(intakes, "medication", "en"))
    assert reading == Reading("choice", ("no",))  # the pills are thyroid ones: the word before narrows them


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "抗うつ薬はやめました"), ("en", "I stopped my antidepressants last year"), ("en", "I quit the pills"),
])
def test_a_medicine_named_as_stopped_is_no_at_a_question_about_now(intakes: dict[str, Intake], lang: str,
                                                                    text: str) -> None:
    assert read_choice(text, variants(intakes, "medication", lang)) == Reading("choice", ("no",))


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "TMS以外で"), ("ja", "ＴＭＳ以外がいい"), ("en", "anything but TMS"),
])
def test_a_choice_ruled_out_is_never_recorded(intakes: dict[str, Intake], lang: str, text: str) -> None:
    reading = read_choice(text, variants(intakes, "interest", lang))
    assert reading.kind == "unclear" and "tms" not in reading.choice_ids


@pytest.mark.parametrize(("lang", "question", "text", "expected"), [
    ("en", "seizure", "I think so", "yes"), ("en", "fainting", "I believe so", "yes"),
    ("en", "medication", "I guess so", "yes"), ("en", "pregnancy", "I guess not", "no"),
    ("ja", "medication", "たぶん飲んでないと思います", "no"), ("ja", "seizure", "あったと思います", "yes"),
])
def test_a_hedged_yes_or_no_keeps_its_answer(intakes: dict[str, Intake], lang: str, question: str, text: str,
                                             expected: str) -> None:
    assert read_choice(text, variants(intakes, question, lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("lang", "question", "text", "expected"), [
    ("ja", "age", "もうすぐ還暦…いや、先月60になりました", "age60plus"), ("en", "age", "29, no wait, 30", "age30s"),
    ("ja", "age", "30じゃなくて31です", "age30s"), ("en", "duration", "2 years, sorry, 3 years", "over2y"),
    ("ja", "duration", "半年、いや1年半くらい", "y1_2"),
])
def test_an_amount_said_after_a_correction_is_the_answer(intakes: dict[str, Intake], lang: str, question: str,
                                                         text: str, expected: str) -> None:
    assert read_choice(text, variants(intakes, question, lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "he will be 15 next month", "under15"), ("ja", "来月で18歳になります", "teen15_17"),
    ("ja", "先月20になりました", "age20s"),
])
def test_an_age_to_come_is_the_age_now_minus_one(intakes: dict[str, Intake], lang: str, text: str,
                                                 expected: str) -> None:
    assert read_choice(text, variants(intakes, "age", lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("lang", "text", "age", "expected"), [
    ("ja", "中2から", (20.0, 30.0), ("choice", ["over2y"])),
    ("en", "since 8th grade", (30.0, 40.0), ("choice", ["over2y"])),
    ("en", "since high school, I'm 30 now", None, ("choice", ["over2y"])),
    ("ja", "今20歳で、中2からです", None, ("choice", ["over2y"])),
    ("en", "since I was 12, I'm 20 now", None, ("choice", ["over2y"])),
    ("ja", "中2の頃から", None, ("choice", ["over2y"])),
    ("ja", "中2から", None, ("unclear", [])),
])
def test_a_duration_told_by_a_school_year_is_counted_from_the_age(intakes: dict[str, Intake], lang: str, text: str,
                                                                  age: tuple[float, float] | None,
                                                                  expected: tuple[str, list[str]]) -> None:
    reading = read_choice(text, variants(intakes, "duration", lang), age=age)
    assert (reading.kind, list(reading.choice_ids)) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "うつ病だと言われました"), ("en", "my doctor told me it's depression"),
])
def test_a_diagnosis_told_in_other_words_is_diagnosed(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "depression", lang)) == Reading("choice", ("diagnosed",))


@pytest.mark.parametrize(("text", "span"), [("4 mnths", (4 / 12, 4 / 12)), ("3 mons", (0.25, 0.25))])
def test_months_typed_short(text: str, span: tuple[float, float]) -> None:
    assert read_spans(text, "duration") == [span]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "mild headache but nothing major"), ("ja", "少し頭が痛くなったけど、すぐ治った"),
    ("en", "a headache, but it went away"), ("ja", "頭痛はあったけど大したことない"),
])
def test_a_symptom_made_light_of_offers_both_answers(intakes: dict[str, Intake], lang: str, text: str) -> None:
    reading = read_choice(text, variants(intakes, "prior_tms", lang))
    assert reading.kind == "unclear" and {"yes", "no"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("lang", "text", "choice"), [
    ("ja", "TMSがいいかなと思うけど、相談もしたい", "tms"),
    ("en", "exosome I think, but I would like advice", "exosome"),
])
def test_a_hedged_choice_beside_a_wish_for_advice_is_asked(intakes: dict[str, Intake], lang: str, text: str,
                                                           choice: str) -> None:
    reading = read_choice(text, variants(intakes, "interest", lang))
    assert reading == Reading("unclear", (choice, "undecided"))


@pytest.mark.parametrize(("lang", "question", "text"), [
    ("ja", "name_kana", "カタカナでもいいですか？"), ("ja", "name_kana", "ふりがなって何ですか？"),
    ("ja", "guardian_kana", "ローマ字でもいい？"), ("ja", "name", "ミドルネームも書いたほうがいいですか？"),
    ("en", "name_kana", "what is furigana?"), ("en", "name_kana", "I'm not Japanese, do I need this?"),
    ("en", "guardian_kana", "can I write it in katakana?"), ("en", "name", "Do I need to include my middle name?"),
])
def test_a_question_about_the_name_or_its_reading_gets_the_help_text(intakes: dict[str, Intake], lang: str,
                                                                      question: str, text: str) -> None:
    (asked,) = [q for q in intakes[lang].questions if q.id == question]
    assert asked.form_help and read_text(text, asked) == "form_question"
    assert read_text("やまだ はなこ", asked) == "answer"


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("pregnancy", "大丈夫です", ("choice", ["no"])), ("fainting", "平気です", ("choice", ["no"])),
    ("head_metal", "たぶん大丈夫", ("unclear", ["no", "unsure"])),
    ("head_metal", "大丈夫だと思います", ("unclear", ["no", "unsure"])),
])
def test_fine_about_ones_own_health_is_a_no_and_hedged_it_asks(intakes: dict[str, Intake], question: str, text: str,
                                                               expected: tuple[str, list[str]]) -> None:
    reading = read_choice(text, variants(intakes, question))
    assert reading.kind == expected[0] and set(expected[1]) <= set(reading.choice_ids)
    assert reading.kind == "unclear" or list(reading.choice_ids) == expected[1]


def test_fine_about_a_parents_consent_is_never_a_no(intakes: dict[str, Intake]) -> None:
    assert "no" not in read_choice("大丈夫です", variants(intakes, "guardian_agrees")).choice_ids


@pytest.mark.parametrize(("lang", "question", "text", "expected"), [
    ("en", "discreet", "please don't leave a message", ("no_voicemail",)),
    ("ja", "discreet", "伝言は残さないでください", ("no_voicemail",)),
    ("en", "call_times", "sat or weekday evenings", ("weekday_evening", "saturday")),
])
def test_everyday_words_for_a_voicemail_and_a_saturday(intakes: dict[str, Intake], lang: str, question: str, text: str,
                                                       expected: tuple[str, ...]) -> None:
    assert read_choice(text, variants(intakes, question, lang)) == Reading("choice", expected)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "it's fine to leave a message"), ("en", "voicemail is fine"), ("ja", "伝言を残してもらって大丈夫です"),
])
def test_a_permission_at_a_choice_that_forbids_is_the_opposite_of_that_choice(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "discreet", lang)) == Reading("choice", ("none",))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "you can leave a message"), ("ja", "留守電に入れてもらっていいです"),
])
def test_a_permission_alone_is_never_recorded_as_the_choice_that_forbids_it(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "discreet", lang)).kind != "choice"


@pytest.mark.parametrize(("lang", "question", "text", "expected"), [
    ("en", "discreet", "could you not leave a voicemail", "no_voicemail"),
    ("en", "discreet", "may I ask you not to leave a message", "no_voicemail"),
    ("en", "call_times", "could you call in the evening?", "weekday_evening"),
    ("ja", "call_times", "夕方にかけてもらえますか", "weekday_evening"),
    ("ja", "call_times", "土曜日に電話してもらってもいいですか", "saturday"),
])
def test_a_request_put_as_a_question_answers_with_the_choice_it_names(
    intakes: dict[str, Intake], lang: str, question: str, text: str, expected: str
) -> None:
    assert read_choice(text, variants(intakes, question, lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "can you explain what voicemail means?"), ("ja", "留守電ってどういう意味か教えてもらえますか"),
    ("ja", "住所は出さないでもらえますか"),  # names no choice's words: asked, never read as "nothing"
])
def test_a_request_to_explain_or_one_naming_no_choice_stays_a_question(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "discreet", lang)).kind == "question"


@pytest.mark.parametrize(("question", "text"), [
    ("pregnancy", "I had a baby last year"), ("implant", "I got one once"),
])
def test_a_past_verb_alone_is_no_yes_to_a_question_about_now(intakes: dict[str, Intake], question: str,
                                                             text: str) -> None:
    assert "yes" not in read_choice(text, variants(intakes, question, "en")).choice_ids


@pytest.mark.parametrize(("lang", "question", "text", "expected"), [
    ("en", "cochlear", "cochlear? no", ("no",)),
    ("ja", "cochlear", "人工内耳？ないです", ("no",)),
    ("en", "interest", "maybe exosome? I'd still like advice", ("exosome", "undecided")),
])
def test_a_question_mark_followed_by_the_answer_is_an_answer(
    intakes: dict[str, Intake], lang: str, question: str, text: str, expected: tuple[str, ...]
) -> None:
    reading = read_choice(text, variants(intakes, question, lang))
    assert reading.kind != "question" and set(reading.choice_ids) == set(expected)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "a nerve stimulator, does that count?"), ("ja", "神経刺激装置が入ってるけど、それも入りますか？"),
])
def test_an_answer_asking_whether_it_counts_offers_it_and_not_sure(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "implant", lang)) == Reading("unclear", ("yes", "unsure"))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "maybe I had a seizure once as a kid"), ("ja", "小さい頃にけいれんがあった気がする"),
])
def test_a_doubted_yes_at_a_safety_question_offers_yes_and_not_sure(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "seizure", lang)) == Reading("unclear", ("yes", "unsure"))


def test_a_question_after_its_mark_stays_a_question(intakes: dict[str, Intake]) -> None:
    assert read_choice("is TMS painful? I'm scared", variants(intakes, "interest", "en")) == Reading("question")
    assert read_choice("TMSは痛いですか？こわいです", variants(intakes, "interest")) == Reading("question")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "probably, but not officially"), ("en", "a GP said it might be, nothing official"),
    ("ja", "たぶんそう、でも正式な診断はない"),
])
def test_a_suspicion_then_no_official_diagnosis_is_the_suspected_choice(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "depression", lang)) == Reading("choice", ("suspected",))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "they said depressive state, not sure if that counts"),
    ("ja", "うつ状態とは言われたけど、うつ病かどうかは…"),
])
def test_told_something_like_the_diagnosis_then_unsure_it_counts_offers_all_three(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "depression", lang)) == \
        Reading("unclear", ("diagnosed", "suspected", "unsure"))


def test_told_something_else_then_unsure_it_counts_is_not_offered_as_the_diagnosis(intakes: dict[str, Intake]) -> None:
    reading = read_choice("they said adjustment disorder, not sure if that counts", variants(intakes, "depression",
                                                                                               "en"))
    assert reading == Reading("choice", ("unsure",))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "we're trying for a baby but I don't think so yet"), ("ja", "妊活中だけど今はしてないと思う"),
])
def test_a_belief_after_a_reason_to_doubt_it_asks(intakes: dict[str, Intake], lang: str, text: str) -> None:
    reading = read_choice(text, variants(intakes, "pregnancy", lang))
    assert reading.kind == "unclear" and {"no", "unsure"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("text", "today", "span"), [
    ("since last summer", dt.date(2026, 12, 3), (0.29, 0.54)),  # the summer that has just ended
    ("since last summer", dt.date(2026, 4, 10), (0.63, 0.88)),  # said in spring: the summer of the year before
    ("since summer last year", dt.date(2026, 12, 3), (1.29, 1.54)),
    ("去年の夏から", dt.date(2026, 12, 3), (1.29, 1.54)),  # 去年 is the calendar year before
])
def test_a_season_said_as_last_counts_from_the_latest_one_in_english(text: str, today: dt.date,
                                                                     span: tuple[float, float]) -> None:
    (low, high), = read_spans(text, "duration", today)
    assert (low, high) == pytest.approx(span, abs=0.01)


@pytest.mark.parametrize(("text", "years"), [
    ("two and a half years", 2.5), ("2 and a half years", 2.5), ("one and a half years", 1.5),
])
def test_and_a_half_before_the_unit(text: str, years: float) -> None:
    assert read_amount(text, "duration") == pytest.approx(years)


@pytest.mark.parametrize(("text", "expected"), [
    ("she's a sophomore in college", ("age18_19", "age20s")), ("a college senior", ("age20s",)),
    ("he's a sophomore", ("teen15_17",)),
])
def test_a_college_year_is_not_read_as_the_high_school_one(intakes: dict[str, Intake], text: str,
                                                           expected: tuple[str, ...]) -> None:
    assert set(read_choice(text, variants(intakes, "age", "en")).choice_ids) == set(expected)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "only blood pressure pills from my GP"), ("en", "thyroid medication"), ("ja", "血圧の薬だけです"),
])
def test_a_kind_of_medicine_that_does_not_count_narrows_the_word_it_qualifies(
    intakes: dict[str, Intake], lang: str, text: str
) -> None:
    assert read_choice(text, variants(intakes, "medication", lang)) == Reading("choice", ("no",))


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "私の息子のことで申し込みます", "guardian"), ("ja", "本人ですが、母と一緒に見ています", "self"),
    ("en", "me, but my mom is helping me type", "self"), ("en", "I'm applying on behalf of my 14 year old", "guardian"),
])
def test_whose_child_it_is_and_who_helps_do_not_name_the_applicant(
    intakes: dict[str, Intake], lang: str, text: str, expected: str
) -> None:
    assert read_choice(text, variants(intakes, "applicant", lang)) == Reading("choice", (expected,))


def test_a_helper_at_the_question_about_the_parent_still_answers_it(intakes: dict[str, Intake]) -> None:
    assert read_choice("お母さんと一緒に見てます", variants(intakes, "guardian_agrees")) == Reading("choice", ("yes",))


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "TMSかな…点滴はちょっとこわい"), ("ja", "点滴が怖いのでTMSで"), ("en", "I'm scared of the drip, TMS please"),
])
def test_a_choice_said_with_fear_is_ruled_out(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "interest", lang)) == Reading("choice", ("tms",))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "my family doesn't know, so only tell me"), ("ja", "家族は知らないので、本人だけに話してください"),
])
def test_a_not_said_of_the_family_is_no_nothing_in_particular(intakes: dict[str, Intake], lang: str,
                                                               text: str) -> None:
    assert read_choice(text, variants(intakes, "discreet", lang)) == Reading("choice", ("person_only",))


def test_the_clinics_name_said_in_other_words_is_its_choice(intakes: dict[str, Intake]) -> None:
    """「病院の名前」 (the clinic's name in other words than the label's) names the choice, as 「クリニック名」 does."""
    reading = read_choice("病院の名前を出さないで、留守電も残さないで", variants(intakes, "discreet"))
    assert reading == Reading("choice", ("no_clinic_name", "no_voicemail"))
    assert read_choice("病院の名前は出さないでもらえますか", variants(intakes, "discreet")) == Reading(
        "choice", ("no_clinic_name",))


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "診断はされてません"), ("ja", "診断されたことはないです"), ("en", "no diagnosis"),
])
def test_no_diagnosis_alone_offers_no_and_the_suspected_choice(intakes: dict[str, Intake], lang: str,
                                                               text: str) -> None:
    assert read_choice(text, variants(intakes, "depression", lang)) == Reading("unclear", ("suspected", "no"))


@pytest.mark.parametrize(("lang", "text"), [("ja", "うつではないと思います"), ("en", "I don't think it's depression")])
def test_denying_what_the_suspected_choice_suspects_is_no(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "depression", lang)) == Reading("choice", ("no",))


@pytest.mark.parametrize(("lang", "text"), [("en", "there might be a chance"), ("ja", "可能性はあるかも")])
def test_a_chance_said_at_a_question_about_a_chance_is_yes(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "pregnancy", lang)) == Reading("choice", ("yes",))


@pytest.mark.parametrize(("lang", "text"), [("en", "maybe once when I was little"), ("ja", "一度あったかもしれない")])
def test_maybe_once_at_a_safety_question_offers_yes_and_not_sure(intakes: dict[str, Intake], lang: str,
                                                                 text: str) -> None:
    reading = read_choice(text, variants(intakes, "seizure", lang))
    assert reading.kind == "unclear" and {"yes", "unsure"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "たまに頓服で飲むくらい"), ("en", "just a little sleeping pill sometimes"),
])
def test_making_light_of_a_medicine_still_takes_it(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "medication", lang)) == Reading("choice", ("yes",))


@pytest.mark.parametrize(("lang", "text"), [("ja", "ないない😂"), ("en", "no no")])
def test_an_answer_said_twice_is_said_once(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "pregnancy", lang)) == Reading("choice", ("no",))


def test_musing_over_an_answer_is_an_answer_and_wondering_about_a_fact_a_question(intakes: dict[str, Intake]) -> None:
    assert read_choice("TMSかな", variants(intakes, "interest")) == Reading("choice", ("tms",))
    assert read_choice("TMSは痛いのかな", variants(intakes, "interest")) == Reading("question")
    assert read_choice("ちょっと頭がチクチクしたくらいかな", variants(intakes, "prior_tms")).kind == "unclear"


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "なんで親の番号が必要なんですか？"), ("ja", "この番号は何に使うんですか？"),
    ("en", "why do you need my parent's number?"), ("en", "what will the number be used for?"),
])
def test_a_question_about_the_parents_phone_gets_its_help_text(intakes: dict[str, Intake], lang: str,
                                                               text: str) -> None:
    (asked,) = [q for q in intakes[lang].questions if q.id == "guardian_phone"]
    assert asked.form_help and read_text(text, asked) == "form_question"
    assert read_text("090-1234-5678", asked) == "answer"


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "名前は誰が見るんですか？"), ("en", "who sees my name? is it private?"),
])
def test_who_sees_an_answer_is_a_question_about_the_form(intakes: dict[str, Intake], lang: str, text: str) -> None:
    (asked,) = [q for q in intakes[lang].questions if q.id == "name"]
    assert read_text(text, asked) == "form_question"


def test_a_question_without_form_help_is_answered_from_the_help_text(intakes: dict[str, Intake]) -> None:
    (asked,) = [q for q in intakes["en"].questions if q.id == "guardian_phone"]
    bare = asked.model_copy(update={"form_help": ""})
    assert bare.help and read_text("do I need a landline?", bare) == "form_question"


@pytest.mark.parametrize(("lang", "question", "text"), [
    ("en", "seizure", "no, but I have migraines"), ("ja", "seizure", "ないです、でも片頭痛持ちです"),
])
def test_something_else_one_has_after_but_does_not_turn_a_no_into_yes(intakes: dict[str, Intake], lang: str,
                                                                      question: str, text: str) -> None:
    assert read_choice(text, variants(intakes, question, lang)) == Reading("choice", ("no",))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "I was on sertraline until last year, nothing now"), ("ja", "去年まではレクサプロを飲んでたけど、今は何も"),
])
def test_what_is_said_of_now_answers_a_question_about_now(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "medication", lang)) == Reading("choice", ("no",))


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("土曜の朝がいいです", "ja", ["saturday"]), ("saturday afternoons", "en", ["saturday"]),
    ("土曜の午前か、平日の夕方", "ja", ["weekday_evening", "saturday"]),  # two choices, each said apart
    ("mornings or saturdays", "en", ["weekday_am", "saturday"]),  # joined, not one said of the other
    ("午前中なら土曜でも平日でも", "ja", ["weekday_am", "saturday"]),  # the weekday said too
])
def test_a_time_said_of_a_day_is_that_day_only(intakes: dict[str, Intake], text: str, lang: str,
                                               expected: list[str]) -> None:
    assert read_choice(text, variants(intakes, "call_times", lang)) == Reading("choice", tuple(expected))


@pytest.mark.parametrize(("lang", "question", "text"), [
    ("en", "seizure", "not that I know of"), ("en", "fainting", "not that I'm aware of"),
    ("ja", "seizure", "記憶にはないです"), ("ja", "head_injury", "覚えがないです"),
])
def test_a_no_said_as_far_as_one_knows_offers_no_and_not_sure(intakes: dict[str, Intake], lang: str, question: str,
                                                              text: str) -> None:
    reading = read_choice(text, variants(intakes, question, lang))
    assert reading.kind == "unclear" and {"no", "unsure"} <= set(reading.choice_ids)


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "almost 18", ["teen15_17", "age18_19"]), ("en", "nearly 15", ["under15", "teen15_17"]),
    ("ja", "もうすぐ20歳", ["age18_19", "age20s"]), ("ja", "今年で60です", ["age50s", "age60plus"]),
    ("en", "29, 30 next week", ["age20s", "age30s"]), ("ja", "30になったばかり…いや29かも", ["age20s", "age30s"]),
])
def test_an_age_said_roughly_at_a_band_edge_asks(intakes: dict[str, Intake], lang: str, text: str,
                                                 expected: list[str]) -> None:
    assert read_choice(text, variants(intakes, "age", lang)) == Reading("unclear", tuple(expected))


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "almost 25", "age20s"), ("ja", "来月18になります", "teen15_17"), ("en", "17, almost 18", "teen15_17"),
    ("ja", "もうすぐ15になる14歳", "under15"), ("ja", "もうすぐ18だけど今は17です", "teen15_17"),
])
def test_an_age_to_come_on_a_date_or_beside_the_age_now_is_recorded(intakes: dict[str, Intake], lang: str, text: str,
                                                                    expected: str) -> None:
    assert read_choice(text, variants(intakes, "age", lang)) == Reading("choice", (expected,))


@pytest.mark.parametrize(("lang", "text"), [
    ("ja", "たまに飲んだり飲まなかったり"), ("en", "on and off"), ("en", "prescribed but I skip most days"),
])
def test_medication_taken_on_and_off_asks_yes_or_no(intakes: dict[str, Intake], lang: str, text: str) -> None:
    assert read_choice(text, variants(intakes, "medication", lang)) == Reading("unclear", ("yes", "no"))


def test_a_bare_refusal_is_the_choice_that_declines(intakes: dict[str, Intake]) -> None:
    assert read_choice("skip", variants(intakes, "medication", "en")) == Reading("choice", ("prefer_not",))
    assert read_choice("skip", variants(intakes, "seizure", "en")) == Reading("unclear")


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "haven't seen a doctor, but it feels like depression", ("choice", ["suspected"])),
    ("en", "I've never seen a doctor about it", ("unclear", ["suspected", "no"])),
    ("ja", "適応障害とは言われました", ("unclear", ["diagnosed", "no", "unsure"])),
])
def test_no_doctor_yet_or_another_diagnosis(intakes: dict[str, Intake], lang: str, text: str,
                                            expected: tuple[str, list[str]]) -> None:
    reading = read_choice(text, variants(intakes, "depression", lang))
    assert (reading.kind, list(reading.choice_ids)) == expected


def test_fine_at_a_health_question_is_a_no(intakes: dict[str, Intake]) -> None:
    assert read_choice("the doctor said it was fine", variants(intakes, "seizure", "en")) == Reading("choice", ("no",))


@pytest.mark.parametrize(("text", "expected"), [
    ("since I was about 12, and I'm 20 now", (7.0, 9.0)), ("on and off since I was a teenager, I'm 35", (15.0, 23.0)),
    ("since my second year of high school, I'm in third year now", (1.0, 1.9)), ("中1の頃から、今高2", (4.0, 4.9)),
    ("since 8th grade, now in 11th grade", (3.0, 3.9)), ("years, honestly", (2.0, 10.0)),
    ("じゅっかげつ", (10 / 12, 10 / 12)), ("since the start of the year", (10.5 / 12, 11.5 / 12 + 1 / 24)),
])
def test_a_duration_from_then_and_now(text: str, expected: tuple[float, float]) -> None:
    (span,) = read_spans(text, "duration", dt.date(2026, 12, 4))
    assert span == pytest.approx(expected)


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("interest", "てぃーえむえす", ("tms",)), ("treatments", "こううつやく", ("antidepressants",)),
    ("call_times", "どようび", ("saturday",)), ("applicant", "honnin", ("self",)),
    ("applicant", "ほんにんです", ("self",)),
    ("age", "ちゅうがくせい", ("under15",)),
])
def test_kana_or_romaji_for_a_word_written_in_kanji_or_latin_letters(intakes: dict[str, Intake], question: str,
                                                                      text: str, expected: tuple[str, ...]) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", expected)


@pytest.mark.parametrize(("lang", "question_id", "text", "expected"), [
    ("en", "guardian_agrees", "prob fine with it", ("yes", "unsure")),
    ("ja", "guardian_agrees", "たぶんOKだと思う", ("yes", "unsure")),
    ("en", "guardian_agrees", "they are fine with it", ("yes",)),
    ("ja", "seizure", "子供のころ熱性けいれんがあったらしい", ("yes", "unsure")),
    ("en", "head_metal", "there's maybe a shrapnel fragment", ("yes", "unsure")),
])
def test_a_guess_or_hearsay_yes_is_asked_about(intakes: dict[str, Intake], lang: str, question_id: str, text: str,
                                               expected: tuple[str, ...]) -> None:
    """A guess at what someone else thinks, or what others remember of oneself, offers yes or not sure."""
    reading = read_choice(text, variants(intakes, question_id, lang))
    assert reading.choice_ids == expected
    assert reading.kind == ("choice" if len(expected) == 1 else "unclear")


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("seizure", "kodomo no koro ni arimashita", "yes"), ("seizure", "hai, kodomo no koro ni", "yes"),
    ("medication", "kusuri no nonde nai", "no"), ("head_metal", "ha no tsumemono dake", "no"),
])
def test_romaji_no_between_two_words_is_the_particle(intakes: dict[str, Intake], question: str, text: str,
                                                     expected: str) -> None:
    assert read_choice(text, variants(intakes, question, "ja")) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["watashi no ani ga tenkan desu", "kodomo no koro ni ichido"])
def test_romaji_with_the_particle_that_answers_nothing_asks(intakes: dict[str, Intake], text: str) -> None:
    reading = read_choice(text, variants(intakes, "seizure", "ja"))
    assert reading.kind == "unclear" and "no" not in reading.choice_ids[:1]


@pytest.mark.parametrize(("text", "expected"), [  # English "no" stays a no: first, after a mark, or with English
    ("no", "no"), ("no, never", "no"), ("i have no seizures", "no"), ("nope no", "no"), ("no i do not", "no"),
    ("i have no idea", "unsure"), ("to no one", "no"),
])
def test_english_no_is_not_read_as_the_particle(intakes: dict[str, Intake], text: str, expected: str) -> None:
    assert read_choice(text, variants(intakes, "seizure", "en")) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["あにがてんかんです", "わたしのあにがてんかんです"])
def test_a_relative_written_in_kana_is_someone_else(intakes: dict[str, Intake], text: str) -> None:
    assert read_choice(text, variants(intakes, "seizure")).kind == "unclear"


@pytest.mark.parametrize("text", ["歯にインプラントがあります", "歯医者で入れたインプラントだけです", "a tooth implant",
                                  "just a retainer", "口の中にインプラントがあるくらい"])
def test_what_is_in_the_mouth_is_not_in_the_head(intakes: dict[str, Intake], text: str) -> None:
    assert read_choice(text, variants(intakes, "head_metal")) == Reading("choice", ("no",))


@pytest.mark.parametrize("text", ["はい、頭にシャントがあります", "頭にクリップ、歯にも詰め物"])
def test_metal_in_the_head_beside_the_teeth_is_not_a_no(intakes: dict[str, Intake], text: str) -> None:
    assert read_choice(text, variants(intakes, "head_metal")) != Reading("choice", ("no",))


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("interest", "exosome... no wait, the combination", "combined"),
    ("interest", "TMS…いや、やっぱり併用で", "combined"),
    ("fainting", "yes - no wait, no", "no"), ("contact_method", "電話、いや、やっぱりメールで", "email"),
    ("fainting", "はい、いや、いいえ", "no"), ("seizure", "no, wait, I had one as a kid", "yes"),
])
def test_a_self_correction_takes_back_what_came_before(intakes: dict[str, Intake], question: str, text: str,
                                                       expected: str) -> None:
    assert read_choice(text, variants(intakes, question)) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["yes, no wait", "はい、いや"])  # taken back, nothing said instead: it asks
def test_a_correction_with_nothing_after_it_asks(intakes: dict[str, Intake], text: str) -> None:
    reading = read_choice(text, variants(intakes, "seizure"))
    assert reading.kind == "unclear" and {"yes", "no"} <= set(reading.choice_ids)


@pytest.mark.parametrize("text", ["電話は、いやです", "電話は、無理です", "電話はいやです"])
def test_a_dislike_after_a_comma_is_of_what_came_before(intakes: dict[str, Intake], text: str) -> None:
    reading = read_choice(text, variants(intakes, "contact_method"))
    assert reading.kind == "unclear" and "phone" not in reading.choice_ids


def test_a_liking_is_not_a_dislike(intakes: dict[str, Intake]) -> None:
    assert read_choice("電話がいいです", variants(intakes, "contact_method")) == Reading("choice", ("phone",))
