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


GAP = "~"
"""Between two parts of a phrase: up to ``GAP_WORDS`` words (English) or ``GAP_CHARS`` characters (Japanese)."""
GAP_WORDS = 3
GAP_CHARS = 8
MIN_PHRASE = 2
"""A phrase shorter than this (normalised) would match inside ordinary words."""


def _part(norm: str, wildcard: bool) -> str:
    part = re.escape(norm)
    if norm[0].isascii() and norm[0].isalnum():
        part = r"(?<![a-z0-9])" + part
    if wildcard:
        part += r"[a-z]*"
    elif norm[-1].isascii() and norm[-1].isalnum():
        part += r"(?![a-z0-9])"
    return part


def _phrase_pattern(phrase: str) -> str | None:
    """One phrase as a regular expression (``*`` ending, ``~`` gaps), or None when nothing is left of it."""
    parts: list[tuple[str, str]] = []
    pieces = [p.strip() for p in phrase.split(GAP)]
    for number, piece in enumerate(pieces):
        wildcard = piece.endswith("*")
        norm = _spelling(piece.rstrip("*"))
        if not norm:
            return None
        if number:
            latin = norm[0].isascii() and parts[-1][1][-1:].isascii()
            gap = rf"(?:\W+[a-z0-9]+){{0,{GAP_WORDS}}}\W+" if latin else rf".{{0,{GAP_CHARS}}}?"
            parts.append((gap, ""))
        parts.append((_part(norm, wildcard), norm))
    return "".join(p for p, _ in parts)


def _pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    compiled = [_phrase_pattern(p) for p in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)]
    parts = [p for p in compiled if p]
    return re.compile("|".join(parts)) if parts else None


def all_phrases(distress: Distress) -> list[str]:
    """The file's ``phrases`` and every family's."""
    return [*distress.phrases, *(p for family in distress.families.values() for p in family)]


class DistressScreen:
    """Compiled phrases of every language; immutable once built (rebuilt on every content load)."""

    def __init__(self, phrases: Iterable[str], not_distress: Iterable[str]) -> None:
        self._phrases = _pattern(phrases)
        self._not = _pattern(not_distress)

    @classmethod
    def build(cls, by_lang: Mapping[str, Distress]) -> DistressScreen:
        return cls([p for d in by_lang.values() for p in all_phrases(d)],
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
    """Every example is acknowledged and no counter-example is; each family recognises one of the examples; no
    phrase is too short to mean anything or listed twice."""
    screen = DistressScreen.build(by_lang)
    for lang, distress in by_lang.items():
        doc = docs[lang]
        for i, example in enumerate(distress.examples):
            if not screen.screen(example).any:
                problems.error(doc.file, doc.line(["examples", i]), f"examples[{i}]",
                               f"{example!r} is not recognised as distress: add a phrase it contains to 'phrases'",
                               code="DISTRESS-E001")
        for i, example in enumerate(distress.counter_examples):
            if screen.screen(example).statement:
                problems.error(doc.file, doc.line(["counter_examples", i]), f"counter_examples[{i}]",
                               f"{example!r} is taken as distress: add the phrase around the distress word to "
                               "'not_distress', or make it a question", code="DISTRESS-E002")
        seen: dict[str, str] = {}
        places: list[tuple[list[str | int], str]] = [(["phrases", i], p) for i, p in enumerate(distress.phrases)]
        places += [(["families", name, i], p) for name, family in distress.families.items()
                   for i, p in enumerate(family)]
        for path, phrase in places:
            where = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in path).replace(".[", "[")
            spelt = f" {GAP} ".join(_spelling(part.rstrip("*")) for part in phrase.split(GAP))
            if len(spelt.replace(" ", "").replace(GAP, "")) < MIN_PHRASE:
                problems.error(doc.file, doc.line(path), where,
                               f"{phrase!r} is too short: it would match inside ordinary words; write the phrase "
                               "around it (眠れない, not 眠)", code="DISTRESS-E003")
            elif spelt in seen:
                problems.warning(doc.file, doc.line(path), where,
                                 f"{phrase!r} is listed twice (also at {seen[spelt]}): keep one", code="DISTRESS-W001")
            else:
                seen[spelt] = where
        for name, family in distress.families.items():
            own = DistressScreen(family, distress.not_distress)
            if not any(own.screen(example).any for example in distress.examples):
                problems.error(doc.file, doc.line(["families", name]), f"families.{name}",
                               f"no example in 'examples' uses a phrase of this family: add a message people write "
                               f"about {name.replace('_', ' ')} to 'examples'", code="DISTRESS-E004")
