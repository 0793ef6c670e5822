"""Round 18 families of the crisis screen, each with the ordinary look-alikes that must keep their answer. Phrases,
rules and context only (``learned=False``), so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "when my parents leave for the trip saturday i'll do it",
    "once my family goes on holiday next week i'll do it",
    "when my flatmate goes home for christmas i'm doing it",
    "saturday when the house is empty i'll go through with it",
    "親が旅行に行ったら実行する",
    "みんなが寝静まったら決行する",
])
def test_a_time_chosen_when_the_others_are_gone_then_the_act_is_a_plan(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "when my parents leave for the trip saturday i'll clean the house",
    "my parents are away this weekend so that's when i'll have a party",
    "when everyone is asleep i'll do my homework",
    "親が旅行に行ったら部屋を片付ける",
    "家族が寝たら勉強します",
])
def test_the_others_gone_with_an_everyday_task_stays_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "娘が学校から帰ったら死にたいと言った",   # her words reported after the clause stay hers
    "息子が寝たら薬を全部飲むと言っていた",
])
def test_someone_elses_words_after_a_clause_of_time_stay_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "I wanted to OD on caffeine yesterday",
    "i wanted to overdose on coffee last night",
    "yesterday i was going to od on energy drinks",
])
def test_a_past_intent_to_overdose_on_caffeine_asks_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "I think I OD'd on coffee lol",
    "i nearly OD'd on caffeine yesterday lol",
    "you wanted to overdose on coffee? lol",
    "don't overdose on coffee",
])
def test_caffeine_mishaps_warnings_and_others_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "i'm going to drive my car into a wall",
    "i want to drive into a tree",
    "i'm going to walk into the ocean tonight",
    "i need to bleed",
    "i want to bleed",
])
def test_means_and_self_harm_said_without_a_listed_word_get_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "death sounds peaceful",
    "death sounds nice right now",
    "dying doesn't scare me anymore",
    "i want to feel pain",
    "i don't care what happens to me anymore",
    "i give up",
    "i'm giving up",
    "i'm tired of fighting",
])
def test_death_that_appeals_pain_wanted_and_giving_up_ask_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "death metal sounds so good",
    "i need to bleed the radiators",
    "you need to bleed the brakes",
    "i want to feel pain relief",
    "i give up, this printer is broken",
    "i'm tired of fighting with my landlord",
    "i gave up sugar",
])
def test_their_ordinary_look_alikes_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()
