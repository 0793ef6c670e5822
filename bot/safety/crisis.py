"""The crisis screen: every typed message is checked for suicide and self-harm risk before anything else.

Both languages' lists in ``crisis.yaml`` are always applied (a user with English settings may type Japanese).
``CrisisScreen.build`` compiles them once; ``screen`` then costs two normalisations and a handful of regex
searches, well under a millisecond even for a full 4096-character message (``bench/crisis_eval.py``).

Matching rules, also told to staff in the crisis.yaml header:
- ``phrases``: see ``bot.safety.phrases`` (script decides the view; kana, width, spacing, repeats ignored).
- ``patterns``: regular expressions. One with any non-ASCII character is searched in the folded message (NFKC,
  lower case, otherwise as typed) when the message has a non-ASCII character; an ASCII-only one in the English
  view (``" i do not want to live "``).
- ``not_risk``: a risk match lying wholly inside a not_risk match is ignored (``死亡例`` cannot hide a
  ``死にたい`` elsewhere in the message).

Better a false alarm than a miss: the crisis message is written to be kind to someone who only asked a question.
The result names the phrase or pattern that matched, never the user's text, so it is safe to log.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Literal

from bot.content.problems import Problems
from bot.content.schema import Crisis
from bot.safety.normalize import english_views, fold, has_japanese
from bot.safety.phrases import CompiledPhrase, Script, compile_phrase
from bot.safety.trie import trie_regex

MIN_PHRASE_LETTERS = 2


@dataclass(frozen=True)
class CrisisResult:
    """Whether a message needs the crisis reply, and which rule said so."""

    hit: bool
    matched: str | None = None
    """The phrase as written in crisis.yaml, or a pattern id like ``en.patterns[0]``; never the user's text."""


NO_RISK = CrisisResult(False)


def language_of(text: str) -> Literal["ja", "en"]:
    """``ja`` when the text holds kana or kanji, else ``en``: the language to answer an unprompted message in."""
    return "ja" if has_japanese(text) else "en"


@dataclass
class _Rules:
    """What one view is screened with."""

    phrases: list[CompiledPhrase] = field(default_factory=list)
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    not_risk: list[CompiledPhrase] = field(default_factory=list)


def _pattern_script(pattern: str) -> Script:
    return "en" if pattern.isascii() else "ja"


def _collect(crisis_by_lang: Mapping[str, Crisis], *, with_not_risk: bool = True) -> dict[Script, _Rules]:
    rules: dict[Script, _Rules] = {"ja": _Rules(), "en": _Rules()}
    for lang, crisis in crisis_by_lang.items():
        for phrase in crisis.phrases:
            compiled = compile_phrase(phrase)
            rules[compiled.script].phrases.append(compiled)
        for i, pattern in enumerate(crisis.patterns):
            rules[_pattern_script(pattern)].patterns.append((f"{lang}.patterns[{i}]", re.compile(pattern)))
        if with_not_risk:
            for phrase in crisis.not_risk:
                compiled = compile_phrase(phrase)
                rules[compiled.script].not_risk.append(compiled)
    return rules


def _compile_trie(phrases: Sequence[CompiledPhrase]) -> re.Pattern[str] | None:
    source = trie_regex(path for phrase in phrases for path in phrase.paths)
    return re.compile(source) if source else None


def _compile_tries(phrases: Sequence[CompiledPhrase]) -> list[re.Pattern[str]]:
    """One trie per first character: each then starts with a literal, which ``re`` finds with a tight loop.

    A single trie of all Japanese phrases tries some eighty first characters at every common kana and takes
    about twice as long on a long message; the eighty searches of a short message cost a few microseconds."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        for path in phrase.paths:
            by_first.setdefault(path[0], []).append(path)
    return [re.compile(trie_regex(paths)) for paths in by_first.values()]


class _ViewScreen:
    """The phrases, patterns and exceptions of one script, searched in one view."""

    def __init__(self, rules: _Rules) -> None:
        tries = _compile_tries(rules.phrases)
        self._searches = [*tries, *(rx for _label, rx in rules.patterns)]
        self._labels: list[str | None] = [None] * len(tries) + [label for label, _rx in rules.patterns]
        self._phrases = rules.phrases
        self._not_risk = _compile_trie(rules.not_risk)

    def find(self, view: str) -> str | None:
        """The label of the first risk match not covered by a not_risk match, or None."""
        found = [rx.search(view) for rx in self._searches]
        safe: _Spans | None = None
        while any(found):
            start = min(m.start() for m in found if m)
            if safe is None:
                safe = _Spans.find(self._not_risk, view)
            here = [i for i, m in enumerate(found) if m and m.start() == start]
            for i in here:
                m = found[i]
                if m and not safe.covers(start, m.end()):
                    return self._labels[i] or self._phrase_at(view, start, safe)
            for i in here:  # search on only where the match was ruled out: each regex scans the text once
                found[i] = self._searches[i].search(view, start + 1)
        return None

    def _phrase_at(self, view: str, start: int, safe: _Spans) -> str:
        for phrase in self._phrases:
            m = phrase.regex.match(view, start) if phrase.regex else None
            if m and not safe.covers(start, m.end()):
                return phrase.text
        return "phrases"  # a trie matched a little longer than any single phrase


@dataclass(frozen=True)
class _Spans:
    """not_risk matches, sorted, with the furthest end reached so far, for O(log n) containment checks."""

    starts: list[int]
    reach: list[int]

    @classmethod
    def find(cls, regex: re.Pattern[str] | None, view: str) -> _Spans:
        spans: list[tuple[int, int]] = []
        pos = 0
        while regex is not None and (m := regex.search(view, pos)):
            spans.append(m.span())
            pos = m.start() + 1
        return cls([a for a, _ in spans], list(accumulate((b for _, b in spans), max)))

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


class CrisisScreen:
    """Built once per content load from every language's crisis.yaml; ``screen`` is called on every message."""

    def __init__(self, rules: Mapping[Script, _Rules]) -> None:
        self._ja = _ViewScreen(rules["ja"])
        self._en = _ViewScreen(rules["en"])

    @classmethod
    def build(cls, crisis_by_lang: Mapping[str, Crisis]) -> CrisisScreen:
        """Compile the phrases, patterns and exceptions of all languages, e.g. ``{"ja": ..., "en": ...}``."""
        return cls(_collect(crisis_by_lang))

    def screen(self, text: str) -> CrisisResult:
        """Screen one message (its first ``MAX_SCREEN_CHARS`` characters) for suicide and self-harm risk."""
        folded = fold(text)
        label = None if folded.isascii() else self._ja.find(folded)
        if label is None:
            label = next((found for view in english_views(folded) if (found := self._en.find(view))), None)
        return NO_RISK if label is None else CrisisResult(True, label)


# --- content checks ---------------------------------------------------------------------------------------------

def check_crisis(crisis_by_lang: Mapping[str, Crisis], problems: Problems, files: Mapping[str, str]) -> None:
    """Checks for ``python -m bot check``: phrases that match nothing or everything, duplicates, idle exceptions."""
    risk_only = CrisisScreen(_collect(crisis_by_lang, with_not_risk=False))
    for lang, crisis in crisis_by_lang.items():
        file = files.get(lang, f"content/{lang}/crisis.yaml")
        phrases = [compile_phrase(p) for p in crisis.phrases]
        _check_lengths("phrases", phrases, file, problems)
        _check_caught(phrases, file, problems)
        for i, pattern in enumerate(crisis.patterns):
            if any(re.search(pattern, probe) for probe in ("", " ")):
                problems.error(file, None, f"patterns[{i}]",
                               f"{pattern!r} matches an empty message, so every message would be flagged")
        not_risk = [compile_phrase(p) for p in crisis.not_risk]
        _check_lengths("not_risk", not_risk, file, problems)
        seen: dict[tuple[str, str], int] = {}
        for i, phrase in enumerate(not_risk):
            first = seen.setdefault((phrase.script, phrase.key), i)
            if first != i:
                problems.warning(file, None, f"not_risk[{i}]", f"{phrase.text!r} is the same as not_risk[{first}] "
                                 f"{not_risk[first].text!r} once normalised; remove it")
            elif phrase.key and not risk_only.screen(phrase.text.replace("*", "")).hit:
                problems.warning(file, None, f"not_risk[{i}]",
                                 f"{phrase.text!r} contains no risk phrase or pattern, so it silences nothing")


def _letters(phrase: CompiledPhrase) -> int:
    return len(phrase.key.replace(" ", "").replace("*", ""))


def _check_lengths(name: str, phrases: Sequence[CompiledPhrase], file: str, problems: Problems) -> None:
    for i, phrase in enumerate(phrases):
        if _letters(phrase) < MIN_PHRASE_LETTERS:
            problems.error(file, None, f"{name}[{i}]",
                           f"{phrase.text!r} leaves {phrase.key!r} once width, kana, spaces and punctuation are "
                           f"normalised; a phrase needs at least {MIN_PHRASE_LETTERS} letters")


def _check_caught(phrases: Sequence[CompiledPhrase], file: str, problems: Problems) -> None:
    """Warn about a phrase that an other phrase of the file already catches (the later one of two equals)."""
    regexes = [p.regex if _letters(p) >= MIN_PHRASE_LETTERS else None for p in phrases]
    views = [p.view() for p in phrases]

    def catches(i: int, j: int) -> bool:
        rx = regexes[i]
        return rx is not None and phrases[i].script == phrases[j].script and rx.search(views[j]) is not None

    for j, phrase in enumerate(phrases):
        if regexes[j] is None:
            continue
        for i, other in enumerate(phrases):
            if i != j and catches(i, j) and (i < j or not catches(j, i)):
                problems.warning(file, None, f"phrases[{j}]",
                                 f"{phrase.text!r} is already caught by phrases[{i}] {other.text!r} (kana, width "
                                 f"and spelling variants are matched automatically); remove it")
                break
