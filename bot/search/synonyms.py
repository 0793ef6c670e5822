"""Synonym groups from the content (TMS = rTMS = 経頭蓋磁気刺激): every member is rewritten to one group token.

Rewriting both the FAQ's questions and the patient's text to the same token is equivalent to expanding the query
with every member, but cheaper and without double counting. Groups from both languages are merged (a word listed
in two groups joins them), so 「TMSの副作用」 and "side effects of magnetic stimulation" share tokens.

Japanese members are matched in the folded text (longest first; a Latin edge must sit on a word boundary);
English members are matched on stemmed words, so "side effects" and "side effect" are one entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.search.english import stem
from bot.search.normalize import LATIN, SYNONYM, Normalized, normalize, synonym_char
from bot.text.trie import trie_regex


class Synonyms:
    """Compiled synonym groups; ``rewrite_text`` for Japanese members, ``rewrite_words`` for English ones."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self.groups = _merge([[t for t in group if t and t.strip()] for group in groups])
        ja_terms: dict[str, int] = {}
        self._phrases: dict[tuple[str, ...], int] = {}
        for number, group in enumerate(self.groups):
            for term in group:
                norm = normalize(term)
                if not norm.text:
                    continue
                if set(norm.scripts) <= {LATIN, " "}:
                    words = tuple(stem(w) for w in norm.text.split())
                    self._phrases.setdefault(words, number)
                else:
                    ja_terms.setdefault(norm.text, number)
        self._ja_number = ja_terms
        self.longest_phrase = max((len(p) for p in self._phrases), default=0)
        self._ja_pattern = _alternation(ja_terms) if ja_terms else None

    @property
    def japanese_terms(self) -> dict[str, int]:
        """Normalised Japanese member -> group number (used for typo correction of katakana words)."""
        return dict(self._ja_number)

    @property
    def english_phrases(self) -> list[tuple[str, ...]]:
        """Stemmed English members."""
        return list(self._phrases)

    def rewrite_text(self, norm: Normalized) -> Normalized:
        """Replace Japanese members in the folded text by their group character."""
        if self._ja_pattern is None:
            return norm
        text, scripts = [], []
        last = 0
        for found in self._ja_pattern.finditer(norm.text):
            text.append(norm.text[last:found.start()])
            scripts.append(norm.scripts[last:found.start()])
            text.append(synonym_char(self._ja_number[found.group(0)]))
            scripts.append(SYNONYM)
            last = found.end()
        if last == 0:
            return norm
        text.append(norm.text[last:])
        scripts.append(norm.scripts[last:])
        return Normalized("".join(text), "".join(scripts))

    def rewrite_words(self, words: Sequence[str]) -> list[str | int]:
        """Stemmed words in, the same words out with members replaced by their group number (longest first)."""
        out: list[str | int] = []
        i = 0
        while i < len(words):
            for size in range(min(self.longest_phrase, len(words) - i), 0, -1):
                number = self._phrases.get(tuple(words[i:i + size]))
                if number is not None:
                    out.append(number)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def group_of_word(self, word: str) -> int | None:
        return self._phrases.get((word,))


def _alternation(terms: dict[str, int]) -> re.Pattern[str]:
    """Every member as one trie-shaped regex (bot.text.trie: a plain ``a|b|c`` of hundreds of members was a third of
    an index build). Members are inserted longest first, so at every branch the longer member is tried before a
    shorter one ends (as the longest-first alternation did): 「TMS治療」 before 「TMS」."""
    paths = []
    for term in sorted(terms, key=len, reverse=True):
        part = [re.escape(ch) for ch in term]
        if term[0].isascii() and term[0].isalnum():
            part.insert(0, r"(?<![a-z0-9])")
        if term[-1].isascii() and term[-1].isalnum():
            part.append(r"(?![a-z0-9])")
        paths.append(part)
    return re.compile(trie_regex(paths))


def _merge(groups: list[list[str]]) -> list[list[str]]:
    """Union of groups that share a member (compared after normalising), order kept."""
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, group in enumerate(groups):
        for term in group:
            key = normalize(term).text
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    merged: dict[int, list[str]] = {}
    for i, group in enumerate(groups):
        bucket = merged.setdefault(find(i), [])
        seen = {normalize(t).text for t in bucket}
        for term in group:
            if normalize(term).text not in seen:
                bucket.append(term)
                seen.add(normalize(term).text)
    return [merged[root] for root in sorted(merged)]
