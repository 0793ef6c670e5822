"""Claims lint: words Japan's medical advertising guideline does not allow (guarantees, superlatives ...).

The word lists live in ``content/<lang>/claims.yaml`` so staff can extend them. Matching ignores case and
full-/half-width; English words match whole words only ("cure" does not fire on "secure").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.content.schema import Claims


def fold(text: str) -> str:
    """Width- and case-insensitive form used on both the words and the text."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class Finding:
    category: str
    word: str
    why: str


class ClaimsLint:
    """One compiled matcher per language, built once per content load."""

    def __init__(self, claims: Claims) -> None:
        self._rules: list[tuple[re.Pattern[str], Finding]] = []
        for category, rule in claims.categories.items():
            for word in rule.words:
                folded = fold(word)
                if not folded.strip():
                    continue
                pattern = re.escape(folded)
                if folded[0].isascii() and (folded[0].isalnum() or folded[0] == "_"):
                    pattern = r"(?<![A-Za-z0-9_])" + pattern
                if folded[-1].isascii() and (folded[-1].isalnum() or folded[-1] == "_"):
                    pattern = pattern + r"(?![A-Za-z0-9_])"
                self._rules.append((re.compile(pattern), Finding(category, word, rule.why)))

    def findings(self, text: str) -> list[Finding]:
        folded = fold(text)
        return [finding for pattern, finding in self._rules if pattern.search(folded)]


def line_of(word: str, raw_text: str, first_line: int = 1) -> int | None:
    """The first line of ``raw_text`` containing ``word`` (folded), counted from ``first_line``."""
    folded = fold(word)
    for offset, line in enumerate(raw_text.splitlines()):
        if folded in fold(line):
            return first_line + offset
    return None
