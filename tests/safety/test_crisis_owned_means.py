"""Means owned by someone the writer names (「母の薬」, "my dad's pills") are the writer's own plan, not a report
about that person; a child's means in a parent's hands stay the carer's report; a farewell spoken to someone
(「ごめんねお母さん」, "sorry mom. love you") is the writer's own, never a report about them. Phrases, rules and
context only (``learned=False``), so a test fails when its mechanism goes."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "母の薬を少しずつ抜いて集めてる",
    "父の睡眠薬を集めてる",
    "祖母の睡眠薬を少しずつもらって貯めてます",
    "おばあちゃんの睡眠薬をこっそり少しずつもらってためてる",  # over the rest of the name: お|婆|ちゃん|の
    "I'm saving my dad's pills for tonight",
    "I've been taking my dad's pills and saving them",
])
def test_means_owned_by_someone_named_are_the_writers_own_plan(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", [
    "娘が薬を集めてる",  # what she does
    "息子の薬を隠しました",  # a parent keeping a child's means away
    "娘の薬を数えたら減ってた",
    "my brother is saving his pills",
    "My wife has been saving up her pills, I just found the stash.",
])
def test_what_the_named_person_does_or_a_childs_means_stay_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "carer", found.reason()


@pytest.mark.parametrize("text", ["sorry mom. love you", "sorry mom. love you all"])
def test_a_short_farewell_without_a_listed_word_asks_the_check_in(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier in ("check_in", "definite"), found.reason()


@pytest.mark.parametrize("text", [
    "love you mom, see you at dinner",  # an everyday occasion: no farewell
    "sorry mom, I forgot to call the clinic",
    "ありがとうございました。さようなら",
    "Thanks so much, bye!",
])
def test_manners_and_an_everyday_goodbye_ask_nothing(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


def test_a_note_left_behind_asks_the_check_in(rules: CrisisScreen) -> None:
    found = rules.assess("If anyone reads this later, I was tired, not angry.")
    assert (found.tier, found.rule) == ("check_in", "en.rules.note_opener")


def test_the_one_a_farewell_speaks_to_is_no_one_at_risk() -> None:
    """「ごめんねお母さん。大好きだよ」 speaks to her: with the learned layer a check-in, never the carer reply."""
    from tests.safety.test_crisis import shipped

    screen = CrisisScreen.build(shipped())
    for text in ("ごめんねお母さん。大好きだよ", "お母さん、ごめんね。ばいばい"):
        assert screen.assess(text).tier in ("check_in", "definite"), screen.assess(text).reason()
