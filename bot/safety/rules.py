"""Rules over words, for meaning that a fixed phrase cannot hold: "a death verb, then a wish, a few words apart".

A message is first cut into tokens: Japanese by the morphological analyser (``bot.safety.japanese``), each token
carrying its dictionary and normalised forms, so ``死にとうなる`` and ``死にたかったんや`` meet ``死ぬ`` + ``たい``
whatever the conjugation, particles or dialect auxiliaries; English as the words of the normalised view
(``bot.safety.normalize.english_views``).

A rule is a sequence of parts. Each part is a word list from ``crisis.yaml`` (``@die``) or one literal word; a
member of a list may hold several words (``end it``) and a trailing ``*`` allows any ending (``overdos*``). The
parts must appear in order, inside one sentence, with at most ``gap`` tokens between two consecutive parts. A
negation right after the last part (``死にたくない``) turns the finding into a check-in, never into silence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.safety.tiers import Tier

Analyse = Callable[[str], list[tuple[str, ...]]]
"""Cuts a Japanese member into tokens, each given as all its forms."""
_ALTERNATIVES = "\x00"
"""Marks one token of an analysed member: its forms joined by |."""
_CONDITIONAL = frozenset({"と", "ば", "なきゃ", "なけれ", "なければ", "ないと", "きゃ"})
"""After ない these make an obligation or a condition (切らないと落ち着かない), not a negation."""

_COMPULSION = frozenset({"stop", "help", "resist"})
"""After "can not" these make a compulsion ("I can't stop cutting"), not a negation."""

_ASCII_NEGATION = frozenset({"not", "never", "no"})
_DEGREE_AFTER_NEGATION = frozenset({"so", "this", "more", "such", "worse"})
"""After "never" these make it a degree ("I have never been this suicidal"), not a denial."""

NEGATION_REACH = 2
"""Tokens after a rule's last part that a negation may stand in to turn it into a check-in."""

_Match = tuple[frozenset[str], str]
"""One word of a multi-word member, compiled: the forms it is (alternatives of an analysed word), or a prefix."""
_MultiIndex = tuple[dict[str, "_Rests"], list[tuple[_Match, tuple[_Match, ...]]], tuple[str, ...]]


@dataclass(frozen=True)
class Token:
    """One word of a message: every form it may be matched by, and whether it ends a sentence."""

    forms: tuple[str, ...]
    boundary: bool = False
    start: int = 0
    """Where the token starts in the text it was cut from (to place a phrase match among the tokens)."""
    words: tuple[str, ...] | None = None
    """The words the learned layer reads for this token, when they are not its first form: a token the Japanese
    reader joined from kana the analyser cut apart (し + ぬ read as しぬ) keeps the words it was trained on."""


@dataclass(frozen=True)
class Finding:
    """A rule that matched, with where: token positions ``start`` (first part) to ``end`` (after the last)."""

    rule: str
    tier: Tier
    topic: bool
    start: int
    end: int
    negated: bool = False
    negative: bool = False


@dataclass
class WordList:
    """Compiled members: single words by exact form or prefix, and multi-word members."""

    exact: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    multi: list[tuple[str, ...]] = field(default_factory=list)
    _keys: tuple[frozenset[str], tuple[str, ...]] | None = field(default=None, repr=False)
    _by_first: _MultiIndex | None = field(default=None, repr=False)
    _prefixes: tuple[str, ...] | None = field(default=None, repr=False)

    @classmethod
    def compile(cls, members: Iterable[str], analyse: Analyse | None = None) -> WordList:
        """English members split at spaces; Japanese ones (``analyse`` given) cut by the analyser, so 「今は」 or
        「硫化水素」 match the same tokens a message is cut into, and every form of a one-word member counts."""
        words = cls()
        for member in members:
            if analyse is not None and not member.isascii():
                forms = analyse(member)
                if len(forms) == 1:
                    words.exact.update(forms[0])
                elif forms:
                    words.multi.append(tuple(f"{_ALTERNATIVES}{'|'.join(alt)}" for alt in forms))
                    words.exact.add(member)  # cut apart alone (まで: ま + で), one word in a message (崖まで)
                continue
            parts = tuple(member.casefold().split())
            if len(parts) > 1:
                words.multi.append(parts)
            elif parts and parts[0].endswith("*"):
                words.prefixes.append(parts[0][:-1])
            elif parts:
                words.exact.add(parts[0])
        return words

    def starts(self, index: Mapping[str, list[int]]) -> set[int]:
        """Token positions where a member may start, from the message's form index (form -> positions)."""
        firsts, wild = self.start_keys()
        found: set[int] = set()
        for form in (firsts if len(firsts) < len(index) else index):  # whichever is shorter is walked
            if form in index and form in firsts:
                found.update(index[form])
        if wild:
            for form, positions in index.items():
                if form.startswith(wild):
                    found.update(positions)
        return found

    def start_keys(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """The forms a member can start with, and the prefixes; worked out once (members do not change)."""
        if self._keys is None:
            firsts = set(self.exact)
            wild = list(self.prefixes)
            for member in self.multi:
                if member[0].startswith(_ALTERNATIVES):
                    firsts.update(member[0][1:].split("|"))
                elif member[0].endswith("*"):
                    wild.append(member[0][:-1])
                else:
                    firsts.add(member[0])
            self._keys = (frozenset(firsts), tuple(wild))
        return self._keys

    def ends_at(self, tokens: Sequence[Token], i: int) -> list[int]:
        """Where a member starting at token ``i`` ends (exclusive); empty when none starts there."""
        forms = tokens[i].forms
        ends = [i + 1] if _word_matches(forms, self.exact, self._prefix_tuple()) else []
        if not self.multi:
            return ends
        if i + 1 >= len(tokens) or tokens[i + 1].boundary:
            return ends  # a member of several words needs a next word in the sentence
        following = tokens[i + 1].forms
        by_first, wild_first, wild_prefixes = self._multi_index()
        candidates = []
        for form in forms:
            entry = by_first.get(form)
            if entry is not None and (entry.loose or not entry.seconds.isdisjoint(following)):
                candidates += entry.rests  # only when the next word can be a second word of one of them
        if wild_prefixes and any(form.startswith(wild_prefixes) for form in forms):
            candidates += [rest for first, rest in wild_first if _matches(forms, first)]
        for rest in candidates:
            j = i + 1
            for word in rest:
                if j >= len(tokens) or tokens[j].boundary or not _matches(tokens[j].forms, word):
                    break
                j += 1
            else:
                ends.append(j)
        return ends

    def _prefix_tuple(self) -> tuple[str, ...]:
        if self._prefixes is None:
            self._prefixes = tuple(self.prefixes)
        return self._prefixes

    def _multi_index(self) -> _MultiIndex:
        """Multi-word members by their first word's forms (a token then tries only the members it can start),
        each later word compiled once into the forms or the prefix it is matched by; the members that start with a
        prefix, and all those prefixes at once (most tokens start none of them, and are told so by one call)."""
        if self._by_first is None:
            by_first: dict[str, _Rests] = {}
            wild: list[tuple[_Match, tuple[_Match, ...]]] = []
            for member in self.multi:
                rest = tuple(_compile_word(word) for word in member[1:])
                if member[0].startswith(_ALTERNATIVES):
                    for form in member[0][1:].split("|"):
                        by_first.setdefault(form, _Rests()).add(rest)
                elif member[0].endswith("*"):
                    wild.append((_compile_word(member[0]), rest))
                else:
                    by_first.setdefault(member[0], _Rests()).add(rest)
            self._by_first = (by_first, wild, tuple(first[1] for first, _ in wild))
        return self._by_first


@dataclass
class _Rests:
    """The later words of the multi-word members that start with one form, and the forms their second word can
    be (``loose`` when one of them is a prefix): a token whose next word is none of them starts none."""

    rests: list[tuple[_Match, ...]] = field(default_factory=list)
    seconds: set[str] = field(default_factory=set)
    loose: bool = False

    def add(self, rest: tuple[_Match, ...]) -> None:
        self.rests.append(rest)
        exact, prefix = rest[0]
        self.seconds.update(exact)
        self.loose = self.loose or bool(prefix)




def _compile_word(word: str) -> _Match:
    if word.startswith(_ALTERNATIVES):
        return frozenset(word[1:].split("|")), ""
    if word.endswith("*"):
        return frozenset(), word[:-1]
    return frozenset({word}), ""


def _matches(forms: Sequence[str], word: _Match) -> bool:
    exact, prefix = word
    if prefix:
        return any(form.startswith(prefix) for form in forms)
    return not exact.isdisjoint(forms)


def _word_matches(forms: Sequence[str], exact: set[str], prefixes: tuple[str, ...]) -> bool:
    if not exact.isdisjoint(forms):
        return True
    return bool(prefixes) and any(form.startswith(prefixes) for form in forms)


@dataclass(frozen=True)
class Rule:
    """One rule of crisis.yaml, its parts resolved to word lists."""

    id: str
    tier: Tier
    parts: tuple[WordList, ...]
    gap: int
    topic: bool = False
    """A mention of the subject (``自殺``, ``suicidal``) rather than a wish or act: asked about, a check-in."""
    negative: bool = False
    """A part of the rule is itself a negation (「生きていたくない」, "not make it"): a negation is no denial."""


def resolve_part(part: str, words: Mapping[str, WordList], analyse: Analyse | None = None) -> WordList | None:
    """``@name`` is a word list (None when there is no such list), anything else one literal word or phrase."""
    if part.startswith("@"):
        return words.get(part[1:])
    return WordList.compile([part], analyse)


class RuleSet:
    """The rules of one script, searched in one token sequence."""

    def __init__(self, rules: Sequence[Rule], negation: WordList, *, negation_before: bool = False) -> None:
        self._rules = list(rules)
        self._negation = negation
        self._before = negation_before
        """English negates before the verb ("do not want to die"), Japanese after it (死にたくない)."""
        self._words = _Starts([part for rule in self._rules for part in rule.parts])

    def only(self, rule_id: str) -> RuleSet | None:
        """The set with just the rule ``rule_id`` (None: no such rule), sharing the compiled word lists: the checker
        tests each rule alone against the file's ordinary examples without compiling the lists once per rule."""
        rules = [rule for rule in self._rules if rule.id == rule_id]
        return RuleSet(rules, self._negation, negation_before=self._before) if rules else None

    def find(self, tokens: Sequence[Token]) -> list[Finding]:
        """Every rule that matches, at its first place (ordered by position)."""
        index = form_index(tokens)
        memo: dict[tuple[int, int], list[int]] = {}
        candidates = self._words.starts(index)
        nowhere: set[int] = set()

        def ends(words: WordList, i: int) -> list[int]:
            """``words.ends_at`` once per list and position: many rules share a list (@medicine, @high); only
            where one of its words can start at all."""
            if i not in candidates.get(id(words), nowhere):
                return []
            key = (id(words), i)
            if key not in memo:
                memo[key] = words.ends_at(tokens, i)
            return memo[key]

        starts: dict[int, list[int]] = {}
        found: list[Finding] = []
        for rule in self._rules:
            first = rule.parts[0]
            where = candidates.get(id(first))
            if not where or any(id(part) not in candidates for part in rule.parts[1:]):
                continue  # one of its words is nowhere in the message: most rules, most messages
            if id(first) not in starts:
                starts[id(first)] = sorted(where)
            # the second part starts after the first one: a first word after the second's last place starts nothing
            limit = max(candidates[id(rule.parts[1])]) if len(rule.parts) > 1 else len(tokens)
            for start in starts[id(first)]:
                if start >= limit:
                    break
                if not ends(first, start):
                    continue
                gap_negation = self._gap_negation if self._before and not rule.negative else None
                matched = _match_from(rule, tokens, start, ends, gap_negation)
                if matched is not None:
                    end, crossed = matched
                    negated = crossed or self._negated(tokens, end) or (
                        self._before and self._negated_before(tokens, start))
                    found.append(Finding(rule.id, rule.tier, rule.topic, start, end, negated, rule.negative))
                    break
        found.sort(key=lambda f: f.start)
        return found

    def _gap_negation(self, tokens: Sequence[Token], j: int) -> bool:
        """A negation standing between two parts of an English rule ("I have not been suicidal"): the parts are
        denied. A degree after it keeps the finding ("never been this suicidal", "never felt so suicidal"), and so does
        a compulsion ("can not stop the bleeding")."""
        ends = self._negation.ends_at(tokens, j)
        if not ends or not _ASCII_NEGATION.intersection(tokens[j].forms):
            return False
        if ends[0] < len(tokens) and _COMPULSION.intersection(tokens[ends[0]].forms):
            return False  # "went too deep, can't stop the bleeding"
        return not never_of_degree(tokens, j)

    def _negated_before(self, tokens: Sequence[Token], start: int) -> bool:
        for j in range(start - 1, max(-1, start - 1 - NEGATION_REACH), -1):
            if tokens[j].boundary:
                return False
            if ends := self._negation.ends_at(tokens, j):
                after = tokens[ends[0]] if ends[0] < len(tokens) else None
                return after is None or not _COMPULSION.intersection(after.forms)
        return False

    def _negated(self, tokens: Sequence[Token], end: int) -> bool:
        for j in range(end, min(len(tokens), end + NEGATION_REACH)):
            if tokens[j].boundary:
                return False
            if ends := self._negation.ends_at(tokens, j):
                after = tokens[ends[0]] if ends[0] < len(tokens) else None
                return after is None or not _CONDITIONAL.intersection(after.forms)
        return False


class _Starts:
    """The words of all rules' parts as one index: a message's forms are looked up once for every list, instead
    of every list looking up each of its words (a message holds few of them)."""

    def __init__(self, parts: Sequence[WordList]) -> None:
        self._parts = list(parts)
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        for key, words in {id(words): words for words in parts}.items():  # a shared list is indexed once
            exact, wild = words.start_keys()
            for form in exact:
                self._exact.setdefault(form, []).append(key)
            for prefix in wild:
                self._prefix.setdefault(prefix, []).append(key)
        self._lengths = sorted({len(prefix) for prefix in self._prefix})

    def __reduce__(self) -> tuple[type[_Starts], tuple[list[WordList]]]:
        """Keyed by the lists' ``id``, which a copy (the compiled content cache) changes: rebuilt from the copies."""
        return _Starts, (self._parts,)

    def starts(self, index: Mapping[str, list[int]]) -> dict[int, set[int]]:
        """Per word list (by ``id``), the token positions where one of its words (or prefixes) stands."""
        found: dict[int, set[int]] = {}
        for form, positions in index.items():
            for key in self._exact.get(form, ()):
                found.setdefault(key, set()).update(positions)
            for length in self._lengths:
                if length > len(form):
                    break
                for key in self._prefix.get(form[:length], ()):
                    found.setdefault(key, set()).update(positions)
        return found


def form_index(tokens: Sequence[Token]) -> dict[str, list[int]]:
    """Every form of the message with the positions it stands at: rules then start only where they can."""
    index: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        for form in token.forms:
            index.setdefault(form, []).append(i)
    return index


def never_of_degree(tokens: Sequence[Token], j: int) -> bool:
    """「never」 at ``j`` measuring a degree, not denying: "never been this suicidal", "never felt so alone"."""
    return "never" in tokens[j].forms and any(_DEGREE_AFTER_NEGATION.intersection(tokens[k].forms)
                                              for k in range(j + 1, min(len(tokens), j + 3)))


def _match_from(rule: Rule, tokens: Sequence[Token], start: int, ends: Callable[[WordList, int], list[int]],
                gap_negation: Callable[[Sequence[Token], int], bool] | None = None) -> tuple[int, bool] | None:
    """The end of the earliest complete match whose first part starts at ``start``, and whether a negation stood
    in a gap between its parts (``gap_negation`` tells one; a match without one is preferred), or None."""
    frontier = dict.fromkeys(ends(rule.parts[0], start), False)
    for part in rule.parts[1:]:
        nxt: dict[int, bool] = {}
        for pos, crossed in frontier.items():
            for j in range(pos, min(len(tokens), pos + rule.gap + 1)):
                if tokens[j].boundary:
                    break
                for end in ends(part, j):
                    nxt[end] = nxt.get(end, True) and crossed
                if gap_negation is not None and not crossed and gap_negation(tokens, j):
                    crossed = True
        if not nxt:
            return None
        frontier = nxt
    if not frontier:
        return None
    end = min(frontier, key=lambda e: (frontier[e], e))
    return end, frontier[end]
