"""Trains the crisis screen's learned check-in layer from the development set and writes its weights.

    .venv/bin/python bench/train_crisis_model.py            # writes bot/safety/checkin_model.json
    .venv/bin/python bench/train_crisis_model.py --check    # exits 1 if the shipped file is not what the data gives

Logistic regression over character 2-3-grams (``bot.safety.learned.ngrams``), trained with AdaGrad in a fixed
order for a fixed number of epochs, so the same data always gives the same weights (no random state, no
library). Positive: sentences that deserve at least a check-in (someone at risk, ``who: self`` or ``other``, and
the ``topic`` and ``history`` sentences); negative: every other ``who: none`` sentence. The threshold is chosen
by 5-fold cross-validation as the lowest score at which at most ``TARGET_FALSE`` of the held-back ordinary
sentences would get a check-in (5 %: the bound the issue sets for check-ins on ordinary messages). Only
``crisis_dev.yaml`` and ``crisis_ordinary.yaml`` are used: the held-out set is never trained or tuned on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.safety.learned import MODEL_FILE, ngrams  # noqa: E402
from bot.safety.normalize import fold  # noqa: E402

DATA = REPO / "bench" / "data" / "crisis_dev.yaml"
ORDINARY = REPO / "bench" / "data" / "crisis_ordinary.yaml"
"""More negatives: ordinary patient questions (a snapshot of the FAQ's example questions and the tuning set)."""
EPOCHS = 3
RATE = 0.05
L2 = 1e-3
MIN_COUNT = 2
FOLDS = 5
TARGET_FALSE = 0.05
DIGITS = 5
CHECK_IN = frozenset({"topic", "history"})

Example = tuple[frozenset[str], int]


def load(*paths: Path) -> tuple[list[Example], str]:
    raw = b"".join(path.read_bytes() for path in paths)
    cases = [case for path in paths for case in yaml.safe_load(path.read_bytes())["cases"]]
    examples = [(frozenset(ngrams(fold(c["text"]))), int(c["who"] != "none" or c["category"] in CHECK_IN))
                for c in cases]
    return examples, hashlib.sha256(raw).hexdigest()


def train(examples: list[Example]) -> tuple[dict[str, float], float]:
    counts = Counter(gram for features, _ in examples for gram in features)
    vocab = {gram for gram, n in counts.items() if n >= MIN_COUNT}
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    for _ in range(EPOCHS):
        for features, label in examples:
            grams = sorted(features & vocab)
            z = bias + sum(weights.get(g, 0.0) for g in grams)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            for g in grams:
                grad = error + L2 * weights.get(g, 0.0)
                squares[g] = squares.get(g, 1e-8) + grad * grad
                weights[g] = weights.get(g, 0.0) - RATE * grad / math.sqrt(squares[g])
            bias_square += error * error
            bias -= RATE * error / math.sqrt(bias_square)
    return {g: round(w, DIGITS) for g, w in sorted(weights.items()) if abs(w) >= 10 ** -DIGITS}, round(bias, DIGITS)


def score(weights: dict[str, float], bias: float, features: frozenset[str]) -> float:
    z = bias + sum(weights.get(g, 0.0) for g in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose_threshold(examples: list[Example], hard: int) -> float:
    """From 5-fold cross-validation: the lowest score at which at most ``TARGET_FALSE`` of the held-back ordinary
    sentences of the development set (the first ``hard`` examples: risk-looking words, not risk) get a check-in;
    and never under the score of a held-back ordinary FAQ question at the same rate."""
    negatives: list[float] = []
    easy: list[float] = []
    for k in range(FOLDS):
        train_part = [e for i, e in enumerate(examples) if i % FOLDS != k]
        weights, bias = train(train_part)
        for i, (features, label) in enumerate(examples):
            if i % FOLDS == k and not label:
                (negatives if i < hard else easy).append(score(weights, bias, features))
    cut = []
    for scores in (negatives, easy):
        scores.sort(reverse=True)
        cut.append(scores[int(len(scores) * TARGET_FALSE)] + 1e-3)
    return round(min(0.99, max(0.5, *cut)), 3)


def build(dev: Path = DATA, ordinary: Path = ORDINARY) -> dict[str, object]:
    examples, fingerprint = load(dev, ordinary)
    weights, bias = train(examples)
    hard = len(yaml.safe_load(dev.read_bytes())["cases"])
    return {"fingerprint": fingerprint, "threshold": choose_threshold(examples, hard), "bias": bias,
            "weights": weights}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing")
    args = parser.parse_args()
    model = build()
    text = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    if args.check:
        same = MODEL_FILE.is_file() and MODEL_FILE.read_text(encoding="utf-8") == text
        print("shipped model matches the data" if same else "shipped model is stale: run bench/train_crisis_model.py")
        return 0 if same else 1
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(REPO)}: {len(model['weights'])} weights, "  # type: ignore[arg-type]
          f"threshold {model['threshold']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
