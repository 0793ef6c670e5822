"""The FAQ index: a typed question in, "answer", "choices" or "none" out, in the question's own language.

Built once per content load (``FaqIndex.build``; on /reload just build again) from every language's faq.yaml.
Each entry is one document made of its example questions plus, at a lower weight, its answer text, so a
question can also be found through words only the answer uses (ミクログリア, "vesicle").

An entry's score (0..1) blends how much of the question the entry covers, how well its best example question
overlaps it (see ``scoring``) and how near the question is to one example as written, small words included (see
``nearest``: "How does TMS work?" is the mechanism entry's example, "Does TMS work?" the effect one's). A wish to
apply, book or be contacted (see ``intent``) is not ranked: it starts the application. A message of several
sentences is matched question by question, each also read with the sentences before it that only tell (the story
often names what the question leaves out). In a question that names a treatment, the topic decides: entries that
use none of its other topics are pushed down, so the treatment only breaks ties between entries of one topic.
Deciding (see ``decision``):
- ``answer`` when the confidence model, from the ranking's signals (the lead over the runner-up among them), is
  sure enough that the best entry is right, one of its example questions shares enough of the question (one
  generic word such as "TMS" is not enough), and the question is not mostly words the content never uses
  (「電車の料金はいくら？」);
- ``choices`` (the best two or three) when it is close between entries or the confidence is lower;
- ``none`` when nothing scores enough: the bot then says it does not know and offers the menu and contact.
The settings were chosen by cross-validation over the example questions and on the development sets
(bench/calibrate.py); bench/bench_matcher.py compares the variants.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from bot.content.schema import Faq, FaqEntry
from bot.search.analyzer import Analyzer, AnalyzerOptions, strongest
from bot.search.compared import compared_spans, topic_spans
from bot.search.decision import PLAUSIBLE, Confidence, Signals, Status, Thresholds, decide, sure
from bot.search.homophones import Homophones
from bot.search.intent import ApplyWish
from bot.search.nearest import NearestExamples, surface
from bot.search.normalize import Language, detect_language
from bot.search.offtopic import Explained, explained
from bot.search.readings import Readings, has_kanji, romaji_to_kana
from bot.search.romaji import RomajiReader
from bot.search.scoring import VOTERS, Bm25Params, CoverageIndex, ExampleIndex, Scored, add_counts
from bot.search.sentences import looks_like_question, looks_like_request
from bot.search.synonyms import Synonyms
from bot.search.translation import asks_to_translate
from bot.search.worry import worry_core

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_CANDIDATES = 15
"""Entries with the best coverage that are also compared example by example (Dice)."""
_NEAREST_CANDIDATES = 8
"""Of those, the best by coverage and Dice that are also compared with the examples as written (``nearest``)."""
POOL = 5
"""How many of the best entries a match keeps with their signals (``Match.pool``)."""
HEAVIEST = 3
"""The question's heaviest known features that ``Scored.heavy`` looks for in each entry."""
READING_COMMON_SHARE = 0.2
READING_COMMON_MIN = 12
"""In the reading index, a feature used by more than this share of the entries (at least this many) is not walked."""


@dataclass(frozen=True)
class IndexOptions:
    """How the index is built; the defaults are the shipped configuration (bench/bench_matcher.py compares)."""

    analyzer: AnalyzerOptions = field(default_factory=AnalyzerOptions)
    bm25: Bm25Params = field(default_factory=Bm25Params)
    thresholds: Thresholds = field(default_factory=Thresholds)
    confidence: Confidence = field(default_factory=Confidence)
    answer_weight: float = 0.2
    """Weight of the answer text's words next to the example questions' (0 leaves the answer out)."""
    example_weight: float = 0.3
    """Share of the score from the single best example question (Dice) rather than the whole entry (coverage)."""
    nearest_weight: float = 0.25
    """Share of the score from the nearest example as written (``nearest``: small words and word order kept)."""
    readings: bool = True
    """Also index the readings of the Japanese examples (SudachiPy), for questions typed in kana."""
    homophones: bool = True
    """Read a kanji run the content never writes as the content's run of the same reading (``homophones``; learnt
    while the reading index is built, so only with ``readings``)."""
    treatment_signal: bool = True
    """Push down entries about the other treatment than the one a question names."""
    intent: bool = True
    """A wish to apply, book or be contacted (``intent``) starts the application instead of being ranked."""
    context: bool = True
    """A part of a long message that asks something is matched with the parts before it that only tell."""
    min_parts: int = 1
    """A message of several sentences is matched part by part when at least this many of them ask something."""
    parts_first: bool = True
    """A long message: try the parts that ask something before the whole text (False: only when it gives no answer)."""
    romaji: bool = True
    """A Latin-script question made of the Japanese content's words (``romaji``) is asked of the Japanese entries
    first."""
    worry: bool = True
    """A worry stated as a sentence (``worry``: 「副作用が怖いです」) is also matched without its worry and hedge words
    when the whole message gives no answer."""


@dataclass(frozen=True)
class Match:
    """What a typed question matched.

    ``candidates`` are (entry id, score) best first: for ``answer`` the first is the answer, for ``choices`` they
    are the entries to offer, for ``none`` they are only the nearest misses (for logs and evaluation).
    ``also``: for an answer to a message that asks two things, the entry the other part matched strongly (offered
    as a "did you mean" button under the answer). ``confidence`` and ``signals``: what the decision saw.
    """

    lang: Language
    status: Status
    candidates: list[tuple[str, float]]
    confidence: float = 0.0
    signals: Signals | None = field(default=None, compare=False)
    also: tuple[str, ...] = ()
    pool: tuple[tuple[str, Scored], ...] = field(default=(), compare=False)
    """The best few entries with their signals (for evaluation: bench/rerank.py re-ranks them)."""
    unsure: tuple[str, ...] = ()
    """For an answer the confidence model was not sure of: the runners-up, offered beneath it as "not what you
    asked?" buttons (``Thresholds.lead``)."""
    romaji: bool = False
    """Japanese typed in Latin letters, matched against the Japanese entries: answer in the language the user set
    (``lang`` is the index that matched, "ja"; the entry ids are the same in every language)."""

    @property
    def entry_id(self) -> str | None:
        """The answered entry, or None unless ``status`` is "answer"."""
        return self.candidates[0][0] if self.status == "answer" and self.candidates else None


TREATMENT_NAMES = {"tms": ("tms",), "exosome": ("exosome", "エクソソーム", "infusion", "点滴", "stem cell", "幹細胞")}
"""A question names a treatment when it uses a member of the synonym group of one of these words."""
OTHER_TREATMENT_FACTOR = 0.3
"""An entry about the other treatment than the one the question names keeps this share of its score."""
NOT_TOPICS = ("what is", "what kind", "depression", "combined")
"""Synonym groups that ask nothing in particular here (nearly every entry is about depression)."""
TOPIC_COMMON = 0.3
"""A topic used by more than this share of the entries tells too little to push the others down."""
OFF_TOPIC_FACTOR = 0.7
"""In a question that names a treatment, an entry that uses none of the question's topics (its synonym groups other
than the treatments) keeps this share of its score: in "is the stem cell drip covered by insurance" the topic
(insurance) decides, the treatment only breaks ties between entries of the same topic."""
GENERAL_FACTOR = 0.85
"""In a question that names a treatment, an entry about the clinic or the programme (no treatment, no example that
names one) keeps this share: "what age can you have TMS" is TMS's age entry, not the monitor programme's, although
the programme's age answer names TMS too."""
BOTH_NAMED_FACTOR = 0.85
"""A question naming both treatments: entries about only one of them keep this share (combined ones all)."""


@dataclass
class _LanguageIndex:
    entries: dict[str, FaqEntry]
    ids: list[str]
    coverage: CoverageIndex
    examples: ExampleIndex
    treatments: list[str | None]
    nearest: NearestExamples
    general: list[bool] = field(default_factory=list)
    """Per entry: about the clinic or the programme, not a treatment (no ``treatment`` and no example question
    names one)."""
    common: int | None = None
    """See ``CoverageIndex.top``; set for the reading index only."""

    def ranked(self, query: Mapping[str, float], example_weight: float, named: frozenset[str] = frozenset(),
               written: frozenset[str] = frozenset(), nearest_weight: float = 0.0,
               topics: frozenset[str] = frozenset()) -> tuple[list[Scored], float, float]:
        """The best entries by descending score, the share of the question the content never uses, its weight.

        ``named``: the treatments the question names; an entry about another one is pushed down (never answered
        for it), so an exosome approval question is not answered with the TMS approval entry."""
        weights = self.coverage.weigh(query)
        total = sum(weights.values())
        if total <= 0:
            return [], 1.0, 0.0
        unknown = sum(w for f, w in weights.items() if f not in self.coverage.idf) / total
        heaviest = sorted(((w, f) for f, w in weights.items() if f in self.coverage.idf), reverse=True)[:HEAVIEST]
        users = [(w, {d for d, _ in self.coverage.postings.get(f, ())}) for w, f in heaviest]
        heavy_total = sum(w for w, _ in users) or 1.0
        common = TOPIC_COMMON * len(self.ids)
        on_topic = {d for f in topics if len(self.coverage.postings.get(f, ())) <= common
                    for d, _ in self.coverage.postings.get(f, ())}
        pooled = []
        voters: list[tuple[float, int]] = []
        for doc, share in self.coverage.top(weights, _CANDIDATES, self.common):
            dices, shared = self.examples.overlaps(doc, weights)
            dice = dices[0] if dices else 0.0
            voters.extend((d, doc) for d in dices)
            factor = _consistency(self.treatments[doc], named)
            if named and self.general[doc]:
                factor *= GENERAL_FACTOR
            if on_topic and doc not in on_topic:
                factor *= OFF_TOPIC_FACTOR
            pooled.append((((1 - example_weight - nearest_weight) * share + example_weight * dice) * factor,
                           doc, share, dice, shared, factor, dices[1] if len(dices) > 1 else 0.0))
        pooled.sort(key=lambda p: (-p[0], p[1]))
        votes = Counter(doc for _, doc in heapq.nlargest(VOTERS, voters))
        ranked: list[Scored] = []
        finals: list[float] = []  # descending
        for rank, (base, doc, share, dice, shared, factor, second_dice) in enumerate(pooled):
            near = second_near = 0.0
            if nearest_weight > 0 and rank < _NEAREST_CANDIDATES:
                bound = base + nearest_weight * factor
                # the nearest example can lift an entry by at most nearest_weight: skip it when even that could
                # neither reach the best three nor the plausible ones (it changes nothing the decision sees)
                if len(finals) < 3 or bound >= finals[2] or bound >= PLAUSIBLE * finals[0]:
                    near, second_near = self.nearest.best_two(doc, written)
            score = base + nearest_weight * near * factor
            heavy = sum(w for w, docs in users if doc in docs) / heavy_total
            ranked.append(Scored(doc, score, shared, near, share, dice, factor, heavy, second_dice, second_near,
                                 votes[doc] / max(1, min(VOTERS, self.examples.count(doc))),
                                 _agreement(self.treatments[doc], named)))
            bisect.insort(finals, score, key=lambda v: -v)
        ranked.sort(key=lambda s: (-s.score, s.doc))
        return ranked, unknown, float(total)


class FaqIndex:
    """All languages' FAQ entries, searchable; immutable once built."""

    def __init__(self, languages: dict[str, _LanguageIndex], analyzer: Analyzer, options: IndexOptions,
                 reading: _LanguageIndex | None = None, wish: ApplyWish | None = None,
                 homophones: Homophones | None = None, romaji: RomajiReader | None = None) -> None:
        self._languages = languages
        self._romaji = romaji
        self._homophones = homophones
        self._analyzer = analyzer
        self._options = options
        self._wish = wish or ApplyWish(ja=None, en=None)
        self._treatment_features = _treatment_features(analyzer)
        self._all_treatment_features = frozenset().union(*self._treatment_features.values())
        self._not_topics = _group_features(analyzer, NOT_TOPICS)
        self._reading = reading

    @classmethod
    def build(cls, faq_by_lang: Mapping[str, Faq], options: IndexOptions | None = None) -> FaqIndex:
        """Index every language's entries; synonym groups of all languages are shared."""
        options = options or IndexOptions()
        groups = [group for faq in faq_by_lang.values() for group in faq.synonyms]
        analyzer = Analyzer(Synonyms(groups), options.analyzer)
        analyzer.learn(*_texts(faq_by_lang))
        languages = {lang: _index_language(faq, analyzer, options) for lang, faq in faq_by_lang.items()}
        reading = homophones = romaji = None
        read: list[str] = []
        if options.readings and "ja" in faq_by_lang and Readings.available():
            with Readings() as reader:
                reading = _index_language(faq_by_lang["ja"], analyzer, options,
                                          lambda text: _kept(read, reader.read(text)))
            reading.common = max(READING_COMMON_MIN, int(len(reading.ids) * READING_COMMON_SHARE))
            reading.general = languages["ja"].general  # the same entries, read from their written examples
            if options.homophones:
                homophones = Homophones.from_runs(reader.kanji_runs)
        if options.romaji and "ja" in faq_by_lang:
            examples = read or [question for entry in faq_by_lang["ja"].entries for question in entry.questions]
            romaji = RomajiReader.build(examples, analyzer.is_english)
        return cls(languages, analyzer, options, reading, ApplyWish.build(faq_by_lang), homophones, romaji)

    def with_decision(self, thresholds: Thresholds, confidence: Confidence | None = None) -> FaqIndex:
        """The same index deciding with other thresholds (for calibration: nothing is rebuilt)."""
        options = replace(self._options, thresholds=thresholds, confidence=confidence or self._options.confidence)
        return FaqIndex(self._languages, self._analyzer, options, self._reading, self._wish, self._homophones,
                        self._romaji)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._languages)

    def entry(self, lang: str, entry_id: str) -> FaqEntry:
        """The entry ``entry_id`` in ``lang``; KeyError if either is unknown."""
        return self._languages[lang].entries[entry_id]

    def entries(self, lang: str) -> list[FaqEntry]:
        return list(self._languages[lang].entries.values())

    def match(self, text: str) -> Match:
        """Match a typed question against the entries of its own language (``_match``); a request to translate
        (``translation``) gets the entries as choices at most, never one answered outright."""
        found = self._match(text)
        if found.status == "answer" and asks_to_translate(text):
            floor = self._options.thresholds.choice_ratio * found.candidates[0][1]
            return replace(found, status="choices", candidates=[c for c in found.candidates if c[1] >= floor],
                           also=(), unsure=())
        return found

    def _match(self, text: str) -> Match:
        """Match a typed question against the entries of its own language.

        A long message is tried part by part first (the parts that ask something): the first part answered is the
        answer, and another part answered with another entry is offered beside it (``Match.also``). Otherwise the
        whole text is matched; when that gives no answer, romaji is tried as Japanese, and a question without kanji
        is also tried against the readings of the Japanese examples."""
        lang = detect_language(text)
        if lang == "en" and self._romaji is not None and "ja" in self._languages \
                and (kana := self._romaji.read(text)) is not None:
            # 「tms wa itai desu ka」: Japanese words of the content, so the Japanese entries are asked first
            as_japanese = self._match(kana)
            if as_japanese.status == "answer" and as_japanese.lang == "ja":
                return replace(as_japanese, romaji=True)
        if lang == "ja" and self._homophones is not None:
            text = self._homophones.correct(text)  # 点敵 -> 点滴: a kanji of the same reading picked by mistake
        parts = _parts(text, self._options.context)
        if self._options.intent and self._wish.wants_to_apply(text):
            applying = self._apply_entry(lang)
            if applying is not None:
                # 「申し込みたいです。費用はいくら？」: the other question comes as a button under the application
                sentences = [p.strip() for p in _SENTENCE_END.split(text) if len(p.strip()) > 2]
                others = [p for p in sentences if not self._wish.wants_to_apply(p)] if len(sentences) > 1 else []
                asked = [m for m in (self._match_in(lang, p) for p in others)
                         if m.status == "answer" and m.candidates[0][0] != applying]
                return Match(lang, "answer", [(applying, 1.0)], 1.0, also=tuple(m.candidates[0][0] for m in asked)[:1])
        split = None
        if len(parts) >= self._options.min_parts and self._options.parts_first:
            split = self._match_parts(lang, parts)
            if split is not None and split.status == "answer":
                return split
        found = self._match_in(lang, text)
        if found.status == "answer":
            return found
        if self._options.worry and (core := worry_core(text)) is not None:
            # 「けいれんが起きたらどうしようって不安で眠れない」 fears seizures; the worry words only dilute it
            worried = self._match_in(lang, core)
            if worried.status == "answer" or (found.status == "none" and worried.status != "none"):
                return worried
        if lang == "en" and "ja" in self._languages:
            kana = romaji_to_kana(text, self._analyzer.is_english)
            if kana is not None:
                as_japanese = self._match_in("ja", kana)
                if as_japanese.status == "answer" or (found.status == "none" and as_japanese.status != "none"):
                    return replace(as_japanese, romaji=True)
        if len(parts) >= self._options.min_parts and not self._options.parts_first:
            split = self._match_parts(lang, parts)
            if split is not None and split.status == "answer":
                return split
        if found.status == "none" and split is not None:
            return split  # no part answered and the whole says nothing: the first part's choices
        return found

    def _apply_entry(self, lang: Language) -> str | None:
        """The entry that starts the application (``action: apply``) in ``lang``, if there is one."""
        language = self._languages.get(lang)
        if language is None:
            return None
        return next((entry.id for entry in language.entries.values() if entry.action == "apply"), None)

    def _match_parts(self, lang: Language, parts: list[tuple[str, str]]) -> Match | None:
        """The first part answered, with the other topic as ``also``: the best entry of a part before it that was only
        offered, else the entry of the next part answered differently; when none is answered, the first part's
        choices (status "choices"), or None."""
        matched = []
        before: frozenset[str] = frozenset()
        for part, told in parts:
            query = self._analyzer.query(part)  # analysed once: for the match and for the treatment it names
            matched.append(self._match_part(lang, part, told, before, query))
            # 「エクソソーム点滴は何分かかる？何回通う？」: the second question is still about the exosome infusion
            before = (self._asked_about(part, query) if self._options.treatment_signal else frozenset()) or before
        answered = [m for m in matched if m.status == "answer"]
        if not answered:
            return next((m for m in matched if m.status == "choices"), None)
        first = answered[0]
        # 「安全性は？あと値段は？」: a question before the one answered, only offered (its best entry not sure
        # enough), is the other topic offered beside the answer; it was asked first, so it goes before later answers
        unsure = [m.candidates[0][0] for m in matched[:matched.index(first)] if m.status == "choices"]
        # 「エクソソームってそもそも何？安全なの？」: a question after it only offered still gets its button, after
        # the questions answered
        later = [m.candidates[0][0] for m in matched[matched.index(first) + 1:] if m.status == "choices"]
        others = [*unsure, *(m.candidates[0][0] for m in answered[1:]), *later]
        others = [entry_id for entry_id in others if entry_id != first.candidates[0][0]]
        return replace(first, also=tuple(dict.fromkeys(others))[:1])

    def _match_part(self, lang: Language, part: str, told: str, before: frozenset[str],
                    query: Mapping[str, float]) -> Match:
        """A question of a long message, read alone and with the story before it: when the story points to another
        entry (「エクソソームの記事を読みました。日本で承認されているんですか？」), the reading with it counts;
        when both find the same entry, the surer one (the story's words dilute a question that names its topic).
        ``query``: the part's analysis, made once by the caller."""
        alone = self._match_in(lang, part, "", before, query)
        if not told:
            return alone
        # "... Would TMS be a problem for someone like that?": the question points back at the story, which tells
        # what it asks about
        weight = REFERRED_WEIGHT if refers_back(part) else CONTEXT_WEIGHT
        with_story = self._match_in(lang, part, told, before, query, weight)
        if alone.candidates and with_story.candidates and alone.candidates[0][0] == with_story.candidates[0][0] \
                and alone.status == "answer":
            return alone
        return with_story

    def _match_in(self, lang: Language, text: str, told: str = "", before: frozenset[str] = frozenset(),
                  query: Mapping[str, float] | None = None, told_weight: float = 0.0) -> Match:
        """``told``: what the message said before this question (its words count at ``told_weight``, by default
        ``CONTEXT_WEIGHT``);
        ``before``: the treatments an earlier question of the message named (used when this one names none);
        ``query``: the text's analysis when the caller has it already."""
        language = self._languages.get(lang)
        if language is None:
            return Match(lang, "none", [])
        if query is None:
            query = self._analyzer.query(text)
        weight = told_weight or CONTEXT_WEIGHT
        found = self._match_index(lang, language, text, query, told, before, weight)
        if (found.status != "answer" or found.unsure) and lang == "ja" and self._reading is not None \
                and not has_kanji(text) and _HIRAGANA.search(text):
            by_reading = self._match_index(lang, self._reading, text, query, told, before, weight)
            if found.status == "answer" and by_reading.candidates \
                    and by_reading.candidates[0][0] != found.candidates[0][0]:
                # 「へいようって ほんとに こうか あるの？」: an answer decided on its lead alone, where the readings
                # rank another entry first, is a doubt between them, not an answer
                return by_reading if by_reading.status == "answer" else _offered(found, self._options.thresholds)
            if by_reading.status == "answer" or (found.status == "none" and by_reading.status != "none"):
                return by_reading
        return found

    def _match_index(self, lang: Language, language: _LanguageIndex, text: str, analysed: Mapping[str, float],
                     told: str = "", before: frozenset[str] = frozenset(), told_weight: float = 0.0) -> Match:
        # a word pair the content never uses is no extra unknown information: its words already count
        query = {f: w for f, w in analysed.items() if "+" not in f or f in language.coverage.idf}
        if told:
            # the story's words the content knows tell the topic at a lower weight; the rest is not the question's
            for feature, factor in self._analyzer.query(told).items():
                if feature not in query and feature in language.coverage.idf:
                    query[feature] = factor * (told_weight or CONTEXT_WEIGHT)
        # the treatment the question names, else the one an earlier question of the message named, else the story's:
        # in "TMS is hard for me. could I do just the exosome infusions? and do they work" the last asks of exosomes
        named = (self._asked_about(text, analysed) or before or self._named_in(query)) \
            if self._options.treatment_signal else frozenset()
        # a topic outweighs the treatment named beside it; without a treatment named, no entry is pushed down for a
        # topic word it lacks (「自転車を停める場所」 is about parking, not the clinic's location)
        topics = frozenset(f for f in query if f.startswith("§") and "+" not in f
                           and f not in self._all_treatment_features and f not in self._not_topics) \
            if named else frozenset()
        written = surface(text) if self._options.nearest_weight > 0 else frozenset()
        ranked, unknown, mass = language.ranked(query, self._options.example_weight, named, written,
                                                self._options.nearest_weight, topics)
        guard = explained(language.coverage.weigh(query), ranked[0].doc, language.coverage) if ranked else None
        found = _decide(lang, ranked, unknown, mass, language.ids, self._options, guard)
        if found.status == "answer" and query and query.keys() <= self._all_treatment_features:
            # a treatment's name alone (「エクソソーム」) asks nothing in particular: offer, never answer
            floor = self._options.thresholds.choice_ratio * found.candidates[0][1]
            return replace(found, status="choices", candidates=[c for c in found.candidates if c[1] >= floor],
                           unsure=())
        return found

    def _named_in(self, query: Mapping[str, float]) -> frozenset[str]:
        """The treatments a question's features name."""
        return frozenset(t for t, features in self._treatment_features.items() if features & query.keys())

    def _asked_about(self, text: str, query: Mapping[str, float]) -> frozenset[str]:
        """The treatments a question names, less those it names only as a yardstick or to set aside
        (``compared``), unless that leaves none: 「TMSもエクソソームみたいに未承認なの？」 asks about TMS; of two
        still named, the one a Japanese question marks as its topic: 「TMSって点滴するんですか」."""
        named = self._named_in(query)
        if len(named) < 2:
            return named
        compared = frozenset().union(*(self._named_in(self._analyzer.query(span)) for span in compared_spans(text)))
        asked = (named - compared) or named
        if len(asked) < 2:
            return asked
        topics = frozenset().union(*(self._named_in(self._analyzer.query(span)) for span in topic_spans(text)))
        return (asked & topics) or asked

    def features(self, text: str) -> dict[str, float]:
        """The features a question is matched on, with their factors (for tests and for explaining a match)."""
        return self._analyzer.query(text)


def _kept(kept: list[str], text: str) -> str:
    """``text``, also appended to ``kept`` (the readings of the examples, kept for ``RomajiReader``)."""
    kept.append(text)
    return text


def _texts(faq_by_lang: Mapping[str, Faq]) -> tuple[list[str], list[str]]:
    """Example questions, and answer texts without their templates."""
    questions: list[str] = []
    answers: list[str] = []
    for faq in faq_by_lang.values():
        for entry in faq.entries:
            questions.extend(entry.questions)
            answers.append(_TEMPLATE.sub(" ", entry.answer))
    return questions, answers


def _index_language(faq: Faq, analyzer: Analyzer, options: IndexOptions,
                    spell: Callable[[str], str] | None = None) -> _LanguageIndex:
    """One language's entries; ``spell`` rewrites each example first (its reading, for the reading index)."""
    entries = {entry.id: entry for entry in faq.entries}
    docs: list[dict[str, float]] = []
    examples: list[dict[str, float]] = []
    owners: list[int] = []
    written: list[tuple[int, str]] = []
    naming = frozenset().union(*_treatment_features(analyzer).values())
    general: list[bool] = []
    for number, entry in enumerate(entries.values()):
        doc: dict[str, float] = {}
        for question in entry.questions:
            spelt = spell(question) if spell is not None else question
            written.append((number, spelt))
            features = analyzer.analyze(spelt)
            add_counts(doc, (name for name, _ in features))
            examples.append(strongest(features))
            owners.append(number)
        if options.answer_weight > 0 and spell is None:
            answer = analyzer.analyze(_TEMPLATE.sub(" ", entry.answer))
            add_counts(doc, (name for name, _ in answer), options.answer_weight)
        general.append(entry.treatment is None and spell is None and not any(
            naming & examples[i].keys() for i in range(len(examples) - len(entry.questions), len(examples))))
        docs.append(doc)
    coverage = CoverageIndex(docs, options.bm25)
    return _LanguageIndex(entries, list(entries), coverage, ExampleIndex(examples, owners, coverage),
                          [entry.treatment for entry in entries.values()], NearestExamples(written), general)


def _treatment_features(analyzer: Analyzer) -> dict[str, set[str]]:
    """treatment -> the features (synonym groups) that name it."""
    out: dict[str, set[str]] = {}
    for treatment, names in TREATMENT_NAMES.items():
        for name in names:
            out.setdefault(treatment, set()).update(f for f, _ in analyzer.analyze(name) if f.startswith("§"))
    return out


def _group_features(analyzer: Analyzer, names: tuple[str, ...]) -> frozenset[str]:
    """The synonym-group features of these words."""
    return frozenset(f for name in names for f, _ in analyzer.analyze(name) if f.startswith("§"))


def _consistency(treatment: str | None, named: frozenset[str]) -> float:
    if treatment is None or treatment == "combined" or not named:
        return 1.0
    if treatment in named:
        return BOTH_NAMED_FACTOR if len(named) > 1 else 1.0
    return OTHER_TREATMENT_FACTOR


def _agreement(treatment: str | None, named: frozenset[str]) -> float:
    """``Scored.treated``: does the entry's treatment agree with the one the question names?"""
    if not named:
        return 0.0
    if treatment in named:
        return 1.0
    return 0.5 if treatment is None or treatment == "combined" else -1.0


def _decide(lang: Language, ranked: list[Scored], unknown: float, mass: float, ids: list[str],
            options: IndexOptions, guard: Explained | None = None) -> Match:
    limits = options.thresholds
    pairs = [(ids[s.doc], round(s.score, 3)) for s in ranked[:limits.max_choices]]
    signals = None
    pool: tuple[tuple[str, Scored], ...] = ()
    if ranked:
        pool = tuple((ids[s.doc], s) for s in ranked[:POOL])
        best = ranked[0]
        second = ranked[1] if len(ranked) > 1 else None
        agree = (0.5 * (best.share >= max(s.share for s in ranked)) + 0.5 * (best.dice >= max(s.dice for s in ranked)))
        plausible = sum(s.score >= PLAUSIBLE * best.score for s in ranked)
        signals = Signals(best.score, second.score if second else 0.0, best.evidence, unknown, mass, best.near,
                          second.near if second else 0.0, agree, plausible, best.heavy,
                          second.heavy if second else 0.0, best.votes, best.second_dice,
                          best.second_near, best.treated, second.treated if second else 0.0,
                          guard.foreign if guard else 0.0, guard.specific if guard else 0.0)
    status, confidence = decide(signals, limits, options.confidence)
    floor = max(limits.choices, ranked[0].score * limits.choice_ratio) if ranked else limits.choices
    if status == "choices":
        pairs = [pair for s, pair in zip(ranked, pairs, strict=False) if s.score >= floor]
    unsure: tuple[str, ...] = ()
    if status == "answer" and signals is not None and not sure(signals, limits, confidence):
        unsure = tuple(pair[0] for s, pair in zip(ranked[1:], pairs[1:], strict=False) if s.score >= floor)
    return Match(lang, status, pairs, confidence, signals, pool=pool, unsure=unsure)


def _offered(found: Match, limits: Thresholds) -> Match:
    """An answer turned into "did you mean": its candidates that score at least ``choice_ratio`` of the best."""
    floor = max(limits.choices, limits.choice_ratio * found.candidates[0][1])
    return replace(found, status="choices", candidates=[c for c in found.candidates if c[1] >= floor], unsure=(),
                   also=())


_HIRAGANA = re.compile(r"[\u3041-\u309f]{2}")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+|\n+")
_CLAUSE = re.compile(r"(?<=[、,])")
_SECOND_QUESTION = re.compile(
    r",?\s+(?:and|also|plus|&)\s+(?=(?:how|what|whats|when|where|why|which|who|is|are|do|does|did|can|could|will"
    r"|would|should|am)\b)", re.I)
"""An English sentence that goes on with a second question ("does tms hurt and how long is each session")."""
_CHAT_OPENINGS = frozenset(["whats", "hows", "wheres", "whens", "whos", "wat", "wut"])
CONTEXT_WEIGHT = 0.3
REFERRED_WEIGHT = 0.7
"""The factor of the story's words in a question that points back at it (``refers_back``)."""
_REFERS_BACK = re.compile(
    r"\b(?:like (?:that|this|me|him|her|them|mine|hers|his|ours)|someone like|people like|in (?:that|this|my|her|his"
    r"|our|their|such a) (?:case|situation)|such (?:a|an) (?:case|person|situation)|that situation|this situation"
    r"|with (?:that|this) (?:history|background|condition))\b"
    r"|こういう|そういう|ああいう|こんな(?:人|場合|状態|状況|ケース)|そんな(?:人|場合|状態|状況|ケース)|この場合|その場合"
    r"|この状態|その状態|この状況|その状況|それでも", re.I)


def refers_back(question: str) -> bool:
    """The question points back at what the message told before it: "someone like that", 「こういう人でも」."""
    return _REFERS_BACK.search(question) is not None

"""The factor of the words of a message's story (the parts before a question that only tell) in that question."""
LONG_MESSAGE = 40
"""One sentence longer than this many characters is also tried clause by clause."""


def _questions_of(sentence: str) -> list[str]:
    """An English sentence that asks a second question after "and" as two questions, when the first part asks too
    ("what is TMS and how does it work"), then the whole sentence (answered when neither question alone is: "what
    happens to that information and how long is it kept"); otherwise the sentence as it is ("I read about it and
    how it helps")."""
    pieces = [p.strip() for p in _SECOND_QUESTION.split(sentence)]
    if len(pieces) < 2 or any(len(p.split()) < 2 for p in pieces) or not _asks(pieces[0]):
        return [sentence]
    return [*pieces, sentence]


def _asks(part: str) -> bool:
    """The part asks something: a question, a request, or a chat spelling of a question opening ("whats the price")."""
    if looks_like_question(part) or looks_like_request(part):
        return True
    words = part.split()
    return len(words) >= 3 and words[0].lower() in _CHAT_OPENINGS


def _parts(text: str, context: bool = True) -> list[tuple[str, str]]:
    """(part, context) for the sentences of a message that ask something, or the clauses of one long sentence; []
    for one part. The context is the parts before it that only tell (``context`` False: none): in 「ネットでエクソ
    ソームの記事を読みました。日本で承認されているんですか？」 the question does not name what it asks about, the
    story does."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if len(p.strip()) > 2]
    parts = [piece for part in parts for piece in _questions_of(part)]
    clauses = False
    if len(parts) <= 1 and len(text) > LONG_MESSAGE:
        parts = [p.strip() for p in _CLAUSE.split(text) if len(p.strip()) > 4]
        clauses = True
    if len(parts) <= 1:
        return []
    asked: list[tuple[str, str]] = []
    told: list[str] = []
    for part in parts:
        if _asks(part):
            asked.append((part, " ".join(told) if context else ""))
        else:
            told.append(part)  # 「…と聞きました。」 is context
    # one clause that asks is the sentence's question: the whole sentence says it better ("…, does that matter?"),
    # unless it is a request, which names what it asks about ("…, so I'd like to know if TMS hurts")
    if clauses and len(asked) == 1 and not looks_like_request(asked[0][0]):
        return []
    return asked
