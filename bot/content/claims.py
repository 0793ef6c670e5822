"""Claims lint: wording Japan's medical advertising guideline does not allow (guarantees, superlatives ...).

The word lists live in ``content/<lang>/claims.yaml`` so staff can extend them, and every language's lists are
applied to every language's text (an English "No.1" inside Japanese text is still a superlative). Matching ignores
case and full-/half-width; English words match whole words only ("cure" does not fire on "secure").

An honest negation is not a claim: 「完治を約束するものではありません」 and "TMS is not a cure" say the opposite
of the word they contain. A finding is dropped when, in the same sentence,
    - a Japanese word is followed (before the sentence's own です/ます) by an ending of ``negations_after``, or
    - an English word is preceded within a few words by one of ``negations_before``, or followed at once by one of
      ``negations_after`` ("results are not guaranteed", "a cure is not promised"),
unless the negation is one of ``not_negations`` ("not only", 「だけではありません」). A list word that itself holds
a negation (副作用はありません, "no side effects") is judged by what surrounds it, so it stays a claim.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.content.cjk_emphasis import is_cjk
from bot.content.schema import Claims

_SENTENCE_END = re.compile(r"[。．！？!?\n]|\.(?:\s|$)|[;:]")
_JA_ASSERTION_END = re.compile(r"です|ます|でした|ました")
_EN_WORDS_BEFORE = 5
_JA_WINDOW = 40
_EN_AFTER_WINDOW = 30


def fold(text: str) -> str:
    """Width- and case-insensitive form used on both the words and the text."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class Finding:
    """One prohibited expression: the list entry that matched, the text as found and the rule it breaks."""

    category: str
    word: str
    why: str
    rule: str = ""
    found: str = ""
    start: int = 0


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    category: str
    word: str
    why: str
    rule: str
    english: bool


def _word_pattern(word: str) -> str:
    pattern = re.escape(word)
    if word[0].isascii() and (word[0].isalnum() or word[0] == "_"):
        pattern = r"(?<![a-z0-9_])" + pattern
    if word[-1].isascii() and (word[-1].isalnum() or word[-1] == "_"):
        pattern = pattern + r"(?![a-z0-9_])"
    return pattern


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str] | None:
    folded = sorted({fold(c).strip() for c in cues if c.strip()}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile("|".join(_word_pattern(c) for c in folded))


class ClaimsLint:
    """The compiled matchers of every language's lists, built once per content load."""

    def __init__(self, claims: Claims | Iterable[Claims]) -> None:
        lists = [claims] if isinstance(claims, Claims) else list(claims)
        self._rules: list[_Rule] = []
        seen: set[tuple[str, str]] = set()
        for model in lists:
            for category, group in model.categories.items():
                for word in group.words:
                    folded = fold(word).strip()
                    if not folded or (category, folded) in seen:
                        continue
                    seen.add((category, folded))
                    self._rules.append(_Rule(re.compile(_word_pattern(folded)), category, word, group.why,
                                             group.rule, folded.isascii()))
                for source in group.patterns:
                    self._rules.append(_Rule(re.compile(fold(source)), category, source, group.why, group.rule,
                                             source.isascii()))
        self._after = _cue_pattern(c for m in lists for c in m.negations_after)
        self._before = _cue_pattern(c for m in lists for c in m.negations_before)
        self._not_negations = [fold(p) for m in lists for p in m.not_negations if p.strip()]

    def findings(self, text: str) -> list[Finding]:
        """Every claim in ``text``, one per list entry (its first occurrence that is not negated)."""
        folded = fold(text)
        out: list[Finding] = []
        for rule in self._rules:
            for match in rule.pattern.finditer(folded):
                english = rule.english and not (is_cjk(_next_visible(folded, match.end(), 1))
                                                or (not rule.word[:1].isalpha()
                                                    and is_cjk(_next_visible(folded, match.start() - 1, -1))))
                if match.end() == match.start() or self._negated(folded, match.start(), match.end(), english):
                    continue
                out.append(Finding(rule.category, rule.word, rule.why, rule.rule, match.group(0), match.start()))
                break
        return out

    def _negated(self, text: str, start: int, end: int, english: bool) -> bool:
        sentence_start = _sentence_start(text, start)
        sentence_end = _sentence_end(text, end)
        if english:
            before = text[sentence_start:start]
            words = re.findall(r"[\w'’-]+", before)[-_EN_WORDS_BEFORE:]
            window = " ".join(words)
            if self._before is not None and self._cue_in(self._before, window, before):
                return True
            after = text[end:min(sentence_end, end + _EN_AFTER_WINDOW)]
            return self._after is not None and self._cue_in(self._after, after, after, at_start=True)
        after = text[end:min(sentence_end, end + _JA_WINDOW)]
        assertion = _JA_ASSERTION_END.search(after)
        if assertion is not None:
            after = after[:assertion.start()]
        return self._after is not None and self._cue_in(self._after, after, after)

    def _cue_in(self, cues: re.Pattern[str], window: str, context: str, *, at_start: bool = False) -> bool:
        for match in cues.finditer(window):
            if at_start and not _only_auxiliaries(window[:match.start()]):
                continue
            if any(match.group(0) in phrase and phrase in context for phrase in self._not_negations):
                continue
            return True
        return False


_AUXILIARIES = {"is", "are", "was", "were", "has", "have", "been", "be", "should", "will", "would", "can", "could",
                "may", "might", "must", "do", "does", "did"}


def _only_auxiliaries(between: str) -> bool:
    """Whether the words between an English claim word and a negation keep the negation on that word: auxiliaries
    and at most one other word ("dramatic [improvement] should not ...") with no comma in between."""
    if "," in between:
        return False
    words = between.split()
    return sum(1 for w in words if w not in _AUXILIARIES) <= 1 and len(words) <= 4


def _next_visible(text: str, pos: int, step: int) -> str:
    while 0 <= pos < len(text) and text[pos].isspace():
        pos += step
    return text[pos] if 0 <= pos < len(text) else " "


def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, pos):
        start = match.end()
    return start


def _sentence_end(text: str, pos: int) -> int:
    match = _SENTENCE_END.search(text, pos)
    return match.start() if match else len(text)


def line_of(word: str, raw_text: str, first_line: int = 1) -> int | None:
    """The first line of ``raw_text`` containing ``word`` (folded), counted from ``first_line``."""
    folded = fold(word)
    for offset, line in enumerate(raw_text.splitlines()):
        if folded in fold(line):
            return first_line + offset
    return None
