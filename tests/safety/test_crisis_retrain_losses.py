"""Three families the learned layer used to raise and no longer does after a retrain, now read by rule:
"kill me" in learner English with a wish or an intent said of oneself, hurting oneself to calm down (hair pulled
out, pain used to settle or distract), and a terse report of an act done "again" with only the body part after it.
Phrases, rules and context only (``learned=False``), so each test fails when its rule is taken away; each family has
ordinary counterparts that must stay as they are."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "I finish. I will kill me",
    "i'll kill me tonight",
    "I shall kill me",
    "i am going to kill me",
    "i decided to kill me",
])
def test_kill_me_with_an_intent_of_ones_own_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "my mom will kill me if she sees my grades",
    "this homework will kill me",
    "my boss is going to kill me lol",
])
def test_someone_or_something_else_that_will_kill_me_is_an_idiom(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "イライラすると自分の髪を引き抜いて、痛みで落ち着こうとする。",
    "髪を引き抜いてしまう",
    "まつげをむしり取ってしまう",
    "痛みで気を紛らわす",
    "痛みで自分を落ち着かせる",
])
def test_hurting_oneself_to_calm_down_is_self_harm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "腰の痛みで落ち着かない",
    "歯の痛みで落ち着いて眠れない",
    "痛み止めで落ち着いた",
    "庭の雑草を引き抜いた",
])
def test_pain_and_pulling_in_everyday_life_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "昨日もやった、腕",
    "今日もやっちゃった、手首",
    "また、やった 太もも",
])
def test_an_act_again_with_only_the_body_part_is_self_harm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "昨日もやった、腕立て",
    "今日も腕やった",
    "昨日も宿題やった",
])
def test_exercise_and_chores_done_again_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "if my mom sees my grades she'll kill me",
    "If my mom finds out I ate all the cake she'll kill me",
    "my dad is going to kill me when he sees the car",
])
def test_a_parent_who_will_kill_me_is_an_idiom_not_their_risk(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "my daughter told me she is going to kill herself",
    "she told me she wants to die",
])
def test_someone_else_telling_me_of_their_risk_still_gets_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()
