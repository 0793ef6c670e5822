"""Readings: questions typed in kana or romaji find entries written in kanji.

「ほけんはつかえますか」 shares no character n-gram with 「保険は使えますか」. At load time every Japanese example
question is also written in its reading (kanji words replaced by their hiragana reading from SudachiPy with its
small dictionary, the analyser the crisis screen uses too), and those readings form a second index. A question with no
kanji that the surface index cannot answer is matched there as well (see ``FaqIndex.match``).

Romaji (``hoken wa tsukaemasu ka``) is turned into hiragana first when most of its words read as romaji syllables
(jaconv); English words and acronyms such as TMS do not, so English questions are left alone.

SudachiPy is optional at run time: without it, ``Readings.available()`` is False and only the surface index and
the romaji conversion are used (docs/measurements.md says what that costs).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from typing import Any

import jaconv

from bot.text import japanese

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u309fー]+$")
_PARTICLES = {"wa": "は", "wo": "を", "he": "へ"}
ROMAJI_SHARE = 0.6
"""A Latin-script question is read as romaji when at least this share of its words are romaji syllables."""


def _dictionary() -> Any:
    """SudachiPy with its small dictionary, the copy the crisis screen reads (``bot.text.japanese``), or None when
    it is not installed."""
    try:
        return japanese.dictionary()
    except Exception:  # SudachiPy or its dictionary is missing or broken: run without readings
        return None


class Readings:
    """Kanji -> hiragana readings while the index is built.

    A tokenizer is made for one build and dropped after it (``with Readings() as reader``): the matcher never needs
    it afterwards (a question typed in kana has nothing to read). It reads the process's one open dictionary, the
    crisis screen's (``bot.text.japanese.dictionary``): a copy of its own mapped the file again, and the pages it
    touched counted again (a builder's peak ~250 MB instead of ~170 MB). One tokenizer per build, so a build in a
    worker thread shares no tokenizer with matching.
    """

    def __init__(self) -> None:
        self._dictionary: Any = None
        self._tokenizer: Any = None
        self.kanji_runs: list[tuple[str, list[list[tuple[int, int, str]]]]] = []
        """(text, its runs of kanji words as (start, end, reading)) of every text read with kanji in it."""

    def __enter__(self) -> Readings:
        self._dictionary = _dictionary()
        if self._dictionary is not None:
            from sudachipy import SplitMode

            self._tokenizer = self._dictionary.tokenizer(mode=SplitMode.C)
        return self

    def __exit__(self, *exc: object) -> None:
        self._tokenizer = None
        self._dictionary = None  # the shared dictionary stays open: the crisis screen reads it

    @staticmethod
    def available() -> bool:
        """SudachiPy and its small dictionary are installed (checked without opening the dictionary)."""
        return all(importlib.util.find_spec(name) is not None for name in ("sudachipy", "sudachidict_small"))

    def read(self, text: str) -> str:
        """The text with every kanji word replaced by its reading in hiragana (other words as they are). The runs of
        words written only in kanji are kept in ``kanji_runs`` on the way (for ``homophones``: one tokenisation)."""
        if self._tokenizer is None or not _KANJI.search(text):
            return text
        words = [(m.begin(), m.end(), m.surface(), m.reading_form()) for m in self._tokenizer.tokenize(text)]
        self.kanji_runs.append((text, japanese.runs_of_kanji_words(words)))
        return "".join(jaconv.kata2hira(reading) if reading and _KANJI.search(surface) else surface
                       for _, _, surface, reading in words)


def has_kanji(text: str) -> bool:
    return _KANJI.search(text) is not None


ROMAJI_WORDS = re.compile(r"[A-Za-z]+|[^A-Za-z\s]+")
"""A question cut into Latin words and the runs of other characters between them."""


def romaji_word_to_kana(word: str) -> str | None:
    """One Latin word in hiragana (``wa`` -> は as a particle), or None when it reads as no kana (tms -> っんっ: an
    acronym, or an English word)."""
    lower = word.lower()
    kana = _PARTICLES.get(lower) or jaconv.alphabet2kana(lower)
    return kana if _HIRAGANA_ONLY.match(kana) and not kana.endswith("っ") else None


def romaji_to_kana(text: str, english: Callable[[str], bool] = lambda word: False) -> str | None:
    """``hoken wa tsukaemasu ka`` -> 「ほけんはつかえますか」; None unless most words read as romaji.

    ``english`` tells a word that is English (awake, see, you also read as romaji syllables)."""
    words = ROMAJI_WORDS.findall(text)
    latin = [w for w in words if w.isascii() and w.isalpha()]
    if len(latin) < 2:
        return None
    converted: list[str] = []
    romaji = 0
    for word in words:
        if not (word.isascii() and word.isalpha()):
            converted.append(word)
            continue
        kana = romaji_word_to_kana(word)
        if kana is not None:
            romaji += not english(word.lower())
            converted.append(kana)
        else:
            converted.append(word)  # an acronym (TMS) or an English word
    if romaji / len(latin) < ROMAJI_SHARE or romaji < 2:
        return None
    return "".join(converted)
