"""The off-topic guard: what of a question the best entry leaves unexplained, and whether its match is only generic.

An off-topic question often shares one word with an entry and leads the others by as much: "does insurance cover
braces for teens" is the insurance entry's word plus a telling word (braces) that entry never uses, "can I get the
covid vaccine while pregnant" the pregnancy entry's word plus a vaccine. A right answer explains the question's
telling words; so the guard reads two figures of a ranking's best entry, which the decision compares
(``decision.Thresholds.foreign`` and ``generic``):

- ``foreign``: the heaviest telling word of the question (one word, not a word pair, unknown to the content or used
  by few entries) that the best entry does not use, in its examples or its answer;
- ``specific``: the weight of the heaviest word the question shares with the best entry: an entry found only
  through words most entries use ("TMS", "what", "how much") rests on generic words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.search.scoring import CoverageIndex

TELLING_SHARE = 0.1
"""A word used by at most this share of the entries (or unknown to the content) is a telling word."""


@dataclass(frozen=True)
class Explained:
    """What the best entry explains of a question's weight (idf x factor)."""

    foreign: float
    """The weight of the heaviest telling word the entry does not use (0 when it uses them all)."""
    specific: float
    """The weight of the heaviest word the entry shares with the question (0 when it shares none)."""


def explained(weights: Mapping[str, float], doc: int, coverage: CoverageIndex) -> Explained:
    """``Explained`` for entry ``doc`` of ``coverage`` and a question's weighed features (``CoverageIndex.weigh``)."""
    telling = max(1, int(coverage.size * TELLING_SHARE))
    foreign = specific = 0.0
    for feature, weight in weights.items():
        postings = coverage.postings.get(feature, ())
        if any(owner == doc for owner, _ in postings):
            specific = max(specific, weight)
        elif "+" not in feature and len(postings) <= telling:
            foreign = max(foreign, weight)
    return Explained(foreign, specific)
