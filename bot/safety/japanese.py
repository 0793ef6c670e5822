"""Japanese messages as tokens for the crisis rules, from SudachiPy with its small dictionary.

Why this analyser: rules must meet ``死ぬ`` in 死にたい, 死にとうなる, 死のっかな and しにたい, and dialect
auxiliaries (〜ねん, 〜けん, 〜へん, 〜てまう) must stay separate words. Sudachi's normalised form also folds
spelling variants (溜める/ためる, 居る/いる). Measured (docs/measurements.md, "Crisis screen"): the small dictionary
adds about 50 MB of resident memory once loaded and about 100 MB after a long article has touched its pages (the core
dictionary 100/190 MB, fugashi with unidic-lite 25/200 MB), loads in 0.02 s and tokenises a sentence in ~15 µs.

The dictionary is memory-mapped and loaded once per process, on first use (``warm_up`` at start-up), not per
content reload. Only the first ``MAX_SCREEN_CHARS`` characters are analysed, in chunks under Sudachi's input
limit.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

import jaconv

from bot.safety.rules import Token
from bot.safety.sentences import QUESTION_MARK

CHUNK_CHARS = 1_000
"""Sudachi refuses inputs over 49,149 bytes; a chunk of 1,000 characters is at most 3,000 bytes of UTF-8."""
_BOUNDARY = re.compile(r"[。．.!?！？\n…]+")
_PUNCT_POS = {"補助記号", "空白"}
QUOTE_OPEN, QUOTE_CLOSE = "「", "」"
QUOTES = {"「": QUOTE_OPEN, "『": QUOTE_OPEN, "」": QUOTE_CLOSE, "』": QUOTE_CLOSE}
"""Quotation marks are kept as tokens: words inside them may be someone else's (母が「私が…」と言う)."""
_lock = threading.Lock()
_DIALECT_WANT = re.compile("(?<=[いきぎしちにびみりえけげせてねべめれ])とう(?=な|て|ない|ねん|わ|ん|や|か)")
"""Western dialects' desire auxiliary, 〜とう for 〜たく (死にとうなる, 消えとうて, 生きとうない): read as たく,
which the analyser knows, since it cuts 死にとうなる into 死ぬ + と + 唸る. Same length, so offsets stay."""


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from sudachipy import Dictionary, SplitMode  # imported here: the dictionary is loaded once, on first use

    return Dictionary(dict="small").tokenizer(mode=SplitMode.C)


def warm_up() -> None:
    """Load the dictionary now (at start-up), so the first message of a patient does not wait for it."""
    tokens("テスト")


def tokens(folded: str) -> list[Token]:
    """The folded message (``bot.safety.normalize.fold``) as tokens; sentence ends become boundary tokens.

    Each token's forms are its surface, dictionary form and normalised form, each also in hiragana when written
    in katakana, so word lists can be written in either."""
    tokenizer = _tokenizer()
    folded = folded.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?", offsets kept
    if "とう" in folded:
        folded = _DIALECT_WANT.sub("たく", folded)
    out: list[Token] = []
    offset = 0
    for chunk in _chunks(folded):
        with _lock:  # a Sudachi tokenizer is not safe to share between threads (reload checks run in one)
            morphemes = [(m.surface(), m.dictionary_form(), m.normalized_form(), m.part_of_speech()[0],
                          m.begin()) for m in tokenizer.tokenize(chunk)]
        for surface, dictionary_form, normalized, pos, begin in morphemes:
            if _BOUNDARY.fullmatch(surface):
                mark = (QUESTION_MARK,) if "?" in surface else ()
                out.append(Token(mark, boundary=True, start=offset + begin))
            elif surface in QUOTES:
                out.append(Token((QUOTES[surface],), start=offset + begin))  # whose words: see context.py
            elif pos not in _PUNCT_POS:
                out.append(Token(_forms(surface, dictionary_form, normalized), start=offset + begin))
        offset += len(chunk)
        out.append(Token((), boundary=True, start=offset))
    return out


_MISREAD = {("か", "彼")}
"""Normalised forms the small dictionary gives a particle (何もかも: か as 彼 "he"), which would name someone else."""


@lru_cache(maxsize=65_536)
def _forms(surface: str, dictionary_form: str, normalized: str) -> tuple[str, ...]:
    if (surface, normalized) in _MISREAD:
        normalized = surface
    if (surface, dictionary_form) in _MISREAD:
        dictionary_form = surface
    forms = dict.fromkeys((normalized, dictionary_form, surface))
    for form in list(forms):
        forms[jaconv.kata2hira(form)] = None
    return tuple(forms)


def _chunks(text: str) -> list[str]:
    """Pieces of at most ``CHUNK_CHARS`` characters, cut after a sentence end where there is one."""
    chunks: list[str] = []
    while len(text) > CHUNK_CHARS:
        cut = max(text.rfind(ch, 0, CHUNK_CHARS) for ch in "。！？!?\n")
        cut = cut + 1 if cut > 0 else CHUNK_CHARS
        chunks.append(text[:cut])
        text = text[cut:]
    if text:
        chunks.append(text)
    return chunks


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

    with _lock:
        morphemes = [(m.surface(), m.dictionary_form(), m.normalized_form(), m.part_of_speech()[0])
                     for m in _tokenizer().tokenize(fold(member))]
    out: list[tuple[str, ...]] = []
    for surface, dictionary_form, normalized, pos in morphemes:
        if pos in _PUNCT_POS or _BOUNDARY.fullmatch(surface):
            continue
        if surface in (dictionary_form, normalized):
            out.append(_forms(surface, dictionary_form, normalized))
        else:
            out.append(tuple(dict.fromkeys((surface, jaconv.kata2hira(surface)))))
    return tuple(out)
