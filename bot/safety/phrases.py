"""Phrase lists compiled into one regular expression per script, shaped as a trie so screening stays fast.

A phrase is matched by script (see ``normalize``). A phrase with any Japanese character matches anywhere in the
folded message, in any spelling with the same ``japanese_key``: each character accepts its katakana and small
forms, its own repeats and stretch vowels, and spaces, punctuation, emoji and ー after it.
A phrase written only in Latin letters matches whole words of the English view (``OD`` matches "OD" but not
"food"); a ``*`` at the end of a word allows any ending (``suicid*``), and in words of three letters or more
letters may repeat (``kill`` matches "kiiill" and the typo "kil"; ``od`` does not match "odd").

Each phrase becomes a list of regex tokens per spelling; ``bot.text.trie`` joins them into tries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from bot.safety.normalize import (
    SEPARATORS,
    SMALL_KANA,
    STRETCH_OF,
    collapse_repeats,
    english_views,
    english_words,
    fold,
    has_japanese,
    japanese_key,
    katakana,
    spellings,
)
from bot.text.trie import trie_regex

Script = Literal["ja", "en"]
_WORD_END = "(?= )"


@dataclass(frozen=True)
class CompiledPhrase:
    """One phrase from crisis.yaml, ready to match."""

    text: str
    """As staff wrote it."""
    script: Script
    """The view it is matched in."""
    key: str
    """Its normalised form (``japanese_key``, or the English words with repeats collapsed), shown by the checker."""
    paths: tuple[tuple[str, ...], ...]
    """Regex tokens of every spelling, one tuple per spelling; empty when nothing is left to match."""

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        """This phrase alone (used to say which phrase matched, and by the checker); compiled when first used."""
        return re.compile(trie_regex(self.paths)) if self.paths else None

    def view(self) -> str:
        """The phrase itself as a message would look to the screen (for the checker)."""
        folded = fold(self.text.replace("*", ""))
        if self.script == "ja":
            return folded
        views = english_views(folded)
        return views[0] if views else ""


def script_of(text: str) -> Script:
    """Japanese if the text has any non-ASCII character, else English (whole-word matching)."""
    return "ja" if has_japanese(text) or not text.isascii() else "en"


@lru_cache(maxsize=16_384)
def compile_phrase(text: str) -> CompiledPhrase:
    """Normalise a phrase and list the regex tokens of each of its spellings.

    Memoised: a content reload with an unchanged crisis.yaml reuses the compiled phrases (and their regexes)."""
    if script_of(fold(text)) == "ja":
        key = japanese_key(text)
        paths = tuple(path for spelling in spellings(key) for path in _kana_paths(spelling)) if key else ()
        return CompiledPhrase(text, "ja", key, paths)
    # Letters repeat only in words of 3+ letters: "od" must not match "odd", nor "off" become "of".
    words = [(collapsed if len(collapsed := collapse_repeats(word)) >= 3 else word, wild)
             for word, wild in english_words(text)]
    key = " ".join(word + ("*" if wild else "") for word, wild in words)
    if not words:
        return CompiledPhrase(text, "en", key, ())
    tokens: list[str] = [" "]
    for i, (word, wild) in enumerate(words):
        if i:
            tokens.append(" ")
        short = len(collapse_repeats(word)) < 3
        tokens.extend(re.escape(c) if short else _repeatable(re.escape(c)) for c in word)
        if wild:
            tokens.append("[a-z0-9]*")
    if not words[-1][1]:
        tokens.append(_WORD_END)
    return CompiledPhrase(text, "en", key, (tuple(tokens),))


def _kana_paths(spelling: str) -> list[tuple[str, ...]]:
    """Tokens of one Japanese spelling; one path per form of the first character, so that it is a literal."""
    inner: list[str] = []
    for i, char in enumerate(spelling[1:], start=1):
        forms = _forms(char)
        last = i == len(spelling) - 1
        inner.append((f"[{forms}]" if len(forms) > 1 else forms) + ("" if last else _after(char, forms)))
    after = "" if len(spelling) == 1 else _after(spelling[0], _forms(spelling[0]))
    firsts = dict.fromkeys((spelling[0], katakana(spelling[0])))  # never small: nobody starts a word with ぃ
    return [(re.escape(first) + after, *inner) for first in firsts]


def _forms(char: str) -> str:
    """The character, its katakana and its small forms, escaped for a character class."""
    small = SMALL_KANA.get(char, "")
    forms = dict.fromkeys((char, katakana(char), small, katakana(small) if small else ""))
    return "".join(re.escape(form) for form in forms if form)


def _after(char: str, forms: str) -> str:
    """What may follow a character before the next one: separators, ー, its repeats and stretch vowel."""
    stretch = STRETCH_OF.get(char, "")
    stretch_forms = re.escape(stretch + katakana(stretch)) if stretch else ""
    return f"[{SEPARATORS}{forms}{stretch_forms}]*"


def _repeatable(atom: str) -> str:
    """``xx*`` rather than ``x+``: a branch starting with a literal is rejected by ``re`` without backtracking."""
    return f"{atom}{atom}*"
