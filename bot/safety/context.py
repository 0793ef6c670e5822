"""The context layer: who a finding is about and whether it is current. It routes or downgrades, never silences.

    third person        someone else is at risk ("my son says he wants to die", 「娘が死にたいと言っています」)
                        -> the carer reply
    generic             a question about the topic ("can people with suicidal thoughts have TMS?",
                        「死にたい気持ちがある人も…」) -> a check-in
    past and resolved   a history that is over ("years ago …, now I am well") -> a check-in

All word lists come from ``context`` in crisis.yaml; the reading is deliberately simple and local: the nearest
``me`` or ``others`` word before the finding in its sentence decides whose risk it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.schema import CrisisContext
from bot.safety.rules import Analyse, Token, WordList, form_index
from bot.safety.sentences import QUESTION_MARK

LOOK_BACK = 8
"""Tokens before a finding searched for the person it is about."""
LOOK_AHEAD = 6
"""Tokens after a finding searched for a verb of saying or a reflexive (himself) that names someone else."""
GENERIC_AHEAD = 3
DENIAL_BEFORE = 3
"""Tokens before an English phrase in which "not" or "no" denies it."""
DENIAL_AFTER = 7
"""Tokens after a Japanese phrase in which a negated verb of thinking denies it."""
_ASCII_NEGATIONS = frozenset({"not", "no", "never"})
_THINKING = ("思う", "考える", "感じる", "ある")
_DAYS = frozenset({"日", "時", "時間", "瞬間", "夜", "朝"})
"""Tokens after a finding in which a generic subject (人, people) makes it a question about the topic."""


@dataclass(frozen=True)
class ContextWords:
    """The compiled word lists of one script."""

    others: WordList
    reporting: WordList
    me: WordList
    generic: WordList
    past: WordList
    resolved: WordList
    negation: WordList
    topic: WordList
    question: WordList
    thinking: WordList

    @classmethod
    def compile(cls, contexts: Sequence[CrisisContext], analyse: Analyse | None = None) -> ContextWords:
        def merged(name: str) -> WordList:
            return WordList.compile((word for context in contexts for word in getattr(context, name)), analyse)

        return cls(*(merged(name) for name in ("others", "reporting", "me", "generic", "past", "resolved",
                                                "negation", "topic", "question")),
                   WordList.compile(_THINKING, analyse))

    def third_person(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when the finding at ``start``..``end`` is said of someone other than the writer.

        The nearest person word before it in its sentence decides (「娘が死にたいと…」, "my son says he wants to
        die"); a verb of saying after it with someone named before it reports their words, even when the quoted
        words say "I" (「母が『私がいない方が』と言います」)."""
        first, last = _sentence(tokens, start)
        nearest_other = nearest_me = None
        for j in range(start - 1, max(first - 1, start - 1 - LOOK_BACK), -1):
            if nearest_me is None and self.me.ends_at(tokens, j):
                nearest_me = j
            if nearest_other is None and self.others.ends_at(tokens, j):
                nearest_other = j
        if nearest_other is not None and (nearest_me is None or nearest_other > nearest_me):
            return True
        after = range(end, min(last, end + LOOK_AHEAD))
        reported = any(self.reporting.ends_at(tokens, j) for j in after)
        if reported and any(self.others.ends_at(tokens, j) for j in range(first, start)):
            return True
        if nearest_me is not None:
            return False
        return reported or any(self.others.ends_at(tokens, j) for j in range(end, min(last, end + 2)))

    def denied(self, tokens: Sequence[Token], start: int, *, before: bool = True) -> bool:
        """True when the writer denies what a phrase found says: a negation just before it ("not suicidal",
        "no thoughts of harming myself"), or a verb of thinking negated after it (「死にたいとは思いません」)."""
        first, last = _sentence(tokens, start)
        for j in range(max(first, start - DENIAL_BEFORE), start if before else first):
            if self.negation.ends_at(tokens, j) and tokens[j].forms[0] in _ASCII_NEGATIONS:
                return True
        for j in range(start + 1, min(last, start + DENIAL_AFTER)):
            if self.thinking.ends_at(tokens, j):
                negated = [k for k in range(j + 1, min(last, j + 3)) if self.negation.ends_at(tokens, k)]
                return bool(negated) and not self._twice_negated(tokens, negated[0] + 1, last)
        return False

    def _twice_negated(self, tokens: Sequence[Token], i: int, last: int) -> bool:
        """「死にたいと思わない日はない」: "there is no day I do not think it" affirms it."""
        for j in range(i, min(last, i + 4)):
            if _DAYS.intersection(tokens[j].forms):
                return any(self.negation.ends_at(tokens, k) for k in range(j + 1, min(last, j + 4)))
        return False

    def near_generic(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when a generic subject stands right by the finding (「死にたい気持ちがある人」, "people who …")."""
        for j in range(end, min(len(tokens), end + GENERIC_AHEAD)):
            if tokens[j].boundary:
                break
            if self.generic.ends_at(tokens, j):
                return True
        for j in range(start - 1, max(-1, start - 1 - GENERIC_AHEAD), -1):
            if tokens[j].boundary:
                break
            if self.generic.ends_at(tokens, j):
                return True
        return False

    def writer_in_sentence(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` names the writer (私, I, my)."""
        first, last = _sentence(tokens, i)
        return any(self.me.ends_at(tokens, j) for j in range(first, last))

    def topical(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` speaks of the subject in general (統計, news, risk)."""
        first, last = _sentence(tokens, i)
        return any(self.topic.ends_at(tokens, j) for j in range(first, last))

    def asks(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` asks something: a question mark, a sentence-final か or
        ですか, or an English sentence opening with can, does, what …"""
        first, last = _sentence(tokens, i)
        if last < len(tokens) and QUESTION_MARK in tokens[last].forms:
            return True
        words = [j for j in range(first, last)]
        if not words:
            return False
        return bool(self.question.ends_at(tokens, words[-1])) or bool(self.question.ends_at(tokens, words[0]))

    def past_and_resolved(self, tokens: Sequence[Token]) -> bool:
        """True when the message speaks of a past time and of a settled present."""
        index = form_index(tokens)
        return _present(self.past, tokens, index) and _present(self.resolved, tokens, index)


def _sentence(tokens: Sequence[Token], i: int) -> tuple[int, int]:
    """The sentence around token ``i``: its first token and its closing boundary (or the end)."""
    first = i
    while first > 0 and not tokens[first - 1].boundary:
        first -= 1
    last = i
    while last < len(tokens) and not tokens[last].boundary:
        last += 1
    return first, last


def _present(words: WordList, tokens: Sequence[Token], index: dict[str, list[int]]) -> bool:
    return any(words.ends_at(tokens, j) for j in words.starts(index))
