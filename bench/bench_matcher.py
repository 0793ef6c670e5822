"""Free-text matcher figures for docs/measurements.md: build time and match latency at 300 entries, and approaches
compared.

    .venv/bin/python bench/bench_matcher.py
    .venv/bin/python bench/bench_matcher.py --rounds 3            # faster, noisier latency
    PYTHONPATH=/dir/with/janome .venv/bin/python bench/bench_matcher.py   # adds a janome (tokenizer) row

Speed: the shipped entries plus synthetic ones (words drawn from the shipped questions, so posting lists are as
long as real ones) make 300 entries per language; the index is built several times, then every question of the
dev, tuning and held-out sets, the shipped example questions and typo'd variants are matched ``--rounds`` times.

Accuracy: each approach is built on the shipped content and scored on the three question sets as their header
says (crisis cases are left out: they belong to the crisis screen), plus the number of off-topic questions it
answered outright, which should be 0.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process

BENCH = Path(__file__).resolve().parent
for folder in (BENCH.parent, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import eval_questions as ev  # noqa: E402

from bot.content.schema import Faq, FaqEntry  # noqa: E402
from bot.search.index import FaqIndex, IndexOptions, Match  # noqa: E402
from bot.search.normalize import Language, detect_language, fold, normalize  # noqa: E402

SETS = {
    "dev": ev.default_question_sets()[0],
    "tuning": ev.REPO / "bench" / "data" / "questions-tuning.yaml",
    "dev v2": ev.REPO / "bench" / "data" / "questions-dev-v2.yaml",
    "dev v3": ev.REPO / "bench" / "data" / "questions-dev-v3.yaml",
    "dev v5": ev.REPO / "bench" / "data" / "questions-dev-v5.yaml",
    "dev v6": ev.REPO / "bench" / "data" / "questions-dev-v6.yaml",
    "dev v7": ev.REPO / "bench" / "data" / "questions-dev-v7.yaml",
    "dev v8": ev.REPO / "bench" / "data" / "questions-dev-v8.yaml",
    "dev v9": ev.REPO / "bench" / "data" / "questions-dev-v9.yaml",
    "dev h2": ev.REPO / "bench" / "data" / "questions-dev-h2.yaml",
    "dev h3": ev.REPO / "bench" / "data" / "questions-dev-h3.yaml",
    "dev h4": ev.REPO / "bench" / "data" / "questions-dev-h4.yaml",
    "dev h5": ev.REPO / "bench" / "data" / "questions-dev-h5.yaml",
    "dev h6": ev.REPO / "bench" / "data" / "questions-dev-h6.yaml",
    "dev h7": ev.REPO / "bench" / "data" / "questions-dev-h7.yaml",
}
"""Only totals are printed. Held-out sets are not read here at all: they are run once, with
``eval_questions.py --totals-only``, never to choose between approaches. Dev v3, v5 and v6 are reported as their
development part and their validation third apart, as are the retired held-out sets h2-h7."""
TARGETS = {"build_ms": 1000.0, "p99_us": 2000.0, "rss_mb": 150.0}


# --- 300 entries --------------------------------------------------------------------------------------------------

def synthetic_faqs(faqs: dict[str, Faq], size: int, seed: int = 7) -> dict[str, Faq]:
    """The shipped entries plus made-up ones (shipped vocabulary, random combinations) up to ``size`` per language."""
    rng = random.Random(seed)
    out = {}
    for lang, faq in faqs.items():
        words = sorted({run for q in _questions(faq) for _, run, _ in normalize(q).runs() if len(run) > 1})
        entries = list(faq.entries)
        for number in range(size - len(entries)):
            questions = [_sentence(rng, words, lang) for _ in range(6)]
            entries.append(FaqEntry(id=f"synthetic_{number}", questions=questions,
                                    answer=" ".join(_sentence(rng, words, lang) for _ in range(3))))
        out[lang] = Faq(synonyms=faq.synonyms, entries=entries)
    return out


def _sentence(rng: random.Random, words: Sequence[str], lang: str) -> str:
    picked = rng.sample(list(words), rng.randint(2, 5))
    return "の".join(picked) + "について" if lang == "ja" else "what about " + " ".join(picked)


def _questions(faq: Faq) -> list[str]:
    return [q for entry in faq.entries for q in entry.questions]


def queries(faqs: dict[str, Faq], rng: random.Random) -> list[str]:
    """Set questions, shipped example questions, and each example with one character dropped (a typo)."""
    asked = [case.ask for path in SETS.values() if path.is_file() for case in ev.load_cases(path)]
    examples = [q for faq in faqs.values() for q in _questions(faq)]
    typos = []
    for q in examples:
        i = rng.randrange(len(q))
        typos.append(q[:i] + q[i + 1:])
    return asked + examples + typos


@dataclass
class Speed:
    """Build and match times: CPU time of this process (what the targets are about: another process on the shared
    cores does not add to it) and, beside it, wall-clock time (which the load inflates)."""

    entries: int
    build_ms: float
    p50_us: float
    p95_us: float
    p99_us: float
    max_us: float
    queries: int
    build_wall_ms: float = 0.0
    p99_wall_us: float = 0.0


def measure_speed(faqs: dict[str, Faq], options: IndexOptions, rounds: int) -> Speed:
    builds, walls = [], []
    for _ in range(5):
        normalize.cache_clear()  # each build as the first one after start-up
        start, cpu = time.perf_counter(), time.process_time()
        index = FaqIndex.build(faqs, options)
        builds.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - start)
    texts = queries(faqs, random.Random(1))
    for text in texts:  # warm-up: fill the typo-correction cache as a running bot would
        index.match(text)
    gc.collect()
    gc.freeze()  # as bot/app.py does after loading: long-lived objects out of the collector's way
    timings, wall = [], []
    for _ in range(rounds):
        for text in texts:
            normalize.cache_clear()  # a patient's text is new: no normalisation of it is cached yet
            start, cpu = time.perf_counter(), time.thread_time()
            index.match(text)
            timings.append(time.thread_time() - cpu)
            wall.append(time.perf_counter() - start)
    timings.sort()
    wall.sort()

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))] * 1e6

    return Speed(max(len(f.entries) for f in faqs.values()), statistics.median(builds) * 1e3,
                 pct(timings, 0.50), pct(timings, 0.95), pct(timings, 0.99), timings[-1] * 1e6, len(timings),
                 statistics.median(walls) * 1e3, pct(wall, 0.99))


# --- approaches ---------------------------------------------------------------------------------------------------

class FuzzyBaseline:
    """rapidfuzz alone: the nearest example question by WRatio on folded text, no index, no idf."""

    def __init__(self, faqs: dict[str, Faq], answer: float = 85.0, margin: float = 5.0, floor: float = 70.0) -> None:
        self._faqs = faqs
        self._entries = {lang: {e.id: e for e in faq.entries} for lang, faq in faqs.items()}
        self._examples = {lang: [(fold(q), e.id) for e in faq.entries for q in e.questions]
                          for lang, faq in faqs.items()}
        self._limits = (answer, margin, floor)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._faqs)

    def entry(self, lang: str, entry_id: str) -> FaqEntry:
        return self._entries[lang][entry_id]

    def match(self, text: str) -> Match:
        lang: Language = detect_language(text)
        examples = self._examples[lang]
        found = process.extract(fold(text), [q for q, _ in examples], scorer=fuzz.WRatio, limit=20)
        best: dict[str, float] = {}
        for _, score, i in found:
            best[examples[i][1]] = max(best.get(examples[i][1], 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:3]
        answer, margin, floor = self._limits
        if not ranked or ranked[0][1] < floor:
            return Match(lang, "none", ranked)
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] >= answer and ranked[0][1] - runner_up >= margin:
            return Match(lang, "answer", ranked)
        return Match(lang, "choices", ranked)


class LearnedRanker:
    """A ranker learned from the example questions (each entry a class), as a response selector would be trained:
    multinomial naive Bayes over the shipped analyser's features, with the shipped decision on its posteriors."""

    def __init__(self, faqs: dict[str, Faq], answer: float = 0.6, margin: float = 0.2, floor: float = 0.25,
                 alpha: float = 0.1) -> None:
        index = FaqIndex.build(faqs, IndexOptions(readings=False))
        self._index = index
        self._faqs = faqs
        self._limits = (answer, margin, floor)
        self._model: dict[str, tuple[list[str], list[dict[str, float]], list[float], set[str]]] = {}
        for lang, faq in faqs.items():
            ids, logs, defaults = [], [], []
            vocabulary: set[str] = set()
            counts = []
            for entry in faq.entries:
                c: dict[str, float] = {}
                for q in entry.questions:
                    for feature in index.features(q):
                        c[feature] = c.get(feature, 0.0) + 1.0
                counts.append(c)
                vocabulary.update(c)
                ids.append(entry.id)
            for c in counts:
                total = sum(c.values()) + alpha * len(vocabulary)
                logs.append({f: math.log((v + alpha) / total) for f, v in c.items()})
                defaults.append(math.log(alpha / total))
            self._model[lang] = (ids, logs, defaults, vocabulary)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._faqs)

    def entry(self, lang: str, entry_id: str) -> FaqEntry:
        return self._index.entry(lang, entry_id)

    def match(self, text: str) -> Match:
        lang: Language = detect_language(text)
        ids, logs, defaults, vocabulary = self._model[lang]
        features = [f for f in self._index.features(text) if f in vocabulary]
        unknown = 1 - len(features) / max(1, len(self._index.features(text)))
        if not features:
            return Match(lang, "none", [])
        scores = [sum(log.get(f, default) for f in features) for log, default in zip(logs, defaults, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        ranked = sorted(((ids[i], e / total) for i, e in enumerate(exp)), key=lambda kv: -kv[1])[:3]
        answer, margin, floor = self._limits
        if ranked[0][1] < floor or unknown >= 0.5:
            return Match(lang, "none", ranked)
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] >= answer and ranked[0][1] - runner_up >= margin:
            return Match(lang, "answer", ranked)
        return Match(lang, "choices", [r for r in ranked if r[1] >= floor])


def approaches() -> list[tuple[str, Callable[[dict[str, Faq]], ev.Matcher]]]:
    shipped = IndexOptions()
    a = shipped.analyzer
    flat = replace(a, weight_synonym=1.0, weight_kanji_unigram=1.0, weight_hiragana=1.0, weight_okurigana=1.0)
    rows: list[tuple[str, Callable[[dict[str, Faq]], ev.Matcher]]] = [
        ("shipped: n-grams + synonyms + coverage/Dice/nearest example + typos + wish to apply",
         lambda f: FaqIndex.build(f, shipped)),
        ("as before this round (coverage/Dice, no nearest example, no wish to apply; the decision as fitted now)",
         lambda f: FaqIndex.build(f, replace(shipped, nearest_weight=0.0, example_weight=0.5, intent=False))),
        ("without the nearest example", lambda f: FaqIndex.build(f, replace(shipped, nearest_weight=0.0,
                                                                             example_weight=0.5))),
        ("without the wish to apply", lambda f: FaqIndex.build(f, replace(shipped, intent=False))),
        ("without the story around a question (a long message split only when it asks twice)",
         lambda f: FaqIndex.build(f, replace(shipped, context=False, min_parts=2))),
        ("without synonym groups", lambda f: FaqIndex.build(f, replace(shipped, analyzer=replace(a, synonyms=False)))),
        ("without typo correction", lambda f: FaqIndex.build(f, replace(shipped, analyzer=replace(a, fuzzy=False)))),
        ("without script weights (all n-grams weigh 1)", lambda f: FaqIndex.build(f, replace(shipped, analyzer=flat))),
        ("without English word pairs",
         lambda f: FaqIndex.build(f, replace(shipped, analyzer=replace(a, english_bigrams=False)))),
        ("without the answer text", lambda f: FaqIndex.build(f, replace(shipped, answer_weight=0.0))),
        ("entry coverage only (BM25-style)",
         lambda f: FaqIndex.build(f, replace(shipped, example_weight=0.0, nearest_weight=0.0))),
        ("best example question only (Dice)",
         lambda f: FaqIndex.build(f, replace(shipped, example_weight=1.0, nearest_weight=0.0))),
        ("without readings (no SudachiPy)", lambda f: FaqIndex.build(f, replace(shipped, readings=False))),
        ("without the treatment signal", lambda f: FaqIndex.build(f, replace(shipped, treatment_signal=False))),
        ("rapidfuzz WRatio nearest question, no index", lambda f: FuzzyBaseline(f)),
        ("learned: naive Bayes trained on the example questions, same features", lambda f: LearnedRanker(f)),
    ]
    janome = _janome()
    if janome is not None:
        words = replace(a, japanese_words=janome)
        rows.append(("janome words instead of Japanese n-grams",
                     lambda f: FaqIndex.build(f, replace(shipped, analyzer=words))))
    return rows


def _janome() -> Callable[[str], list[str]] | None:
    try:
        from janome.tokenizer import Tokenizer  # not a dependency: only for this comparison
    except ImportError:
        return None
    tokenizer = Tokenizer()
    return lambda text: [t.base_form if t.base_form != "*" else t.surface for t in tokenizer.tokenize(text)
                         if not t.part_of_speech.startswith("記号")]


@dataclass
class Accuracy:
    by_set: dict[str, tuple[int, int]]
    off_topic_answered: int
    off_topic: int


def _parts(name: str, path: Path) -> list[tuple[str, list[ev.Case]]]:
    cases = [c for c in ev.load_cases(path) if c.kind not in ("crisis", "distress")]
    if name not in ("dev v3", "dev v5", "dev v6", "dev v7") and not name.startswith("dev h"):
        return [(name, cases)]
    development, validation = ev.split_cases(cases)
    return [(f"{name} (development part)", development), (f"{name} (validation third)", validation)]


def measure_accuracy(matcher: ev.Matcher, renderer: ev.AnswerRenderer) -> Accuracy:
    by_set = {}
    answered = total = 0
    for name, path in SETS.items():
        if not path.is_file():
            continue
        for part, cases in _parts(name, path):
            results = ev.evaluate(cases, matcher, renderer, None)
            by_set[part] = (sum(r.verdict == "pass" for r in results), len(results))
            for result in results:
                if result.case.kind == "fallback":
                    total += 1
                    answered += result.outcome.match.status == "answer"
    return Accuracy(by_set, answered, total)


def _verdict(value: float, target: float) -> str:
    return "met" if value < target else "MISSED"


def resident_mb(content: Path) -> float:
    """RSS of this process once it holds what the running bot holds (built the way bot.app builds it)."""
    import psutil

    from bot.live import load_live

    live, problems = load_live(content)
    if live is None:
        raise SystemExit(problems.report())
    FaqIndex.build(synthetic_faqs(ev.load_faqs(content), 300))
    import bot.app  # noqa: F401  (the telegram stack, as the running bot imports it)

    return float(psutil.Process().memory_info().rss) / 2**20


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=ev.REPO / "content")
    parser.add_argument("--entries", type=int, default=300, help="entries per language for the speed test")
    parser.add_argument("--rounds", type=int, default=10, help="times each query is matched")
    parser.add_argument("--speed-only", action="store_true", help="build time, latency and memory; no comparison")
    args = parser.parse_args(argv)
    faqs = ev.load_faqs(args.content)
    renderer = ev.AnswerRenderer(ev.load_clinics(args.content))

    speed = measure_speed(synthetic_faqs(faqs, args.entries), IndexOptions(), args.rounds)
    rss = resident_mb(args.content)
    print(f"Speed, shipped matcher, {speed.entries} entries per language (ja + en), {speed.queries} matches, CPU "
          f"time of this process (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; wall-clock "
          "time beside it, which other work inflates):")
    print(f"  index build   {speed.build_ms:7.0f} ms   (target < {TARGETS['build_ms']:.0f} ms)  "
          f"{_verdict(speed.build_ms, TARGETS['build_ms'])}   median of 5 cold builds; "
          f"wall {speed.build_wall_ms:.0f} ms")
    print(f"  match p99     {speed.p99_us:7.0f} us   (target < {TARGETS['p99_us']:.0f} us)  "
          f"{_verdict(speed.p99_us, TARGETS['p99_us'])}   p50 {speed.p50_us:.0f} us, p95 {speed.p95_us:.0f} us, "
          f"max {speed.max_us:.0f} us; wall p99 {speed.p99_wall_us:.0f} us")
    print(f"  RSS           {rss:7.0f} MB   (target < {TARGETS['rss_mb']:.0f} MB)  {_verdict(rss, TARGETS['rss_mb'])}"
          "   the whole bot: application, shipped content, crisis screen, SudachiPy and a 300-entry index\n")

    if args.speed_only:
        return 0
    names = [part for name, path in SETS.items() if path.is_file() for part, _ in _parts(name, path)]
    print("| approach | " + " | ".join(names) + " | off-topic answered | build ms | p99 us |")
    print("|---|" + "---|" * (len(names) + 3))
    for label, make in approaches():
        start = time.perf_counter()
        matcher = make(faqs)
        build_ms = (time.perf_counter() - start) * 1e3
        accuracy = measure_accuracy(matcher, renderer)
        texts = queries(faqs, random.Random(2))
        timings = []
        for _ in range(3):
            for text in texts:
                t0 = time.perf_counter()
                matcher.match(text)
                timings.append(time.perf_counter() - t0)
        timings.sort()
        p99 = timings[int(0.99 * len(timings))] * 1e6
        cells = [f"{p}/{n} ({p / n:.0%})" for p, n in (accuracy.by_set[name] for name in names)]
        print(f"| {label} | " + " | ".join(cells)
              + f" | {accuracy.off_topic_answered}/{accuracy.off_topic} | {build_ms:.0f} | {p99:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
