"""The text a regular expression cannot match without, read from the expression itself.

Most of the claims lint's patterns find nothing in most texts, yet trying each one costs a scan of the text: with
about a thousand patterns and six hundred texts, that scan was most of a start without the content cache. A pattern
such as ``\\b(won't|will not|never) regret\\b`` cannot match a text that lacks "regret", and ``"regret" in text`` is
far cheaper than the scan, so each pattern gets the strings of which any match holds at least one, and is tried
only on texts that hold one of them. The strings are read from the parsed expression: a run of literal characters
that every match passes through, or one such run from every branch of an alternation. Lookarounds, optional parts
and character classes require nothing; a pattern that ignores case, or whose every required run is too short to be
rare (under three letters, under two of Japanese), gets no strings and is always tried.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_MIN_LENGTH = 3
"""Shorter runs ("a", "no") are in nearly every text: they would cost a test and spare no scan. Two characters of
Japanese (韓国, 承認) are already rare enough."""
_MAX_STRINGS = 24
"""More alternatives than this and testing each would cost about as much as the scan."""

Strings = frozenset[str]


@lru_cache(maxsize=4096)
def required_strings(pattern: re.Pattern[str]) -> Strings:
    """Strings of which every match of ``pattern`` holds one; empty when no such set is known."""
    if pattern.flags & re.IGNORECASE:
        return frozenset()
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return frozenset()
    return _sequence(list(parsed)) or frozenset()


def _sequence(items: list[tuple[Any, Any]]) -> Strings | None:
    """The best choice among the sequence's literal runs and its required parts: the one whose shortest string is
    longest (the rarest in text)."""
    options: list[Strings] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if _long_enough(run):
            options.append(frozenset({"".join(run)}))
        run = []
        found = _item(op, av)
        if found:
            options.append(found)
    if _long_enough(run):
        options.append(frozenset({"".join(run)}))
    return max(options, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


def _long_enough(run: list[str]) -> bool:
    return len(run) >= (_MIN_LENGTH if all(ch.isascii() for ch in run) else 2)


def _item(op: Any, av: Any) -> Strings | None:
    if op is sre.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if not found:
                return None  # a branch that requires nothing makes the alternation require nothing
            out |= found
            if len(out) > _MAX_STRINGS:
                return None
        return frozenset(out)
    return None  # a class, any character, a lookaround, an anchor or a back-reference requires no text
