"""Families of wording measured weak in round 11: a denial standing between the parts of a rule ("I haven't been
suicidal since 8th grade"), a will made for a stage of life, OD as a guitar's overdrive, a means held in the hand
now (「カッター握ってる」), a parent finding a child shut in with a means, and the bare end of a short message
("i cant anymore"). Phrases, rules and context only (``learned=False``), so each test fails when its mechanism goes."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "i haven't been suicidal since 8th grade",
    "I have not been suicidal for years",
    "i havent felt suicidal in a long time",
])
def test_a_denial_between_the_parts_of_a_rule_asks_instead_of_alarming(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "i have never been this suicidal",
    "I've never felt so suicidal in my life",
    "went too deep this time, cant stop the bleeding",
])
def test_a_negation_of_degree_or_compulsion_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "writing my will because I just turned 60",
    "updated my will since I turned 70, any tips",
    "making my will with a solicitor next week",
    "ギターのODペダルを買った",
    "エフェクターのODとディストーションの違いは？",
    "アンプのODチャンネルが壊れた",
])
def test_a_will_for_a_stage_of_life_and_an_overdrive_pedal_are_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "writing my will tonight, won't need anything after",
    "昨日ODした",
    "ギター弾いたあとODした",
])
def test_the_same_words_told_as_an_ending_keep_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "カッター握ってる",
    "包丁握りしめてる",
    "ナイフを手に持ってる",
    "薬を全部手に持ってる",
    "今ロープ持ってる",
    "カッター持って部屋にこもってる",
    "i cant anymore",
    "can't do it anymore",
])
def test_a_means_in_the_hand_now_and_a_bare_ending_get_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "今コンパス持ってる",
    "ハンドル握ってる",
    "部屋にこもって勉強してる",
    "i can't make it on monday anymore, can i move the appointment",
])
def test_tools_and_rooms_of_everyday_life_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "娘がカッターを持って部屋にこもっています",
    "息子が包丁を持ってトイレに閉じこもった",
])
def test_a_child_shut_in_with_a_means_gets_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()


def test_a_plea_to_be_killed_asks_first(rules: CrisisScreen) -> None:
    assert rules.assess("unalive me pls").tier == "check_in"


def test_living_called_a_drag_asks_at_least(rules: CrisisScreen) -> None:
    assert rules.assess("生きるのだるい").hit


@pytest.mark.parametrize("text", [
    "剃刀持ってお風呂にいる",
    "カッター持ってトイレにいる",
    "包丁を枕の下に置いてる",
    "壁に頭ぶつけるのやめられない",
])
def test_a_means_taken_somewhere_alone_or_kept_by_the_bed_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "wrote a letter to my grandma",
    "i wrote a note last night",
])
def test_one_letter_or_note_told_plainly_asks_instead_of_alarming(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "i wrote letters to everyone, tonight is the night",
    "finished writing letters to my friends. bye",
])
def test_letters_with_a_time_or_a_farewell_keep_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "うちの高校生が、夜中に遺書のようなものを書いていた",
    "うちの中2が死にたいって言ってる",
])
def test_a_child_named_by_school_year_after_uchino_gets_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["高校生ですが死にたいです", "自分の高校生活終わってる、死にたい"])
def test_a_teenager_naming_their_own_school_year_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["done w it all fr", "i give up on everything", "im so done w everything"])
def test_done_with_or_giving_up_on_everything_in_a_few_words_gets_help(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).hit, rules.assess(text).reason()


def test_done_with_a_form_stays_ordinary(rules: CrisisScreen) -> None:
    assert rules.assess("done with the form").tier == "none"
