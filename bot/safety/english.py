"""English words in their dictionary forms, as the Japanese side has them from the analyser.

A rule written with ``kill`` or ``pill`` should meet "killed", "killing", "pills"; one written with ``die`` should
meet "diiie" and "dyin"; one with ``want`` should meet the typo "wnat". So each English token carries, besides the
word as typed, the forms this module finds for it:

    lemma        the dictionary form from simplemma (``took`` -> take, ``swallowed`` -> swallow, ``pills`` -> pill)
    elongation   runs of three or more letters squeezed to one and to two (``diiie`` -> die, ``sooo`` -> so)
    g-dropping   ``dyin``, ``nothin`` -> dying, nothing, when only the spelling with g is a known word
    typo         an unknown word one edit (a letter dropped, added, swapped or changed) from a word of the crisis
                 lists (``wnat`` -> want, ``exisitng`` -> existing); known English words are never "corrected"

Why simplemma: it is maintained, pure Python with no dependencies, and its English dictionary is small (measured
in docs/measurements.md, "Crisis screen": about 30 MB of resident memory unpacked, about 3 MB read from its
compressed stream as we do; 0.1 s to load, well under a microsecond a word once cached). The extra forms only add
ways to match; the word as typed is always the first form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.text.english import _simplemma as _simplemma
from bot.text.english import known as known
from bot.text.english import lemma as lemma
from bot.text.english import warm_up as warm_up

MIN_TYPO_CHARS = 4
"""Shorter unknown words are too often other words (``wat``) to be read as typos of a list word."""
_RUN = re.compile(r"([a-z])\1{2,}")
_ALPHA = re.compile(r"[a-z]+")


def word_key(word: str) -> str:
    """The one form the learned layer reads a typed English word by: elongations squeezed, then the lemma. It
    does not depend on the crisis lists, so editing them never makes the shipped model stale."""
    if _RUN.search(word):
        squeezed = _RUN.sub(r"\1", word)
        word = squeezed if known(squeezed) else _RUN.sub(r"\1\1", word)
    return lemma(word) if word.isalpha() else word


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class EnglishForms:
    """Every form of an English word, with typos read against one vocabulary (the words of the crisis lists)."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._vocabulary = {word for word in vocabulary if _ALPHA.fullmatch(word) and len(word) >= MIN_TYPO_CHARS}
        self._by_delete: dict[str, set[str]] = {}
        for word in self._vocabulary:
            for key in {word} | _deletes(word):
                self._by_delete.setdefault(key, set()).add(word)
        self._memo: dict[str, tuple[str, ...]] = {}

    def forms(self, word: str) -> tuple[str, ...]:
        """The word as typed first, then its lemma, squeezed, g-restored and typo-corrected forms."""
        found = self._memo.get(word)
        if found is None:
            found = self._forms(word)
            if len(self._memo) < 100_000:
                self._memo[word] = found
        return found

    def _forms(self, word: str) -> tuple[str, ...]:
        if not word.isalpha() or not word.isascii():
            return (word,)
        variants = [word]
        if _RUN.search(word):
            variants += [_RUN.sub(r"\1", word), _RUN.sub(r"\1\1", word)]
        out = dict.fromkeys(variants)
        for variant in variants:
            if variant.endswith("in") and not known(variant) and known(variant + "g"):
                out[variant + "g"] = None
        for variant in list(out):
            if variant != word and not known(variant) and variant not in self._vocabulary:
                del out[variant]  # a squeezed form that is no word (kil from killll) only adds noise
        if len(out) == 1 and not known(word):
            out.update(dict.fromkeys(self.corrections(word)))
        for variant in list(out):
            out[lemma(variant)] = None
        return tuple(out)

    def corrections(self, word: str) -> list[str]:
        """Words of the vocabulary one edit from an unknown ``word`` (sorted: the same answer every time)."""
        if len(word) < MIN_TYPO_CHARS or word in self._vocabulary:
            return []
        found: set[str] = set()
        for key in {word} | _deletes(word):
            found.update(self._by_delete.get(key, ()))
        return sorted(w for w in found if abs(len(w) - len(word)) <= 1)
