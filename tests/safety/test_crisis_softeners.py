"""A definite message keeps the full reply when something beside it only looks like a softener: the act's effect
told with a word of settling (「レグカしたら少し落ち着いた」), a dose exceeded or someone else's trip where an
everyday word stands ("way more than my prescribed dose", 「家族が旅行でいない日に」), and a question about the
topic followed by the writer's own present ("… mine are still fresh"). What is truly over, or truly a question,
still asks first. Phrases, rules and context only (``learned=False``)."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "レグカしたら少し落ち着いた。でも落ち着いちゃうのが怖い",
    "家族が旅行でいない日に決行するつもりです",
    "just took way more than my prescribed dose, idk why",
    "how do you hide cuts from your parents? mine are still fresh",
    "Can TMS help with suicidal thoughts? I still have them every day.",
    "TMSで死にたい気持ちは治りますか？私は最近毎日そう思います",
])
def test_a_definite_message_with_a_seeming_softener_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", [
    "死にたい気持ちがなくなりました",  # an ending told
    "Does TMS help with suicidal thoughts? I'm still deciding whether to apply.",  # the present, not the subject
    "TMSで死にたい気持ちは治りますか？まだ申し込むか迷っています",
    "Can you overdose on melatonin? I take it every night still",
])
def test_what_is_over_or_only_asked_about_still_asks_first(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "check_in", found.reason()


def test_a_dose_taken_as_prescribed_is_no_alarm(rules: CrisisScreen) -> None:
    assert rules.assess("I took my meds as prescribed and feel fine").tier == "none"
