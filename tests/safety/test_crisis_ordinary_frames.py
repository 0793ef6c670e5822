"""Ordinary messages where a weak signal over-fires: "can't go" that tells which day suits an appointment
(「土曜しか行けません」) is no sign of finality, and an everyday goodbye is no plan. A weak rule an everyday occasion
seems to explain ("affairs in order before the house move") still asks: the context layer routes and downgrades,
it never silences a finding. The same words dating a plan, or told as a parting, still get help; suicide as a topic
(the news, a story) and a strong word taken back or used as a name still ask first (``test_crisis_taken_back``).
Phrases, rules and context only (``learned=False``)."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "死ぬ気で働いてるので土曜しか行けません",
])
def test_a_word_that_is_no_risk_in_its_sentence_gets_nothing(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "none", found.reason()


@pytest.mark.parametrize("text", [
    "We're putting our affairs in order before the house move next month.",
    "引っ越しのために荷物を整理して、服を友達にあげた。",
    "Thanks for everything, see you at my appointment on Monday",  # a farewell's words, dated by an occasion
    "thanks for everything today! bye!",
])
def test_a_weak_finding_an_everyday_occasion_seems_to_explain_still_asks(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "check_in", found.reason()


@pytest.mark.parametrize("text", [
    "I set the date for after my sister's wedding so I don't ruin it.",  # an occasion that dates a plan
    "もう行けません。さようなら",  # a parting, not a day that suits
])
def test_the_same_words_told_as_the_writers_own_still_get_help(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier != "none", found.reason()


@pytest.mark.parametrize("text", [
    "ニュースで自殺防止キャンペーンの見出しを見かけました。ところで土曜は開いてますか",
    "ホラー映画で首吊りのシーンあってびびった",
    "I read a news article about suicide rates in Japan going down. Interesting",
])
def test_suicide_as_a_topic_still_asks_first(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "check_in", found.reason()
