"""Readings: questions typed in kana or romaji find entries written in kanji.

「ほけんはつかえますか」 shares no character n-gram with 「保険は使えますか」. At load time every Japanese example
question is also written in its reading (kanji words replaced by their hiragana reading from SudachiPy's core
dictionary, the analyser the crisis screen uses too), and those readings form a second index. A question with no
kanji that the surface index cannot answer is matched there as well (see ``FaqIndex.match``).

Romaji (``hoken wa tsukaemasu ka``) is turned into hiragana first when most of its words read as romaji syllables
(jaconv); English words and acronyms such as TMS do not, so English questions are left alone.

SudachiPy is optional at run time: without it, ``Readings.available()`` is False and only the surface index and
the romaji conversion are used (the README's benchmark table says what that costs).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jaconv

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u309fー]+$")
_PARTICLES = {"wa": "は", "wo": "を", "he": "へ"}
ROMAJI_SHARE = 0.6
"""A Latin-script question is read as romaji when at least this share of its words are romaji syllables."""


@cache
def _dictionary() -> Any:
    """SudachiPy's core dictionary, loaded once per process (about 60 ms), or None when it is not installed."""
    try:
        from sudachipy import Dictionary
    except ImportError:
        return None
    try:
        return Dictionary(dict="core")
    except Exception:  # the dictionary package is missing or broken: run without readings
        return None


class Readings:
    """Kanji -> hiragana readings; one tokenizer per instance (an index build), so builds in a worker thread never
    share a tokenizer with the matching thread."""

    def __init__(self) -> None:
        dictionary = _dictionary()
        if dictionary is None:
            self._tokenizer = None
        else:
            from sudachipy import SplitMode

            self._tokenizer = dictionary.tokenizer(mode=SplitMode.C)

    @staticmethod
    def available() -> bool:
        return _dictionary() is not None

    def read(self, text: str) -> str:
        """The text with every kanji word replaced by its reading in hiragana (other words as they are)."""
        if self._tokenizer is None or not _KANJI.search(text):
            return text
        out = []
        for morpheme in self._tokenizer.tokenize(text):
            surface = morpheme.surface()
            reading = morpheme.reading_form()
            out.append(jaconv.kata2hira(reading) if _KANJI.search(surface) and reading else surface)
        return "".join(out)


def has_kanji(text: str) -> bool:
    return _KANJI.search(text) is not None


def romaji_to_kana(text: str) -> str | None:
    """``hoken wa tsukaemasu ka`` -> 「ほけんはつかえますか」; None unless most words read as romaji."""
    words = re.findall(r"[A-Za-z]+|[^A-Za-z\s]+", text)
    latin = [w for w in words if w.isascii() and w.isalpha()]
    if len(latin) < 2:
        return None
    converted: list[str] = []
    romaji = 0
    for word in words:
        if not (word.isascii() and word.isalpha()):
            converted.append(word)
            continue
        lower = word.lower()
        kana = _PARTICLES.get(lower) or jaconv.alphabet2kana(lower)
        if _HIRAGANA_ONLY.match(kana) and not kana.endswith("っ") and not kana.startswith("っ"):
            romaji += 1
            converted.append(kana)
        else:
            converted.append(word)  # an acronym (TMS) or an English word
    if romaji / len(latin) < ROMAJI_SHARE or romaji < 2:
        return None
    return "".join(converted)
