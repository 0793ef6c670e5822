"""A past that is over, told somewhere in a message, never turns the writer's present risk into a check-in: only a
finding told of that past is asked about instead of alarmed. Phrases, rules and context only (``learned=False``),
so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "I'm 30 years old and I don't want to live anymore",        # an age is no past; a denied "want to live"
    "I'm 15 years old and I want to die, I used to be happy",   # the wish is told in the present
    "I used to be happy. Now I want to die",
    "Back in high school I was happy. These days I just want to die",
    "I'm 17 years old, I'm in recovery from an eating disorder and I want to die",
    "my therapy helped a lot in the past, but right now I feel like dying",
    "私は16歳です。昔は幸せだったけど、今は死にたい",
    "高校の頃は楽しかった。でも今は消えたい",
    "去年までは元気だったのに、もう死にたい",
    "2年前は幸せだった。今は死ぬつもりです",
])
def test_a_past_told_beside_a_present_wish_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", text


@pytest.mark.parametrize("text", [
    "My 14 year old son says he doesn't want to live anymore",
    "my 12-year-old told me she wants to die. she used to be so happy",
    "My 16 year old daughter was doing well last year, but yesterday she told me she wants to die",
    "息子は去年までは元気でしたが、最近「死にたい」と言うようになりました",   # 最近 (lately) before it
])
def test_a_past_told_beside_someone_elses_present_wish_keeps_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", text


@pytest.mark.parametrize("text", [
    "I used to feel suicidal but I haven't had those thoughts in years",
    "I used to want to die when I was a teenager, but I'm much better now",
    "I had suicidal thoughts in college. I'm doing well now and want to try TMS for my low mood",
    "I self-harmed as a teenager but I've been clean for 5 years",
    "I'm proud to say I'm two years self-harm free.",
    "中学生のころは死にたいと思っていましたが、今は元気です",
    "昔は死にたいと考えていた時期もありましたが、今は落ち着いています",
    "10年前に自殺未遂をしましたが、今は元気です",
])
def test_a_past_that_is_over_still_asks_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", text


@pytest.mark.parametrize("text", ["an hour ago I tried to hang myself but I'm ok now",
                                  "20 mins ago i took a load of pills, i feel fine now"])
def test_minutes_or_hours_ago_is_no_history(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


def test_years_ago_with_a_settled_present_still_only_asks(rules: CrisisScreen) -> None:
    assert rules.assess("years ago I tried to hang myself but I'm ok now").tier == "check_in"


@pytest.mark.parametrize("text", ["Years ago I was happy and stable. Now I'm exhausted and want to die",
                                  "back in school I was bullied and cut myself, I'm ok now but I'm tired and I want "
                                  "to die"])
def test_a_state_of_now_in_ed_keeps_the_present_wish(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


def test_a_past_wish_after_a_state_word_is_still_past(rules: CrisisScreen) -> None:
    assert rules.assess("years ago i was so depressed i wanted to die, i'm doing well now").tier == "check_in"
