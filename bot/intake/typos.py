"""A typed answer that names nothing as typed, read as it was likely meant: a slip of the finger, a kanji of the
same sound.

Used only when the answer as typed names no choice and says neither yes nor no (``typed.read_choice`` tries these
readings last), so a word that reads well is never changed:

- English: a word of six letters or more that no choice uses, one letter off a word a choice of this question does
  use (a letter changed, left out, added or two swapped; the first letter kept): "mornigns" is "mornings"; two words
  that make one such word together are joined ("anti depressents" is "antidepressants");
- Japanese: a run of kanji that sounds like a choice's word in kanji but is not it is read as that word, so a
  word typed with a kanji of the same sound (「本任」 for 本人, both ほんにん) names the choice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from bot.content.schema import Question
from bot.intake.keys import key_of, spaced

__all__ = ["mend_typos", "same_sound"]

MIN_LETTERS = 6
"""Shorter words are left alone: one letter off a short word is often another word ("other", "bother")."""
_WORD = re.compile(r"[a-z]+")
_KANJI = re.compile(r"[\u3400-\u9fff]")
_KANJI_ONLY = re.compile(r"[\u3400-\u9fff々]+")


@lru_cache(maxsize=256)
def _vocabulary(words: tuple[str, ...]) -> frozenset[str]:
    """The English words of a question's labels and typed words, and each label or typed word written as one."""
    out: set[str] = set()
    for raw in words:
        plain = spaced(raw)
        if not plain.isascii():
            continue
        found = _WORD.findall(plain)
        out.update(found)
        if len(found) > 1:
            out.add("".join(found))
    return frozenset(w for w in out if len(w) >= MIN_LETTERS)


def _words_of(variants: Sequence[Question]) -> tuple[str, ...]:
    return tuple(w for q in variants for c in q.choices for w in (c.label, *c.typed))


def _closest(word: str, vocabulary: frozenset[str]) -> str | None:
    """The one vocabulary word one slip away from ``word`` with the same first letter, or None (none, or two)."""
    if len(word) < MIN_LETTERS or word in vocabulary:
        return None
    near = {v for v in vocabulary if v[0] == word[0] and abs(len(v) - len(word)) <= 1
            and OSA.distance(word, v, score_cutoff=1) <= 1}
    return near.pop() if len(near) == 1 else None


def mend_typos(text: str, variants: Sequence[Question]) -> str | None:
    """The English message with its slips made good towards the question's words, or None when nothing changed."""
    vocabulary = _vocabulary(_words_of(variants))
    words = _WORD.findall(spaced(text))
    out: list[str] = []
    changed = False
    i = 0
    while i < len(words):
        word = words[i]
        if i + 1 < len(words):
            joined = word + words[i + 1]
            target = joined if joined in vocabulary else _closest(joined, vocabulary)
            if target is not None and word not in vocabulary and words[i + 1] not in vocabulary:
                out.append(target)
                changed = True
                i += 2
                continue
        target = _closest(word, vocabulary)
        out.append(target or word)
        changed = changed or target is not None
        i += 1
    return " ".join(out) if changed else None


def same_sound(text: str, variants: Sequence[Question]) -> str | None:
    """The message with each run of kanji that sounds like a choice's word written in kanji, but is not it, written
    as that word (「本任です」 -> 「本人です」), or None when none does. Only whole runs of three kana or more are
    compared: a whole message in kana would find 「なし」 inside 「はなし」."""
    if not _KANJI.search(text):
        return None
    by_sound = _kanji_words_by_sound(_words_of(variants))
    if not by_sound:
        return None
    from bot.text.japanese import kanji_runs

    out, last, changed = [], 0, False
    for run in kanji_runs(text):
        begin, end = run[0][0], run[-1][1]
        sound = key_of("".join(reading for _, _, reading in run))
        word = by_sound.get(sound)
        if word is None or word == text[begin:end]:
            continue
        out += [text[last:begin], word]
        last, changed = end, True
    return "".join(out) + text[last:] if changed else None


@lru_cache(maxsize=256)
def _kanji_words_by_sound(words: tuple[str, ...]) -> dict[str, str]:
    """The question's words written with kanji, by their reading (ほんにん: 本人); a reading two words share is
    left out, since it could not tell them apart."""
    from bot.intake.keys import reading

    found: dict[str, set[str]] = {}
    for word in words:
        if not _KANJI.search(word) or not _KANJI_ONLY.fullmatch(word):
            continue
        sound = reading(word)
        if len(sound) >= 3:
            found.setdefault(sound, set()).add(word)
    return {sound: next(iter(ws)) for sound, ws in found.items() if len(ws) == 1}
