"""Romaji: Japanese typed in Latin letters (``tms wa itai desu ka``) is matched against the Japanese entries.

Telling romaji from English by syllables alone fails both ways: "I feel like a failure" reads as romaji syllables,
and "hoken" is a word the English content uses. So a word counts as Japanese when its kana is a word the Japanese
examples use, as read by the analyser (``Readings``: kanji words replaced by their hiragana reading), compared
without vowel length (kouka / koka, ekusosoomu / エクソソーム); particles (wa, ga, wo, no, ...) count too, and
acronyms (TMS) are left out of the count. ``RomajiReader.read`` says whether a question is romaji and gives it in
hiragana, so the index can try it against the Japanese entries before the English ones (and answer in the language
the user set).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import jaconv

from bot.search.readings import ROMAJI_SHARE, ROMAJI_WORDS, romaji_word_to_kana

_LONG_VOWEL = re.compile(r"(?<=[おこそとのほもよろごぞどぼぽょ])[うお]|(?<=[えけせてねへめれげぜでべぺ])い"
                         r"|(?<=[あかさたなはまやらわがざだばぱゃ])あ|(?<=[いきしちにひみりぎじぢびぴ])い"
                         r"|(?<=[うくすつぬふむゆるぐずづぶぷゅ])う|ー")
_LENGTHENING = re.compile(_LONG_VOWEL.pattern.removesuffix("|ー"))
"""A vowel that lengthens the one before it (written ー in a loanword)."""
PARTICLES = frozenset({"wa", "wo", "he", "ga", "no", "ni", "de", "to", "mo", "ka", "tte", "te", "ne", "yo", "kana"})
"""Particles and sentence endings written apart in romaji: each counts as a Japanese word."""
MIN_KANA = 2
"""A Japanese word shorter than this many kana (a, i, e) proves nothing: English has the same letters."""


def _plain_length(kana: str) -> str:
    """Kana without vowel length, so こうか and こか, えくそそおむ and えくそそーむ compare equal."""
    return _LONG_VOWEL.sub("", kana)


def _acronym(word: str) -> bool:
    """TMS, tms, PTSD: capitals or no vowel (the names in a romaji question: 「TMSはいたいですか」)."""
    return word.isupper() or not re.search(r"[aeiou]", word, re.I)


@dataclass(frozen=True)
class RomajiReader:
    """The Japanese words of the content (their kana, without vowel length), for telling romaji from English."""

    vocabulary: str
    """The hiragana of every Japanese example, as one text to look words up in."""
    english: Callable[[str], bool] = lambda word: False
    """A word the English content uses, or an English stopword."""
    written: str = ""
    """The same hiragana with vowel length as written (エクソソーム -> えくそそーむ), to spell words as the content."""

    @classmethod
    def build(cls, readings: Iterable[str], english: Callable[[str], bool] = lambda word: False) -> RomajiReader:
        """From the readings of the Japanese examples (kanji already read in hiragana)."""
        written = "\n".join(jaconv.kata2hira(reading) for reading in readings)
        return cls(_plain_length(written), english, written)

    def is_japanese(self, kana: str) -> bool:
        return len(kana) >= MIN_KANA and _plain_length(kana) in self.vocabulary

    def spelt(self, kana: str) -> str:
        """A loanword as the content writes it: えくそそおむ -> えくそそーむ when only that spelling is used."""
        marked = _LENGTHENING.sub("ー", kana)
        return marked if marked != kana and kana not in self.written and marked in self.written else kana

    def read(self, text: str) -> str | None:
        """The question in hiragana when it is romaji (``tms wa itai desu ka`` -> 「tmsはいたいですか」), else None."""
        words = ROMAJI_WORDS.findall(text)
        converted: list[str] = []
        counted = japanese = content = 0
        for word in words:
            if not (word.isascii() and word.isalpha()):
                converted.append(word)
                continue
            lower = word.lower()
            kana = romaji_word_to_kana(word)
            if kana is None:  # TMS: an acronym, not romaji
                converted.append(word)
                counted += not _acronym(word)  # "went", "shop": an English word, counted against romaji
                continue
            counted += 1
            converted.append(kana)
            if lower in PARTICLES:
                japanese += 1
            elif self.is_japanese(kana) and (not self.english(lower) or len(kana) >= 3):
                japanese += 1
                content += 1
                converted[-1] = self.spelt(kana)
        if content == 0 or counted == 0 or japanese / counted < ROMAJI_SHARE:
            return None
        return "".join(converted)
