"""The fast width and case fold every screen starts from (the crisis screen and the distress phrases).

Only the runs NFKC turns into letters or digits are rewritten, which keeps this at a tenth of the cost of NFKC over
a long Japanese message; ``bot.safety.normalize`` builds the crisis screen's other views on it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_SCREEN_CHARS = 4096
"""Longest text screened: a Telegram text message is at most 4096 characters, so all of it is screened."""

# --- fold: width and case ---------------------------------------------------------------------------------------


def _compat_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A character class of what NFKC turns into letters or digits (ＴＭＳ, ｼﾆﾀｲ, 𝓈𝓊𝒾𝒸𝒾𝒹ℯ, ⑩, ⽊)."""
    chars = [c for lo, hi in ranges for c in range(lo, hi)
             if any(k.isalnum() for k in unicodedata.normalize("NFKC", chr(c))) and
             unicodedata.normalize("NFKC", chr(c)) != chr(c)]
    chars += [0x3099, 0x309A, 0x309B, 0x309C, 0xFF9E, 0xFF9F, 0xFF07]  # (half-width) voicing marks, ＇
    chars.sort()
    spans: list[list[int]] = []
    for c in chars:
        if spans and c == spans[-1][1] + 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in spans)


# Two classes: ``re`` checks a class of only BMP characters with a bitmap, one with astral ranges one by one.
_COMPAT = re.compile(f"[{_compat_class(((0xA0, 0x3400), (0xF900, 0x10000)))}]+")
_COMPAT_ASTRAL = re.compile(f"[{_compat_class(((0x1D400, 0x1D800), (0x1F100, 0x1F200)))}]+")


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def fold(text: str) -> str:
    """Cut to ``MAX_SCREEN_CHARS``, apply NFKC where it yields letters or digits, lower-case.

    Only the runs NFKC turns into letters are rewritten (full-width punctuation is skipped: it is ignored anyway),
    which keeps this at a tenth of the cost of NFKC over a long Japanese message."""
    text = text[:MAX_SCREEN_CHARS]
    if not text.isascii():
        text = _COMPAT.sub(_nfkc, text).translate(_MASKS)
        if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):  # astral characters (fast check)
            text = _COMPAT_ASTRAL.sub(_nfkc, text)
    return text.casefold()


_MASKS = str.maketrans("○◯●◎⭕ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ", "〇〇〇〇〇クシストヌハヒフヘホムラリルレロ")
"""Circles that mask a kanji (○にたい) are one mark, 〇, which is a letter to the phrase keys (others are dropped);
the small katakana of the phonetic extensions (ㇱにたい), which NFKC leaves alone, are the katakana they look like."""
_JAPANESE_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def has_japanese(text: str) -> bool:
    """True when the text holds kana or kanji."""
    return _JAPANESE_CHARS.search(text) is not None
