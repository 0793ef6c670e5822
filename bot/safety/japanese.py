"""Japanese messages as tokens for the crisis rules, from the project's one analyser (``bot.text.japanese``:
SudachiPy with its small dictionary, why it was chosen and what it costs).

Only the first ``MAX_SCREEN_CHARS`` characters are analysed (``fold`` cuts them), in chunks under Sudachi's input
limit; sentence ends become boundary tokens and quotation marks stay, so the rules can tell whose words they read.
"""

from __future__ import annotations

from functools import lru_cache

import jaconv

from bot.safety.rules import Token
from bot.safety.sentences import QUESTION_MARK
from bot.text.japanese import BOUNDARY, PUNCT_POS, chunks, kana_forms, morphemes, prepare
from bot.text.japanese import warm_up as warm_up

QUOTE_OPEN, QUOTE_CLOSE = "「", "」"
QUOTES = {"「": QUOTE_OPEN, "『": QUOTE_OPEN, "」": QUOTE_CLOSE, "』": QUOTE_CLOSE}
"""Quotation marks are kept as tokens: words inside them may be someone else's (母が「私が…」と言う)."""


def tokens(folded: str) -> list[Token]:
    """The folded message (``bot.safety.normalize.fold``) as tokens; sentence ends become boundary tokens.

    Each token's forms are its surface, dictionary form and normalised form, each also in hiragana when written
    in katakana, so word lists can be written in either."""
    out: list[Token] = []
    offset = 0
    for chunk in chunks(prepare(folded)):
        for surface, dictionary_form, normalized, pos, begin in morphemes(chunk):
            if BOUNDARY.fullmatch(surface):
                mark = (QUESTION_MARK,) if "?" in surface or "？" in surface else ()
                out.append(Token(mark, boundary=True, start=offset + begin))
            elif surface in QUOTES:
                out.append(Token((QUOTES[surface],), start=offset + begin))  # whose words: see context.py
            elif pos not in PUNCT_POS:
                out.append(Token(_forms(surface, dictionary_form, normalized), start=offset + begin))
        offset += len(chunk)
        out.append(Token((), boundary=True, start=offset))
    return _desire_nouns(out)


def _desire_nouns(out: list[Token]) -> list[Token]:
    """The small dictionary cuts the noun of a wish (死にたさ, 消えたさ, 自殺したさ) as the past た and さ, so
    「自殺したさMAX」 read as a death told in the past, and the chat form 消えたすぎる as た and すぎる: a た right
    after a verb's stem and right before さ or すぎる is the たい of a wish."""
    for i in range(1, len(out) - 1):
        if out[i].forms == ("た",) and out[i + 1].forms[:1] in _AFTER_WISH and not out[i - 1].boundary and \
                out[i - 1].forms:
            out[i] = Token(("たい",), start=out[i].start)
    return out


_AFTER_WISH = frozenset({("さ",), ("過ぎる",), ("すぎる",)})
"""What follows the た of a wish cut short: the noun (死にたさ) and the chat form 消えたすぎる (たい + すぎる)."""


_MISREAD = {("か", "彼")}
"""Normalised forms the small dictionary gives a particle (何もかも: か as 彼 "he"), which would name someone else."""


def _forms(surface: str, dictionary_form: str, normalized: str) -> tuple[str, ...]:
    """The analyser's forms of a token (``kana_forms``), with the particle misreadings above undone."""
    if (surface, normalized) in _MISREAD:
        normalized = surface
    if (surface, dictionary_form) in _MISREAD:
        dictionary_form = surface
    return kana_forms(surface, dictionary_form, normalized)


def member_forms(member: str) -> list[tuple[str, ...]]:
    """A word-list member from crisis.yaml cut like a message: the forms of each of its tokens.

    A token written in its dictionary form matches every form (溜める: ためる, 溜め); one written conjugated
    matches only as written (死のう, the volitional, must not match every 死ぬ)."""
    return list(_member_forms(member))


@lru_cache(maxsize=1 << 16)
def _member_forms(member: str) -> tuple[tuple[str, ...], ...]:
    """Kept per member: the checker builds each rule's word lists again on its own (about 47,000 members per
    load of the shipped content, a few thousand different ones), and the analyser's answer never changes."""
    from bot.safety.normalize import fold

    out: list[tuple[str, ...]] = []
    for surface, dictionary_form, normalized, pos, _ in morphemes(fold(member)):
        if pos in PUNCT_POS or BOUNDARY.fullmatch(surface):
            continue
        if surface in (dictionary_form, normalized):
            out.append(_forms(surface, dictionary_form, normalized))
        else:
            out.append(tuple(dict.fromkeys((surface, jaconv.kata2hira(surface)))))
    return tuple(out)
