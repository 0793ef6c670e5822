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

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.content.schema import CrisisContext
from bot.safety.rules import Analyse, Token, WordList, form_index, never_of_degree
from bot.safety.sentences import QUESTION_MARK

QUOTE_OPEN, QUOTE_CLOSE = "「", "」"

LOOK_BACK = 8
"""Tokens before a finding searched for the person it is about."""
LOOK_AHEAD = 6
_ON_A_BODY = frozenset({"on", "across", "over"})
"""Tokens after a finding searched for a verb of saying or a reflexive (himself) that names someone else."""
GENERIC_AHEAD = 3
DENIAL_BEFORE = 3
"""Tokens before an English phrase in which "not" or "no" denies it."""
DENIAL_REACH = 8
"""How far before a phrase a many-word denial ("not having any thoughts of") may start."""
DENIAL_AFTER = 7
"""Tokens after a Japanese phrase in which a negated verb of thinking denies it."""
_ASCII_NEGATIONS = frozenset({"not", "no", "never"})
_COMPULSION = frozenset({"stop", "help", "resist"})
_THINKING = ("思う", "考える", "感じる", "ある", "する")
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
    risk: WordList
    joking: WordList
    accident: WordList
    everyday: WordList
    hypothetical: WordList
    bereaved: WordList
    observer: WordList
    current: WordList
    present: WordList
    then: WordList
    story: WordList
    joining: WordList
    embarrassed: WordList
    body: WordList
    animals: WordList
    means: WordList
    _last: list[tuple[Sequence[Token], _Reading] | None] = field(default_factory=lambda: [None], compare=False,
                                                                 repr=False)

    def _read(self, tokens: Sequence[Token]) -> _Reading:
        """What each word list marks in this message, worked out once per message (the last one is kept)."""
        last = self._last[0]
        if last is None or last[0] is not tokens:
            last = (tokens, _Reading.of(self, tokens))
            self._last[0] = last
        return last[1]

    def forget(self) -> None:
        """Drop the last message's reading: it holds the message's words, and a reference back to these lists that
        would keep an old snapshot alive after a reload (the collector is kept off long-lived objects)."""
        self._last[0] = None

    def _at(self, tokens: Sequence[Token], name: str, j: int) -> bool:
        return j in self._read(tokens).marks[name]

    def _any(self, tokens: Sequence[Token], name: str, start: int, stop: int) -> bool:
        """True when a word of list ``name`` starts at a token in ``start``..``stop`` (few tokens are marked, so the
        marks are searched rather than the tokens)."""
        return any(start <= j < stop for j in self._read(tokens).marks[name])

    def _bounds(self, tokens: Sequence[Token], i: int) -> tuple[int, int]:
        reading = self._read(tokens)
        return reading.first[i], reading.last[i]

    @classmethod
    def compile(cls, contexts: Sequence[CrisisContext], analyse: Analyse | None = None) -> ContextWords:
        def merged(name: str) -> WordList:
            return WordList.compile((word for context in contexts for word in getattr(context, name)), analyse)

        return cls(others=merged("others"), reporting=merged("reporting"), me=merged("me"),
                   generic=merged("generic"), past=merged("past"), resolved=merged("resolved"),
                   negation=merged("negation"), topic=merged("topic"), question=merged("question"),
                   thinking=WordList.compile(_THINKING, analyse), risk=merged("risk"), joking=merged("joking"),
                   accident=merged("accident"), everyday=merged("everyday"),
                   hypothetical=merged("hypothetical"), bereaved=merged("bereaved"), observer=merged("observer"),
                   current=merged("current"), present=merged("present"),
                   then=merged("then"), story=merged("story"),
                   joining=merged("joining"), embarrassed=merged("embarrassed"), body=merged("body"),
                   animals=merged("animals"), means=merged("means"))

    def third_person(self, tokens: Sequence[Token], start: int, end: int, *, carry: bool = True) -> bool:
        """True when the finding at ``start``..``end`` is said of someone other than the writer.

        The nearest person word before it in its sentence decides (「娘が死にたいと…」, "my son says he wants to
        die"); a verb of saying after it with someone named before it reports their words, even when the quoted
        words say "I" (「母が『私がいない方が』と言います」)."""
        first, last = self._bounds(tokens, start)
        quote = _quote_start(tokens, first, start)
        if quote is not None and self._any(tokens, "others", first, quote):
            return True  # 「…」 after someone named: their words, even when they say 私
        if quote is not None and self._quoted_in_a_story(tokens, first, quote, start, last):
            return True  # 「夫のことです。最近『俺がいなくなれば…』と言うようになり」
        if self._speakers_wish(tokens, start, end, last):
            return False  # 「子どもがいるけど、もう死にたい」: a bare たい or 死のうと is the writer's own
        writer = self._read(tokens).writer
        if self._on_writers_body(tokens, end, last, writer):
            return False  # "my son found fresh cuts on my arms": the marks are on the writer
        if self._owned_inside(tokens, start, end, writer):
            return True  # "fresh cuts on my son's arms": the body the finding names is someone else's
        if self._generic_subject(tokens, first, start):
            return False  # "why do people cut themselves?": a question about the topic, not someone known
        nearest_other = nearest_me = None
        for j in range(start - 1, max(first - 1, start - 1 - LOOK_BACK), -1):
            if nearest_me is None and j in writer:
                nearest_me = j
            if nearest_other is None and self._at(tokens, "others", j) and (
                    not _addressed(tokens, j) or _follows(tokens, j, "who")):  # "help a friend who wants to die"
                nearest_other = j
        if start in writer and tokens[start].forms[:1] == ("i",):
            return False  # "my sister keeps saying I'm a burden and I want to kill myself": it opens with the writer
        if nearest_other is not None and _when_they_are_gone(tokens, nearest_other, start):
            nearest_other = None  # 「親が旅行に行ったら実行する」: the parent says when, the act is the writer's
        if self._said_before(tokens, first, start, end, writer):
            return True  # "someone in my server said they're going to end it tonight"
        if nearest_other is not None and (nearest_me is None or nearest_other > nearest_me):
            return True
        after = range(end, min(last, end + LOOK_AHEAD))
        said = [j for j in after if self._at(tokens, "reporting", j) and not self._writer_tells(tokens, end, j)]
        reported = bool(said) and not any(end <= j < said[0] for j in writer)  # not "… everything I said"
        if reported and self._any(tokens, "others", first, start):
            return True
        if nearest_me is not None:
            return False
        if self._modifies_other(tokens, end, last):
            return True  # 「先月自殺未遂をした17歳の娘」: a clause that describes her
        if reported or self._any(tokens, "others", end, min(last, end + 2)) or self._on_others_body(tokens, end, last):
            return True
        if self._found_in_a_story(tokens, start, end, first, last):
            return True  # the writer words of the sentence are all inside a quotation (checked there)
        return carry and not any(first <= j < last for j in writer) and self._told_of_other(tokens, first, last)

    def done_by_an_animal(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when the nearest one named before a finding in its sentence is an animal, not a person or the
        writer ("my cat jumped off the balcony railing", 「猫がベランダから飛び降りた」). Animals do not wish: a
        wish in the finding (「猫を見てたら死にたくなった」) or the writer inside it ("… and I want to jump too") is
        the writer's own."""
        marks = self._read(tokens).marks
        if not marks["animals"]:
            return False
        first = self._bounds(tokens, start)[0]
        writer = self._read(tokens).writer
        stop = min(len(tokens), self._bounds(tokens, start)[1] + 1)
        span = range(start, stop)
        writer_wishes = any(start <= j < stop for j in writer) and any(
            _WISH_EN.intersection(tokens[k].forms) for k in span)
        if writer_wishes or any(_WISH_JA.intersection(tokens[k].forms) for k in span):
            return False  # a bare たい is the writer's own; in English the writer says it ("and I want to … too")
        for j in range(start - 1, max(first - 1, start - 1 - LOOK_BACK), -1):
            if j in writer or j in marks["others"]:
                return False
            if j in marks["animals"]:
                return not _addressed(tokens, j)
        return False

    def writers_own(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when the writer is plainly the one the finding is about: a writer word is the nearest person before
        it in its sentence ("my daughter found my note, I still want to die"), one stands inside it ("cut my
        arms"), or the marks are placed on the writer's body. A message that also names someone else then stays
        the full reply (the learned layer does not route it to the carer reply)."""
        first, last = self._bounds(tokens, start)
        writer = self._read(tokens).writer
        if (self._any(tokens, "reporting", first, last) and not self._own_clause(tokens, first, start, writer)) or \
                _quote_start(tokens, first, start) is not None:
            return False  # "my brother said 'I'm done …'": whose words they are is the carer reply's to decide
        if any(start <= j < end for j in writer) or self._on_writers_body(tokens, end, last, writer):
            return True
        for j in range(start - 1, max(first - 1, start - 1 - LOOK_BACK), -1):
            if j in writer:
                return _subject(tokens, j)
            if self._at(tokens, "others", j) and not _addressed(tokens, j):
                return False
        return False

    def _own_clause(self, tokens: Sequence[Token], first: int, start: int, writer: frozenset[int]) -> bool:
        """The finding opens a clause of the writer's own after every verb of saying in its sentence: "and I"
        or "but I" between them ("my sister keeps saying I'm a burden and I want to kill myself")."""
        said = [k for k in self._read(tokens).marks["reporting"] if first <= k < start]
        if not said or self._any(tokens, "reporting", start, self._bounds(tokens, start)[1]):
            return False
        return any(said[-1] < j <= start and j in writer and tokens[j].forms[:1] == ("i",)
                   and _CLAUSE_JOIN.intersection(tokens[j - 1].forms) for j in range(said[-1] + 2, start + 1))

    def prescribed_dose(self, tokens: Sequence[Token], start: int) -> bool:
        """True for "od" written after a dose ("50mg OD", "20 mg od", "1 tablet OD"): a prescription's "once
        daily", not an overdose, so no finding at all."""
        if start >= len(tokens) or tokens[start].forms[:1] != ("od",) or start == 0:
            return False
        before = tokens[start - 1].forms[:1]
        if not before:
            return False
        if _DOSE.fullmatch(before[0]):
            return True
        return before[0] in _DOSE_UNITS and start > 1 and tokens[start - 2].forms[:1] != () and \
            tokens[start - 2].forms[0].replace(".", "").isdigit()

    def _on_writers_body(self, tokens: Sequence[Token], end: int, last: int, writer: frozenset[int]) -> bool:
        """An English mark placed on the writer's own body right after the finding ("… found fresh cuts on my
        arms"): a place word, then a writer word that owns no one (``my son`` is someone else's)."""
        for k in range(end, min(last - 1, end + 2)):
            if tokens[k].forms[:1] and tokens[k].forms[0] in _ON_A_BODY:
                return k + 1 in writer and not self._any(tokens, "others", k + 2, min(last, k + 4))
        return False

    def _owned_inside(self, tokens: Sequence[Token], start: int, end: int, writer: frozenset[int]) -> bool:
        """A part of the body in or right after the finding owned by someone the writer names ("cuts on my son's
        arms", "burns on her wrists", 「娘の腕に新しい傷」), and no writer word between them: a rule that reads
        "my … arms" has met a body that belongs to the person the writer names."""
        reading = self._read(tokens)
        last = reading.last[start]
        for b in reading.marks["body"]:
            if not start < b <= min(last - 1, end + 1):
                continue
            owner = [j for j in reading.marks["others"] if b - 3 <= j < b and j >= reading.first[start]]
            if owner and not any(max(owner) < j < b for j in writer) and not _addressed(tokens, max(owner)):
                return True
        return False

    def _generic_subject(self, tokens: Sequence[Token], first: int, start: int) -> bool:
        """A generic subject ("people", "those who", 「…人」) is the nearest person before the finding: whoever
        "themselves" is, it is a question about the topic, not someone the writer knows."""
        reading = self._read(tokens)
        for j in range(start - 1, max(first - 1, start - 1 - GENERIC_AHEAD), -1):
            if j in reading.writer or self._at(tokens, "others", j):
                return False
            if self._at(tokens, "generic", j):
                return True
        return False

    def _said_before(self, tokens: Sequence[Token], first: int, start: int, end: int,
                     writer: frozenset[int]) -> bool:
        """An English verb of saying before the finding, someone named before it and the writer nowhere between
        them and the finding nor inside it: their words reported ("my mate said they're going to end it tonight");
        "my sister keeps saying I'm a burden and I want to kill myself" is the writer's own wish."""
        if not tokens[start].forms[:1] or not tokens[start].forms[0].isascii():
            return False
        said = [k for k in self._read(tokens).marks["reporting"] if first <= k < start]
        if not said or any(said[-1] < j < start or start <= j < end for j in writer):
            return False
        return any(first <= j < said[-1] and not _addressed(tokens, j) for j in self._read(tokens).marks["others"])

    def _on_others_body(self, tokens: Sequence[Token], end: int, last: int) -> bool:
        """An English mark or act placed on someone else's body right after the finding ("I found fresh cuts on my
        14-year-old's arms", "burns all over her son's wrist"): a place word, then the person within a few words."""
        for k in range(end, min(last, end + 2)):
            if tokens[k].forms[:1] and tokens[k].forms[0] in _ON_A_BODY:
                return self._any(tokens, "others", k + 1, min(last, k + 4))
        return False

    def _modifies_other(self, tokens: Sequence[Token], end: int, last: int) -> bool:
        """A Japanese finding inside a clause that describes a person after it (「自殺未遂をした娘」, 「リスカを
        繰り返している息子」): a verb ending the clause right before the person, and no particle between that
        would start another part of the sentence."""
        for k in range(end, min(last, end + 8)):
            forms = tokens[k].forms
            if not forms or (forms[0].isascii() and not forms[0].isdigit()) or _CLAUSE_BREAK.intersection(forms):
                return False
            if self._at(tokens, "others", k):
                return any(_ATTRIBUTIVE.intersection(tokens[i].forms) for i in range(end, k))
            if k in self._read(tokens).writer:
                return False
        return False

    def _speakers_wish(self, tokens: Sequence[Token], start: int, end: int, last: int) -> bool:
        """True for a Japanese wish or resolve (たい, 死のうと) that nothing reports or hears (言う, らしい, みたい,
        よう): Japanese says another person's wish through those, so a bare one is the writer's own."""
        span = range(start, min(last, end + 2))
        wish = any("たい" in tokens[k].forms for k in span) or any(
            _volitional(tokens[k].forms) and _follows(tokens, k, "と") and not _tried(tokens, k + 2) for k in span)
        if not wish or tokens[start].forms[:1] == () or tokens[start].forms[0].isascii():
            return False
        return not any((self._at(tokens, "reporting", k) and not self._writer_tells(tokens, end, k))
                       or _HEARSAY.intersection(tokens[k].forms) for k in range(end, last))

    def _writer_tells(self, tokens: Sequence[Token], end: int, k: int) -> bool:
        """``_writer_tells``, unless the one told is the writer (「息子が死にたいと私に言いました」) or someone named
        before the words is the one who said them (「娘が死にたいと先生に話した」)."""
        marks = self._read(tokens).marks
        first = self._bounds(tokens, max(0, end - 1))[0]
        told = _writer_tells(tokens, end, k) or self._listener_told(tokens, first, end, k) or \
            _names_a_feeling(tokens, k)
        return told and not any(max(end, k - 4) <= j < k for j in marks["me"]) and \
            not any(first <= j < end and not _addressed(tokens, j) for j in marks["others"])

    def _quoted_in_a_story(self, tokens: Sequence[Token], first: int, quote: int, start: int, last: int) -> bool:
        """Japanese words in 「…」 with a verb of saying after them, in a sentence naming nobody outside the
        quotation, in a message that names someone else before it and the writer nowhere outside quotations: the
        person the message is about said them (「夫のことです。…最近『俺がいなくなれば』と言うようになり」)."""
        close = next((k for k in range(start, last) if QUOTE_CLOSE in tokens[k].forms), None)
        if close is None or not self._any(tokens, "reporting", close + 1, min(last, close + 4)):
            return False
        if self._any(tokens, "others", close + 1, last):
            return False  # someone named after it: left to the rest
        return self._story_of_other(tokens, first)

    def _story_of_other(self, tokens: Sequence[Token], first: int) -> bool:
        """The message names someone else before the sentence at ``first`` and the writer nowhere outside a
        quotation: what it tells is about that person."""
        reading = self._read(tokens)
        if any(_quote_start(tokens, reading.first[j], j) is None for j in reading.marks["me"]):
            return False
        return any(j < first and not _addressed(tokens, j) for j in reading.marks["others"])

    def _found_in_a_story(self, tokens: Sequence[Token], start: int, end: int, first: int, last: int) -> bool:
        """A Japanese finding the writer came upon (見つける, 気づく after it, no wish in it) in a sentence naming
        nobody, in a message about someone else: theirs (「夫のことです。…昨日は遺書のような手紙を見つけました」)."""
        if not tokens[start].forms[:1] or tokens[start].forms[0].isascii():
            return False
        if not self._any(tokens, "observer", end, last) or self._speakers_wish(tokens, start, end, last):
            return False
        return self._story_of_other(tokens, first)

    def _told_of_other(self, tokens: Sequence[Token], first: int, last: int) -> bool:
        """A sentence naming nobody, in a message about someone else: the person of the sentence before
        ("My daughter is 16. Been cutting for months."). English only: Japanese leaves the writer unsaid
        (「息子が不登校です。もう死にたいです」 is the writer's own wish)."""
        if first == 0 or not tokens[first].forms[:1] or not tokens[first].forms[0].isascii():
            return False
        return self.about_someone_else(tokens) and self._any(tokens, "others", 0, first)

    def denied(self, tokens: Sequence[Token], start: int, *, before: bool = True) -> bool:
        """True when the writer denies what a phrase found says: a negation just before it ("not suicidal",
        "no thoughts of harming myself"), or a verb of thinking negated after it (「死にたいとは思いません」)."""
        first, last = self._bounds(tokens, start)
        for j in range(max(first, start - DENIAL_REACH), start if before else first):
            if not self._at(tokens, "negation", j) or not set(tokens[j].forms) & _ASCII_NEGATIONS:
                continue
            if j + 1 < len(tokens) and set(tokens[j + 1].forms) & _COMPULSION:
                continue  # "I can't stop pulling my hair out" is no denial
            if never_of_degree(tokens, j):
                continue  # "I have never been this suicidal" measures, it does not deny
            if j >= start - DENIAL_BEFORE or start in self.negation.ends_at(tokens, j):
                return True  # "not suicidal", or a longer denial that ends right before it ("no thoughts of")
        if self._act_denied(tokens, start, last):
            return True  # 「自傷はしていません」, 「切っていない」: the act itself denied
        if self._listed_denied(tokens, start, last):
            return True  # 「死にたいとかはない」, 「傷つけたいなんてない」: named to be denied
        for j in range(start + 1, min(last, start + DENIAL_AFTER)):
            if self._at(tokens, "thinking", j):
                negated = [k for k in range(j + 1, min(last, j + 5)) if self._at(tokens, "negation", k)]
                if negated and any("しか" in tokens[k].forms for k in range(start, negated[0])):
                    return False  # 「死にたい、それしか考えられない」: "I can think of nothing else" affirms it
                return bool(negated) and not self._twice_negated(tokens, negated[0] + 1, last)
        return False

    def _act_denied(self, tokens: Sequence[Token], start: int, last: int) -> bool:
        """「自傷はしていません」, 「切っていない」: a negation after the verb at ``start`` (a conjugated form, する,
        or a noun then は/を する), over て・い・は; not a phrase that holds its own negation
        (「私なんかいない方が」)."""
        forms = tokens[start].forms
        j = start + 1
        if not (len(forms) > 1 or "為る" in forms or "する" in forms):
            if j + 1 < last and tokens[j].forms[:1] in (("は",), ("を",), ("も",)) and "為る" in tokens[j + 1].forms:
                j += 2  # 「自傷はしていない」: the noun, then する
            else:
                return False
        while j < last and _PROGRESSIVE.intersection(tokens[j].forms):
            j += 1
        return j > start + 1 and j < last and self._at(tokens, "negation", j)

    def named_to_deny(self, tokens: Sequence[Token], last_word: int) -> bool:
        """The finding ending at ``last_word`` is named only to be denied (``_listed_denied``): a check-in the
        learned layer does not raise. A negation inside the finding (「もう心残りはない」) is its own and no denial."""
        return self._listed_denied(tokens, last_word, self._bounds(tokens, last_word)[1])

    def corrected(self, tokens: Sequence[Token], end: int) -> bool:
        """The writer takes the word back at once: 「遺書…じゃなくて遺言書」, 「首をつる、じゃなくて首が『つる』」:
        じゃなくて or ではなく right after the finding's last word (``end``), across at most one sentence end
        (「遺書…じゃなくて」). Not after a verb of it (「遺書を書いた。じゃなくて、書き終えた」), and another finding
        after the correction is read on its own."""
        k = end + (end < len(tokens) and tokens[end].boundary)
        if k + 1 >= len(tokens):
            return False
        forms, after = set(tokens[k].forms), set(tokens[k + 1].forms)
        if forms & {"じゃ", "では"} and "なく" in after:
            return True
        return "で" in forms and "は" in after and k + 2 < len(tokens) and "なく" in tokens[k + 2].forms

    def titled(self, tokens: Sequence[Token], start: int) -> bool:
        """The finding is the name of something: "a play called The Last Goodbye", "a song titled …" (called, titled
        or named just before it, over "the" or "a")."""
        first = self._bounds(tokens, start)[0]
        k = start - 1
        while k > first and tokens[k].forms[:1] in (("the",), ("a",)):
            k -= 1
        return k >= first and bool(_TITLED.intersection(tokens[k].forms[:1]))

    def as_if(self, tokens: Sequence[Token], last_word: int) -> bool:
        """「電車から飛び降りる勢いで走った」, 「死ぬ勢いで働いた」: 勢い (with the force of) right after the finding's
        last word makes it a picture of speed or effort."""
        k = last_word + 1
        return k < len(tokens) and bool(_AS_IF.intersection(tokens[k].forms))

    def treatment_finished(self, tokens: Sequence[Token]) -> bool:
        """The message says a course of treatment ended (「今日で最後の治療が終わりました」, "Last session today!"):
        a goodbye in it is to the staff. Only weak findings (a goodbye rule) are read in its light, and only when
        every word of risk in the message is one of farewell or ending (「今夜死にます」 beside it leaves the learned
        layer free to raise it)."""
        if any(not _FAREWELL_RISK.intersection(tokens[k].forms) for k in self.risk_words(tokens)):
            return False
        reading = self._read(tokens)
        for j, token in enumerate(tokens):
            if not _TREATMENT.intersection(token.forms):
                continue
            first, last = reading.first[j], reading.last[j]
            if any(_FINISHED.intersection(tokens[k].forms) for k in range(max(first, j - 3), min(last, j + 4))):
                return True
        return False

    def _listed_denied(self, tokens: Sequence[Token], start: int, last: int) -> bool:
        """「死にたいとかはないです」, 「死にたいとかはありません」, 「死にたいわけではない」: after the finding only
        particles of listing or of a point made (とか, は, も, わけ) before a negation, so what was found is named to
        be denied. One such particle is needed: 「死にたいじゃない？」 (a tag question) is no denial. A wish (たい) in
        the finding is where the listing starts: 「自分を傷つけたいとかはないです」."""
        marked = False
        start = next((k for k in range(start, min(last, start + DENIAL_AFTER)) if "たい" in tokens[k].forms), start)
        for j in range(start + 1, min(last, start + 8)):
            forms = set(tokens[j].forms)
            if self._at(tokens, "negation", j):
                return marked and not self._twice_negated(tokens, j + 1, last) and not self._not_that(tokens, j, last)
            if forms & _POINT_MADE:
                marked = True
            elif not forms & _LISTING:
                return False
        return False

    def _not_that(self, tokens: Sequence[Token], j: int, last: int) -> bool:
        """「死にたいとか思わないわけじゃない」: "it is not that I do not", a negation after the negation at ``j``."""
        return any(set(tokens[k].forms) & {"訳", "わけ"} and self._any(tokens, "negation", k + 1, min(last, k + 4))
                   for k in range(j + 1, min(last, j + 4)))

    def _twice_negated(self, tokens: Sequence[Token], i: int, last: int) -> bool:
        """「死にたいと思わない日はない」: "there is no day I do not think it" affirms it."""
        for j in range(i, min(last, i + 4)):
            if _DAYS.intersection(tokens[j].forms):
                return self._any(tokens, "negation", j + 1, min(last, j + 4))
        return False

    def about_someone_else(self, tokens: Sequence[Token]) -> bool:
        """The whole message names someone else and never the writer (for a finding only the model made)."""
        if not tokens:
            return False
        marks = self._read(tokens).marks
        named = [j for j in marks["others"] if not _addressed(tokens, j)]  # 「妹に手紙を書いた」 is to her
        return bool(named) and not any(_subject(tokens, j) for j in self._read(tokens).writer)

    def speaker(self, tokens: Sequence[Token]) -> Literal["other", "writer"] | None:
        """Who speaks the quotation these words open: the nearest person before their last verb of saying or
        messaging ("my friend texted me:" -> other, "my son keeps saying" -> other, "I told my mum" -> writer), or
        None when no verb of saying ends them."""
        if not tokens:
            return None
        marks = self._read(tokens).marks
        said = [j for j in marks["reporting"] if self._bounds(tokens, j)[1] >= len(tokens) - 1]
        if not said:
            return None
        verb = max(said)
        others = [j for j in marks["others"] if j < verb and not _addressed(tokens, j)]
        me = [j for j in marks["me"] if j < verb]
        if others and (not me or max(others) > max(me)):
            return "other"
        return "writer" if me else None

    def names_other(self, tokens: Sequence[Token]) -> bool:
        """The message names someone other than the writer anywhere (for the learned layer's carer head)."""
        return bool(tokens) and bool(self._read(tokens).marks["others"])

    def _in_sentence(self, tokens: Sequence[Token], i: int, mark: str) -> bool:
        """True when the sentence around token ``i`` holds a word of the ``mark`` list."""
        first, last = self._bounds(tokens, i)
        return self._any(tokens, mark, first, min(len(tokens), last + 1))

    def jokes(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` holds a joke marker (笑, lol)."""
        return self._in_sentence(tokens, i, "joking")

    def accidental(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` tells of an accident or an everyday task (shaving, 料理中),
        and not of doing it on purpose ("I burn myself on the stove on purpose") nor of an accident only claimed
        ("she says it was a cooking accident but there are a lot of them")."""
        if not self._in_sentence(tokens, i, "accident"):
            return False
        first, last = self._bounds(tokens, i)
        return not any((_ON_PURPOSE | _CLAIMED).intersection(tokens[k].forms)
                       for k in range(first, min(last + 1, len(tokens))))

    def everyday_in_sentence(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` tells of an everyday occasion (a holiday, fireworks, 予約)."""
        first, last = self._bounds(tokens, i)
        return any(first <= j <= last for j in self._occasions(tokens)) and not self._everyday_denied(tokens)

    def _occasions(self, tokens: Sequence[Token]) -> list[int]:
        """The everyday words that tell of the writer's occasion. Left out: a dose exceeded ("way more than my
        prescribed dose"), someone else's trip that leaves the writer alone (「家族が旅行でいない日に」, "while my
        parents are away on holiday") and a drink named as tablets ("caffeine pills", 「カフェイン錠」): those are
        the act, its opportunity and its means, not an occasion."""
        out = []
        for j in self._read(tokens).marks["everyday"]:
            if self._names_means_after(tokens, j):
                continue
            first, last = self._bounds(tokens, j)
            before = [tokens[k].forms[0] for k in range(max(first, j - 3), j) if tokens[k].forms]
            after = [form for k in range(j + 1, min(last, j + 4)) for form in tokens[k].forms]
            if _EXCEEDED.intersection(before) or _AWAY.intersection(before) or _others_leave(tokens, first, j):
                continue
            if ("居る" in after and "ない" in after) or "留守" in after:
                continue
            if _ONCE.intersection(after) and _JA_GOING.intersection(after) and any(
                    self._at(tokens, "others", m) for m in range(max(first, j - 3), j)):
                continue  # 「親が旅行に行ったら」: the parent's trip, when the writer is alone
            out.append(j)
        return out

    def _names_means_after(self, tokens: Sequence[Token], j: int) -> bool:
        """The everyday word at ``j`` is followed at once by a means (``means``: pills, 錠): it names what they are."""
        after = max(self.everyday.ends_at(tokens, j), default=j + 1)
        return after < len(tokens) and self._at(tokens, "means", after)

    def _everyday_denied(self, tokens: Sequence[Token]) -> bool:
        """The message denies an everyday occasion it names ("told my wife it was for camping. It isn't for
        camping."): the cover story is no occasion."""
        return any(any(set(tokens[k].forms) & _ASCII_NEGATIONS for k in range(max(0, j - 3), j))
                   for j in self._read(tokens).marks["everyday"])

    def urge(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when the finding is told as an urge that came over the writer (「線路に飛び込みたくなった」, "felt
        the urge to jump"): an everyday occasion or task around it is where it happened, not what it means."""
        last = self._bounds(tokens, start)[1]
        for k in range(start, min(last, end + 2)):
            if "たい" in tokens[k].forms and k + 1 < last and "なる" in tokens[k + 1].forms:
                return True
        first = self._bounds(tokens, start)[0]
        return any(_URGE_EN.intersection(tokens[k].forms) for k in range(max(first, start - 3), start + 1))

    def hypothetical_in_sentence(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` supposes a case (if a friend, 言われたら)."""
        return self._in_sentence(tokens, i, "hypothetical")

    def bereaved_near(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when a death that has happened is told right around the finding (died by suicide, killed himself)."""
        first, last = self._bounds(tokens, start)
        if self._any(tokens, "bereaved", max(first, start - 3), min(last, end + 3)):
            return True
        return start > first and "to" in tokens[start - 1].forms and bool(_LOSS_BY.intersection(tokens[start].forms)) \
            and any(  # "lost my uncle to suicide"
            "lose" in tokens[k].forms or "lost" in tokens[k].forms for k in range(max(first, start - 6), start - 1))

    def names_bereaved(self, tokens: Sequence[Token]) -> bool:
        """The message tells of a death that has happened anywhere (so it is not read as someone's words)."""
        return bool(tokens) and bool(self._read(tokens).marks["bereaved"])

    def names_everyday(self, tokens: Sequence[Token]) -> bool:
        """The message tells of an everyday occasion anywhere (which keeps plan signals from the full reply)."""
        return bool(tokens) and bool(self._occasions(tokens)) and not self._everyday_denied(tokens)

    def index(self, tokens: Sequence[Token]) -> dict[str, list[int]]:
        """The message's form index, built once per message with the context reading."""
        return self._read(tokens).index

    def names_risk(self, tokens: Sequence[Token]) -> bool:
        """The message holds a word of risk itself (``risk``: die, pills, bridge), for the learned layer."""
        return bool(tokens) and bool(self._read(tokens).marks["risk"])

    def risk_words(self, tokens: Sequence[Token]) -> Sequence[int]:
        """Where the words of risk itself stand (``risk``: die, pills, bridge)."""
        return sorted(self._read(tokens).marks["risk"]) if tokens else ()

    def accident_beside_risk(self, tokens: Sequence[Token]) -> bool:
        """A sentence tells of an accident or an everyday task (``accident``: 料理中, shaving) beside a word of
        risk, for the model: an accident in another sentence changes nothing."""
        if not tokens:
            return False
        reading = self._read(tokens)
        risk_sentences = {reading.first[k] for k in reading.marks["risk"]}
        return any(reading.first[j] in risk_sentences for j in reading.marks["accident"])

    def near_generic(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when a generic subject stands right by the finding (「死にたい気持ちがある人」, "people who …")."""
        for j in range(end, min(len(tokens), end + GENERIC_AHEAD)):
            if tokens[j].boundary:
                break
            if self._at(tokens, "generic", j):
                return True
        for j in range(start - 1, max(-1, start - 1 - GENERIC_AHEAD), -1):
            if tokens[j].boundary:
                break
            if self._at(tokens, "generic", j):
                return True
        return False

    def writer_in_sentence(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` names the writer (私, I, my)."""
        first, last = self._bounds(tokens, i)
        return self._any(tokens, "me", first, last)

    def topical(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` speaks of the subject in general (統計, news, risk)."""
        first, last = self._bounds(tokens, i)
        return self._any(tokens, "topic", first, last)

    def asks(self, tokens: Sequence[Token], i: int) -> bool:
        """True when the sentence around token ``i`` asks something: a question mark, a sentence-final か or
        ですか, or an English sentence opening with can, does, what …"""
        first, last = self._bounds(tokens, i)
        if last < len(tokens) and QUESTION_MARK in tokens[last].forms:
            return True
        words = [j for j in range(first, last)]
        if not words:
            return False
        final = tokens[words[-1]].forms[:1]
        if final and not final[0].isascii() and self._at(tokens, "question", words[-1]):
            return True  # a sentence-final か, ですか; English "… what to do" ends with no question word
        return bool(self._at(tokens, "question", words[0]))

    def told_as_past(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when a finding is told of a past time and the message keeps it there: a past time and a past verb
        in its sentence ("Back in college I thought about dying a lot", 「2019年にODで入院したことがあります」), no
        word of the present in that sentence, nothing present or recurring anywhere (``current``: still, again,
        まだ, 最近), and the present set apart somewhere (a settled present, "now" or 今は in another sentence, or a
        question). A wish in the present ("I want to die") is never read as past."""
        marks = self._read(tokens).marks
        first, last = self._bounds(tokens, start)
        if marks["current"] or (self._any(tokens, "present", first, last) and not self._present_apart(tokens, end,
                                                                                                     last)):
            return False
        if not self._time_past(tokens, first, last) and not _before_at_end(tokens, first, last):
            return False
        if not (_past_verb(tokens, start, end, first, last)):
            return False
        return bool(marks["resolved"]) or bool(marks["present"]) or self._distanced(tokens, end, last) or any(
            self.asks(tokens, j) for j in range(len(tokens)) if tokens[j].boundary)

    def _time_past(self, tokens: Sequence[Token], first: int, last: int) -> bool:
        """A time well past (``then``) in the sentence: "when I was" only before an age or a time of life, not
        before what was being done ("when I was doing laundry I noticed blood on her sleeves")."""
        for j in self._read(tokens).marks["then"]:
            if first <= j < last:
                stops = self.then.ends_at(tokens, j)
                after = tokens[max(stops)].forms[:1] if stops and max(stops) < len(tokens) else ()
                if not (after and after[0].endswith("ing") and after[0].isascii()):
                    return True
        return False

    def _distanced(self, tokens: Sequence[Token], end: int, last: int) -> bool:
        """The sentence itself puts the finding in the past: "…, but that was five years ago", "my last attempt was
        in 2012" (was or were after the finding, then a time well past)."""
        for k in range(end, last - 1):
            if tokens[k].forms[:1] in (("was",), ("were",)):
                return self._any(tokens, "then", k + 1, min(last, k + 6))
        return False

    def _present_apart(self, tokens: Sequence[Token], end: int, last: int) -> bool:
        """A present told after the finding in a clause of its own, with no wish or thought in it ("I used to cut
        myself in my teens, now I only have the scars"): the past stays there."""
        present = [k for k in self._read(tokens).marks["present"] if end < k < last]
        if not present:
            return False
        if self._any(tokens, "topic", present[0], last) and not self._any(tokens, "risk", present[0], last):
            return True  # 「今はうつの治療だけ受けたいです」: what is wanted now is the treatment
        return not any(_DESIRE.intersection(tokens[k].forms) or "think" in tokens[k].forms
                       for k in range(present[0], last))

    def warns(self, tokens: Sequence[Token], start: int) -> bool:
        """A medicine's warning or a general statement, not an act: an article before the finding, a modal of what
        can happen after it, in a sentence about the subject ("warned me an overdose of this drug could damage my
        liver", "a suicide attempt can …")."""
        first, last = self._bounds(tokens, start)
        if start == first or tokens[start - 1].forms[:1] not in (("a",), ("an",), ("any",)):
            return False
        modal = any(tokens[k].forms[:1] and tokens[k].forms[0] in _MODALS
                    for k in range(start + 1, min(last, start + 6)))
        return modal and self.topical(tokens, start)

    def studied(self, tokens: Sequence[Token], start: int) -> bool:
        """The subject as something learnt, taught or asked about, not done: "we learned about overdose
        management", "people ask me about overdoses", 「看護学校でODの対応について習いました」; or the finding as the
        first word of a topic's noun ("suicide rates", "overdose management")."""
        first, last = self._bounds(tokens, start)
        forms = tokens[start].forms
        if not forms:
            return False
        japanese = any(tokens[k].forms[:1] and not tokens[k].forms[0].isascii() for k in range(first, last))
        if not japanese and tokens[start - 1 if start else 0].forms[:1] != ("my",):
            if start + 1 < last and _SUBJECT_NOUNS.intersection(forms) and self._at(tokens, "topic", start + 1):
                return True  # "suicide rates", "overdose management"
            if start > first and tokens[start - 1].forms[:1] in (("about",), ("on",)):
                return any(_LEARNING.intersection(tokens[k].forms) for k in range(max(first, start - 5), start - 1))
            return False
        if not japanese:
            return False
        about = any(_ABOUT_JA.intersection(tokens[k].forms) for k in range(start + 1, min(last, start + 4)))
        return about and any(_LEARNING_JA.intersection(tokens[k].forms) for k in range(first, last))

    def generic_you(self, tokens: Sequence[Token], start: int) -> bool:
        """"can you overdose on …?", "do you die if …": "you" as anyone, right before the finding in a question."""
        first = self._bounds(tokens, start)[0]
        return any(tokens[k].forms[:1] == ("you",) for k in range(max(first, start - 2), start))

    def rather_than(self, tokens: Sequence[Token], start: int) -> bool:
        """「rather die than sing karaoke」: a comparison with something ordinary is an idiom of degree (a check-in);
        "rather die than live like this" or "… than go on" keeps its reply."""
        last = self._bounds(tokens, start)[1]
        if not any("rather" in tokens[k].forms for k in range(max(0, start - 1), min(last, start + 2))):
            return False
        for k in range(start + 1, min(last - 1, start + 5)):
            if "than" in tokens[k].forms:
                going_on = "go" in tokens[k + 1].forms and k + 2 < last and \
                    bool({"on", "through"}.intersection(tokens[k + 2].forms))
                return not going_on and not _LIFE.intersection(tokens[k + 1].forms)
        return False

    def ended(self, tokens: Sequence[Token], end: int) -> bool:
        """True when the sentence says what was found has ended (「死にたい気持ちがなくなりました」, "the urges went
        away"), with no negation of the ending (なくならない, "never went away")."""
        first, last = self._bounds(tokens, end - 1)
        for j in range(end, min(last, end + 5)):
            if self._at(tokens, "others", j) or self._at(tokens, "me", j):
                return False  # "… since dad passed": someone else's ending
            if not self._at(tokens, "resolved", j) or not _past_verb(tokens, j, j + 1, j, last):
                continue
            if any(_AFTER_THE_ACT.intersection(tokens[k].forms) for k in range(end, min(j, end + 3))):
                return False  # 「レグカしたら少し落ち着いた」: what the act did, not an ending of it
            after = range(j + 1, min(last, j + 4))
            before = range(max(first, j - 2), j)
            if any(self._at(tokens, "negation", k) for k in (*before, *after)):
                return False
            stop = self.resolved.ends_at(tokens, j)
            nxt = tokens[max(stop)] if stop and max(stop) < len(tokens) else None
            return not tokens[j].forms[0].isascii() or nxt is None or nxt.boundary or bool(
                _THEN_ON.intersection(nxt.forms))  # "faded and …", not "stopped eating"
        return False

    def in_a_story(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when the finding is told of a story, the news or a lesson and of nobody the writer knows: a word of
        ``story`` in its sentence (a novel, the news, a film, 小説, ニュース, 主人公), the writer not at risk in it,
        and every person in it a stranger or a pronoun ("a girl who cuts herself", 「主人公が」), never "my
        friend" or 「娘」, and never a bare Japanese wish (「主人公みたいに手首を切りたい」 is the writer's)."""
        first, last = self._bounds(tokens, start)
        reading = self._read(tokens)
        if not self._any(tokens, "story", first, last):
            return False
        if any(first <= j < last and not self._audience(tokens, j, first, end) for j in reading.writer):
            return False
        if self._speakers_wish(tokens, start, end, last):
            return False
        return all(_stranger(tokens, j) for j in reading.marks["others"] if first <= j < last)

    def _audience(self, tokens: Sequence[Token], j: int, first: int, end: int) -> bool:
        """A writer word in a story's sentence that is not the one at risk: the one who watches, reads, writes or
        plays it ("I'm watching a drama where …"), one after the finding with no wish ("…, I cried", "stuck in my
        head"), or words quoted from it after a story word and a verb of quoting ("the lyrics go 'I don't wanna
        …'", "the song says"). Never a writer with a wish, and never ``myself`` before the finding (the writer
        acted on)."""
        forms = tokens[j].forms
        if not forms or not forms[0].isascii():
            return False
        for k in range(max(first, j - 2), j):
            if _QUOTING.intersection(tokens[k].forms) and self._any(tokens, "story", max(first, k - 3), k):
                return True  # "the lyrics go I …", "the song says I …"
        ahead = {form for k in range(j + 1, min(len(tokens), j + 4)) for form in tokens[k].forms}
        if _DESIRE.intersection(ahead) or forms[0] in ("myself", "me"):
            return False  # "… the easiest way to kill myself": the writer acted on
        if j >= end + 2:
            return True  # a phrase keeps only its first word, so its own "my" is not yet "after" it
        return bool(_AUDIENCE.intersection(ahead))

    def reported_of_someone(self, tokens: Sequence[Token], start: int) -> bool:
        """True when a sentence tells what someone said of a person the writer knows (not a question): a verb of
        saying in it and that person as the subject before the finding ("told me she's been thinking of suicide",
        「娘は主治医から自殺のリスクが高いと言われています」), so a topic word in it (a trial, a risk) does not make
        it a topic; never when the sentence is about the news or a lesson (``story``)."""
        first, last = self._bounds(tokens, start)
        if not self._any(tokens, "reporting", first, last) or self._any(tokens, "story", first, last):
            return False  # 「母が自殺のニュースを見たと言っていました」 is the news
        for j in range(max(first, start - 6), start):
            forms = tokens[j].forms
            between = {form for k in range(j + 1, start) for form in tokens[k].forms[:1]}
            if forms[:1] and forms[0] in _PRONOUNS and forms[0] not in ("him", "them", "her") and \
                    not between & {"that", "about", "read", "heard", "saw"}:
                return True  # "she's been thinking of suicide", not "she read that … raise suicide risk"
            if self._at(tokens, "others", j) and not forms[0].isascii() and tokens[j + 1].forms[:1] in (("は",),
                                                                                                       ("が",)):
                return True
        return False

    def embarrassed_degree(self, tokens: Sequence[Token], start: int) -> bool:
        """True for 「消えたいくらい恥ずかしい」: ほど/くらい just after the finding (a phrase's end is not kept, so a
        few tokens on), then embarrassment; and for "so boring I wanted to die": "so" and a word of it just before
        the finding, with nothing of suffering (tired of, sick of) between."""
        first, last = self._bounds(tokens, start)
        for k in range(max(first, start - 4), start):
            if tokens[k].forms[:1] == ("so",) and self._any(tokens, "embarrassed", k + 1, min(start, k + 3)):
                return not any(tokens[m].forms[:1] == ("of",) for m in range(k + 1, start))
        for k in range(start + 1, min(last, start + 5)):
            if _DEGREE.intersection(tokens[k].forms):
                return self._any(tokens, "embarrassed", k + 1, min(last, k + 4))
        return False

    def excess_degree(self, tokens: Sequence[Token], start: int) -> bool:
        """True for 「美味しすぎて死ねる」, 「恥ずかしすぎて消えたい」: a word of ``embarrassed`` (delight, shame,
        a workload) with すぎて right before the finding, a measure of how much, whoever else the sentence names."""
        first = self._bounds(tokens, start)[0]
        for k in range(max(first + 1, start - 3), start):
            if _TOO_MUCH.intersection(tokens[k].forms) and tokens[k + 1].forms[:1] == ("て",) and \
                    self._at(tokens, "embarrassed", k - 1):
                return True
        return False

    def one_more_then_die(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True for "if I have to sit through one more meeting I'm gonna die": "one more" chore before a bare "die"
        in its sentence, and no wish and nothing of living in it ("one more day and I'll die", "if I have to live
        one more week I'll die" and "one more day like this and I'll kill myself" keep the full reply)."""
        first = self._bounds(tokens, start)[0]
        if not tokens[end - 1].forms or tokens[end - 1].forms[0] != "die":
            return False
        for k in range(first, start):
            if tokens[k].forms[:1] == ("one",) and tokens[k + 1].forms[:1] == ("more",):
                span = tokens[k + 2].forms[:1] if k + 2 < end else ()
                if self._any(tokens, "risk", first, start):
                    return False  # "one more pill and I'll die": a means named
                return not _SPANS_OF_LIFE.intersection(span) and not any(
                    _LIVING.intersection(tokens[m].forms[:1]) or _WANT.intersection(tokens[m].forms[:1])
                    for m in range(first, end))
        return False

    def owned_now(self, tokens: Sequence[Token], i: int) -> bool:
        """True when another sentence of the message says the question's subject is the writer's own now: a writer
        word, a word of the present or recurring (``current``: still, every day, まだ, 最近) and a word that points
        back to it (them, mine, too, そう, それ) or a word of risk, with no negation ("how do you hide cuts from
        your parents? mine are still fresh", 「…治りますか？私は最近毎日そう思います」)."""
        reading = self._read(tokens)
        first = reading.first[i]
        for j in reading.writer:
            if reading.first[j] == first:
                continue
            start, stop = reading.first[j], reading.last[j]
            if not self._any(tokens, "current", start, stop) or self._any(tokens, "negation", start, stop):
                continue
            if any(_POINTS_BACK.intersection(tokens[k].forms) for k in range(start, stop)) or \
                    self._any(tokens, "risk", start, stop):
                return True
        return False

    def joins_in(self, tokens: Sequence[Token]) -> bool:
        """True when the writer says they want to do the same ("now I want to do it too", 「私も同じことをしたい」):
        someone else's risk told, and the writer's own beside it, is the full reply."""
        reading = self._read(tokens)
        for j in reading.writer:
            stop = min(reading.last[j], j + 8)
            joined = [k for k in reading.marks["joining"] if j <= k < stop]
            if joined and any(_DESIRE.intersection(tokens[k].forms) or _volitional(tokens[k].forms)
                              for k in range(j, min(reading.last[j], max(joined) + 4))):
                return True
        return False

    def past_and_resolved(self, tokens: Sequence[Token]) -> bool:
        """True when the message speaks of a past time and of a settled present. An age is no past time ("my
        15-year-old", "I'm 30 years old"), and a settled present that is denied is none ("she doesn't want to live
        anymore" holds "want to live")."""
        marks = self._read(tokens).marks
        if any(self._relapsed(tokens, k) for k in range(len(tokens))):
            return False  # "Relapsed on self harm today. Two years clean, gone.": the clean span has ended
        past = [j for j in marks["past"] if not _an_age(tokens, j) and not _hours_ago(tokens, j)]
        return bool(past) and any(not self._negated_before(tokens, j) and not self._returned(tokens, j)
                                  for j in marks["resolved"])

    def _relapsed(self, tokens: Sequence[Token], k: int) -> bool:
        """"relapsed", "relapsing" told as having happened, not denied ("haven't relapsed in years") nor as what
        treatment should prevent ("to prevent relapse")."""
        forms = tokens[k].forms
        if not forms or forms[0] not in _RELAPSE:
            return False
        first = self._bounds(tokens, k)[0]
        return not any(set(tokens[n].forms) & _ASCII_NEGATIONS for n in range(max(first, k - 3), k))

    def _returned(self, tokens: Sequence[Token], j: int) -> bool:
        """True when the sentence of a settled present also says it came back ("started using the razor again
        after 2 years clean"): a clean span that has ended is no settled present. "Never again" and "won't do it
        again" keep it settled."""
        first, last = self._bounds(tokens, j)
        return any("again" in tokens[k].forms
                   and not any(self._at(tokens, "negation", n) for n in range(max(first, k - 4), k))
                   for k in range(first, last))

    def _negated_before(self, tokens: Sequence[Token], j: int) -> bool:
        first = self._bounds(tokens, j)[0]
        return any(self._at(tokens, "negation", k) for k in range(max(first, j - 2), j))

    def told_now(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when a finding is told in the present, so a past that is over told elsewhere in the message does not
        make it a history: in English the first verb by it is a wish or the present ("I'm 30 years old and I don't
        want to live anymore", "I used to be happy. Now I want to die"), in Japanese a wish or resolve follows it
        (死にたい, 死のう, つもり) with no た after it in its sentence (「昔は幸せだったけど、今は死にたい」)."""
        first, last = self._bounds(tokens, start)
        if any(_LATELY.intersection(tokens[k].forms) for k in range(first, start)):
            return True  # 「去年までは元気でしたが、最近『死にたい』と言うようになりました」: lately, before it
        if any(_AGAIN.intersection(tokens[k].forms) for k in range(first, min(last, end))):
            return True  # 「昔は元気だったけど、また死にたくなってきた」: again or still, before it in its sentence
        if any(tokens[k].forms[:1] and not tokens[k].forms[0].isascii() for k in range(first, last)):
            if any("た" in tokens[k].forms for k in range(end, last)):
                return False
            return any(_WISH_JA.intersection(tokens[k].forms) or _volitional(tokens[k].forms)
                       for k in range(start, min(last, end + 3)))
        for k in range(max(first, start - 3), min(last, start + 4)):  # "I used to feel suicidal" is past
            form = tokens[k].forms[0] if tokens[k].forms else ""
            if form in _EN_PAST or (_regular_past(tokens, k) and not _state_now(tokens, k)):
                return False  # "now I'm exhausted and want to die": exhausted is how the writer is now
            if form in _EN_NOW or (form == "will" and k > first and tokens[k - 1].forms[:1] == ("i",)):
                return True
        return False


    def asking_for_self(self, tokens: Sequence[Token]) -> bool:
        """True when the writer says the question is their own ("how do you hide cuts in PE? asking for me",
        "asking for myself, not a friend"): a question about the subject is then no topic."""
        words = [token.forms[0] if token.forms else "" for token in tokens]
        return any(tuple(words[k:k + len(said)]) == said for said in _FOR_SELF for k in range(len(words)))


    def _listener_told(self, tokens: Sequence[Token], first: int, end: int, k: int) -> bool:
        """A Japanese verb of telling at ``k`` with a listener named before the words (「先生に死にたいって言って
        しまった」, 「カウンセラーに死にたいと話した」): the writer told them, so the words are the writer's own. Not
        for hearing (聞く) nor the passive (言われた)."""
        forms = tokens[k].forms
        if not forms or forms[0].isascii() or not _TELLING_JA.intersection(forms):
            return False
        after = tokens[k + 1].forms if k + 1 < len(tokens) else ()
        if _PASSIVE.intersection(after):
            return False
        others = self._read(tokens).marks["others"]
        return any((j in others or _LISTENERS_JA.intersection(tokens[j].forms)) and
                   _TOLD_TO.intersection(tokens[j + 1].forms) for j in range(first, max(first, end - 2)))

    def cared_for_supposed(self, tokens: Sequence[Token], start: int) -> bool:
        """A supposed case (言われたら, 言ったら) about someone the writer looks after (娘, うちの子), asked by the
        writer: 「娘に死にたいと言われたらどう声をかければ」 is a parent's question, answered with the carer
        reply. Not when the writer is named before the words (「私が死にたいと言ったら娘は」)."""
        first, last = self._bounds(tokens, start)
        marks = self._read(tokens).marks
        if any(first <= j < start and not _follows(tokens, j, "の") for j in marks["me"]):
            return False  # 「うちの子が」: the writer's child, not the writer
        if self._in_sentence(tokens, start, "hypothetical") and _IN_CASE_JA.intersection(
                form for j in range(first, len(tokens)) for form in tokens[j].forms):
            return False  # 「もしもの時のために知っておきたい」: asked in case, about the topic
        return any(first <= j < last and (_KNOWN_CHILD_JA.intersection(tokens[j].forms) or (
            _CARED_FOR.intersection(tokens[j].forms) and j >= 2 and _follows(tokens, j - 2, "の")))
            for j in marks["others"])

    def thought_by_people(self, tokens: Sequence[Token], end: int) -> bool:
        """A Japanese wish that describes a generic person a few words on (「死にたいと思う人って」, 「消えたいって
        思う人は多い」), with the writer named nowhere in the message (「…人にも効きますか。私のことです」 is the
        writer's own): a question about the topic."""
        last = self._bounds(tokens, max(0, end - 1))[1]
        if self._read(tokens).marks["me"]:
            return False
        for j in range(end, min(last, end + GENERIC_AHEAD + 4)):
            if self._at(tokens, "generic", j):
                return True
            if not _THOUGHT_BRIDGE.intersection(tokens[j].forms):
                return False
        return False

    def warning_read(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """A medicine's warning the writer read or heard (「添付文書に自殺念慮と書いてあった」, 「抗うつ薬で死にたく
        なることがあると聞きました」): a medicine in the sentence, and where it was read (添付文書, 書いてある, 聞く)
        or what may happen (ことがある, 場合, リスク) with the writer not named; nothing current in the message
        (まだ, 最近). A question to ask, never the alarm."""
        first, last = self._bounds(tokens, start)
        words = [tokens[j].forms for j in range(first, last)]
        if not any(_MEDICINE_JA.intersection(forms) for forms in words) or self._read(tokens).marks["current"]:
            return False
        if not any(forms and not forms[0].isascii() for forms in words):
            return False
        if any(first <= j < last and j + 1 < len(tokens) and _SUBJECT_MARK_JA.intersection(tokens[j + 1].forms)
               for j in self._read(tokens).marks["others"]):
            return False  # 「娘が薬を飲んだら死にたくなったと聞いた」: what happened to her
        source = any(_SOURCE_JA.intersection(forms) for forms in words)
        may = any(_MAY_HAPPEN_JA.intersection(tokens[j].forms) for j in range(end, min(last, end + 8)))
        return source or (may and not self._any(tokens, "me", first, last))


class _Reading:
    """One message as the context layer reads it: where each word list matches, and each token's sentence.

    Most messages hold no finding, so a list's marks and the writer words are worked out only when asked for."""

    def __init__(self, words: ContextWords, tokens: Sequence[Token]) -> None:
        self.index = form_index(tokens)
        """Every form of the message with the positions it stands at (``rules.form_index``), shared with the plan
        layer."""
        self.marks = _Marks(words, tokens, self.index)
        first, last = [0] * len(tokens), [0] * len(tokens)
        start = 0
        for i, token in enumerate(tokens):
            first[i] = start
            if token.boundary:
                start = i + 1
        end = len(tokens)
        for i in range(len(tokens) - 1, -1, -1):
            if tokens[i].boundary:
                end = i
            last[i] = end
        self.first, self.last = first, last
        self._tokens = tokens
        self._writer: frozenset[int] | None = None

    @classmethod
    def of(cls, words: ContextWords, tokens: Sequence[Token]) -> _Reading:
        return cls(words, tokens)

    @property
    def writer(self) -> frozenset[int]:
        """The ``me`` words that make the writer the one the sentence is about (``_writer``)."""
        if self._writer is None:
            self._writer = _writer(self._tokens, self.marks, self.first, self.last)
        return self._writer


class _Marks(dict[str, frozenset[int]]):
    """Where each word list matches in one message, each list looked up the first time it is asked for."""

    def __init__(self, words: ContextWords, tokens: Sequence[Token], index: dict[str, list[int]]) -> None:
        super().__init__()
        self._words, self._tokens, self._index = words, tokens, index

    def __missing__(self, name: str) -> frozenset[int]:
        word_list: WordList = getattr(self._words, name)
        tokens = self._tokens
        found = frozenset(j for j in word_list.starts(self._index) if word_list.ends_at(tokens, j))
        if name == "others":
            found = frozenset(j for j in found if not _follows(tokens, j, "公") and not _misread(tokens[j])
                              and not _owns_means(tokens, j, self["means"])) | _ages(tokens)
        self[name] = found
        return found


def _writer(tokens: Sequence[Token], marks: Mapping[str, frozenset[int]], first: list[int],
            last: list[int]) -> frozenset[int]:
    """The ``me`` words that make the writer the one at risk. Left out, as the writer's words around someone
    else's risk: the one told or sent something ("texted me"); an owner before a person ("my son", "my 16 yo",
    私の娘, うちの子); the one who noticed or worries ("I found", "I'm worried", 私は心配です); and words that are
    someone else's: inside 「…」 or after a verb of saying with that person named before ("my son said I want to
    die"), or 自分 after that person (子どもが自分の腕を…, the reflexive)."""
    others, reporting, observer = marks["others"], marks["reporting"], marks["observer"]
    out = set()
    for j in marks["me"]:
        start, stop = first[j], last[j]
        before = [k for k in others if start <= k < j and not _addressed(tokens, k)]
        forms = tokens[j].forms
        if j > 0 and "me" in forms and (j - 1 in reporting or _SENT.intersection(tokens[j - 1].forms)):
            continue  # "she sent me her location" is to me
        if forms[:1] == ("my",) and j + 1 < stop and _GROUPS.intersection(tokens[j + 1].forms):
            continue  # "someone in my group chat": where the person is from
        if _owner(tokens, j, others, stop):
            continue  # "my son", "my 16 yo", 「うちの子」: the owner, not the one at risk
        if any(j < k <= j + (4 if forms[0].isascii() else 8) and k < stop for k in observer):
            continue  # "I found", 「私が見つけた」
        if before:
            quote = _quote_start(tokens, start, j)
            if quote is not None and any(k < quote for k in before):
                continue  # 母が「私がいない方が」と言う
            if "自分" in forms:
                continue  # 子どもが自分の腕を…: the reflexive, theirs
            if any(k in reporting for k in (j - 1, j - 2)) and any(k < j - 1 for k in before) and \
                    not _CLAUSE_JOIN.intersection(tokens[j - 1].forms):
                continue  # "my son said I want to die" ("… keeps saying, and I want to die" is a clause of mine)
            if not forms[0].isascii() and any(j < k < stop for k in reporting):
                continue  # 父が、俺がいなくても誰も困らない、とよく言っていて
        out.add(j)
    return frozenset(out)


_THEN_ON = frozenset({"and", "but", "so", "now", "since", "years", "for", "after", "with", "thanks", "because"})
"""Words after an English ending ("have faded and …") that keep it an ending, unlike "stopped eating"."""
_EN_PAST = frozenset({"was", "were", "had", "did", "tried", "took", "thought", "felt", "went", "made", "got",
                      "attempted", "overdosed", "ended", "stopped", "used"})
_EN_PRESENT = frozenset({"am", "is", "are", "want", "wants", "feel", "feels", "keep", "keeps", "will", "going",
                         "gonna", "need", "needs", "can", "plan", "planning"})
"""Verbs that tell the present or what is to come: near a finding, it is not told as past."""
_EN_NOW = frozenset({"want", "wants", "wanna", "feel", "feels", "keep", "keeps", "going", "gonna", "need", "needs",
                     "plan", "planning", "thinking"})
"""Verbs by a finding that tell it as the writer's present or what is to come (``told_now``)."""
_WISH_JA = frozenset({"たい", "つもり"})
_URGE_EN = frozenset({"urge", "urges", "impulse", "tempted"})
_CLAUSE_JOIN = frozenset({"and", "but", "so", "while"})
"""Words that open a clause of the writer's own after a verb of saying ("she keeps saying it, and I …")."""
_WISH_EN = frozenset({"want", "wants", "wanna", "wish", "gonna", "going", "need", "tempted"})
_LATELY = frozenset({"最近", "近頃", "この頃", "このところ", "lately", "recently"})
"""Words of the time just past and still going on: before a finding in its sentence, it is told as the present."""


_AGAIN = frozenset({"また", "まだ", "未だ", "再び", "いまだに", "未だに", "still", "again"})
"""Words that bring a past back: before a finding in its sentence, it is told as the present (a past that was
over has returned)."""


_HOURS = frozenset({"minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "second", "seconds", "sec",
                    "secs", "moment", "while"})


def _hours_ago(tokens: Sequence[Token], j: int) -> bool:
    """"an hour ago", "20 mins ago", "a little while ago": ``ago`` after a span of today, so what it tells has just
    happened and no settled present can make it a history ("an hour ago I tried to hang myself but I'm ok now")."""
    return tokens[j].forms[:1] == ("ago",) and j > 0 and bool(_HOURS.intersection(tokens[j - 1].forms))


_TOLD_TO = frozenset({"に", "には", "にも"})
_POTENTIAL_SAYING = frozenset({"言える", "話せる", "相談できる"})


def _writer_tells(tokens: Sequence[Token], end: int, k: int) -> bool:
    """A Japanese verb of saying at ``k`` whose speaker is the writer: someone told (誰にも, 親に) between the finding
    and it, or it says the writer cannot say it (言えない, 話せない), and no passive (言われた is said to the writer):
    「自殺したい　誰にも言えない」 is the writer's own wish, not words reported of someone else."""
    forms = tokens[k].forms
    if not forms or forms[0].isascii():
        return False
    after = tokens[k + 1].forms if k + 1 < len(tokens) else ()
    if _PASSIVE.intersection(after):
        return False
    told = any(_TOLD_TO.intersection(tokens[j].forms) for j in range(max(end, k - 3), k))
    cannot = bool(_POTENTIAL_SAYING.intersection(forms)) and bool({"ない", "無い", "ませ", "ず"} & set(after))
    return told or cannot


_PASSIVE = frozenset({"れる", "られる"})


def _an_age(tokens: Sequence[Token], j: int) -> bool:
    """"15 year old", "30 years old": a word of the past list (old, years) that tells an age, not a time."""
    here = tokens[j].forms[:1]
    before = tokens[j - 1].forms[:1] if j else ()
    after = tokens[j + 1].forms[:1] if j + 1 < len(tokens) else ()
    return (here == ("old",) and bool(_AGE_WORDS.intersection(before))) or (
        bool(_AGE_WORDS.intersection(here)) and after == ("old",))


def _past_verb(tokens: Sequence[Token], start: int, end: int, first: int, last: int) -> bool:
    """A verb in the past in the sentence of a finding at ``start``..``end``, and no present verb right by it: た
    after it in Japanese (考えていました, したことがある); was, had, tried or a regular -ed form in English."""
    if any(tokens[k].forms[:1] and not tokens[k].forms[0].isascii() for k in range(first, last)):
        return any("た" in tokens[k].forms for k in range(end, last))  # a Japanese sentence
    if any(tokens[k].forms[:1] and tokens[k].forms[0] in _EN_PRESENT for k in range(max(first, start - 3), end)):
        return False
    for k in range(first, last):
        form = tokens[k].forms[0] if tokens[k].forms else ""
        if form in _EN_PAST or (_regular_past(tokens, k) and not _state_now(tokens, k)):
            return True
    return False


_BE_NOW = frozenset({"am", "is", "are", "feel", "feels", "feeling", "so", "very", "really", "too", "get", "gets",
                     "getting", "just", "always"})
"""Words before an -ed form that make it a state of the present ("I'm so tired", "I feel exhausted")."""


def _regular_past(tokens: Sequence[Token], k: int) -> bool:
    form = tokens[k].forms[0] if tokens[k].forms else ""
    return len(form) > 4 and form.endswith("ed") and len(tokens[k].forms) > 1


def _state_now(tokens: Sequence[Token], k: int) -> bool:
    """An English -ed form after am, is, feel, so …: an adjective of how the writer is now, not a past verb."""
    return k > 0 and bool(_BE_NOW.intersection(tokens[k - 1].forms[:1]))


_AUDIENCE = frozenset({"favourite", "favorite", "character", "role", "part",
                       "watch", "watching", "watched", "read", "reading", "write", "writing", "wrote", "listen",
                       "listening", "listened", "play", "playing", "played", "see", "saw", "seen", "hear", "heard",
                       "cry", "cried", "crying", "study", "studying", "studied", "finish", "finished", "love", "loved",
                       "like", "liked", "hate", "hated"})
"""Verbs after which the writer is the audience or the author of a story, not the one at risk in it."""
_QUOTING = frozenset({"go", "goes", "went", "say", "says", "said", "sing", "sings", "sang", "read", "reads", "like"})
"""Verbs after a story word that open words quoted from it ("the lyrics go …")."""
_LEARNING = frozenset({"learn", "learned", "learnt", "learning", "ask", "asked", "asks", "teach", "taught",
                       "teaching", "study", "studying", "studied", "lecture", "lectures", "question", "questions",
                       "information", "info", "training", "trained", "course", "class", "seminar", "workshop"})
"""Words before "about X" that make X something learnt or asked about."""
_SUBJECT_NOUNS = frozenset({"suicide", "overdose", "overdoses", "od", "self", "selfharm", "suicidal"})
"""Nouns of the subject that may open a topic's noun ("suicide rates", "overdose management")."""
_ABOUT_JA = frozenset({"について", "に関して", "に関する", "対応", "つく", "関する"})
_LEARNING_JA = frozenset({"習う", "学ぶ", "教わる", "聞く", "聞かれる", "授業", "講義", "勉強", "研修", "講座", "学校",
                          "実習", "試験"})
_MODALS = frozenset({"could", "can", "may", "might", "will", "would", "causes", "cause", "damages", "increases"})
_LIFE = frozenset({"live", "living", "be", "being", "exist", "existing", "continue", "keep", "carry", "face", "wake",
                   "stay", "spend", "suffer", "feel", "deal", "put", "end", "return", "lose", "hurt", "let", "see"})
"""After "rather die than", words of going on living: the comparison is with life itself, so no idiom."""
_DEGREE = frozenset({"ほど", "くらい", "ぐらい", "位"})
_DESIRE = frozenset({"want", "wanna", "going", "gonna", "will", "might", "plan", "thinking", "たい", "つもり", "思う"})
"""Words of wanting or intending, which make "the same" the writer's own wish."""
_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself", "themselves", "themself", "they", "them"})
_STRANGER_BEFORE = frozenset({"a", "an", "the", "this", "that", "some", "one", "another"})


def _stranger(tokens: Sequence[Token], j: int) -> bool:
    """An English person word that is a pronoun or a stranger ("a student", "the boy"), not "my friend"; Japanese
    person words are the writer's people (娘, 友達), so none is a stranger."""
    forms = tokens[j].forms
    if not forms or not forms[0].isascii():
        return False
    return forms[0] in _PRONOUNS or (j > 0 and bool(tokens[j - 1].forms) and tokens[j - 1].forms[0] in _STRANGER_BEFORE)


def _before_at_end(tokens: Sequence[Token], first: int, last: int) -> bool:
    """ "… before?" ending a sentence ("if I've had suicidal thoughts before"), not "before I end it"."""
    return last - 1 >= first and "before" in tokens[last - 1].forms


_GROUPS = frozenset({"class", "school", "group", "chat", "team", "year", "grade", "dorm", "office", "club", "ward",
                     "unit", "course", "server", "discord"})
"""Where someone else is from ("a boy in my class"): "my" before one of them is no sign of the writer's own risk."""


def _subject(tokens: Sequence[Token], j: int) -> bool:
    """False for a writer word that tells nothing of the writer's own risk: the one asked or handed something
    (「私に頼んできた」, 「私へ」, not 「私には」)."""
    after = tokens[j + 1].forms if j + 1 < len(tokens) else ()
    later = tokens[j + 2].forms if j + 2 < len(tokens) else ()
    if _ADDRESSED_TO.intersection(after) or (_PLURAL.intersection(after) and _ADDRESSED_TO.intersection(later)):
        return False  # 「私たち宛ての遺書」: a letter to the writer
    return not (after[:1] in (("に",), ("へ",)) and later[:1] not in (("は",), ("も",)))


_LOSS_BY = frozenset({"suicide", "overdose", "an", "a", "self"})
"""After "lost … to": what took the person ("lost my uncle to suicide"), not "lost, I'm going to jump"."""
_ADDRESSED_TO = frozenset({"宛て", "宛", "あて", "宛てる"})
_PLURAL = frozenset({"たち", "達", "ら"})


def _owner(tokens: Sequence[Token], j: int, others: frozenset[int], stop: int) -> bool:
    """True when the writer word at ``j`` owns the person right after it: "my (little / 16 year old) son",
    「私の娘」, 「うちの子」 (only words that describe the person stand between)."""
    if tokens[j].forms[:1] in (("my",), ("our",)):
        k = j + 1
        while k < stop and k <= j + 3 and k not in others and tokens[k].forms[:1] and (
                tokens[k].forms[0] in _DETERMINERS or tokens[k].forms[0].isdigit() or
                _AGE_WORDS.intersection(tokens[k].forms) or tokens[k].forms[0] in _DESCRIBING):
            k += 1
        return k in others and k < stop
    return _follows(tokens, j, "の") and any(j + 1 < k <= j + 4 and k < stop for k in others)


_DESCRIBING = frozenset({"teenage", "younger", "eldest", "oldest", "youngest", "middle", "step", "ex", "twin",
                         "adult", "adopted", "late", "poor", "sweet", "baby", "grown"})


_SPELT_AS = {"彼": frozenset({"彼", "かれ", "カレ"})}
"""Person words and the spellings that are that person: the analyser also reads the かん of なんもかんも (何もかも,
everything) as 彼."""


_EXCEEDED = frozenset({"more", "over", "above", "beyond", "double", "twice", "triple", "extra"})
"""Before an everyday word of dosing ("more than my prescribed dose"), the dose is exceeded: no occasion."""
_ON_PURPOSE = frozenset({"purpose", "deliberately", "purposely", "intentionally", "わざと", "故意"})
"""Words that make an act deliberate: no accident, whatever task it happened at."""
_CLAIMED = frozenset({"say", "says", "said", "claim", "claims", "claimed", "insist", "insists", "insisted", "swears",
                      "言う", "言い張る"})
"""Words that make an accident a claim someone makes, not what the writer tells as having happened."""
_AWAY = frozenset({"away", "gone"})
"""Before an everyday word of travel ("parents are away on holiday"), someone's absence: no occasion."""
_LEAVING = frozenset({"leave", "left", "go", "went", "goes", "leaves", "leaving", "going"})
_AT_HOME = frozenset({"parent", "parents", "mum", "mom", "dad", "family", "wife", "husband", "partner", "flatmate",
                      "roommate", "housemate", "everyone", "everybody", "they", "sister", "brother", "kids"})
"""Others at home who leave for an everyday occasion ("when my parents leave for the trip saturday")."""


_JA_GOING = frozenset({"行く", "出かける", "出掛ける"})
_ONCE = frozenset({"たら", "ば", "隙", "間", "うち"})
"""Ends of a Japanese clause that says when (行ったら, 寝れば, 寝ている隙に, 留守の間に)."""


def _when_they_are_gone(tokens: Sequence[Token], other: int, start: int) -> bool:
    """The person named at ``other`` is the subject of a clause of time or condition that closes before the finding
    at ``start`` (「親が旅行に行ったら実行する」, 「家族が寝ている隙にやる」): the clause tells when, the act after it
    has no subject of its own, so it is the writer's. Their words reported after it still make it theirs."""
    return any(_ONCE.intersection(tokens[k].forms) for k in range(other + 1, start))


def _others_leave(tokens: Sequence[Token], first: int, j: int) -> bool:
    """The everyday word at ``j`` is where others at home leave for, a few words after them ("when my parents
    leave for the trip", "once my family goes on holiday"): their absence, the writer's opportunity, not the
    writer's own occasion ("when I leave for the trip" stays one)."""
    for k in range(max(first, j - 3), j):
        if _LEAVING.intersection(tokens[k].forms) and any(
                _AT_HOME.intersection(tokens[m].forms) for m in range(max(first, k - 3), k)):
            return True
    return False


def _owns_means(tokens: Sequence[Token], j: int, means: frozenset[int]) -> bool:
    """The person word at ``j`` only owns a means named right after it: 「母の薬」, 「兄のロープ」, "my dad's pills",
    "my mum's sleeping tablets" (the view drops the apostrophe: ``dads``). Taking or saving them is the writer's
    own plan; what that person does, says or is stays theirs ("my dad is saving his pills": no possessive)."""
    forms = tokens[j].forms
    if not forms or _CARED_FOR.intersection(forms):
        return False  # 「息子の薬を隠しました」, "I hid my son's pills": a parent keeping a child's means away
    if not forms[0].isascii():
        for k in range(j + 1, min(len(tokens), j + 4)):  # over the rest of the name (お|婆|ちゃん|の)
            after = tokens[k].forms
            if "の" in after:
                if k + 1 < len(tokens) and _HOLDING_PLACE.intersection(tokens[k + 1].forms):
                    return any(k + 2 <= m <= k + 5 and _meant_for_use(tokens, m) for m in means)
                return any(k + 1 <= m <= k + 2 for m in means)
            if tokens[k].boundary or not after or _PARTICLES.intersection(after):
                return False
        return False
    possessive = forms[0].isascii() and forms[0].endswith("s") and len(forms) > 1 and forms[-1] != forms[0]
    return possessive and any(j + 1 <= k <= j + 3 for k in means) and not any(
        set(tokens[k].forms) & _NOT_NOUN_AFTER for k in range(j + 1, min(len(tokens), j + 2)))


_HOLDING_PLACE = frozenset({"部屋", "机", "引き出し", "車", "車庫", "棚", "薬箱", "鞄", "カバン"})
"""Where a person keeps things: 「兄の部屋にあるロープを使うつもり」 names the owner of a means, as 「兄のロープ」
does, when the writer means to use it (``_meant_for_use``); 「兄の車に練炭が積んであった」 stays about the brother."""
_INTENT_JA = frozenset({"つもり", "積もり", "予定"})


def _meant_for_use(tokens: Sequence[Token], m: int) -> bool:
    """A resolve or an intent follows the means within a few words (使うつもり, 使おう, やろう)."""
    return any(_INTENT_JA.intersection(tokens[k].forms) or _volitional(tokens[k].forms)
               for k in range(m + 1, min(len(tokens), m + 5)) if not tokens[k].boundary)
_FOR_SELF = (("asking", "for", "me"), ("asking", "for", "myself"), ("ask", "for", "myself"),
             ("asking", "about", "myself"), ("not", "for", "a", "friend"), ("it", "is", "for", "me"),
             ("this", "is", "about", "me"))
"""The writer's words that a question is about themselves (the forms as typed, contractions written out)."""
_POINTS_BACK = frozenset({"them", "they", "mine", "those", "too", "some", "そう", "それ", "同じ"})
"""Words of a later sentence that point back to what a question asked about ("I still have them")."""
_AFTER_THE_ACT = frozenset({"たら", "ば", "後", "あと", "てから"})
"""Between a finding and a word of settling, these make it the act's effect (したら落ち着いた), not its end."""
_CARED_FOR = frozenset({"息子", "娘", "子", "子供", "子ども", "我が子", "孫", "生徒", "教え子", "お子さん", "息子さん",
                        "娘さん", "長男", "長女", "次男", "次女", "三男", "三女", "末っ子", "son", "sons", "daughter",
                        "daughters", "kid", "kids", "child", "children", "grandson", "granddaughter", "student",
                        "students", "teen", "teenager", "stepson", "stepdaughter", "patient", "client"})
"""People a writer looks after: their means in the writer's hands are kept away from them (counted, hidden, locked
up), so the finding stays about them."""
_NOT_NOUN_AFTER = frozenset({"been", "be", "is", "was", "has", "had", "got", "gone", "going", "taking", "saving",
                             "hiding", "stopped", "started", "always", "just", "not", "never", "still"})
"""After ``dads`` these read it as "dad is / dad has" ("my mum's been hiding pills"), not as an owner."""


def _misread(token: Token) -> bool:
    """A person word the analyser found in a spelling that is not the person (``_SPELT_AS``)."""
    spellings = _SPELT_AS.get(token.forms[0]) if token.forms else None
    return spellings is not None and token.forms[-1] not in spellings


def _follows(tokens: Sequence[Token], j: int, form: str) -> bool:
    return j + 1 < len(tokens) and form in tokens[j + 1].forms


_DOSE = re.compile(r"\d+(?:\.\d+)?(?:mg|mcg|ug|µg|g|ml|iu|units?|tabs?|tablets?|caps?|capsules?)")
_DOSE_UNITS = frozenset({"mg", "mcg", "ug", "µg", "g", "ml", "iu", "unit", "units", "tab", "tabs", "tablet", "tablets",
                         "cap", "caps", "capsule", "capsules", "ミリ", "錠"})
_AGE = re.compile(r"\d{1,2}(?:yo|yr|yrs|y/o)")
_AGE_WORDS = frozenset({"yo", "year", "years", "yr", "yrs"})


def _ages(tokens: Sequence[Token]) -> frozenset[int]:
    """An age standing for a person: "my 16 yo", "our 17 year old", "my 12yo" (marked like ``others``)."""
    out = set()
    for i, token in enumerate(tokens):
        form = token.forms[0] if token.forms else ""
        if not form[:1].isdigit():
            continue
        owned = form.isdigit() and 0 < i < len(tokens) - 1 and tokens[i - 1].forms[:1] in (("my",), ("our",))
        if _AGE.fullmatch(form) or (owned and _AGE_WORDS.intersection(tokens[i + 1].forms)):
            out.add(i)
    return frozenset(out)


_CLAUSE_BREAK = frozenset({"が", "は", "に", "で", "も", "から", "けど", "けれど", "ので", "と", "って", "、", "て"})
_ATTRIBUTIVE = frozenset({"た", "いる", "居る", "てる", "する", "為る"})
_HEARSAY = frozenset({"らしい", "みたい", "よう", "様", "そう", "がる", "たがる", "様子", "かも", "って"})
"""After a Japanese wish, words that tell it as someone else's (死にたいらしい, 死にたがっている)."""


def _tried(tokens: Sequence[Token], k: int) -> bool:
    """「飛び降りようとした」: a resolve then する in the past is an attempt told, not the writer's wish now."""
    return k + 1 < len(tokens) and bool({"する", "為る"}.intersection(tokens[k].forms)) and "た" in tokens[k + 1].forms


def _volitional(forms: tuple[str, ...]) -> bool:
    """死のう, 消えよう: a conjugated form ending in う (the analyser gives 死ぬ as its dictionary form)."""
    return len(forms) > 1 and forms[-1] != forms[0] and forms[-1].endswith("う")


_TOO_MUCH = frozenset({"過ぎる", "すぎる"})
_WANT = frozenset({"want", "wanna", "wish", "wants"})
_LIVING = frozenset({"live", "living", "exist", "existing", "alive", "breathe", "breathing", "wake", "survive"})
_SPANS_OF_LIFE = frozenset({"day", "days", "night", "nights", "week", "weeks", "month", "months", "year", "years",
                            "hour", "hours", "minute", "second"})
"""After "one more", a span of living itself ("one more day and I'll die"), not a chore."""
_AS_IF = frozenset({"勢い"})
_TITLED = frozenset({"called", "titled", "entitled", "named"})
_RELAPSE = frozenset({"relapsed", "relapsing"})
_TREATMENT = frozenset({"治療", "通院", "施術", "点滴", "セッション", "tms", "session", "sessions", "treatment",
                        "treatments", "course", "infusion", "infusions"})
_FINISHED = frozenset({"最後", "最終", "終わる", "終える", "終了", "完了", "卒業", "last", "final", "finish",
                       "finished", "complete", "completed", "done", "end", "ended"})
_FAREWELL_RISK = frozenset({"最後", "さよなら", "さようなら", "終わる", "終わり", "last", "goodbye", "bye", "final",
                            "farewell", "end", "over"})
_POINT_MADE = frozenset({"とか", "か", "は", "も", "なんて", "など", "訳", "わけ"})
"""Particles after a finding that make a negation after them its denial (``_listed_denied``)."""
_LISTING = frozenset({"たい", "と", "だ", "で", "じゃ", "有る", "ある", "ます", "全く", "まったく", "全然", "別に",
                      "特に", "一切", "そう", "気持ち", "こと", "事", "もう", "思う", "考える", "感じる"})
"""Words that may stand between a finding, those particles and the negation."""
_PROGRESSIVE = frozenset({"て", "で", "い", "いる", "居る", "おる", "は", "も", "ませ"})
"""Between a Japanese verb and its negation (し・て・い・ません): the act itself is denied."""
_SENT = frozenset({"send", "sent", "show", "showed", "call", "called", "ring", "rang", "give", "gave", "tell"})
"""Verbs after which "me" is the one sent or told something, not the one at risk."""
_ADDRESSEE = frozenset({"に", "へ", "と", "には", "とは", "にも"})
"""Particles after a person that make them the one spoken to or with, not the subject (親には言えない)."""


_OBJECT_AFTER = frozenset({
    "to", "with", "for", "at", "from", "without", "than", "by", "like", "call", "called", "tell", "told", "text",
    "texted", "ask", "asked", "visit", "visited", "hug", "hugged", "give", "gave", "given", "show", "showed", "miss",
    "love", "leave", "left", "meet", "met", "help", "phone", "phoned", "ring", "rang", "message", "messaged",
    "thank", "thanked", "let", "make", "made", "see", "saw"})
"""English words after which a person is the one spoken to or acted on ("said goodbye to my mum", "called my
grandma", "without her knowing"), not the subject."""
_DETERMINERS = frozenset({"my", "our", "his", "her", "their", "the", "a", "an", "little", "big", "older", "younger",
                          "elderly", "best", "old", "dear", "own"})


def _addressed(tokens: Sequence[Token], j: int) -> bool:
    """True when the person word at ``j`` is the one spoken to or acted on, not the subject: followed by に/へ/と
    (「親には言えないけど死にたい」 is the writer's), or in English after a preposition or a verb of telling or
    giving, over my/the/little ("I called my grandma to say goodbye")."""
    after = tokens[j + 1].forms if j + 1 < len(tokens) else ()
    if after and after[0] in _ADDRESSEE:
        return True
    if _spoken_to(tokens, j):
        return True  # 「ごめんねお母さん」, "sorry mom", "love you dad": the one a farewell speaks to
    if _entrusted(tokens, j):
        return True  # 「弟のこと、よろしくお願いします」: left in someone's care, not the one at risk
    k = j - 1
    while k >= 0 and k >= j - 3 and tokens[k].forms[:1] and tokens[k].forms[0] in _DETERMINERS:
        k -= 1
    return k >= 0 and not tokens[k].boundary and bool(tokens[k].forms) and tokens[k].forms[0] in _OBJECT_AFTER


def _entrusted(tokens: Sequence[Token], j: int) -> bool:
    """The person word at ``j`` is left in someone's care: 「弟のこと(を)よろしく / 頼む / お願い」."""
    forms = [tokens[k].forms[:1] for k in range(j + 1, min(len(tokens), j + 5)) if not tokens[k].boundary]
    if forms[:2] != [("の",), ("こと",)]:
        return False
    rest = forms[3:4] if forms[2:3] == [("を",)] else forms[2:3]
    return bool(rest) and bool(rest[0]) and rest[0][0] in _ENTRUSTING


_ENTRUSTING = frozenset({"宜しく", "よろしく", "頼む", "御", "お", "願う"})
"""What leaves someone in another's care after 「…のこと(を)」 (お願い is read 御 + 願う)."""


def _spoken_to(tokens: Sequence[Token], j: int) -> bool:
    """The person word at ``j`` stands right beside a word that speaks to someone (ごめん, ありがとう, 大好き, sorry,
    bye, love you), with only a comma or a ね between: they are called by name, not told about."""
    k = j - 1
    while k >= 0 and not tokens[k].boundary and tokens[k].forms[:1] and tokens[k].forms[0] in _BETWEEN_ADDRESS:
        k -= 1
    if k >= 0 and not tokens[k].boundary and _CALLING.intersection(tokens[k].forms):
        return True  # "sorry mom", 「ごめんねお母さん」
    for k in range(j + 1, min(len(tokens), j + 4)):  # 「お母さん、ごめんね」: the rest of the name, then the word
        forms = tokens[k].forms
        if tokens[k].boundary or not forms or forms[0].isascii() or _PARTICLES.intersection(forms):
            return False
        if _CALLING.intersection(forms):
            return True
    return False


_CALLING = frozenset({"ごめん", "御免", "ごめんなさい", "ありがとう", "有り難う", "大好き", "好き", "バイバイ",
                      "ばいばい", "さよなら", "さようなら", "sorry", "bye", "goodbye", "you", "thanks", "thank"})
"""Words that speak to someone: a person beside them is the one spoken to. English only before the person ("sorry
mom", "love you dad"): "mom said sorry" tells what she did; Japanese on either side (「お母さん、ごめんね」)."""
_PARTICLES = frozenset({"が", "は", "を", "の", "に", "で", "も", "と", "って", "から"})
"""After a Japanese person word, these make them the subject or the object of a clause (「母がごめんと言った」)."""
_BETWEEN_ADDRESS = frozenset({"、", ",", "ね", "よ", "ねー", "御", "お", "さん", "ちゃん", "くん", "so", "much"})
"""What may stand between a person and the word that calls them (honorifics, a comma, a ね)."""


def _quote_start(tokens: Sequence[Token], first: int, start: int) -> int | None:
    """Where the quotation that token ``start`` stands in opens, or None when it is not inside one."""
    for j in range(start - 1, first - 1, -1):
        if QUOTE_CLOSE in tokens[j].forms:
            return None
        if QUOTE_OPEN in tokens[j].forms:
            return j
    return None


_TELLING_JA = frozenset({"言う", "話す", "打ち明ける", "漏らす", "伝える", "相談", "口走る", "送る", "書き込む"})
"""Verbs of the writer telling someone (not hearing: 聞く is what someone else said)."""
_LISTENERS_JA = frozenset({"カウンセラー", "医者", "医師", "主治医", "看護師", "担任", "誰か", "みんな", "皆", "家族",
                           "相談員", "心理士", "スクールカウンセラー", "保健室", "病院", "学校"})
"""Whom a writer tells beside the people of ``others``: 「カウンセラーに死にたいと話した」."""
_THOUGHT_BRIDGE = frozenset({"たい", "と", "って", "思う", "考える", "感じる", "言う", "いう", "気持ち", "に", "なる",
                             "成る", "てる", "ている", "いる", "た", "しまう", "仕舞う", "ちゃう", "よう", "な", "ほど",
                             "くらい", "ぐらい", "が", "の"})
"""Words between a wish and the generic person it describes (死にたい|と|思う|人)."""
_MEDICINE_JA = frozenset({"薬", "抗うつ薬", "抗鬱薬", "副作用", "添付", "添付文書", "説明書", "注意書き", "服用",
                          "処方", "ssri", "snri", "睡眠薬", "安定剤", "薬剤", "飲み薬", "お薬"})
_SUBJECT_MARK_JA = frozenset({"が", "は", "も"})
_SOURCE_JA = frozenset({"添付", "添付文書", "説明書", "注意書き", "能書き", "書く", "聞く", "読む", "載る", "説明"})
_MAY_HAPPEN_JA = frozenset({"こと", "場合", "可能性", "恐れ", "おそれ", "リスク", "副作用", "ケース", "例"})
_KNOWN_CHILD_JA = frozenset({"息子", "娘", "我が子", "お子さん", "息子さん", "娘さん", "長男", "長女", "次男", "次女",
                             "三男", "三女", "末っ子"})
"""A child the writer knows: 子ども alone may be any child (「子どもが死にたいと言ったら親は」), うちの子 is theirs."""
_IN_CASE_JA = frozenset({"もしも", "万が一", "万一", "念のため", "一般的"})


def _names_a_feeling(tokens: Sequence[Token], k: int) -> bool:
    """「命を絶ちたいという気持ち」: いう before a noun of feeling names the wish, it reports no one's words."""
    if "いう" not in tokens[k].forms or k + 1 >= len(tokens):
        return False
    return bool(_FEELING_NOUNS_JA.intersection(tokens[k + 1].forms))


_FEELING_NOUNS_JA = frozenset({"気持ち", "思い", "想い", "考え", "衝動", "感じ", "感情", "気", "欲求", "願望"})
