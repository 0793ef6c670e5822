"""Distress in a typed message: low mood, exhaustion, sleeplessness, not coping, school refusal, said in passing.

For a depression clinic this is the most common way people write (「毎日つらい」, "I feel hopeless"), and "I don't
have an answer to that" is the worst reply to it. The crisis screen (bot.safety) has already seen every message
and owns risk; this screen only decides whether the ordinary reply should begin with a warm acknowledgement.

Phrases come from content (``distress.yaml`` of every language, all used for every message, since people mix
languages) and are matched in the same normalised spelling as the FAQ matcher uses (width, case, katakana as
hiragana, long-vowel marks dropped), Japanese anywhere in the text, English on word boundaries.

A phrase inside a question about treatment (「TMSはつらいですか？」) is not distress on its own: ``screen`` tells
whether some sentence that is NOT a question expresses distress (``statement``), or only a question does
(``in_question``), so the caller can answer a clear FAQ question first and acknowledge only what was said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.content.problems import Problems
from bot.content.schema import Distress
from bot.content.yamldoc import YamlDoc
from bot.search.normalize import normalize
from bot.search.sentences import looks_like_question

_SENTENCE = re.compile(r"(?<=[。！？!?\n])|(?<=\.)\s")


@dataclass(frozen=True)
class DistressHit:
    """``statement``: a sentence that is not a question expresses distress; ``in_question``: only a question does."""

    statement: bool = False
    in_question: bool = False

    @property
    def any(self) -> bool:
        return self.statement or self.in_question


def _spelling(text: str) -> str:
    return normalize(text).text


def _pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    parts = []
    for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        wildcard = phrase.endswith("*")
        norm = _spelling(phrase.rstrip("*"))
        if not norm:
            continue
        part = re.escape(norm)
        if norm[0].isascii() and norm[0].isalnum():
            part = r"(?<![a-z0-9])" + part
        if wildcard:
            part += r"[a-z]*"
        elif norm[-1].isascii() and norm[-1].isalnum():
            part += r"(?![a-z0-9])"
        parts.append(part)
    return re.compile("|".join(parts)) if parts else None


class DistressScreen:
    """Compiled phrases of every language; immutable once built (rebuilt on every content load)."""

    def __init__(self, phrases: Iterable[str], not_distress: Iterable[str]) -> None:
        self._phrases = _pattern(phrases)
        self._not = _pattern(not_distress)

    @classmethod
    def build(cls, by_lang: Mapping[str, Distress]) -> DistressScreen:
        return cls([p for d in by_lang.values() for p in d.phrases],
                   [p for d in by_lang.values() for p in d.not_distress])

    def screen(self, text: str) -> DistressHit:
        statement = in_question = False
        for sentence in _sentences(text):
            if self._says_distress(sentence):
                if looks_like_question(sentence):
                    in_question = True
                else:
                    statement = True
        return DistressHit(statement, in_question)

    def _says_distress(self, sentence: str) -> bool:
        if self._phrases is None:
            return False
        spelt = _spelling(sentence)
        excused = [m.span() for m in self._not.finditer(spelt)] if self._not is not None else []
        for hit in self._phrases.finditer(spelt):
            if not any(start <= hit.start() and hit.end() <= end for start, end in excused):
                return True
        return False


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text) if part.strip()]


def check_distress(by_lang: Mapping[str, Distress], docs: Mapping[str, YamlDoc], problems: Problems) -> None:
    """Every example is acknowledged and no counter-example is: the phrases do what the file says."""
    screen = DistressScreen.build(by_lang)
    for lang, distress in by_lang.items():
        doc = docs[lang]
        for i, example in enumerate(distress.examples):
            if not screen.screen(example).any:
                problems.error(doc.file, doc.line(["examples", i]), f"examples[{i}]",
                               f"{example!r} is not recognised as distress: add a phrase it contains to 'phrases'")
        for i, example in enumerate(distress.counter_examples):
            if screen.screen(example).statement:
                problems.error(doc.file, doc.line(["counter_examples", i]), f"counter_examples[{i}]",
                               f"{example!r} is taken as distress: add the phrase around the distress word to "
                               "'not_distress', or make it a question")
