"""Where a message names a choice: its label or one of its ``typed`` words, in either language.

Three ways to find one, so staff write a word once in its plain form and patients may type it as they like:

- English words on word boundaries, with a plural or a verb ending ("pill" finds "pills", "fainted" finds
  "faint");
- Japanese as a run of characters (two or more, compared folded and in hiragana: 「カウンセリング」 =
  「かうんせりんぐ」), or as a run of words by their dictionary forms from the analyser bot.safety.japanese
  already loads: a one-character word like 「薬」 or 「母」 counts when it is a word of its own (「薬とカウンセリング」)
  and a verb written plain finds it conjugated (「迷う」 finds 「迷ってる」, 「自分」 finds 「じぶん」);
- the content words of a long label: 「クリニック名は言わないでほしい」 names "電話に出た方にクリニック名を言わない
  でほしい" when it shares that label's rare words and no other label's (``partial``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import jaconv

from bot.content.schema import Question
from bot.safety.japanese import member_forms, tokens
from bot.search.normalize import fold

_PUNCTUATION = re.compile(r"[\s、。，,．.!！?？…・〜~ー\-「」『』()（）\"'“”\ufe0f]+")


_I_DROPPED = re.compile(r"(?<=[てで])い(?=[まるなたてれ])")
_QUOTED_COPULA = re.compile(r"(?<=[\u3400-\u9fffぁ-ゖ])だ(?=(?:と|って)(?:言|い)われ)")
_TOLD_ME = re.compile(r"\b(?:told me|told us|told him|told her)(?: that)?\b")
"""「X told me it is ...」 says what "X said it is ..." does, so the typed word "doctor said" finds it."""


@lru_cache(maxsize=8192)
def key_of(text: str) -> str:
    """How labels and messages are compared: folded width and case, katakana as hiragana, no punctuation,
    「ている」 as people type it (「してます」 = 「しています」, 「飲んでない」 = 「飲んでいない」), and the copula
    before a quotation left out (「うつ病だと言われた」 = 「うつ病と言われた」)."""
    return _QUOTED_COPULA.sub("", _I_DROPPED.sub("", _PUNCTUATION.sub("", jaconv.kata2hira(fold(text)))))


@lru_cache(maxsize=8192)
def spaced(text: str) -> str:
    """Folded, katakana as hiragana, punctuation as single spaces: English keeps its word boundaries."""
    return " ".join(_PUNCTUATION.sub(" ", jaconv.kata2hira(fold(text))).split())


@dataclass(frozen=True)
class Key:
    """One label or typed word of one choice, as compared."""

    text: str
    choice_id: str
    ascii: bool
    raw: str
    label: bool = False


def keys_of(variants: Sequence[Question]) -> list[Key]:
    """Every label and typed word of every language, longest first."""
    return list(_keys_of(tuple((c.id, c.label, tuple(c.typed)) for q in variants for c in q.choices)))


def word_keys(words: Sequence[str]) -> list[Key]:
    """Words that name no choice (a question's ``may_count``) as keys with an empty ``choice_id``, longest first."""
    return list(_keys_of((("", words[0], tuple(words[1:])),))) if words else []


@lru_cache(maxsize=256)
def _keys_of(choices: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[Key, ...]:
    keys: dict[tuple[str, str], Key] = {}
    for choice_id, label, typed in choices:
        for i, raw in enumerate((label, *typed)):
            plain = spaced(raw)
            if not plain:
                continue
            is_ascii = plain.isascii()
            text = plain if is_ascii else key_of(raw)
            keys.setdefault((text, choice_id), Key(text, choice_id, is_ascii, raw, label=i == 0))
    return tuple(sorted(keys.values(), key=lambda k: -len(k.text)))


@dataclass(frozen=True)
class Hit:
    """A key found in a message; ``surface`` is what to take out before reading yes or no from the rest."""

    key: Key
    surface: str


_EN_ENDINGS = r"(?:s|es|ed|d|ing|ings)?"


@lru_cache(maxsize=4096)
def _en_pattern(text: str) -> re.Pattern[str]:
    stem = re.escape(text)
    if len(text) > 4 and text[-1] == "e":
        stem = re.escape(text[:-1]) + "e?"
    return re.compile(r"(?<![a-z0-9])" + stem + _EN_ENDINGS + r"(?![a-z0-9])")


@lru_cache(maxsize=4096)
def _key_forms(raw: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(jaconv.kata2hira(f) for f in forms) for forms in member_forms(raw))


@lru_cache(maxsize=2048)
def _message_forms(text: str) -> tuple[tuple[frozenset[str], str], ...]:
    """The message's words: every form of each (in hiragana too) and its surface as typed. Kept for the messages
    read last: one answer is looked up clause by clause, and again without a "does that count?"."""
    folded = fold(text)
    found = tokens(folded)
    out = []
    for i, token in enumerate(found):
        if token.boundary or not token.forms:
            continue
        end = found[i + 1].start if i + 1 < len(found) else len(folded)
        forms = frozenset(token.forms) | {jaconv.kata2hira(f) for f in token.forms}
        out.append((forms, folded[token.start:end]))
    return tuple(out)


@lru_cache(maxsize=4096)
def _en_stem(text: str) -> str:
    """What an English key's pattern cannot match without: the word, less a final "e" it may drop."""
    return text[:-1] if len(text) > 4 and text[-1] == "e" else text


_KANA_ONLY = re.compile(r"[ぁ-ゖ]+")
_LETTER_KANA = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    "えい", "び", "し", "でぃ", "い", "えふ", "じ", "えいち", "あい", "じぇい", "けい", "える", "えむ", "えぬ", "お",
    "ぴ", "きゅ", "ある", "えす", "てぃ", "ゆ", "ぶい", "だぶりゅ", "えっくす", "わい", "ぜっと"), strict=True))
"""Latin letters as typed in kana with the long vowels dropped (TMS: てぃーえむえす, compared as てぃえむえす)."""


@lru_cache(maxsize=4096)
def reading(raw: str) -> str:
    """A label or typed word as someone who types only kana writes it (抗うつ薬 -> こううつやく, TMS -> てぃえむえす,
    long vowels left out as ``key_of`` does), or "" when it has no reading worth matching."""
    if raw.isascii():
        if not (raw.isupper() and raw.isalpha() and 2 <= len(raw) <= 5):
            return ""
        return key_of("".join(_LETTER_KANA[c] for c in raw))
    if _KANA_ONLY.fullmatch(key_of(raw)):
        return ""
    from bot.text.japanese import morphemes

    read = "".join(m.reading or m.surface for m in morphemes(fold(raw)))
    return key_of(read) if _KANA_ONLY.fullmatch(key_of(read)) else ""


def prepare_keys(keys: Sequence[Key]) -> int:
    """Compile and analyse the keys once (an English key's pattern, a Japanese key's word forms, its reading in kana),
    as ``find`` would on the first message that needs them; the number of keys."""
    for key in keys:
        if key.ascii:
            _en_pattern(key.text)
        else:
            _key_forms(key.raw)
        reading(key.raw)
    return len(keys)


def find(keys: Sequence[Key], text: str) -> list[Hit]:
    """Keys found in the message, longest first, never overlapping."""
    key_text, padded = key_of(text), f" {_TOLD_ME.sub('said', spaced(text))} "
    words = _message_forms(text) if not padded.isascii() else ()
    every_form = frozenset().union(*(forms for forms, _ in words))
    word_taken = [False] * len(words)
    taken_key: list[tuple[int, int]] = []
    taken_spaced: list[tuple[int, int]] = []
    hits: list[Hit] = []
    for key in keys:
        if key.ascii:
            if _en_stem(key.text) not in padded:
                continue  # the pattern cannot match: skipped for speed alone
            for found in _en_pattern(key.text).finditer(padded):
                span = (found.start(), found.end())
                if not any(span[0] < end and start < span[1] for start, end in taken_spaced):
                    taken_spaced.append(span)
                    hits.append(Hit(key, found.group(0)))
            continue
        if (len(key.text) >= 2 or key.text == key_text or _symbol(key.text)) and key.text in key_text:
            found_here = False
            at = key_text.find(key.text)
            while at >= 0:  # every place, left to right, not overlapping (as re.finditer finds them)
                span = (at, at + len(key.text))
                if not any(span[0] < end and start < span[1] for start, end in taken_key):
                    taken_key.append(span)
                    hits.append(Hit(key, key.text))
                    found_here = True
                at = key_text.find(key.text, span[1])
            if found_here or any(start <= key_text.find(key.text) < end for start, end in taken_key):
                continue  # only inside a longer key found before (ポンプ in インスリンポンプ): not again by its forms
        if not words:
            continue
        forms = _key_forms(key.raw)
        if not forms or not every_form & set(forms[0]):
            continue
        for start in range(len(words) - len(forms) + 1):
            window = range(start, start + len(forms))
            if any(word_taken[i] for i in window):
                continue
            if all(words[i][0] & set(forms[j]) for j, i in enumerate(window)):
                for i in window:
                    word_taken[i] = True
                hits.append(Hit(key, key_of("".join(words[i][1] for i in window))))
    if not hits and _KANA_ONLY.fullmatch(key_text):  # 「こううつやく」, 「どようび」: kana for a word in kanji
        for key in keys:
            read = reading(key.raw)
            if len(read) < 3:
                continue
            for found in re.finditer(re.escape(read), key_text):
                span = (found.start(), found.end())
                if not any(span[0] < end and start < span[1] for start, end in taken_key):
                    taken_key.append(span)
                    hits.append(Hit(key, read))
    return hits


def _symbol(text: str) -> bool:
    """A pictograph (📞, ✉): one character, but a word of its own wherever it is typed (「📞でお願いします」)."""
    return len(text) == 1 and unicodedata.category(text) == "So"


# --- partial labels ----------------------------------------------------------------------------------------------

_EN_STOP = frozenset(["a", "an", "the", "to", "of", "in", "on", "for", "and", "or", "with", "by", "at", "is", "are",
                     "be", "me", "my", "i", "you", "your", "it", "this", "that", "do", "not", "would", "like",
                     "please", "who", "whoever", "they", "them", "their", "he", "she", "his", "her", "we", "us", "our",
                     "what", "so", "yes", "no", "just", "about", "from", "have", "has", "had", "was", "were", "will",
                     "can", "any", "some", "one"])
_JA_FUNCTION = re.compile(r"^[ぁ-ゖ]{1,2}$")


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The words of a label or message that carry its meaning (no function words, no numbers), as compared."""
    plain = spaced(text)
    if plain.isascii():
        return frozenset(w.rstrip("s") if len(w) > 4 else w for w in plain.split()
                         if w not in _EN_STOP and len(w) > 2 and not w.isdigit())
    out = set()
    for forms, surface in _message_forms(text):
        if not _JA_FUNCTION.match(jaconv.kata2hira(surface)) and len(surface) >= 2 and not re.search(r"\d", surface):
            out.add(min(forms, key=lambda f: (not re.search(r"[\u3400-\u9fff]", f), len(f))))
    return frozenset(out)


def partial(variants: Sequence[Question], text: str) -> set[str]:
    """Choices whose long label shares rare content words with the message, more than any other label does."""
    labels = [(c.id, content_words(c.label)) for q in variants for c in q.choices if len(key_of(c.label)) >= 4]
    if not labels:
        return set()
    words = content_words(text)
    counts: dict[str, int] = {}
    for _, label_words in labels:
        for word in label_words:
            counts[word] = counts.get(word, 0) + 1
    scores: dict[str, float] = {}
    for choice_id, label_words in labels:
        shared = words & label_words
        score = sum(math.log(1 + len(labels) / counts[w]) for w in shared if counts[w] < len(labels) / 2)
        scores[choice_id] = max(scores.get(choice_id, 0.0), score)
    best = max(scores.values())
    if best < 2.0:
        return set()
    return {c for c, s in scores.items() if s >= best - 1e-9 or (s >= 1.5 and s >= best * 0.8)}
