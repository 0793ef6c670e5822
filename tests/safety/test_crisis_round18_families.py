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


@pytest.mark.parametrize("text", [
    "Sunday. That's when. Everyone will be at church.",
    "Set an alarm for 3am. That's when I'll go. Everyone will be asleep.",
])
def test_that_is_when_with_everyone_away_raises_the_plan(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "I've run out of reasons to stay",
    "i don't see a reason to go on",
    "Nobody will have to watch me struggle much longer.",
    "I'd rather not exist than feel this for one more day",
    "Tell the doctor thanks for trying. I won't be coming to the appointment, or any appointment",
    "Sending my final thank you. Please cancel my sessions, I won't be there.",
])
def test_reasons_run_out_time_running_short_and_a_last_thank_you_ask_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "everyone will be at the wedding on saturday, that's when we leave",
    "we ran out of reasons to stay at that hotel",
    "I don't see a reason to go on with the exosome course if it doesn't help",
    "this is my last week here at the office before the new job",
    "the 30th is the date I picked for my first session",
    "my boss is angry and will kill me",
    "i am so late and my mum will kill me",
    "nobody will have to wait much longer for the results",
    "I'd rather not go than feel sick",
    "my son wrote a goodbye card for his teacher",
    "my son burned his hand on the stove",
])
def test_the_look_alikes_of_the_english_families_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


def test_learner_english_kill_me_after_a_feeling_gets_the_full_reply(rules: CrisisScreen) -> None:
    assert rules.assess("Please I am very sad and want to kill me").tier == "definite"


@pytest.mark.parametrize("text", [
    "my daughter is bleeding from her wrist and crying",
    "my teenager wrote a goodbye note",
    "found burns on my daughter's wrist, she says it was a cooking accident but there are a lot of them",
    "my daughter burns herself on the stove on purpose",
])
def test_someone_else_bleeding_a_goodbye_note_and_a_claimed_accident_get_the_carer_reply(
        rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["my son cut himself shaving", "i burned my hand on the stove"])
def test_an_accident_at_a_task_asks_first_whoever_it_happened_to(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["i burn myself on the stove on purpose", "料理中にわざと手首を切った"])
def test_on_purpose_is_no_accident(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()
