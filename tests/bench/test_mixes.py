"""The benchmark's streams and memory breakdown, without running a bot."""

from __future__ import annotations

import os

from bench.measure import memory_by_kind
from bench.stream import INDEPENDENT_QUESTIONS_FILE, MIXES, TYPED_ANSWERS, UpdateFactory, load_questions, user


def test_every_step_of_every_mix_builds_an_update() -> None:
    factory = UpdateFactory(load_questions(INDEPENDENT_QUESTIONS_FILE))
    for sessions in MIXES.values():
        for steps in sessions.values():
            for index, step in enumerate(steps):
                for who in (user(0), user(1)):
                    update, _kind, query_id = factory.build(index + 1, who, step)
                    assert update["update_id"] == index + 1
                    assert (query_id is None) == ("message" in update)


def test_typed_answers_are_typed_in_the_users_language() -> None:
    factory = UpdateFactory({"ja": ["質問"], "en": ["question"]})
    ja, kind, _ = factory.build(1, user(0), "=age")
    en, _, _ = factory.build(2, user(1), "=age")
    assert kind == "typed answer"
    assert (ja["message"]["text"], en["message"]["text"]) == (TYPED_ANSWERS["age"]["ja"], TYPED_ANSWERS["age"]["en"])


def test_the_independent_mix_asks_other_questions_and_applies() -> None:
    steps = [step for session in MIXES["independent"].values() for step in session]
    assert "/apply" in steps and any(step.startswith("=") for step in steps) and "?" in steps
    questions = load_questions(INDEPENDENT_QUESTIONS_FILE)
    assert len(questions["ja"]) > 100 and len(questions["en"]) > 100


def test_memory_is_split_by_kind() -> None:
    kinds = memory_by_kind(os.getpid())
    assert set(kinds) == {"analyser dictionary", "other files", "anonymous"}
    assert kinds["anonymous"] > 1 and kinds["other files"] > 1
