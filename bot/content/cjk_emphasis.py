"""Emphasis that survives Japanese: ``**`` next to full-width punctuation still opens and closes bold.

CommonMark decides whether ``**`` may open or close emphasis from the characters on either side ("flanking").
Its rule assumes words are separated by spaces, so ``これは**「重要」**です`` keeps its asterisks: the closing
``**`` follows punctuation (」) and is followed by a letter (で), which CommonMark reads as the start of a word.
Japanese has no spaces, so a neighbouring CJK character is treated the way CommonMark treats a space or
punctuation: the same relaxation the ``markdown-it-cjk-friendly`` plugin makes for JavaScript. No maintained
plugin does this for markdown-it-py, so this module swaps in the one method that decides it.
"""

from __future__ import annotations

import unicodedata

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。「」)
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x31FF),
    (0x3200, 0x4DBF),  # enclosed, compatibility, extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms (（）！？：)
    (0x20000, 0x3FFFF),  # supplementary ideographs
)


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK letter or full-width punctuation (the text has no spaces around it)."""
    code = ord(char)
    if any(low <= code <= high for low, high in _CJK_RANGES):
        return True
    return unicodedata.east_asian_width(char) in ("W", "F") and not char.isspace()


class CjkStateInline(StateInline):
    """Inline state whose delimiter scan lets a CJK neighbour stand in for a space or punctuation."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        pos = start
        maximum = self.posMax
        marker = self.src[start]
        last = self.src[start - 1] if start > 0 else " "
        while pos < maximum and self.src[pos] == marker:
            pos += 1
        count = pos - start
        nxt = self.src[pos] if pos < maximum else " "

        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(nxt)) or isPunctChar(nxt)
        last_space = isWhiteSpace(ord(last))
        next_space = isWhiteSpace(ord(nxt))
        last_cjk, next_cjk = is_cjk(last), is_cjk(nxt)

        left = not next_space and (not next_punct or last_space or last_punct or last_cjk)
        right = not last_space and (not last_punct or next_space or next_punct or next_cjk)
        can_open = left and (canSplitWord or not right or last_punct or last_cjk)
        can_close = right and (canSplitWord or not left or next_punct or next_cjk)
        return Scanned(can_open, can_close, count)


class CjkParserInline(ParserInline):
    """The inline parser with :class:`CjkStateInline`; rules and their order are the library's."""

    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        state = CjkStateInline(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def cjk_friendly(md: MarkdownIt) -> None:
    """Plugin: ``MarkdownIt(...).use(cjk_friendly)``; keeps every rule already enabled or disabled."""
    parser = CjkParserInline()
    parser.ruler = md.inline.ruler
    parser.ruler2 = md.inline.ruler2
    md.inline = parser
