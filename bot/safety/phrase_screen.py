"""The crisis screen's first, precise layer: listed phrases and patterns, in every spelling.

Both languages' lists in ``crisis.yaml`` are always applied (a user with English settings may type Japanese).
They are compiled once per content load; a search then costs a handful of regex scans, well under a
millisecond even for a full 4096-character message (``bench/crisis_eval.py``).

Matching rules, also told to staff in the crisis.yaml header:
- ``phrases``: see ``bot.safety.phrases`` (script decides the view; kana, width, spacing, repeats ignored).
- ``patterns``: regular expressions. One with any non-ASCII character is searched in the folded message (NFKC,
  lower case, otherwise as typed) when the message has a non-ASCII character; an ASCII-only one in the English
  view (``" i do not want to live "``).
- ``not_risk``: a risk match lying wholly inside a not_risk match is ignored (``死亡例`` cannot hide a
  ``死にたい`` elsewhere in the message).

A match is labelled with the phrase or pattern that matched, never the user's text, so it is safe to log.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from itertools import accumulate

from bot.content.schema import Crisis
from bot.safety.phrases import CompiledPhrase, Script, compile_phrase
from bot.text.trie import trie_regex

MIN_PHRASE_LETTERS = 2


@dataclass
class PhraseRules:
    """What one view is screened with."""

    phrases: list[CompiledPhrase] = dataclass_field(default_factory=list)
    patterns: list[tuple[str, re.Pattern[str]]] = dataclass_field(default_factory=list)
    not_risk: list[CompiledPhrase] = dataclass_field(default_factory=list)


def _pattern_script(pattern: str) -> Script:
    return "en" if pattern.isascii() else "ja"


def collect(crisis_by_lang: Mapping[str, Crisis], *, field: str = "phrases",
            with_not_risk: bool = True) -> dict[Script, PhraseRules]:
    """The phrases (or ``mentions``), patterns and exceptions of every language, sorted by the script they match."""
    rules: dict[Script, PhraseRules] = {"ja": PhraseRules(), "en": PhraseRules()}
    for lang, crisis in crisis_by_lang.items():
        for phrase in getattr(crisis, field):
            compiled = compile_phrase(phrase)
            rules[compiled.script].phrases.append(compiled)
        for i, pattern in enumerate(crisis.patterns if field == "phrases" else ()):
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


class ViewScreen:
    """The phrases, patterns and exceptions of one script, searched in one view."""

    def __init__(self, rules: PhraseRules) -> None:
        tries = _compile_tries(rules.phrases)
        self._searches = [*tries, *(rx for _label, rx in rules.patterns)]
        self._labels: list[str | None] = [None] * len(tries) + [label for label, _rx in rules.patterns]
        self._phrases = rules.phrases
        for phrase in self._phrases:
            _ = phrase.regex  # compiled now, at load, not while a patient's message waits (memoised across reloads)
        self._not_risk = _compile_trie(rules.not_risk)

    def find(self, view: str) -> str | None:
        """The label of the first risk match not covered by a not_risk match, or None."""
        return next((str(label) for label, _start, _end in self.find_iter(view)), None)

    def find_iter(self, view: str) -> Iterator[tuple[str | _LazyLabel, int, int]]:
        """Each risk match not covered by a not_risk match, in order: its label, where it starts and ends."""
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
                    yield self._labels[i] or _LazyLabel(self, view, start, safe), start, m.end()
                    break
            for i in here:  # search on from the next position: each regex scans the text once
                found[i] = self._searches[i].search(view, start + 1)

    def has_exception(self, view: str) -> bool:
        """Whether any not_risk phrasing occurs in ``view`` (the learned layer then stays quiet)."""
        return self._not_risk is not None and self._not_risk.search(view) is not None

    def covered(self, view: str) -> Callable[[int, int], bool]:
        """Whether a span of ``view`` lies wholly inside a not_risk match (rules honour the exceptions too)."""
        return _Spans.find(self._not_risk, view).covers

    def _phrase_at(self, view: str, start: int, safe: _Spans) -> str:
        for phrase in self._phrases:
            m = phrase.regex.match(view, start) if phrase.regex else None
            if m and not safe.covers(start, m.end()):
                return phrase.text
        return "phrases"  # a trie matched a little longer than any single phrase


@dataclass(frozen=True)
class _LazyLabel:
    """Which phrase matched, worked out only when someone asks (a long message may match hundreds of times)."""

    screen: ViewScreen
    view: str
    start: int
    safe: _Spans

    def __str__(self) -> str:
        return self.screen._phrase_at(self.view, self.start, self.safe)


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


