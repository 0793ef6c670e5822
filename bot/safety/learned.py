"""The learned layer: small logistic models over character n-grams and dictionary-form words.

Three heads share one set of features:

    help    the message deserves at least a check-in (someone at risk, or suicide as a topic, or a past episode)
    self    the writer is at risk themselves (any of their own words of risk, indirect and passive ones too)
    full    the writer needs the full reply now (their own direct words, a plan or means, self-harm)
    other   someone else is at risk (the writer is a parent, partner, friend)

Features: character 2- and 3-grams of the folded text (spelling-proof) and the words and word pairs in dictionary
form (``w:kill``, ``w:kill_myself``; Japanese by the analyser's normalised form, English by the lemma), so a model
meets "killed myself" and "killing myself" alike. Trained by ``bench/train_crisis_model.py`` from the project's own
development set (deterministic: the same data gives the same weights, and a test checks the shipped file against
the data), with thresholds chosen by cross-validation; scored here in plain Python from a JSON file.

What the screen lets it do (``bot.safety.crisis``): when no rule fired, ask a check-in (``help``), or give the carer
reply when the message is about someone else (``other``); when a rule found a weak signal, give the full reply if
``full`` or ``self`` is very confident (two heads: ``self`` keeps the help the writer's indirect words get, ``full``
learns which messages want the full reply; either alone cost full replies in cross-validation). It never silences
a rule, and never overrides a staff ``not_risk`` exception.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("checkin_model.json")
HEADS = ("help", "self", "full", "other")
NGRAM_SIZES = (2, 3)
MIN_KNOWN = 0.3
"""Share of a message's n-grams the model must know before it judges the message."""
MIN_FEATURES = 6
MIN_CHARS = 6
"""Shorter messages (an answer such as "never") say too little for the model; phrases and rules still read them."""
_STRUCTURED = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|^[\d\s()+\-－ー]+$")
"""E-mail addresses, links and phone numbers: answers to the application, not something to read for risk."""


def ngrams(folded: str) -> list[str]:
    """Character 2- and 3-grams of a folded message with spaces squeezed, with ends."""
    text = "^" + " ".join(folded.split()) + "$"
    return [text[i:i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1)]


def features(folded: str, words: Iterable[Sequence[str]]) -> frozenset[str]:
    """The features of one message: its n-grams, and ``w:`` words and word pairs of each sentence's words."""
    out = set(ngrams(folded))
    for sentence in words:
        out.update(f"w:{word}" for word in sentence)
        out.update(f"w:{a}_{b}" for a, b in pairwise(sentence))
    return frozenset(out)


class Weights(Mapping[str, float]):
    """One head's weights, read from the table all heads share (``CheckInModel``): the features' one index and
    this head's column of doubles. A dict of Python floats per head held each feature four times over and each
    weight as a 24-byte object; this holds each feature once and each weight in 8 bytes."""

    __slots__ = ("_column", "_index", "_present")

    def __init__(self, index: Mapping[str, int], column: array[float], present: bytes) -> None:
        self._index = index
        self._column = column
        self._present = present
        """1 where this head has a weight for the feature at that index (heads know slightly different features)."""

    def __getitem__(self, gram: str) -> float:
        i = self._index[gram]
        if not self._present[i]:
            raise KeyError(gram)
        return float(self._column[i])

    def __contains__(self, gram: object) -> bool:
        i = self._index.get(gram) if isinstance(gram, str) else None
        return i is not None and bool(self._present[i])

    def __iter__(self) -> Iterator[str]:
        present = self._present
        return (gram for gram, i in self._index.items() if present[i])

    def __len__(self) -> int:
        return self._present.count(1)


@dataclass(frozen=True)
class Head:
    """Weights per feature, a bias, and the scores from which the screen acts on this head."""

    weights: Mapping[str, float]
    bias: float
    thresholds: dict[str, float]

    def score(self, grams: frozenset[str]) -> float:
        z = self.bias + sum(self.weights[g] for g in grams if g in self.weights)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class CheckInModel:
    """The heads, and which character n-grams any of them knows (to tell what it cannot judge)."""

    heads: dict[str, Head]
    fingerprint: str
    """SHA-256 of the training data, so a test can tell stale weights from current ones."""

    def __post_init__(self) -> None:
        names = list(self.heads)
        index: dict[str, int] = {}
        for name in names:
            for gram in self.heads[name].weights:
                index.setdefault(gram, len(index))
        columns: list[array[float]] = []
        heads: dict[str, Head] = {}
        for name in names:
            head = self.heads[name]
            column, present = array("d", bytes(8 * len(index))), bytearray(len(index))
            for gram, weight in head.weights.items():
                column[index[gram]] = weight
                present[index[gram]] = 1
            columns.append(column)
            heads[name] = Head(Weights(index, column, bytes(present)), head.bias, head.thresholds)
        object.__setattr__(self, "heads", heads)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_index", index)
        """One look-up per feature for all heads (scoring is on every message's path): its place in each head's
        column (0.0 where a head has no weight for it)."""
        object.__setattr__(self, "_columns", columns)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CheckInModel:
        heads_data = data["heads"]
        assert isinstance(heads_data, dict)
        heads = {name: Head(dict(h["weights"]), float(h["bias"]), {k: float(v) for k, v in h["thresholds"].items()})
                 for name, h in heads_data.items()}
        return cls(heads, str(data["fingerprint"]))

    @classmethod
    def load(cls, path: Path) -> CheckInModel:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def shipped(cls) -> CheckInModel | None:
        """The model shipped with the package, or None before one has been trained."""
        return _shipped()

    def thresholds(self) -> dict[str, float]:
        """The screen's thresholds by name (``check_in``, ``full``, ``full_self``, ``carer``, ``full_alone``, ...)."""
        return {name: value for head in self.heads.values() for name, value in head.thresholds.items()}

    def judges(self, folded: str, grams: frozenset[str]) -> bool:
        """False for what the model cannot judge: an address, a number, a name it has never seen (fewer than
        ``MIN_KNOWN`` of its n-grams known), which it would otherwise score on its bias alone."""
        if _STRUCTURED.search(folded) or len("".join(folded.split())) < MIN_CHARS:
            return False
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        chars = [g for g in grams if not g.startswith("w:")]
        known = sum(1 for g in chars if g in index)
        return known >= MIN_FEATURES and known >= MIN_KNOWN * len(chars)

    def scores(self, folded: str, grams: frozenset[str]) -> dict[str, float]:
        """Probability-like scores in 0..1 per head; all 0 for what the model cannot judge."""
        if not self.judges(folded, grams):
            return dict.fromkeys(self.heads, 0.0)
        names: list[str] = self._names  # type: ignore[attr-defined]
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        columns: list[array[float]] = self._columns  # type: ignore[attr-defined]
        known = [index[gram] for gram in grams if gram in index]
        z = [sum(map(column.__getitem__, known), self.heads[name].bias) for name, column in zip(names, columns,
                                                                                              strict=True)]
        return {name: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, value))))
                for name, value in zip(names, z, strict=True)}


@lru_cache(maxsize=1)
def _shipped() -> CheckInModel | None:
    return CheckInModel.load(MODEL_FILE) if MODEL_FILE.is_file() else None
