"""The learned layer: shipped weights match the data they are trained from, and it only ever raises the help."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.safety.crisis import CrisisScreen, Reading, decide
from bot.safety.learned import HEADS, MODEL_FILE, CheckInModel
from bot.safety.tiers import NO_RISK, Assessment
from tests.safety.test_crisis import shipped

REPO = Path(__file__).resolve().parents[2]
THRESHOLDS = {"check_in": 0.8, "full": 0.8, "full_self": 0.9, "full_alone": 0.9, "full_alone_full": 0.95, "carer": 0.9,
              "route_carer": 0.6, "full_plan": 0.8}


def test_shipped_weights_are_what_the_training_data_gives() -> None:
    spec = importlib.util.spec_from_file_location("train_crisis_model", REPO / "bench" / "train_crisis_model.py")
    assert spec is not None and spec.loader is not None
    trainer = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_crisis_model", trainer)
    spec.loader.exec_module(trainer)
    model, _, _ = trainer.build(cross_validate=False)
    shipped_model = CheckInModel.load(MODEL_FILE)
    assert shipped_model.fingerprint == model["fingerprint"], "the data changed: run bench/train_crisis_model.py"
    for head in HEADS:
        assert shipped_model.heads[head].weights == model["heads"][head]["weights"], head
        assert shipped_model.heads[head].bias == model["heads"][head]["bias"], head
    assert set(shipped_model.thresholds()) == set(THRESHOLDS)
    assert all(0.5 <= value <= 1.01 for value in shipped_model.thresholds().values())


def reading(rules: Assessment = NO_RISK, *, other: bool = False, risk: bool = False,
            exception: bool = False) -> Reading:
    return Reading(rules, "a message", exception, other, risk, (), ())


def scores(help_: float = 0.0, self_: float = 0.0, other: float = 0.0) -> dict[str, float]:
    return {"help": help_, "self": self_, "other": other}


def test_the_model_alone_asks_and_gives_the_full_reply_only_with_a_word_of_risk() -> None:
    sure = scores(1.0, 1.0, 0.0)
    assert decide(reading(), sure, THRESHOLDS).tier == "check_in"
    assert decide(reading(risk=True), sure, THRESHOLDS).tier == "definite"
    assert decide(reading(risk=True), scores(1.0, 0.85), THRESHOLDS).tier == "check_in"  # under full_alone
    assert decide(reading(), scores(0.7, 0.7), THRESHOLDS).tier == "none"


def test_the_model_never_lowers_nor_overrides_staff_or_context() -> None:
    definite = Assessment("definite", "rules", "en.rules.intent_to_die")
    assert decide(reading(definite), scores(), THRESHOLDS) == definite
    topic = Assessment("check_in", "context", "suicid*", "topic")
    assert decide(reading(topic, risk=True), scores(1.0, 1.0), THRESHOLDS) == topic
    assert decide(reading(exception=True, risk=True), scores(1.0, 1.0), THRESHOLDS) == NO_RISK


def test_a_weak_finding_becomes_the_full_reply_when_the_model_is_sure() -> None:
    weak = Assessment("check_in", "rules", "en.rules.burden")
    assert decide(reading(weak), scores(1.0, 0.95), THRESHOLDS).tier == "definite"
    assert decide(reading(weak), scores(1.0, 0.5), THRESHOLDS) == weak


def test_someone_else_at_risk_gets_the_carer_reply() -> None:
    assert decide(reading(other=True), scores(0.95, 0.0, 0.95), THRESHOLDS).tier == "carer"
    assert decide(reading(), scores(0.95, 0.0, 0.95), THRESHOLDS).tier == "check_in"  # nobody else named
    definite = Assessment("definite", "phrases", "want* to die")
    assert decide(reading(definite, other=True), scores(1.0, 0.1, 0.7), THRESHOLDS).tier == "carer"
    assert decide(reading(definite, other=True), scores(1.0, 0.9, 0.7), THRESHOLDS) == definite  # their own too


@pytest.mark.parametrize("text", ["my son says he wants to die", "娘が「もう死にたい」と言っています"])
def test_shipped_screen_routes_a_parent_to_the_carer_reply(text: str) -> None:
    assert CrisisScreen.build(shipped()).assess(text).tier == "carer"


def test_answers_the_model_cannot_judge_get_no_check_in() -> None:
    """Addresses, numbers and names it has never seen would otherwise be scored on the model's bias alone."""
    screen = CrisisScreen.build(shipped())
    for answer in ("zyx.qpo@mail-test.example", "Zyxwvut Qponmlk", "０３３９９６１２３４", "https://example.org/a",
                   "山田 花子"):
        assert screen.assess(answer).tier == "none", answer


def test_either_self_head_raises_a_weak_finding_and_a_word_of_risk() -> None:
    """``self`` (any risk of the writer's own) and ``full`` (the full reply wanted) each raise on their own."""
    weak = Assessment("check_in", "rules", "en.rules.burden")

    def four(self_: float, full: float) -> dict[str, float]:
        return {"help": 1.0, "self": self_, "full": full, "other": 0.0}

    assert decide(reading(weak), four(0.95, 0.1), THRESHOLDS).reason() == "learned:self>=0.9>en.rules.burden"
    assert decide(reading(weak), four(0.1, 0.85), THRESHOLDS).reason() == "learned:full>=0.8>en.rules.burden"
    assert decide(reading(weak), four(0.85, 0.5), THRESHOLDS) == weak
    assert decide(reading(risk=True), four(0.5, 0.96), THRESHOLDS).reason() == "learned:full>=0.95+risk_word"
    assert decide(reading(risk=True), four(0.5, 0.9), THRESHOLDS).tier == "check_in"
