"""The learned check-in layer: shipped weights match the data they are trained from, and it only ever asks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from bot.safety.crisis import CrisisScreen
from bot.safety.learned import MODEL_FILE, CheckInModel
from tests.safety.test_crisis import shipped

REPO = Path(__file__).resolve().parents[2]


def test_shipped_weights_are_what_the_training_data_gives() -> None:
    spec = importlib.util.spec_from_file_location("train_crisis_model", REPO / "bench" / "train_crisis_model.py")
    assert spec is not None and spec.loader is not None
    trainer = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_crisis_model", trainer)
    spec.loader.exec_module(trainer)
    model = trainer.build()
    shipped_model = CheckInModel.load(MODEL_FILE)
    assert shipped_model.fingerprint == model["fingerprint"], "the data changed: run bench/train_crisis_model.py"
    assert shipped_model.weights == model["weights"] and shipped_model.threshold == model["threshold"]


def test_the_model_can_only_ask() -> None:
    """With every rule silent, a risky-sounding message gets at most a check-in, never the crisis reply."""
    screen = CrisisScreen.build(shipped())
    result = screen.assess("もう何もかも疲れて、どうでもよくなってきた")
    assert result.tier in ("check_in", "none")
    if result.layer == "learned":
        assert result.tier == "check_in" and result.rule and result.rule.startswith("model>=")


def test_answers_the_model_cannot_judge_get_no_check_in() -> None:
    """Addresses, numbers and names it has never seen would otherwise be scored on the model's bias alone."""
    screen = CrisisScreen.build(shipped())
    for answer in ("zyx.qpo@mail-test.example", "Zyxwvut Qponmlk", "０３３９９６１２３４", "https://example.org/a",
                   "山田 花子"):
        assert screen.assess(answer).tier == "none", answer
