"""Turns a question into the features the index compares: character n-grams for Japanese, stems for English.

Japanese has no spaces and a tokenizer dictionary knows nothing of エクソソーム or DLPFC, so Japanese text is cut
at script boundaries (see ``normalize``) and each run gives n-grams: kanji unigrams and bigrams (痛, 副作, 作用),
kana bigrams, and one okurigana bigram where kanji meets kana (痛い, 効く). Grammar that says nothing about the
topic (ですか, について, 教えて ...) is dropped first. English words are stemmed and stopwords dropped; question
words that do decide the topic (where, when, long, often, many, much) stay. Synonym members become one feature.

Typo tolerance: an English word or katakana word the content never uses is replaced by the closest word (same
first letter, rapidfuzz ratio >= ``fuzzy_cutoff``) of the example questions and synonyms, but only in patients'
questions, never in the content itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

import jaconv
from rapidfuzz import fuzz, process

from bot.search.english import chat_signs, chat_spelling, does_typed_dose, is_filler, is_stopword, stem
from bot.search.normalize import (
    HIRAGANA,
    KANJI,
    KATAKANA,
    LATIN,
    SPACE,
    SYNONYM,
    Normalized,
    fold,
    normalize,
    synonym_group,
)
from bot.search.synonyms import Synonyms

JA_STOP_PHRASES = tuple(sorted([
    "なんでしょうか", "のでしょうか", "でしょうか", "ですか", "ますか", "ませんか", "ください", "下さい",
    "について", "につき", "とは", "って", "おしえて", "教えて", "知りたい", "しりたい", "おねがいします",
    "お願いします", "おねがい", "お願い", "ありません", "でした", "ました", "ません", "ましょう",
    "でしょう", "のですが", "んですが", "んですけど", "ですけど", "なんですか", "なんでしょう", "ですよね",
    "けれども", "けれど", "けど", "ですね", "のでしょうか", "ほしい", "欲しい", "したい", "たいです",
    "いますか", "います", "ている", "ています", "ですが", "でも", "だけ", "など", "です", "ます",
], key=len, reverse=True))
"""Endings and fillers dropped before n-grams (longest first), in their folded (hiragana) spelling."""

SHORT_WORD_CUTOFF = 75.0
"""The typo cutoff for a four-letter word the content never uses (one letter changed)."""
SEGMENT_MIN = 9
"""An unknown Latin run at least this long is tried as words typed without spaces (``Analyzer._segment``)."""
_LONGEST_WORD = 20
_NOT_AFTER = {"たいです": "(?<![\u3400-\u9fff])い"}
"""A stop phrase that is not grammar after this (a lookbehind): 「いたいですか」 is 痛いですか typed in kana, the
adjective and not a wish ending, and blanking たいです left nothing of it; after a kanji (使いたいです) い is a
verb's ending and たいです the wish, dropped as before."""
_STOP_PATTERN = re.compile("|".join(
    (f"(?<!{_NOT_AFTER[p]}){re.escape(p)}" if p in _NOT_AFTER else re.escape(p)) for p in JA_STOP_PHRASES))
_MAX_CACHED_CORRECTIONS = 20_000


@dataclass(frozen=True)
class AnalyzerOptions:
    """Switches and weights for the feature set; the defaults are the shipped configuration.

    A feature's weight in a question is its idf times the factor of its kind: topic words (synonym groups,
    kanji compounds, katakana, English stems) count fully, single kanji and okurigana less, and hiragana bigrams,
    which are mostly grammar (「受ければいいの」), least. bench/bench_matcher.py compares the variants.
    """

    synonyms: bool = True
    kanji_unigrams: bool = True
    okurigana: bool = True
    katakana_words: bool = True
    ja_stop_phrases: bool = True
    english_bigrams: bool = True
    fuzzy: bool = True
    fuzzy_cutoff: float = 80.0
    japanese_words: Callable[[str], list[str]] | None = field(default=None, compare=False)
    """If set, Japanese text is cut into words by this function (a morphological analyser) instead of n-grams;
    used by bench/bench_matcher.py to compare with janome."""
    weight_synonym: float = 1.5
    weight_word: float = 1.0
    weight_kanji_bigram: float = 1.0
    weight_kanji_unigram: float = 0.5
    weight_katakana: float = 1.0
    weight_hiragana: float = 0.4
    weight_okurigana: float = 0.6
    weight_word_pair: float = 0.5


class Analyzer:
    """Features of one text; ``learn`` the content's vocabulary before correcting typos in questions."""

    def __init__(self, synonyms: Synonyms | None, options: AnalyzerOptions | None = None) -> None:
        self.options = options or AnalyzerOptions()
        self.synonyms = synonyms if self.options.synonyms else None
        self._english_vocabulary: dict[str, list[str]] = {}
        self._english_known: frozenset[str] = frozenset()
        self._typos: dict[str, str] = {}
        self._english_surface: frozenset[str] = frozenset()
        self._kana_vocabulary: dict[str, list[str]] = {}
        self._kana_known: frozenset[str] = frozenset()
        self._kana_groups: dict[str, int] = {}
        self._corrections: dict[str, str | int] = {}

    def learn(self, questions: Iterable[str], others: Iterable[str] = ()) -> None:
        """Collect the content's words: typos are corrected towards words of example questions and synonyms;
        words of ``others`` (answers) are only known, so they are never "corrected" themselves."""
        questions, others = list(questions), list(others)
        english, kana = _words(questions)
        known_english, known_kana = _words(others)
        if self.synonyms is not None:
            for term, number in self.synonyms.japanese_terms.items():
                if len(term) >= 3 and all("\u3041" <= c <= "\u309f" for c in term):
                    kana.add(term)
                    self._kana_groups[term] = number
            english.update(w for phrase in self.synonyms.english_phrases for w in phrase)
        self._english_known = frozenset(english | known_english)
        self._english_surface = frozenset(w for text in (*questions, *others)
                                          for w in _LATIN_WORD.findall(fold(text)))
        self._typos = _typo_spellings(questions, self.synonyms, known_english) if self.options.fuzzy else {}
        self._english_vocabulary = _by_initial(w for w in english if len(w) >= 4 and not is_stopword(w))
        self._kana_known = frozenset(kana | known_kana)
        self._kana_vocabulary = _by_initial(kana)
        self._corrections.clear()

    def is_english(self, word: str) -> bool:
        """A word the content uses in English, or an English stopword (for telling English from romaji)."""
        return len(word) > 1 and (stem(word) in self._english_known or is_stopword(stem(word)))

    def features(self, text: str, *, correct: bool = False) -> list[str]:
        """The features of ``text`` in order, repeats kept (how often the content uses a feature matters)."""
        return [name for name, _ in self.analyze(text, correct=correct)]

    def query(self, text: str, *, correct: bool = True) -> dict[str, float]:
        """A question: each feature once with the factor of its kind; a patient's typos corrected."""
        return strongest(self.analyze(text, correct=correct))

    def analyze(self, text: str, *, correct: bool = False) -> list[tuple[str, float]]:
        """(feature, factor of its kind) in order of appearance."""
        return self._features(text, correct)

    def _features(self, text: str, correct: bool) -> list[tuple[str, float]]:
        options = self.options
        norm = normalize(chat_signs(does_typed_dose(text)))
        if self.synonyms is not None:
            norm = self.synonyms.rewrite_text(norm)
        if options.ja_stop_phrases:
            norm = _drop_stop_phrases(norm)
        out: list[tuple[str, float]] = []
        words: list[str] = []
        japanese: list[str] = []  # adjacent kanji/kana runs, for options.japanese_words
        end = -1
        previous = ""
        for script, run, start in norm.runs():
            adjacent = start == end
            end = start + len(run)
            if script != LATIN and words:
                out.extend(self._english(words, correct))
                words = []
            if japanese and (script not in (KANJI, HIRAGANA, KATAKANA) or not adjacent):
                out.extend(self._japanese_words("".join(japanese)))
                japanese = []
            if script == LATIN:
                if correct and options.fuzzy and len(run) >= SEGMENT_MIN and stem(run) not in self._english_known:
                    words.extend(stem(word) for piece in self._segment(run) for word in chat_spelling(piece))
                else:
                    words.extend(stem(word) for word in chat_spelling(run))
            elif script == SYNONYM:
                out.append((f"§{synonym_group(run)}", options.weight_synonym))
            elif options.japanese_words is not None:
                japanese.append(jaconv.hira2kata(run) if script == KATAKANA else run)
            elif script == KANJI:
                out.extend(self._kanji(run))
            elif script == HIRAGANA:
                if options.okurigana and adjacent and previous == KANJI:
                    out.append((norm.text[start - 1] + run[0], options.weight_okurigana))
                out.extend((run[i:i + 2], options.weight_hiragana) for i in range(len(run) - 1))
            elif script == KATAKANA:
                out.extend(self._katakana(run, correct))
            previous = script
        if words:
            out.extend(self._english(words, correct))
        if japanese:
            out.extend(self._japanese_words("".join(japanese)))
        return out

    def _japanese_words(self, segment: str) -> list[tuple[str, float]]:
        """Words from a morphological analyser instead of n-grams (only when options.japanese_words is set)."""
        assert self.options.japanese_words is not None
        out = []
        for word in self.options.japanese_words(segment):
            word = jaconv.kata2hira(word)
            kana_only = all("\u3041" <= c <= "\u309f" for c in word)
            out.append((f"j:{word}", self.options.weight_hiragana if kana_only else 1.0))
        return out

    # --- per script ---------------------------------------------------------------------------------------------

    def _kanji(self, run: str) -> list[tuple[str, float]]:
        options = self.options
        out: list[tuple[str, float]] = []
        if len(run) == 1 or options.kanji_unigrams:
            out.extend((char, options.weight_kanji_unigram) for char in run)
        out.extend((run[i:i + 2], options.weight_kanji_bigram) for i in range(len(run) - 1))
        return out

    def _katakana(self, run: str, correct: bool) -> list[tuple[str, float]]:
        options = self.options
        if correct and options.fuzzy:
            fixed = self._correct_kana(run)
            if isinstance(fixed, int):
                return [(f"§{fixed}", options.weight_synonym)]
            run = fixed
        grams = [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
        out = [(gram, options.weight_katakana) for gram in grams]
        if options.katakana_words and len(run) >= 3:
            out.append((f"t:{run}", options.weight_katakana))
        return out

    def _english(self, words: list[str], correct: bool) -> list[tuple[str, float]]:
        options = self.options
        typos = self._typos
        words = [typos.get(w, w) for w in words if not is_filler(w)]
        if correct and options.fuzzy:
            words = [part for w in words for part in self._split_run_together(w)]
        fixed = [self._correct_english(w) for w in words] if correct and options.fuzzy else words
        items: list[str | int] = list(fixed) if self.synonyms is None else self.synonyms.rewrite_words(fixed)
        out: list[tuple[str, float]] = []
        age = self.synonyms.group_of_word("age") if self.synonyms is not None else None
        if age is not None and _states_an_age(fixed):
            out.append((f"§{age}", options.weight_synonym))  # "she's 16, is the drip ok for her" asks about age
        last: str | None = None
        for item in items:
            if isinstance(item, int):
                feature, factor = f"§{item}", options.weight_synonym
            elif is_stopword(item):
                last = None
                continue
            elif item.isdigit():
                feature, factor = "w:#", options.weight_word  # 16, 19, 30: the number itself rarely decides
            else:
                feature, factor = f"w:{item}", options.weight_word
            out.append((feature, factor))
            if options.english_bigrams and last is not None:
                out.append((f"{last}+{feature}", options.weight_word_pair))
            last = feature
        return out

    # --- typo correction ----------------------------------------------------------------------------------------

    def _correct_english(self, word: str) -> str:
        if len(word) < 4 or not word.isalpha() or word in self._english_known or is_stopword(word):
            return word
        if self.synonyms is not None and self.synonyms.group_of_word(word) is not None:
            return word
        cached = self._corrections.get(word)
        if isinstance(cached, str):
            return cached
        found = process.extractOne(word, self._english_vocabulary.get(word[0], ()), scorer=fuzz.ratio,
                                   score_cutoff=self.options.fuzzy_cutoff)
        if found is None and len(word) == 4:
            # one letter changed in a four-letter word ("lomg") scores 75: taken only when the word keeps its
            # length and its last letter
            found = process.extractOne(word, [w for w in self._english_vocabulary.get(word[0], ())
                                              if len(w) == 4 and w[-1] == word[-1]],
                                       scorer=fuzz.ratio, score_cutoff=SHORT_WORD_CUTOFF)
        result = found[0] if found else word
        self._remember(word, result)
        return result

    def _segment(self, run: str) -> list[str]:
        """"howdoideletemydata" -> how, do, i, delete, my, data: a run the content never uses, cut into the fewest
        words of the content (one letter only for "a" and "i"); the run itself when no such cut exists."""
        surface = self._english_surface
        n = len(run)
        best: list[tuple[int, int] | None] = [(0, 0)] + [None] * n  # (pieces, start of the last piece)
        for end in range(1, n + 1):
            for start in range(max(0, end - _LONGEST_WORD), end):
                piece = run[start:end]
                before = best[start]
                if before is None or (len(piece) == 1 and piece not in "ai") or piece not in surface:
                    continue
                if best[end] is None or before[0] + 1 < best[end][0]:  # type: ignore[index]
                    best[end] = (before[0] + 1, start)
        if best[n] is None or best[n][0] < 2:  # type: ignore[index]
            return [run]
        pieces: list[str] = []
        end = n
        while end > 0:
            start = best[end][1]  # type: ignore[index]
            pieces.append(run[start:end])
            end = start
        return pieces[::-1]

    def _split_run_together(self, word: str) -> list[str]:
        """"sideeffects" -> side, effect: a word the content never uses that is two words it does use."""
        if len(word) < 7 or not word.isalpha() or word in self._english_known:
            return [word]
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], stem(word[cut:])
            if (head in self._english_known or stem(head) in self._english_known) and tail in self._english_known:
                return [stem(head), tail]  # "exosomesapproved": the head may be a plural
        return [word]

    def _correct_kana(self, run: str) -> str | int:
        if len(run) < 3 or run in self._kana_known:
            return self._kana_groups.get(run, run)
        key = "kana:" + run
        if key in self._corrections:
            return self._corrections[key]
        found = process.extractOne(run, self._kana_vocabulary.get(run[0], ()), scorer=fuzz.ratio,
                                   score_cutoff=self.options.fuzzy_cutoff)
        result: str | int = run
        if found:
            result = self._kana_groups.get(found[0], found[0])
        self._remember(key, result)
        return result

    def _remember(self, key: str, value: str | int) -> None:
        if len(self._corrections) >= _MAX_CACHED_CORRECTIONS:
            self._corrections.clear()  # patients' typos are unbounded; the cache must not be
        self._corrections[key] = value


_PEOPLE = frozenset(["i", "he", "she", "they", "we", "son", "daughter", "kid", "child", "boy", "girl", "teen",
                     "teenager", "sister", "brother"])
_BEING = frozenset(["be", "turn", "just"])
"""Stemmed: "is", "am", "are" stem to "be"; "turns", "turned" to "turn"."""
_OLDEST_STATED = 25
_UNITS = frozenset(["minut", "min", "hour", "day", "week", "month", "session", "time", "km", "mile", "yen", "kg",
                    "percent", "mg", "pill", "tablet"])
"""A unit after the number makes it something else than an age ("she is 20 minutes away"); compared stemmed and
by prefix."""


def _states_an_age(words: list[str]) -> bool:
    """Someone's age told as a bare number ("she's 16", "my son turned 15", "I am 17"): the words ask about age
    although none of them says age, as 「16歳」 does in Japanese."""
    for i in range(2, len(words)):
        unit = i + 1 < len(words) and any(words[i + 1].startswith(u) for u in _UNITS)
        if words[i].isdigit() and int(words[i]) <= _OLDEST_STATED and not unit and words[i - 1] in _BEING \
                and (words[i - 2] in _PEOPLE or (words[i - 2] in _BEING and i >= 3 and words[i - 3] in _PEOPLE)):
            return True
    return False


def strongest(features: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Each feature once, with the largest factor it appeared with."""
    out: dict[str, float] = {}
    for name, factor in features:
        if factor > out.get(name, 0.0):
            out[name] = factor
    return out


_LATIN_WORD = re.compile(r"[a-z]+")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}")


def _words(texts: Iterable[str]) -> tuple[set[str], set[str]]:
    """English stems and katakana words (3+ letters, in their normalised spelling) used in ``texts``."""
    english: set[str] = set()
    kana: set[str] = set()
    for text in texts:
        folded = fold(text)
        english.update(stem(word) for word in _LATIN_WORD.findall(folded))
        for word in _KATAKANA_WORD.findall(folded):
            run = normalize(word).text
            if len(run) >= 3:
                kana.add(run)
    return english, kana


TYPO_CUTOFF = 90.0
"""How alike (rapidfuzz ratio) a rare word of the examples must be to a common one to be read as its typo."""


def _typo_spellings(questions: Iterable[str], synonyms: Synonyms | None, proper: Collection[str] = (),
                    rare: int = 2, times: int = 4) -> dict[str, str]:
    """Typos the example questions are written with on purpose ("how long is a tms sesion"), each to the common
    word it misspells: used at most ``rare`` times, by a word used at least ``times`` as often, 5 letters or more.
    Read the same way in the content and in questions, the typo example counts for the word, and a patient's
    "sesion" is no longer a word only that one example shares. A word the answers use (``proper``: written with
    care, so "mental" beside "metal") is never a typo."""
    counts: dict[str, int] = {}
    for text in questions:
        for word in _LATIN_WORD.findall(fold(text)):
            stemmed = stem(word)
            counts[stemmed] = counts.get(stemmed, 0) + 1
    common = _by_initial(w for w, n in counts.items() if n > rare and len(w) >= 4 and not is_stopword(w))
    out: dict[str, str] = {}
    for word, count in counts.items():
        if count > rare or len(word) < 5 or is_stopword(word) or word in proper:
            continue
        if synonyms is not None and synonyms.group_of_word(word) is not None:
            continue
        found = process.extractOne(word, common.get(word[0], ()), scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        # a letter left out or changed, not one added: "mental" is not a typo of "metal"
        if found and counts[found[0]] >= times * count and len(word) <= len(found[0]):
            out[word] = found[0]
    return out


def _by_initial(words: Iterable[str]) -> dict[str, list[str]]:
    """Correction targets by first letter: typos rarely change the first letter, and the lists stay short."""
    buckets: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        buckets.setdefault(word[0], []).append(word)
    return buckets


def _drop_stop_phrases(norm: Normalized) -> Normalized:
    """Blank out grammar (ですか, 教えて ...) so it neither scores nor glues n-grams across words."""
    if not _STOP_PATTERN.search(norm.text):
        return norm
    text = list(norm.text)
    scripts = list(norm.scripts)
    for found in _STOP_PATTERN.finditer(norm.text):
        for i in range(found.start(), found.end()):
            text[i] = " "
            scripts[i] = SPACE
    return Normalized("".join(text), "".join(scripts))
