"""A word of risk that makes up a short message almost alone gets the check-in (「しぬ」, 「切りたい」, "im done"),
and kana the analyser cut apart or left without a normalised form is read as the word the rules know
(「カッターにぎってる」, 「くすりためてる」, 「もうしぬ」). Phrases, rules and context only (``learned=False``)."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "しぬ", "死ぬ", "もうしぬ", "切りたい", "ころしたい", "もう限界です", "自殺",
    "im done", "i'm done.", "die", "just die", "ending it", "kill me now",
])
def test_a_bare_word_of_risk_asks_the_check_in(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier in ("check_in", "definite"), found.reason()


@pytest.mark.parametrize("text", ["しぬ", "切りたい", "im done", "die"])
def test_the_bare_check_in_names_its_layer_and_never_the_text(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert (found.tier, found.routed_by) == ("check_in", "bare")
    assert text not in found.reason()


@pytest.mark.parametrize("text", [
    "死ぬほど眠い", "課題で死ぬ", "電話切った", "done", "all done!", "done with the form", "im dying lol",
])
def test_a_word_of_risk_with_something_around_it_is_not_bare(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).routed_by != "bare", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["カッターにぎってる", "ロープにぎった", "くすりためてる"])
def test_kana_is_read_as_the_word_the_kanji_rules_know(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "rTMSを受けてから死にたい気持ちがなくなりました、ありがとうございます",  # なくなる is not 亡くなる
    "買い物をしに行く",  # し + に is "to do", not 死に
    "服をきる",  # きる is 切る or 着る: no reading decides
])
def test_a_kana_reading_shared_by_other_words_does_not_match(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier != "definite", rules.assess(text).reason()


def test_kana_read_again_keeps_the_words_the_learned_layer_was_trained_on(rules: CrisisScreen) -> None:
    from bot.safety import japanese

    tokens = japanese.tokens("カッターにぎってる", frozenset({"握る"}))
    assert "握る" in tokens[1].forms
    assert tokens[1].words == ("に", "ぎる", "てる")
    assert japanese.tokens("カッターにぎってる")[1].forms[0] == "に"
