"""Ranking alone, compared: is the right entry first? The shipped n-gram scorer against rankers learned from the
example questions (each entry a class), on the same features, with no decision step in the way.

    .venv/bin/python bench/compare_rankers.py      # about 5 minutes

Rows: the scorer as it was (coverage + best-example Dice), with the nearest example as written, and as shipped
(also recognising a wish to apply, book or be contacted); multinomial naive Bayes (bench_matcher.LearnedRanker);
multinomial logistic regression (softmax, L2, full-batch gradient descent with numpy, L2-normalised feature
vectors), trained on the example questions as a response selector would be. Columns: 5-fold cross-validation over
the example questions (bench/calibrate.py's folds), the development parts and the validation thirds of the sets
strangers wrote (dev v3 to v7, h2 to h5; answer and intake cases), and every held-out set (totals only); then the
whole reply on the held-out sets, shipped matcher against naive Bayes with its own decision. The README keeps the
table. numpy is only used here and in bench/rerank.py (it comes with matplotlib); the bot
does not import it. bench/rerank.py compares a learned pairwise re-ranker over the best five with the blended order.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
for folder in (BENCH.parent, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_matcher  # noqa: E402
import calibrate as cal  # noqa: E402
import eval_questions as ev  # noqa: E402

from bot.content.schema import Faq  # noqa: E402
from bot.search.distress import DistressScreen  # noqa: E402
from bot.search.index import FaqIndex, IndexOptions  # noqa: E402

Ranker = Callable[[str, str], str | None]
"""(lang, text) -> the entry ranked first."""


class SoftmaxRanker:
    """Multinomial logistic regression over the shipped analyser's features."""

    def __init__(self, faqs: dict[str, Faq], index: FaqIndex, l2: float = 1e-3, epochs: int = 300) -> None:
        self._index = index
        self._models = {lang: self._train(faq, l2, epochs) for lang, faq in faqs.items()}

    def _vector(self, vocabulary: dict[str, int], text: str) -> np.ndarray:
        x = np.zeros(len(vocabulary))
        for feature, factor in self._index.features(text).items():
            if feature in vocabulary:
                x[vocabulary[feature]] = factor
        norm = np.linalg.norm(x)
        return x / norm if norm else x

    def _train(self, faq: Faq, l2: float, epochs: int) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
        ids = [entry.id for entry in faq.entries]
        texts = [(number, q) for number, entry in enumerate(faq.entries) for q in entry.questions]
        vocabulary: dict[str, int] = {}
        for _, q in texts:
            for feature in self._index.features(q):
                vocabulary.setdefault(feature, len(vocabulary))
        x = np.stack([self._vector(vocabulary, q) for _, q in texts])
        y = np.zeros((len(texts), len(ids)))
        y[np.arange(len(texts)), [n for n, _ in texts]] = 1
        w = np.zeros((len(vocabulary), len(ids)))
        b = np.zeros(len(ids))
        for _ in range(epochs):
            z = x @ w + b
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            g = p - y
            w -= 2.0 * (x.T @ g / len(texts) + l2 * w)
            b -= 2.0 * g.mean(axis=0)
        return ids, vocabulary, w, b

    def first(self, lang: str, text: str) -> str | None:
        ids, vocabulary, w, b = self._models[lang]
        x = self._vector(vocabulary, text)
        return ids[int(np.argmax(x @ w + b))] if x.any() else None


def rankers(faqs: dict[str, Faq]) -> list[tuple[str, Ranker]]:
    index = FaqIndex.build(faqs, IndexOptions())
    bayes = bench_matcher.LearnedRanker(faqs)
    softmax = SoftmaxRanker(faqs, index)

    def first_of(matcher: ev.Matcher) -> Ranker:
        def ranker(lang: str, text: str) -> str | None:
            found = matcher.match(text)
            return found.candidates[0][0] if found.candidates else None
        return ranker

    previous = FaqIndex.build(faqs, IndexOptions(nearest_weight=0.0, example_weight=0.5, intent=False))
    no_intent = FaqIndex.build(faqs, IndexOptions(intent=False))
    return [("n-gram scorer as before (coverage + Dice)", first_of(previous)),
            ("+ nearest example as written", first_of(no_intent)),
            ("+ wish to apply recognised (shipped)", first_of(index)),
            ("naive Bayes", first_of(bayes)), ("logistic regression (softmax)", softmax.first)]


def top_right(ranker: Ranker, cases: Sequence[ev.Case], index: FaqIndex, renderer: ev.AnswerRenderer) -> float:
    right = 0
    for case in cases:
        entry_id = ranker(case.lang, case.ask)
        if entry_id is None:
            continue
        entry = index.entry(case.lang, entry_id)
        right += entry.action == "apply" if case.kind == "intake" else ev.judge(case, renderer.render(case.lang,
                                                                                                        entry.answer))
    return right / len(cases) if cases else 0.0


def ranked_cases(paths: Sequence[Path]) -> list[ev.Case]:
    """The answer and intake cases of these sets: the ones a ranking can get right."""
    return [c for path in paths for c in ev.load_cases(path) if c.kind in ("answer", "intake")]


def held_out_sets() -> list[Path]:
    """Every held-out question set: only totals are printed from them, never a case."""
    return sorted(p for p in (ev.REPO / "bench" / "data").glob("questions-holdout*.yaml"))


def end_to_end(matcher: ev.Matcher, cases: Sequence[ev.Case], renderer: ev.AnswerRenderer,
               distress: DistressScreen) -> str:
    """Correct and confidently wrong answers of the whole reply (each ranker with its own decision), per language."""
    results = ev.evaluate([c for c in cases if c.kind != "crisis"], matcher, renderer, None, distress)
    cells = []
    for lang in ("en", "ja"):
        mine = [r for r in results if r.case.lang == lang and r.verdict != "skipped"]
        correct = sum(r.grade == "correct" for r in mine)
        wrong = sum(r.grade == "wrong" for r in mine)
        cells.append(f"{correct / len(mine):.1%} / {wrong / len(mine):.1%}" if mine else "n/a")
    return " | ".join(cells)


def main() -> int:
    content = ev.REPO / "content"
    faqs = ev.load_faqs(content)
    renderer = ev.AnswerRenderer(ev.load_clinics(content))
    distress = ev.load_distress_screen(content)
    index = FaqIndex.build(faqs, IndexOptions())
    folds = cal.folds(faqs)
    fold_rankers = [(rankers(reduced), asked) for reduced, asked in folds]
    development: list[ev.Case] = []
    validation: list[ev.Case] = []
    for path in cal.STRANGERS:
        fitted, measured = ev.split_cases(ranked_cases([path]))
        development += fitted
        validation += measured
    held_out = [c for path in held_out_sets() for c in ev.load_cases(path)]
    held_ranked = [c for c in held_out if c.kind in ("answer", "intake")]
    print(f"Ranking alone, right entry first (strangers' sets: {len(development)} development, {len(validation)} "
          f"validation, {len(held_ranked)} held-out questions)\n")
    print("| ranker (right entry first) | CV, 5 folds over the example questions | strangers' sets, development parts "
          "| their validation thirds | held-out sets |\n|---|---|---|---|---|")
    for number, (label, ranker) in enumerate(rankers(faqs)):
        cv = [ranks[number][1](q.lang, q.text) == q.entry_id for ranks, asked in fold_rankers for q in asked]
        print(f"| {label} | {sum(cv) / len(cv):.1%} | {top_right(ranker, development, index, renderer):.1%} "
              f"| {top_right(ranker, validation, index, renderer):.1%} "
              f"| {top_right(ranker, held_ranked, index, renderer):.1%} |")
    print(f"\nThe whole reply on the held-out sets ({len(held_out)} cases, crisis cases left out), correct / "
          "confidently wrong:\n\n| matcher | en | ja |\n|---|---|---|")
    print(f"| shipped n-gram scorer and decision | {end_to_end(index, held_out, renderer, distress)} |")
    print(f"| naive Bayes with its own decision | "
          f"{end_to_end(bench_matcher.LearnedRanker(faqs), held_out, renderer, distress)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
