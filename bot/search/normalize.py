"""One canonical spelling for typed text, so 「ＴＭＳって痛い？」 and 「tmsっていたい?」 look alike to the matcher.

Patients type full-width letters, half-width katakana, long-vowel marks or none, curly apostrophes and emoji.
``normalize`` folds all of that away and labels every remaining character with its script, because Japanese has
no spaces: the script boundaries (kanji | hiragana | katakana | Latin) are the cheapest word boundaries there are.
Katakana is converted to hiragana (jaconv) but keeps its own label, so a katakana word stays one run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import jaconv

Language = Literal["ja", "en"]

KANJI = "K"
HIRAGANA = "H"
KATAKANA = "T"
LATIN = "L"
SYNONYM = "P"
SPACE = " "

SYNONYM_BASE = 0xE000
"""Synonym groups are written into the text as one private-use character each (U+E000 + group number)."""

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f々〆]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'s\b"), " is"),  # "what's" -> "what is"; a possessive becomes a harmless stopword
)
_SMALL_KA = {"ヶ": "か", "ヵ": "か", "ゖ": "か", "ゕ": "か"}  # 3ヶ月 = 3か月 = 3カ月


def detect_language(text: str) -> Language:
    """The language of a question: Japanese as soon as it has kana or kanji, else English."""
    return "ja" if _JAPANESE.search(unicodedata.normalize("NFKC", text)) else "en"


def fold(text: str) -> str:
    """Width, case and apostrophes folded; English contractions spelt out."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    if "'" in text:
        for pattern, replacement in _CONTRACTIONS:
            text = pattern.sub(replacement, text)
    return text


def script_of(char: str) -> str:
    """The script label of one folded character; SPACE for anything that separates words."""
    code = ord(char)
    if 0x3041 <= code <= 0x309F:
        return HIRAGANA
    if 0x30A1 <= code <= 0x30FA:
        return KATAKANA
    if 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or char in "々〆":
        return KANJI
    if char.isalnum() and code < 0x250:
        return LATIN
    return SPACE


@dataclass(frozen=True)
class Normalized:
    """Folded text and, character for character, its script labels (K H T L P or space)."""

    text: str
    scripts: str

    def __post_init__(self) -> None:
        assert len(self.text) == len(self.scripts)

    def runs(self) -> list[tuple[str, str, int]]:
        """Maximal runs of one script as (script, text, start); spaces dropped, each synonym character alone."""
        text = self.text
        return [(found.group(0)[0], text[found.start():found.end()], found.start())
                for found in _RUN.finditer(self.scripts)]


_RUN = re.compile(f"{KANJI}+|{HIRAGANA}+|{KATAKANA}+|{LATIN}+|{SYNONYM}")
"""A run of one script in ``Normalized.scripts`` (a synonym character stands alone)."""
_KATA_TO_HIRA = str.maketrans({chr(code): jaconv.kata2hira(chr(code)) for code in range(0x30A1, 0x30F7)
                               if len(jaconv.kata2hira(chr(code))) == 1})
_SCRIPTS: dict[str, str] = {}


def _script(char: str) -> str:
    script = _SCRIPTS.get(char)
    if script is None:
        script = script_of(char)
        if len(_SCRIPTS) < 100_000:
            _SCRIPTS[char] = script
    return script


@lru_cache(maxsize=4_096)
def normalize(text: str) -> Normalized:
    """Fold the text, drop long-vowel marks, turn katakana into hiragana and everything else into single spaces.

    Cached: an index build normalises each example three times (learning the vocabulary, its features, its words as
    written) and a match the question as often; ``Normalized`` is immutable."""
    folded = fold(text).replace("ー", "")  # エクソソーム = エクソソム: people drop or add ー freely
    for small, plain in _SMALL_KA.items():
        folded = folded.replace(small, plain)
    chars: list[str] = []
    scripts: list[str] = []
    space = True  # drops leading separators
    for char in folded:
        script = _script(char)
        if script == SPACE:
            if space:
                continue
            char = " "
            space = True
        else:
            space = False
        chars.append(char)
        scripts.append(script)
    if scripts and scripts[-1] == SPACE:
        chars.pop()
        scripts.pop()
    return _nani(Normalized("".join(chars).translate(_KATA_TO_HIRA), "".join(scripts)))


_NANI = re.compile(r"(?<![\u3400-\u4dbf\u4e00-\u9fff々])何(?![\u3400-\u4dbf\u4e00-\u9fff々])")


def _nani(norm: Normalized) -> Normalized:
    """何 standing alone is the word なに (「TMSって何？」 = 「TMSってなに」); 何回 and 何分 stay kanji."""
    if "何" not in norm.text:
        return norm
    text, scripts, last = [], [], 0
    for found in _NANI.finditer(norm.text):
        text.append(norm.text[last:found.start()])
        scripts.append(norm.scripts[last:found.start()])
        text.append("なに")
        scripts.append(HIRAGANA * 2)
        last = found.end()
    text.append(norm.text[last:])
    scripts.append(norm.scripts[last:])
    return Normalized("".join(text), "".join(scripts))


def synonym_char(group: int) -> str:
    return chr(SYNONYM_BASE + group)


def synonym_group(char: str) -> int:
    return ord(char) - SYNONYM_BASE
