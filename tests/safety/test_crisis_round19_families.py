"""Round 19 families of the crisis screen, each with the ordinary look-alikes that must keep their answer. Phrases,
rules and context only (``learned=False``), so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "i'm going to drive into town",
    "i'll crash into bed",
    "we drive off at 6",
    "i crashed into a tree when i was 17",
    "i was driving into the lake district",
    "my daughter gave away her old toys to charity",
    "my son gave away his old bike",
    "my dads pills are on the counter, is it ok for me to come in with him to his appointment?",
    "my last message didn't send, did you get it?",
    "writing a note to my teacher so I can leave early for the appointment",
    "Is there parking on the roof level of your building?",
    "i know where my mum keeps the biscuits",
    "i know the code to the garage",
])
def test_trips_things_outgrown_and_kitchen_counters_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "i keep thinking about driving into a wall",
    "i'm on the roof right now",
    "i counted out all my pills",
    "i've been counting my pills, there's enough now",
])
def test_the_car_at_a_hard_thing_and_pills_counted_keep_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "my uncle's gun is in the garage and i know the code",
    "i know where my dad keeps his gun",
    "i keep picturing swerving into a truck",
    "this is my last message. goodbye",
])
def test_a_known_way_to_a_weapon_and_the_car_as_a_thought_ask_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "husband was talking about driving into the river",
    "she's been giving away her things and saying goodbye",
    "my brother has pills saved up and says he's done",
])
def test_someone_elses_car_belongings_and_pills_get_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()
