"""The confidence model's fit (bench/calibrate.py): deterministic, so the weights shipped in decision.py are the ones
``calibrate.py --fit`` prints for the same content and data, and it learns what the signals say."""

from __future__ import annotations

import random

from bot.search.decision import INPUTS, Confidence, Signals, Thresholds
from tests.search.conftest import load_bench


def _rankings(seed: int = 3) -> list[tuple[Signals, bool, float]]:
    """Rankings where the best entry is right mostly when it leads and most nearest examples are its own."""
    rng = random.Random(seed)
    out = []
    for _ in range(400):
        score, lead, votes = rng.uniform(0.3, 1.0), rng.uniform(0.0, 0.5), rng.choice([0.2, 0.4, 0.6, 0.8, 1.0])
        right = rng.random() < 0.15 + 0.5 * votes + 0.6 * lead
        out.append((Signals(score, score - lead, 8.0, 0.0, 10.0, votes=votes), right, rng.choice([0.5, 1.0, 2.0])))
    return out


def test_the_fit_is_deterministic_and_learns_the_signals() -> None:
    calibrate = load_bench("calibrate")
    data = _rankings()
    model = calibrate.fit(data)
    assert model == calibrate.fit(list(data))
    assert len(model.weights) == len(INPUTS)
    votes = INPUTS.index("votes")
    assert model.weights[votes] > 0


def test_a_fit_without_an_input_gives_it_no_weight() -> None:
    calibrate = load_bench("calibrate")
    model = calibrate.fit(_rankings(), used=[i for i, name in enumerate(INPUTS) if name != "votes"])
    assert model.weights[INPUTS.index("votes")] == 0.0


def test_the_simulated_decision_counts_as_the_matcher_would() -> None:
    calibrate = load_bench("calibrate")
    sure = Signals(0.9, 0.2, 8.0, 0.0, 10.0, near=1.0, runner_near=0.2)  # written as one of the best entry's examples
    unsure = Signals(0.4, 0.39, 8.0, 0.0, 10.0)
    rows = [calibrate.Ranking(sure, True, 1.0, "dev-v6"), calibrate.Ranking(unsure, False, 1.0, "dev-v6"),
            calibrate.Ranking(sure, False, 1.0, "dev-v6", "fallback")]
    tally = calibrate.simulate(rows, Thresholds(), Confidence())
    assert (tally.cases, tally.correct, tally.wrong, tally.offtopic, tally.offtopic_answered) == (2, 1, 0, 1, 1)


def test_a_ranking_the_matcher_never_answers_is_not_answered_in_the_simulation() -> None:
    calibrate = load_bench("calibrate")
    sure = Signals(0.9, 0.2, 8.0, 0.0, 10.0, near=1.0, runner_near=0.2)
    rows = [calibrate.Ranking(sure, False, 1.0, "dev-v6", "fallback", capped=True),  # a request to translate
            calibrate.Ranking(sure, True, 1.0, "dev-v6", capped=True)]
    tally = calibrate.simulate(rows, Thresholds(), Confidence())
    assert (tally.offtopic_answered, tally.correct, tally.right_first) == (0, 0, 1)
