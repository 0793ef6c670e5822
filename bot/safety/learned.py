"""The learned layer: a small logistic model over character n-grams that asks a check-in when no rule fired.

Trained by ``bench/train_crisis_model.py`` from the project's own labelled development set (deterministic: the
same data gives the same weights, and a test checks the shipped file against the data's fingerprint). It is
scored here in plain Python from a JSON file of weights, with no run-time dependency. It can only ask a question
(check-in), never give or withhold the crisis reply by itself.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("checkin_model.json")
NGRAM_SIZES = (2, 3)
MIN_KNOWN = 0.3
"""Share of a message's n-grams the model must know before it judges the message."""
MIN_FEATURES = 6
MIN_CHARS = 6
"""Shorter messages (an answer such as "never") say too little for the model; phrases and rules still read them."""
_STRUCTURED = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|^[\d\s()+\-－ー]+$")
"""E-mail addresses, links and phone numbers: answers to the application, not something to read for risk."""


def ngrams(folded: str) -> list[str]:
    """The features of a folded message: character 2- and 3-grams of its text with spaces squeezed, with ends."""
    text = "^" + " ".join(folded.split()) + "$"
    return [text[i:i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1)]


@dataclass(frozen=True)
class CheckInModel:
    """Weights per n-gram, a bias and the score from which a check-in is asked."""

    weights: dict[str, float]
    bias: float
    threshold: float
    fingerprint: str
    """SHA-256 of the training data, so a test can tell stale weights from current ones."""

    @classmethod
    def load(cls, path: Path) -> CheckInModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]), str(data["fingerprint"]))

    @classmethod
    def shipped(cls) -> CheckInModel | None:
        """The model shipped with the package, or None before one has been trained."""
        return _shipped()

    def score(self, folded: str) -> float:
        """Probability-like score in 0..1 that a message is about risk (features seen once count once).

        0 for what the model cannot judge: an address, a number, a name it has never seen (fewer than
        ``MIN_KNOWN`` of its n-grams known), which it would otherwise score on its bias alone."""
        if _STRUCTURED.search(folded) or len("".join(folded.split())) < MIN_CHARS:
            return 0.0
        grams = set(ngrams(folded))
        known = [self.weights[gram] for gram in grams if gram in self.weights]
        if len(known) < MIN_FEATURES or len(known) < MIN_KNOWN * len(grams):
            return 0.0
        z = self.bias + sum(known)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def _shipped() -> CheckInModel | None:
    return CheckInModel.load(MODEL_FILE) if MODEL_FILE.is_file() else None
