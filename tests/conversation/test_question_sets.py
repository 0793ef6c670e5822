"""The question sets played through the real bot, judged as the set's header says (after /start, reply joined).

tests/search/test_eval.py runs every case through the matcher in well under a second; here a sample goes through
the whole bot: every crisis, off-topic and application case (what the crisis screen and the handlers add in front
of the matcher) and every fourth answer case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval_questions import Case, default_question_sets, judge, load_cases
from bot.i18n import t
from tests.conversation.conftest import BotUnderTest

REPO = Path(__file__).resolve().parents[2]
DEV = default_question_sets()[0]
HOLDOUT = REPO / "bench" / "data" / "questions-holdout.yaml"


E2E_ANSWER_EVERY = 4


def sample(cases: list[Case]) -> list[Case]:
    """Every case the matcher alone cannot judge, and an even spread of the answer cases."""
    answers = [c for c in cases if c.kind == "answer"]
    return [c for c in cases if c.kind != "answer"] + answers[::E2E_ANSWER_EVERY]


async def ask(bot: BotUnderTest, case: Case) -> str:
    """The reply to the question; for a question (not off-topic text) answered with "did you mean", also the answer
    behind its first suggestion: the matcher answers outright only when it is confident, and the right entry
    offered first is one tap away."""
    lang = "ja" if case.lang == "ja" else "en"
    user = bot.user(lang)
    await user.send("/start")
    replies = await user.send(case.ask)
    prompt = t(lang, "Did you mean one of these?")
    offered = next((r for r in replies if prompt in r.text and r.buttons), None)
    if case.kind in ("answer", "intake") and offered is not None:
        return replies.text + "\n\n" + (await user.press(offered.buttons[0][0])).text
    return replies.text


@pytest.mark.skipif(not DEV.is_file(), reason=f"the shared dev set is not at {DEV}")
async def test_every_dev_case_passes_end_to_end(bot: BotUnderTest) -> None:
    failures = []
    for case in sample(load_cases(DEV)):
        reply = await ask(bot, case)
        if not judge(case, reply):
            failures.append(f"[{case.lang} {case.kind}] {case.ask!r} -> {reply[:200]!r}")
    assert failures == []


async def test_held_out_set_end_to_end(bot: BotUnderTest) -> None:
    cases = sample(load_cases(HOLDOUT))
    passed = [judge(case, await ask(bot, case)) for case in cases]
    assert sum(passed) / len(passed) >= 0.80, f"{sum(passed)} of {len(passed)}"  # a held-out set: no case listed
    fallbacks = [ok for case, ok in zip(cases, passed, strict=True) if case.kind in ("fallback", "crisis")]
    assert all(fallbacks)  # never a confident answer to off-topic text, never a missed crisis
