"""Round 17 families of the crisis screen, each with the ordinary look-alikes that must keep their answer. Phrases,
rules and context only (``learned=False``), so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety import japanese
from bot.safety.crisis import CrisisScreen
from bot.safety.rules import WordList


def test_a_member_the_analyser_cuts_apart_alone_still_matches_the_one_word_of_a_message() -> None:
    words = WordList.compile(["まで"], japanese.member_forms)
    tokens = japanese.tokens("崖まで来た")
    assert any(words.ends_at(tokens, j) for j in range(len(tokens)))


@pytest.mark.parametrize("text", [
    "崖のある場所まで車で行こうと思ってる",
    "崖まで来た",
    "東尋坊まで行くつもり",
    "I'm going to OD on caffeine pills",
    "going to take the whole box of caffeine pills tonight",
    "カフェイン錠を全部飲むつもり",
])
def test_intent_or_arrival_with_a_means_or_a_cliff_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "橋まで歩いて行きます",                 # a bridge, a rooftop, a viewing deck: everyday places to go to
    "屋上まで行けますか",
    "橋まで迎えに来てください",
    "クリニックは橋まで来たら右です",
    "I take 2 caffeine pills before exams",
    "pretty sure that was a caffeine overdose, my hands are shaking",
    "Had an overdose of coffee this morning, so jittery",
    "カフェイン錠を飲んでも治療を受けられますか",
])
def test_places_and_caffeine_told_plainly_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["展望台まで行ったら景色がきれいだった", "崖まで行った。夕日がきれいだった"])
def test_a_sightseeing_trip_to_a_high_place_asks_at_most(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "Last chat. 👋",
    "It's been nice talking to you bot. Last chat. 👋",
    "im done 👋",                           # an emoji beside a bare word of risk
    "thanks for trying… goodbye",
    "thanks for trying to help me. goodbye",
    "弟のこと、よろしくお願いします。さようなら",
    "娘のことをよろしくお願いします。さよなら",
])
def test_farewells_with_no_listed_word_ask_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "in our last chat you said the clinic opens at 9",
    "last chat with the nurse was helpful",
    "done with the form 👍",
    "thanks for trying, I will check the website",
    "息子のこと、よろしくお願いします",           # a parent entrusting their child to the clinic
    "今後のこと、よろしくお願いします。ではまた",
])
def test_ordinary_last_chats_thanks_and_entrusting_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


def test_someone_left_in_anothers_care_is_not_the_one_at_risk(rules: CrisisScreen) -> None:
    assert rules.assess("弟のこと、よろしくお願いします。さようなら").tier != "carer"


@pytest.mark.parametrize("text", ["またやった。太もも", "またやっちゃった。腕", "昨日もやった。手首"])
def test_a_terse_self_harm_report_cut_at_a_full_stop_reads_as_one(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["またやった。宿題", "またやった。ゲーム", "今日も腕立てやった。腕", "切った。髪",
                                  "またやった？太もも"])
def test_other_terse_fragments_and_a_question_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


def test_terse_joined_takes_out_only_the_full_stop_before_a_fragment() -> None:
    tokens = japanese.tokens("またやった。太もも")
    joined = japanese.terse_joined(tokens)
    assert joined is not None
    joined_tokens, fragment = joined
    assert len(joined_tokens) == len(tokens) - 1
    assert [joined_tokens[j].forms[-1] for j in sorted(fragment)] == ["太もも"]
    assert japanese.terse_joined(japanese.tokens("またやった。太ももが痛い")) is None


@pytest.mark.parametrize("text", ["カフェインOD（笑）", "カフェインのODかも"])
def test_a_caffeine_overdose_beside_a_joke_or_a_guess_asks_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "I'm going to OD on caffeine",
    "gonna overdose on energy drinks tonight",
    "I want to OD on caffeine",
    "im gonna od on coffee",
    "planning to overdose on caffeine tonight",
    "カフェインでODしようかな",
    "カフェインOD（笑）",
])
def test_an_intent_or_wish_to_overdose_on_caffeine_asks_at_least(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("check_in", "definite"), rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "I think I OD'd on coffee lol my heart is racing",  # a past mishap
    "overdosed on caffeine during exams, jittery",
    "don't overdose on coffee before the session",       # a warning
    "you will overdose on caffeine if you drink all that",
    "Is it possible to OD on caffeine?",
    "Will I overdose on coffee if I drink 5 cups?",
    "try not to OD on coffee",
])
def test_caffeine_mishaps_warnings_and_questions_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()
