"""Whose risk a message tells, and when an everyday scene or an animal changes nothing: the writer's own wish next to
someone else's words, a question put to the writer and answered yes, an urge that came over the writer during an
errand, and an animal that jumped. Rules only (``learned=False``) unless said otherwise, so each test fails when
its mechanism is taken away; a few also run the whole shipped screen, where the learned layer could route again."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen
from tests.safety.test_crisis import shipped


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    """The whole shipped screen, learned layer included."""
    return CrisisScreen.build(shipped())


@pytest.mark.parametrize("text", [
    'my sister keeps saying "I\'m a burden" and I want to kill myself',
    "my brother keeps saying he hates school, and i want to die",
    "mum always says I'm lazy but I want to end my life",
])
def test_the_writers_own_wish_beside_someone_elses_words_is_the_full_reply(rules: CrisisScreen,
                                                                            screen: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()
    assert screen.assess(text).tier == "definite", screen.assess(text).reason()


@pytest.mark.parametrize("text", ["my son said I want to die", 'my friend texted me "i want to die tonight"',
                                  "someone in my server said they're going to end it tonight"])
def test_someone_elses_words_stay_theirs(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    'My mum asked "do you want to die?" and I said yes',
    "my dad asked “are you thinking about killing yourself” and i just nodded",
    "母に「死にたいの？」って聞かれて、うんって答えた",
    "先生に「自殺を考えてる？」と聞かれて「はい」と答えました",
])
def test_a_question_put_to_the_writer_and_answered_yes_is_the_writers_own(rules: CrisisScreen,
                                                                           screen: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()
    assert screen.assess(text).tier == "definite", screen.assess(text).reason()


def test_someone_elses_quoted_wish_answered_yes_stays_theirs(rules: CrisisScreen) -> None:
    assert rules.assess('my friend said "i want to die" and i said yes').tier == "carer"


@pytest.mark.parametrize("text", ["犬の散歩中に、線路に飛び込みたくなった", "料理中に手首を切りたくなった",
                                  "買い物の途中で、ビルの屋上から飛び降りたくなった",
                                  "on the drive home I had the urge to drive off the bridge"])
def test_an_urge_during_an_errand_is_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["料理中に指を切った", "I cut myself shaving this morning"])
def test_an_accident_during_an_errand_still_only_asks(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier != "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["My cat jumped off my balcony today, she is fine",
                                  "our dog jumped off the bridge into the river tonight and swam back"])
def test_an_animal_that_jumped_makes_no_plan(rules: CrisisScreen, screen: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier not in ("definite", "carer"), rules.assess(text).reason()
    assert screen.assess(text).tier not in ("definite", "carer"), screen.assess(text).reason()


@pytest.mark.parametrize("text", ["自殺したい　誰にも言えない", "死にたいって親に言えない", "死にたいと先生に話した"])
def test_a_wish_the_writer_tells_or_cannot_tell_is_the_writers_own(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["娘が死にたいと先生に話した", "息子が死にたいと私に言いました",
                                  "死にたいと娘に言われた", "死にたいって言ってる"])
def test_a_wish_someone_else_said_stays_theirs(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()


def test_an_english_sentence_ending_in_what_to_do_is_no_question(rules: CrisisScreen) -> None:
    text = "Sorry to message so late but I'm having really strong thoughts of suicide and I don't know what to do"
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()
    assert rules.assess("what are the statistics on suicide").tier == "check_in"
