"""How close a question is to one example question as written: the nearest-example signal.

The analyser keeps the words that carry meaning and folds synonyms together, which is what finds an entry from
words the question shares with it; but it throws away the small words that tell two entries about the same topic
apart: "How does TMS work?" and "Does TMS work?" (mechanism or effect) become the same features, and so do
"What is an exosome?" and "What is in an exosome?". Here each example keeps its surface: the folded words and
word pairs (English) or character pairs (Japanese) of the text as typed. A question written nearly as one example
is written scores near 1 for that example's entry whatever the pooled overlap says, and an exact example is
recognised as such.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Sequence

from bot.search.normalize import LATIN, SPACE, normalize


def surface(text: str) -> frozenset[str]:
    """The surface features of a text: words and word pairs (English), character pairs and Latin words (Japanese)."""
    norm = normalize(text)
    words = [run for script, run, _ in norm.runs() if script == LATIN]
    out = set(words)
    if all(s in (LATIN, SPACE) for s in norm.scripts):
        out.update(f"{a} {b}" for a, b in itertools.pairwise(words))
        return frozenset(out)
    joined = norm.text.replace(SPACE, "")
    out.update(joined[i:i + 2] for i in range(len(joined) - 1))
    return frozenset(out)


class NearestExamples:
    """Every entry's example questions by their surface features, for a Dice overlap with a question."""

    def __init__(self, examples: Iterable[tuple[int, str]]) -> None:
        self._by_owner: dict[int, list[frozenset[str]]] = {}
        for owner, text in examples:
            features = frozenset(map(sys.intern, surface(text)))  # one copy of each word or pair for all examples
            if features:
                self._by_owner.setdefault(owner, []).append(features)

    def best(self, owner: int, query: frozenset[str]) -> float:
        """The best Dice overlap (0..1) of the question's surface with one of the owner's examples."""
        return self.best_two(owner, query)[0]

    def best_two(self, owner: int, query: frozenset[str]) -> tuple[float, float]:
        """The best and the second best Dice overlap of the question's surface with the owner's examples."""
        if not query:
            return 0.0, 0.0
        size = len(query)
        best = second = 0.0
        for example in self._by_owner.get(owner, ()):
            shared = len(query & example)
            if shared:
                dice = 2 * shared / (size + len(example))
                if dice > best:
                    best, second = dice, best
                elif dice > second:
                    second = dice
        return best, second

    def scores(self, owners: Sequence[int], query: frozenset[str]) -> list[float]:
        return [self.best(owner, query) for owner in owners]
