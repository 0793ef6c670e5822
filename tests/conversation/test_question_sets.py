"""The question sets played through the real bot, judged as the set's header says (after /start, reply joined)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.eval_questions import Case, default_question_sets, judge, load_cases
from tests.conversation.conftest import BotUnderTest

REPO = Path(__file__).resolve().parents[2]
DEV = default_question_sets()[0]
HOLDOUT = REPO / "bench" / "data" / "questions-holdout.yaml"


async def ask(bot: BotUnderTest, case: Case) -> str:
    user = bot.user("ja" if case.lang == "ja" else "en")
    await user.send("/start")
    return (await user.send(case.ask)).text


@pytest.mark.skipif(not DEV.is_file(), reason=f"the shared dev set is not at {DEV}")
async def test_every_dev_case_passes_end_to_end(bot: BotUnderTest) -> None:
    failures = []
    for case in load_cases(DEV):
        reply = await ask(bot, case)
        if not judge(case, reply):
            failures.append(f"[{case.lang} {case.kind}] {case.ask!r} -> {reply[:200]!r}")
    assert failures == []


async def test_held_out_set_end_to_end(bot: BotUnderTest) -> None:
    cases = load_cases(HOLDOUT)
    passed = [judge(case, await ask(bot, case)) for case in cases]
    assert sum(passed) / len(passed) >= 0.80
    fallbacks = [ok for case, ok in zip(cases, passed, strict=True) if case.kind in ("fallback", "crisis")]
    assert all(fallbacks)  # never a confident answer to off-topic text, never a missed crisis
