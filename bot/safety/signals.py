"""The plan layer: weak signals that say little alone and a plan together.

People rarely name the act when they tell of a plan. They tell of arrangements: a day chosen ("Sunday is the day"),
things got ready ("everything's arranged"), affairs put in order (passwords left for a sister, the lease
cancelled), a place gone to (the top of the car park, 崖の上), means gathered (tablets collected, the train
times), and finality or concealment ("I won't need them", "nobody knows where I'll be", もう関係ない). No list of
sentences can hold all of these, but the kinds are few. So each kind is a word list in ``crisis.yaml``
(``signals``), and what counts is how many different kinds one message holds:

    a check-in (a weak rule, the learned layer) + two kinds, one of them strong  -> the full reply
    nothing found + two kinds, one of them strong                             -> a check-in
    nothing found + three kinds, two of them strong                           -> the full reply

Strong kinds are ``means``, ``place``, ``affairs`` and ``finality``; ``time`` and ``preparation`` alone are an
appointment or a trip. An everyday occasion in the message (``context.everyday``: a holiday, a wedding, the
clinic's appointment) keeps the full reply back, and so does anything the context layer decided (a topic, a
past that is over, an accident); when the message names someone else and never the writer, the carer reply is
given instead of the full one. The layer only raises the help; its reason lists the kinds that agreed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.schema import CrisisSignals
from bot.safety.rules import Analyse, Token, WordList, form_index
from bot.safety.tiers import Assessment

KINDS = ("time", "preparation", "affairs", "place", "means", "finality")
STRONG = frozenset({"affairs", "place", "means", "finality"})
"""Kinds that seldom meet in an ordinary message about appointments, trips and errands."""
KEEP = frozenset({"topic", "past_resolved", "generic", "accident", "everyday", "third_person"})
"""Context decisions the plan layer never overrides."""


@dataclass(frozen=True)
class SignalWords:
    """The compiled word lists of every kind, for one script."""

    lists: tuple[tuple[str, WordList], ...]

    @classmethod
    def compile(cls, signals: Sequence[CrisisSignals], analyse: Analyse | None = None) -> SignalWords:
        return cls(tuple((kind, WordList.compile((w for s in signals for w in getattr(s, kind)), analyse))
                         for kind in KINDS))

    def kinds(self, tokens: Sequence[Token]) -> frozenset[str]:
        """The kinds of signal the message holds anywhere."""
        if not tokens:
            return frozenset()
        index = form_index(tokens)
        return frozenset(kind for kind, words in self.lists
                         if any(words.ends_at(tokens, j) for j in words.starts(index)))


def raise_by_plan(found: Assessment, kinds: frozenset[str], *, everyday: bool, someone_else: bool,
                  exception: bool) -> Assessment:
    """``found`` raised by the kinds of signal that agree in the message (never lowered)."""
    if found.tier in ("definite", "carer") or exception or found.routed_by in KEEP:
        return found
    strong = kinds & STRONG
    if len(kinds) < 2 or not strong:
        return found
    rule = "plan:" + "+".join(sorted(kinds))
    full = found.tier == "check_in" or (len(kinds) >= 3 and len(strong) >= 2)
    if not full or everyday:
        if found.tier == "none":
            return Assessment("check_in", "signals", rule)
        return found
    if someone_else:
        return Assessment("carer", "signals", rule, found.reason())
    return Assessment("definite", "signals", rule, found.reason() if found.hit else None)
