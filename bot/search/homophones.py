"""Kanji typed with a wrong character of the same reading: 点敵 for 点滴, 麻睡 for 麻酔, 保健 for 保険.

A phone's input method offers every kanji of a reading, and patients pick the wrong one often enough; the n-gram
matcher then loses the word that tells the topic. At load time every run of kanji words in the Japanese example
questions is kept with its reading (taken while the reading index reads them); a run in a question that the content
never writes is replaced by a content run of the same length that differs from it in exactly one character and reads
the same.
One differing character and the same reading keep real words apart (機関 is not 期間: two characters differ; 治験
is not 治療, 医療 not 治療, 治療後 not 治療費: the readings differ). The content's own deliberate typos (examples
such as 「保健は使えますか」 beside 25 uses of 保険) are read the same way. Readings come
from the project's one analyser (``bot.text.japanese``), loaded for the crisis screen anyway.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from bot.text import japanese

_KANJI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]{2,}")
TYPO_RATIO = 4
"""A content run is a typo of a homophone the content uses at least this many times as often."""


class Homophones:
    """The content's kanji runs by reading; immutable once built."""

    def __init__(self, runs: Iterable[tuple[str, str]]) -> None:
        counts = Counter(runs)
        self._masked: dict[str, list[tuple[str, str, int]]] = {}
        for (surface, reading), count in counts.most_common():
            if len(surface) < 2:
                continue
            for i in range(len(surface)):
                self._masked.setdefault(_mask(surface, i), []).append((surface, reading, count))
        # the content's own deliberate typos (an example 「保健は使えますか」 beside 25 uses of 保険) are typos too
        typos = {surface for (surface, reading), count in counts.items()
                 if self._homophone(surface, reading, count * TYPO_RATIO)}
        self._known = frozenset(surface for surface, _ in counts if surface not in typos)
        self._pairs = frozenset(surface[i:i + 2] for surface in self._known for i in range(len(surface) - 1))
        """Every two kanji side by side in a known run: a question whose runs hold only these needs no reading."""
        for key, candidates in self._masked.items():
            self._masked[key] = [c for c in candidates if c[0] not in typos]

    @classmethod
    def learn(cls, texts: Iterable[str]) -> Homophones:
        """From the content's Japanese texts: each run of kanji words, and each word of it alone."""
        return cls.from_runs((text, japanese.kanji_runs(text)) for text in texts)

    @classmethod
    def from_runs(cls, analysed: Iterable[tuple[str, Sequence[Sequence[japanese.KanjiWord]]]]) -> Homophones:
        """From texts already cut into runs of kanji words (``Readings.kanji_runs``, made while the reading index
        is built: the content is tokenised once)."""
        runs: list[tuple[str, str]] = []
        for text, found in analysed:
            for run in found:
                runs.extend((text[start:end], reading) for start, end, reading in run)
                if len(run) > 1:
                    runs.append((text[run[0][0]:run[-1][1]], "".join(reading for _, _, reading in run)))
        return cls(runs)

    def correct(self, text: str) -> str:
        """The text with each unknown kanji run that misspells a content run written as the content writes it."""
        if not self._masked or all(run[i:i + 2] in self._pairs for run in _KANJI_RUN.findall(text)
                                   for i in range(len(run) - 1)):
            return text  # every two kanji side by side are the content's: nothing to read (most questions)
        out, last = [], 0
        for run in japanese.kanji_runs(text):
            start, end = run[0][0], run[-1][1]
            surface = text[start:end]
            if surface in self._known or len(surface) < 2:
                continue
            found = self._homophone(surface, "".join(reading for _, _, reading in run))
            if found is not None:
                out += [text[last:start], found]
                last = end
        return "".join(out) + text[last:] if out else text

    def _homophone(self, surface: str, reading: str, min_count: int = 1) -> str | None:
        """The most used content run that ``surface`` misspells (used at least ``min_count`` times), if any."""
        best: tuple[int, str] | None = None
        for i in range(len(surface)):
            for candidate, known, count in self._masked.get(_mask(surface, i), ()):
                if candidate != surface and count >= min_count and (best is None or count > best[0]) \
                        and reading == known:
                    best = (count, candidate)
        return best[1] if best is not None else None


def _mask(surface: str, i: int) -> str:
    return surface[:i] + "\0" + surface[i + 1:]
