"""A message that is little more than one word of risk: 「しぬ」, 「切りたい」, 「もうむり」, "im done".

Phrases and rules need words around a word of risk to tell what it means (a wish, a plan, an idiom), and a model
trained on sentences has too little to read in two words, so these messages used to get no help at all. Nothing
around the word says it is harmless either, so the screen asks: the check-in (a warm question and the hotline
footer). The words are staff content (``context.bare`` in crisis.yaml); what may stand beside them without
counting as "something around" is ``context.bare_fillers`` (もう, ほんと, たい, i, am, so, just).

A word of degree right after the word of risk (死ぬほど, 死ぬくらい) is something around it: 「死ぬほど眠い」 says
what it means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.schema import CrisisContext
from bot.safety.rules import Analyse, Token, WordList, form_index

MAX_WORDS = 6
"""A message of more words than this is no bare word, whatever they are."""
_DEGREE = frozenset({"ほど", "くらい", "ぐらい", "位"})


@dataclass(frozen=True)
class BareWords:
    """The ``bare`` words of one script and their ``bare_fillers``, compiled."""

    bare: WordList
    fillers: WordList

    @classmethod
    def compile(cls, contexts: Sequence[CrisisContext], analyse: Analyse | None = None) -> BareWords:
        return cls(WordList.compile([w for c in contexts for w in c.bare], analyse),
                   WordList.compile([w for c in contexts for w in c.bare_fillers], analyse))

    def find(self, tokens: Sequence[Token]) -> bool:
        """True when the message's words are one ``bare`` word (or a few) and fillers only."""
        words = [i for i, token in enumerate(tokens) if not token.boundary and token.forms]
        if not words or len(words) > MAX_WORDS:
            return False
        index = form_index(tokens)
        covered: set[int] = set()
        for start in sorted(self.bare.starts(index)):
            if start in covered:
                continue
            ends = self.bare.ends_at(tokens, start)
            if not ends:
                continue
            end = max(ends)
            if end < len(tokens) and _DEGREE.intersection(tokens[end].forms):
                return False  # 「死ぬほど眠い」: a measure, told by the word after it
            covered.update(range(start, end))
        if not covered:
            return False
        fillers = self._fillers(tokens, index)
        return all(i in covered or i in fillers for i in words)

    def _fillers(self, tokens: Sequence[Token], index: dict[str, list[int]]) -> set[int]:
        found: set[int] = set()
        for start in self.fillers.starts(index):
            for end in self.fillers.ends_at(tokens, start):
                found.update(range(start, end))
        return found
