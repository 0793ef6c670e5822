"""BM25 turned into a 0..1 confidence: how much of the question's information does an entry account for?

Plain BM25 ranks well but its scores have no scale, so "is this a confident answer?" cannot be read off them.
Here each question feature weighs its idf (rare features tell more) times the factor of its kind, a feature the
content never uses weighs the most (ラーメン, weather: information we cannot explain), and an entry's coverage is
the weighted share of the question it accounts for, each feature saturating BM25-style with how often the entry
uses it. Generic features (ですか, "what") have a low idf and so cannot carry a score; an off-topic question is
mostly unknown features and covers little.

Coverage alone cannot tell 「費用はいくら？」 from 「TMSの費用はいくら？」 for 「費用について」: both cover
the question. ``ExampleIndex`` adds a weighted Dice overlap with each example question, which also counts what
the example has that the question lacks. It is computed only for the entries with the best coverage, so a match
costs a walk over the posting lists of the question's features plus a few dozen small set intersections.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter


@dataclass(frozen=True)
class Bm25Params:
    """``k1``: how fast repeated use of a feature saturates; ``b``: how much long entries are discounted."""

    k1: float = 0.5
    b: float = 0.5
    unseen_scale: float = 1.0
    """An unknown feature weighs this times the idf of a feature no document has."""
    synonym_idf_floor: float = 0.0
    """Synonym groups (topics such as TMS, exosome) weigh at least this idf however common they are."""


@dataclass(frozen=True)
class Scored:
    """An entry's score (0..1) and ``evidence``: the most question weight one of its examples shares."""

    doc: int
    score: float
    evidence: float
    near: float = 0.0
    """The nearest example as written (bot.search.nearest), 0..1."""
    share: float = 0.0
    """The entry's coverage of the question (``CoverageIndex.top``)."""
    dice: float = 0.0
    """The best Dice overlap of one of its examples (``ExampleIndex.best``)."""
    factor: float = 1.0
    """The consistency factor applied (under 1: the entry is about a treatment the question does not name, or uses
    none of the topics of a question that names a treatment)."""
    heavy: float = 0.0
    """The share of the weight of the question's three heaviest known features (its most telling words) that the
    entry uses: an entry about metal implants is likely wrong for a question whose heaviest word is "age"."""
    second_dice: float = 0.0
    """The Dice overlap of its second best example: a right entry usually has more than one example near."""
    second_near: float = 0.0
    """The same for the nearest examples as written."""
    votes: float = 0.0
    """The share of the ``VOTERS`` example questions nearest the question (Dice, over the compared entries) that are
    its, of as many as it has (an entry of two examples, both among the nearest, gets 1)."""
    treated: float = 0.0
    """Treatment agreement: 1 the question names the entry's treatment, 0.5 the entry is about both or neither,
    -1 about the other one, 0 no treatment named."""


class CoverageIndex:
    """Inverted index over weighted feature counts (one mapping per document)."""

    def __init__(self, docs: Sequence[Mapping[str, float]], params: Bm25Params | None = None) -> None:
        params = params or Bm25Params()
        self.size = len(docs)
        lengths = [sum(doc.values()) for doc in docs]
        average = (sum(lengths) / len(lengths)) if lengths and sum(lengths) else 1.0
        df: dict[str, float] = {}
        for doc in docs:
            for feature, tf in doc.items():
                if tf > 0:  # a feature only the (down-weighted) answer text uses counts as part of a document
                    df[feature] = df.get(feature, 0.0) + min(1.0, tf)
        n = self.size
        self.idf = {feature: math.log(1 + (n - count + 0.5) / (count + 0.5)) for feature, count in df.items()}
        self.unseen_idf = math.log(1 + (n + 0.5) / 0.5) * params.unseen_scale
        if params.synonym_idf_floor > 0:
            for feature, value in self.idf.items():
                if feature.startswith("§") and value < params.synonym_idf_floor:
                    self.idf[feature] = params.synonym_idf_floor
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for number, doc in enumerate(docs):
            norm = params.k1 * (1 - params.b + params.b * lengths[number] / average)
            for feature, tf in doc.items():
                if tf > 0:
                    saturated = tf * (params.k1 + 1) / (tf + norm) / (params.k1 + 1)
                    self.postings.setdefault(feature, []).append((number, saturated))

    def weight(self, feature: str) -> float:
        return self.idf.get(feature, self.unseen_idf)

    def weigh(self, features: Mapping[str, float]) -> dict[str, float]:
        """idf x factor of each question feature."""
        idf, unseen = self.idf, self.unseen_idf
        return {feature: idf.get(feature, unseen) * factor for feature, factor in features.items()}

    def top(self, weights: Mapping[str, float], limit: int, common: int | None = None) -> list[tuple[int, float]]:
        """The ``limit`` documents covering the largest share (0..1) of the question, best first.

        ``common``: features used by more documents than this are not walked (they still count in the question's
        total): in the reading index, hiragana bigrams such as ます occur everywhere and weigh next to nothing."""
        total = sum(weights.values())
        if total <= 0:
            return []
        covered: dict[int, float] = {}
        get = covered.get
        for feature, weight in weights.items():
            postings = self.postings.get(feature, ())
            if common is not None and len(postings) > common:
                continue
            for doc, saturated in postings:
                covered[doc] = get(doc, 0.0) + weight * saturated
        best = heapq.nlargest(limit, covered.items(), key=itemgetter(1))
        return [(doc, value / total) for doc, value in best]


VOTERS = 5
"""The example questions nearest a question that vote for their entries (``Scored.votes``)."""


class ExampleIndex:
    """The example questions of each entry, for a weighted Dice overlap with the question typed."""

    def __init__(self, examples: Sequence[Mapping[str, float]], owners: Sequence[int], weight: CoverageIndex) -> None:
        self._by_owner: dict[int, list[tuple[dict[str, float], float]]] = {}
        for example, owner in zip(examples, owners, strict=True):
            weighted = weight.weigh(example)
            self._by_owner.setdefault(owner, []).append((weighted, sum(weighted.values())))

    def count(self, owner: int) -> int:
        """How many example questions the owner has."""
        return len(self._by_owner.get(owner, ()))

    def best(self, owner: int, weights: Mapping[str, float]) -> tuple[float, float]:
        """(best Dice score of the owner's examples, 0..1; most question weight one example shares)."""
        dices, shared = self.overlaps(owner, weights)
        return (dices[0] if dices else 0.0), shared

    def overlaps(self, owner: int, weights: Mapping[str, float]) -> tuple[list[float], float]:
        """(the Dice scores of the owner's examples that share anything, best first, at most ``VOTERS``; the most
        question weight one example shares)."""
        total = sum(weights.values())
        best_shared = 0.0
        dices = []
        keys = weights.keys()
        for example, size in self._by_owner.get(owner, ()):
            shared = 0.0
            for feature in keys & example.keys():  # the intersection in C, then only the shared features
                weight, other = weights[feature], example[feature]
                shared += weight if weight < other else other
            if shared:
                dices.append(2 * shared / (total + size))
                best_shared = max(best_shared, shared)
        dices.sort(reverse=True)
        return dices[:VOTERS], best_shared


def add_counts(into: dict[str, float], features: Iterable[str], weight: float = 1.0) -> dict[str, float]:
    """Add feature counts scaled by ``weight`` (a field weight such as the answer text's) to ``into``."""
    for feature in features:
        into[feature] = into.get(feature, 0.0) + weight
    return into
