"""The plan layer: weak signals that say little alone and a plan together.

People rarely name the act when they tell of a plan. They tell of arrangements: a day chosen ("Sunday is the day"),
things got ready ("everything's arranged"), affairs put in order (passwords left for a sister, the lease
cancelled), a place gone to (the top of the car park, 崖の上), means gathered (tablets collected, the train
times), finality or concealment ("I won't need them", "nobody knows where I'll be", もう関係ない), a goodbye with
an apology. No list of sentences can hold all of these, but the kinds are few. So each kind is a word list in
``crisis.yaml`` (``signals``), and what counts is how many different kinds one message holds:

    a check-in (a weak rule, the learned layer) + two kinds                   -> the full reply
      (the writer's own intent, "i am going to", counts as a kind only here, beside a phrase or rule)
    nothing found + two kinds, one of them strong                             -> a check-in
    nothing found + three kinds, two of them strong (or finality, opportunity)  -> the full reply

Strong kinds are ``means``, ``place``, ``affairs``, ``finality`` and ``opportunity`` (nobody home), and
``farewell`` beside an apology or finality; ``time``, ``preparation`` and ``apology`` alone are an appointment, a
trip or manners. Two or more different affairs put in order count as two kinds (サブスクを解約して、身辺整理は
終わりました). An everyday occasion or talking again in the message (``context.everyday``: a holiday, fireworks,
また明日) keeps the layer out, and so does anything the context layer decided (a topic, a past that is over, an
accident) and a history that is over; a message nothing else flagged is left alone when a signal stands in a
question. When the message names someone else and never the writer (a person spoken to, 妹に, is not named), the
carer reply is given instead of the full one. The layer only raises the help; its reason lists the kinds that
agreed and keeps the reason of the finding it raised.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.content.schema import CrisisSignals
from bot.safety.rules import Analyse, Token, WordList, form_index
from bot.safety.tiers import Assessment

KINDS = ("time", "preparation", "affairs", "place", "means", "finality", "opportunity", "farewell", "apology",
         "intent")
STRONG = frozenset({"affairs", "place", "means", "finality", "opportunity", "farewell"})
"""Kinds that seldom meet in an ordinary message about appointments, trips and errands."""
KEEP = frozenset({"topic", "past_resolved", "generic", "accident", "everyday", "third_person", "hypothetical",
                  "bereaved", "animal"})
"""Context decisions the plan layer never overrides (an animal that jumped off a balcony today has no plan)."""
TELLING = frozenset({"finality", "opportunity"})
"""Kinds that tell of a plan by themselves once two more kinds agree (nobody home, I won't need them)."""
PARTING = frozenset({"apology", "finality"})
"""What makes a goodbye a parting (sorry for everything, bye; これで最後、さよなら)."""
MANY_AFFAIRS = "affairs+"
BESIDE_A_FINDING = frozenset({"intent"})
"""Kinds that count only beside a finding of the phrases or rules (``WORDED``): "i am going to" says nothing alone,
but beside a check-in for words of risk ("i can't go on, i'm going to the bridge") it is the writer's own intent."""
WORDED = frozenset({"phrases", "rules"})
"""The second kind counted when two different affairs are put in order in one message."""


@dataclass(frozen=True)
class Signals:
    """The kinds of signal one message holds, and where (token positions)."""

    kinds: frozenset[str]
    positions: tuple[int, ...]


NO_SIGNALS = Signals(frozenset(), ())


@dataclass(frozen=True)
class SignalWords:
    """The compiled word lists of every kind, for one script."""

    lists: tuple[tuple[str, WordList], ...]

    @classmethod
    def compile(cls, signals: Sequence[CrisisSignals], analyse: Analyse | None = None) -> SignalWords:
        return cls(tuple((kind, WordList.compile((w for s in signals for w in getattr(s, kind)), analyse))
                         for kind in KINDS))

    def find(self, tokens: Sequence[Token], index: Mapping[str, list[int]] | None = None) -> Signals:
        """The kinds of signal the message holds anywhere, with the positions where they start; nothing when
        fewer than two kinds could start at all (most messages), which is all the layer needs to know."""
        if not tokens:
            return NO_SIGNALS
        index = form_index(tokens) if index is None else index
        candidates = [(kind, words, starts) for kind, words in self.lists if (starts := words.starts(index))]
        if len(candidates) < 2:
            return NO_SIGNALS
        kinds: set[str] = set()
        positions: list[int] = []
        for kind, words, starts in candidates:
            found = sorted(j for j in starts if words.exact.intersection(tokens[j].forms) or words.ends_at(tokens, j))
            if kind == "finality":
                found = [j for j in found if not _availability(tokens, j)]
                found = [j for j in found if not _appointment_missed(tokens, j)]
            if not found:
                continue
            kinds.add(kind)
            positions += found
            if kind == "affairs" and _distinct(tokens, found) >= 2:
                kinds.add(MANY_AFFAIRS)
        return Signals(frozenset(kinds), tuple(positions))


def _availability(tokens: Sequence[Token], j: int) -> bool:
    """「土曜しか行けません」, 「来週なら行けます」: "can't go" after "only" or "if it is" tells which day suits
    an appointment, not a parting."""
    return j > 0 and bool(_ONLY_THEN.intersection(tokens[j - 1].forms)) and "行ける" in tokens[j].forms


_ONLY_THEN = frozenset({"しか", "なら", "だけ", "以外"})


def _appointment_missed(tokens: Sequence[Token], j: int) -> bool:
    """「予約の日に行けないかもしれません」, 「診察に行けません」: "can't go" to an appointment named a few words
    before tells of a missed visit, not a parting."""
    if "行ける" not in tokens[j].forms:
        return False
    return any(_APPOINTMENT.intersection(tokens[k].forms) for k in range(max(0, j - 4), j)
               if not tokens[k].boundary)


_APPOINTMENT = frozenset({"予約", "診察", "受診", "通院", "次回", "病院", "クリニック", "治療", "面談", "初診",
                          "カウンセリング", "学校", "塾", "仕事", "会社", "バイト", "部活"})


def _distinct(tokens: Sequence[Token], positions: Sequence[int]) -> int:
    """How many different words stand at the positions (the same word twice is one affair)."""
    return len({tokens[j].forms[-1] if tokens[j].forms else "" for j in positions})


def raise_by_plan(found: Assessment, kinds: frozenset[str], *, asks: Callable[[], bool], someone_else: bool,
                  exception: bool) -> Assessment:
    """``found`` raised by the kinds of signal that agree in the message (never lowered). ``asks`` says whether
    a signal stands in a question (worked out only when needed)."""
    if found.tier in ("definite", "carer") or exception or found.routed_by in KEEP:
        return found
    if found.layer not in WORDED:
        kinds -= BESIDE_A_FINDING  # "i'm going to the beach tomorrow" with a learned check-in says nothing more
    strong = kinds & (STRONG | {MANY_AFFAIRS})
    if "farewell" in strong and not kinds & PARTING:
        strong -= {"farewell"}  # "bye for now, talk tomorrow": a goodbye is strong only with an apology or finality
    if len(kinds) < 2 or (not strong and found.tier == "none"):
        return found
    rule = "plan:" + "+".join(sorted(kinds))
    if found.tier == "none":
        if asks():
            return found  # "what time is the last train from the bridge?": a question, not a plan
        if len(kinds) < 3 or not (len(strong) >= 2 or strong & TELLING):
            return Assessment("check_in", "signals", rule)  # "a hotel room by the sea for Friday" only asks
    if someone_else and "opportunity" not in kinds:  # 「親は留守」 names the parent as away, not at risk
        return Assessment("carer", "signals", rule, found.reason() if found.hit else None)
    return Assessment("definite", "signals", rule, found.reason() if found.hit else None)
