"""Is a typed message a request to translate? Then it asks about the words it quotes, not about the clinic.

「「おはよう」を英語にして」 and "how do you say 'thank you' in Japanese" share 英語 / Japanese with the entry on
switching the bot's language (「英語にしてください」), so the ranking alone answers them with it. A request to
translate quotes what is to be translated, or names translating, and the target language: recognised here, the
matcher offers its entries as "did you mean" at most, never an answer outright.
"""

from __future__ import annotations

import re

from bot.search.normalize import fold

_LANGUAGES_JA = "(?:英語|日本語|中国語|韓国語|えいご|にほんご)"
_LANGUAGES_EN = "(?:english|japanese|chinese|korean)"
_QUOTED = r"(?:「[^」]+」|『[^』]+』|\"[^\"]+\"|“[^”]+”|'[^']+'|‘[^’]+’)"
_REQUESTS = re.compile("|".join([
    # 「おはよう」を英語にして, 『ありがとう』って英語で何て言う
    _QUOTED + r"\s*(?:を|は|って|て)?\s*" + _LANGUAGES_JA + r"\s*(?:に|で|へ)",
    _LANGUAGES_JA + r"\s*で\s*(?:何|なん|なに)\s*(?:て|と)\s*(?:言|い)",  # 英語で何て言うの
    r"(?:英訳|和訳|翻訳)\s*(?:して|してください|お願い|おねがい|できる|できますか)",
    r"\btranslat(?:e|ion|ing)\b",
    r"\bhow (?:do|would|can) (?:you|i) say\b",
    r"\bwhat(?:'s| is| does)\b.{0,40}\bmean in " + _LANGUAGES_EN + r"\b",
    _QUOTED + r"\s*in " + _LANGUAGES_EN + r"\b",  # "ohayo" in english?
]), re.IGNORECASE)


def asks_to_translate(text: str) -> bool:
    """A request to translate quoted words or to say something in another language (see the module docstring)."""
    return _REQUESTS.search(fold(text)) is not None
