"""Calibrates the matcher's decision step (bot/search/decision.py) by cross-validation, and prints the figures.

    .venv/bin/python bench/calibrate.py          # the shipped decision: cross-validation, dev sets, validation part
    .venv/bin/python bench/calibrate.py --fit    # also fit the confidence model and search the thresholds

Cross-validation: the example questions of every faq.yaml entry are dealt into ``FOLDS`` folds (fixed seed); for
each fold the index is built without that fold's examples (every entry keeps at least one) and each left-out
example is asked. It is right when answered with its own entry, confidently wrong when answered with another.
Development data: the shared dev set, the tuning set, dev v2 and the development parts of dev v3, v5 and v6 (judged as
their headers say). Their validation thirds are only reported, never fitted on; held-out sets are never read here.

``--fit`` collects the decision's signals of every question (cross-validation and development data, with the
answer thresholds off), fits the logistic confidence model on "is the best entry right", then tries a grid of
thresholds and keeps the one with the most correct answers among those with at most ``MAX_WRONG`` confident wrong
answers in cross-validation and on the development data and no off-topic question answered outright.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
for folder in (BENCH.parent, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import eval_questions as ev  # noqa: E402

from bot.content.schema import Faq  # noqa: E402
from bot.search.decision import Confidence, Signals  # noqa: E402
from bot.search.index import FaqIndex, IndexOptions  # noqa: E402
from bot.search.normalize import normalize  # noqa: E402

FOLDS = 5
SEED = 7
MAX_WRONG = 0.02
DATA = ev.REPO / "bench" / "data"
DEV_SETS = [ev.default_question_sets()[0], DATA / "questions-tuning.yaml", DATA / "questions-dev-v2.yaml"]
DEV_V3 = DATA / "questions-dev-v3.yaml"
DEV_V5 = DATA / "questions-dev-v5.yaml"
DEV_V6 = DATA / "questions-dev-v6.yaml"
STRANGERS = (DEV_V3, DEV_V5, DEV_V6)
"""Sets written blind by strangers, split by ``eval_questions.split_cases``: development part fitted on, validation
third only measured."""


@dataclass(frozen=True)
class Asked:
    """One left-out example question and the entry it belongs to."""

    lang: str
    text: str
    entry_id: str
    also: frozenset[str] = frozenset()
    """Other entries that hold the same example (the content repeats a few): answering with one is not wrong."""

    def right(self, entry_id: str | None) -> bool:
        return entry_id == self.entry_id or entry_id in self.also


def folds(faqs: dict[str, Faq], k: int = FOLDS, seed: int = SEED) -> list[tuple[dict[str, Faq], list[Asked]]]:
    """k (index content without the fold, the fold's questions); each entry keeps at least one example."""
    rng = random.Random(seed)
    assignment: dict[tuple[str, str, int], int] = {}
    for lang, faq in faqs.items():
        for entry in faq.entries:
            order = list(range(len(entry.questions)))
            rng.shuffle(order)
            for position, number in enumerate(order):
                assignment[(lang, entry.id, number)] = (position + rng.randrange(k)) % k
    holders: dict[tuple[str, str], set[str]] = {}
    for lang, faq in faqs.items():
        for entry in faq.entries:
            for q in entry.questions:
                holders.setdefault((lang, _same(q)), set()).add(entry.id)
    out = []
    for fold in range(k):
        reduced: dict[str, Faq] = {}
        asked: list[Asked] = []
        for lang, faq in faqs.items():
            entries = []
            for entry in faq.entries:
                kept = [q for n, q in enumerate(entry.questions) if assignment[(lang, entry.id, n)] != fold]
                left = [q for n, q in enumerate(entry.questions) if assignment[(lang, entry.id, n)] == fold]
                if not kept:
                    kept, left = left[:1], left[1:]
                entries.append(replace(entry, questions=kept) if hasattr(entry, "__dataclass_fields__")
                               else entry.model_copy(update={"questions": kept}))
                asked.extend(Asked(lang, q, entry.id, frozenset(holders[(lang, _same(q))] - {entry.id})) for q in left)
            reduced[lang] = faq.model_copy(update={"entries": entries})
        out.append((reduced, asked))
    return out


def _same(question: str) -> str:
    """A question as compared for "the same example" (width, case and the final punctuation folded)."""
    return normalize(question).text.strip(" ?？。.!！")


def strangers_development() -> list[ev.Case]:
    """The development parts of dev v3, v5 and v6: the sets most like strangers' questions that may be fitted on."""
    return [c for path in STRANGERS if path.is_file() for c in ev.split_cases(ev.load_cases(path))[0]
            if c.kind != "crisis"]


def dev_cases(part: str = "development") -> list[ev.Case]:
    """The development data (older sets and the strangers' sets' development parts), or their validation thirds."""
    thirds = [ev.split_cases(ev.load_cases(path)) for path in STRANGERS if path.is_file()]
    if part == "validation":
        cases = [c for _, validation in thirds for c in validation]
    else:
        cases = [c for path in DEV_SETS if path.is_file() for c in ev.load_cases(path)]
        cases += [c for development, _ in thirds for c in development]
    return [c for c in cases if c.kind != "crisis"]


@dataclass
class Tally:
    cases: int = 0
    correct: int = 0
    wrong: int = 0
    right_first: int = 0
    offtopic: int = 0
    offtopic_answered: int = 0

    def short(self) -> str:
        """correct / confident wrong / did you mean with the right entry first, in %."""
        n = max(1, self.cases)
        return f"{self.correct / n:5.1%} {self.wrong / n:5.1%} {self.right_first / n:5.1%}"

    def line(self) -> str:
        n = max(1, self.cases)
        return (f"{self.cases:4} cases: correct {self.correct / n:6.1%}, confident wrong {self.wrong / n:5.1%} "
                f"({self.wrong}), did you mean right first {self.right_first / n:5.1%}"
                + (f", off-topic answered {self.offtopic_answered}/{self.offtopic}" if self.offtopic else ""))


def cross_validate(indexes: Sequence[tuple[FaqIndex, list[Asked]]]) -> Tally:
    tally = Tally()
    for index, asked in indexes:
        for q in asked:
            found = index.match(q.text)
            tally.cases += 1
            if found.status == "answer":
                if q.right(found.entry_id):
                    tally.correct += 1
                else:
                    tally.wrong += 1
            elif found.status == "choices" and found.candidates and q.right(found.candidates[0][0]):
                tally.right_first += 1
    return tally


def on_cases(index: FaqIndex, cases: Sequence[ev.Case], renderer: ev.AnswerRenderer) -> Tally:
    results = ev.evaluate(cases, index, renderer, None, None)
    tally = Tally(cases=len(results))
    for result in results:
        grade = result.grade
        tally.correct += grade == "correct"
        tally.wrong += grade == "wrong"
        tally.right_first += grade == "choices_right_first"
        if result.case.kind == "fallback":
            tally.offtopic += 1
            tally.offtopic_answered += result.outcome.match.status == "answer"
    return tally


# --- fitting ------------------------------------------------------------------------------------------------------

def _top_right(index: FaqIndex, case: ev.Case, renderer: ev.AnswerRenderer) -> bool:
    found = index.match(case.ask)
    if not found.candidates or case.kind == "fallback":
        return False
    entry = index.entry(found.lang if found.lang in index.languages else "ja", found.candidates[0][0])
    if case.kind == "intake":
        return entry.action == "apply"
    return ev.judge(case, renderer.render(found.lang, entry.answer))


WEIGHTS = {"cv": 0.5, "dev": 1.0, "strangers": 2.0}
"""How much a ranking of each source counts in the fit: left-out example questions are written like the content
(half), strangers' questions of dev v3, v5 and v6 most like the patients' (double)."""


def signals_and_labels(cv: Sequence[tuple[FaqIndex, list[Asked]]], dev: FaqIndex, cases: Sequence[ev.Case],
                       renderer: ev.AnswerRenderer) -> list[tuple[Signals, bool, float]]:
    """(signals, is the best entry right, weight) of every ranking: cross-validation, then the development data."""
    data = []
    for index, asked in cv:
        for q in asked:
            found = index.match(q.text)
            if found.signals is not None:
                data.append((found.signals, bool(found.candidates) and q.right(found.candidates[0][0]),
                             WEIGHTS["cv"]))
    strangers = {(c.lang, c.ask) for c in strangers_development()}
    for case in cases:
        found = dev.match(case.ask)
        if found.signals is not None:
            weight = WEIGHTS["strangers"] if (case.lang, case.ask) in strangers else WEIGHTS["dev"]
            data.append((found.signals, _top_right(dev, case, renderer), weight))
    return data


def fit(data: Sequence[tuple[Signals, bool, float]], ridge: float = 1e-3, rounds: int = 25,
        used: Sequence[int] | None = None) -> Confidence:
    """Weighted logistic regression by Newton's method (plain Python: a few thousand rows of a dozen numbers).

    ``used``: the positions of ``Signals.vector`` to fit (the others get weight 0), to compare sets of signals."""
    rows = [(1.0, *s.vector()) for s, _, _ in data]
    if used is not None:
        keep = {0, *(i + 1 for i in used)}
        rows = [tuple(v if i in keep else 0.0 for i, v in enumerate(row)) for row in rows]
    ys = [1.0 if right else 0.0 for _, right, _ in data]
    weights = [weight for _, _, weight in data]
    d = len(rows[0])
    w = [0.0] * d
    for _ in range(rounds):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y, c in zip(rows, ys, weights, strict=True):
            z = sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for i in range(d):
                grad[i] += c * (p - y) * x[i]
                for j in range(d):
                    hess[i][j] += c * p * (1 - p) * x[i] * x[j]
        for i in range(d):
            grad[i] += ridge * w[i] * len(rows)
            hess[i][i] += ridge * len(rows)
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(si) for si in step) < 1e-6:
            break
    return Confidence(tuple(round(v, 4) for v in w[1:]), round(w[0], 4))


def auc(model: Confidence, data: Sequence[tuple[Signals, bool, float]]) -> float:
    """Area under the ROC curve of the confidence for "the best entry is right" (unweighted; ties count half)."""
    scored = sorted((model(signals), right) for signals, right, _ in data)
    positives = sum(right for _, right in scored)
    negatives = len(scored) - positives
    if not positives or not negatives:
        return float("nan")
    rank_sum = 0.0
    position = 0
    while position < len(scored):
        end = position
        while end < len(scored) and scored[end][0] == scored[position][0]:
            end += 1
        rank_sum += sum(right for _, right in scored[position:end]) * (position + end + 1) / 2
        position = end
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is small and positive definite)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col and m[r][col]:
                factor = m[r][col] / m[col][col]
                m[r] = [vr - factor * vc for vr, vc in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", action="store_true", help="fit the confidence model and search the thresholds")
    parser.add_argument("--content", type=Path, default=ev.REPO / "content", help="content folder")
    parser.add_argument("--without-heavy", action="store_true",
                        help="fit without the two signals of the question's heaviest words (for the comparison)")
    args = parser.parse_args(argv)
    content = args.content
    faqs = ev.load_faqs(content)
    renderer = ev.AnswerRenderer(ev.load_clinics(content))
    shipped = IndexOptions()
    cv = [(FaqIndex.build(reduced, shipped), asked) for reduced, asked in folds(faqs)]
    dev_index = FaqIndex.build(faqs, shipped)
    development = dev_cases("development")
    strangers = strangers_development()
    validation = dev_cases("validation")
    print(f"shipped decision {shipped.thresholds}\n  confidence model {shipped.confidence}")
    print(f"  cross-validation ({FOLDS} folds over the example questions) {cross_validate(cv).line()}")
    print(f"  development data                                     {on_cases(dev_index, development, renderer).line()}")
    print(f"    of which dev v3, v5 and v6's development parts     {on_cases(dev_index, strangers, renderer).line()}")
    if validation:
        print(f"  dev v3, v5 and v6's validation thirds (not fitted on) "
              f"{on_cases(dev_index, validation, renderer).line()}")
    if not args.fit:
        return 0

    open_limits = replace(shipped.thresholds, answer=0.0, margin=0.0, evidence=0.0, confidence=0.0, unknown=1.01)
    data = signals_and_labels([(i.with_decision(open_limits), a) for i, a in cv],
                              dev_index.with_decision(open_limits), development, renderer)
    model = fit(data, used=range(len(Signals(0, 0, 0, 0, 0).vector()) - 2) if args.without_heavy else None)
    print(f"\nfitted on {len(data)} rankings ({Counter(r for _, r, _ in data)[True]} with the right entry first): "
          f"{model}")
    cv_data = signals_and_labels([(i.with_decision(open_limits), a) for i, a in cv], dev_index, [], renderer)
    print(f"  area under the ROC curve: cross-validation {auc(model, cv_data):.3f}, development data "
          f"{auc(model, data[len(cv_data):]):.3f}, validation thirds "
          f"{auc(model, signals_and_labels([], dev_index.with_decision(open_limits), validation, renderer)):.3f}")
    rows = []
    grid = itertools.product([0.0, 0.7, 0.75, 0.8, 0.82, 0.84, 0.86, 0.87, 0.88, 0.89, 0.9, 0.905, 0.91, 0.915, 0.92,
                              0.925, 0.93, 0.94],
                             [0.0, 0.03], [0.3], [1.0], [0.5])
    for confidence, margin, answer, evidence, unknown in grid:
        limits = replace(shipped.thresholds, confidence=confidence, margin=margin, answer=answer, evidence=evidence,
                         unknown=unknown)
        cv_tally = cross_validate([(i.with_decision(limits, model), a) for i, a in cv])
        dev_tally = on_cases(dev_index.with_decision(limits, model), development, renderer)
        strangers_tally = on_cases(dev_index.with_decision(limits, model), strangers, renderer)
        rows.append((limits, cv_tally, dev_tally, strangers_tally))
    ok = [r for r in rows if r[1].wrong <= MAX_WRONG * r[1].cases and r[2].wrong <= MAX_WRONG * r[2].cases
          and r[2].offtopic_answered == 0]
    ranked = sorted(ok or rows, key=lambda r: (-(r[1].correct / r[1].cases + r[2].correct / r[2].cases),
                                               r[1].wrong + r[2].wrong))
    print(f"\n{len(ok)} of {len(rows)} threshold sets keep confident wrong <= {MAX_WRONG:.0%} and off-topic at 0; "
          "the best:")
    for limits, cv_tally, dev_tally, strangers_tally in ranked[:4]:
        print(f"  confidence {limits.confidence:.3f} margin {limits.margin:.2f} answer {limits.answer:.2f} "
              f"evidence {limits.evidence:.1f} unknown {limits.unknown:.1f}\n    CV  {cv_tally.line()}\n"
              f"    dev {dev_tally.line()}\n    of which v3, v5, v6 {strangers_tally.line()}")
    best = ranked[0][0]
    print("\nthe trade-off at the chosen thresholds, by confidence needed to answer (CV | dev | validation thirds):")
    for confidence in (0.0, 0.5, 0.7, 0.8, 0.85, 0.88, 0.91, 0.94):
        limits = replace(best, confidence=confidence)
        lines = [cross_validate([(i.with_decision(limits, model), a) for i, a in cv]).short(),
                 on_cases(dev_index.with_decision(limits, model), development, renderer).short()]
        if validation:
            lines.append(on_cases(dev_index.with_decision(limits, model), validation, renderer).short())
        print(f"  {confidence:.2f}  " + " | ".join(lines))
    if validation:
        print(f"\nchosen, on the validation thirds of dev v3, v5 and v6: "
              f"{on_cases(dev_index.with_decision(best, model), validation, renderer).line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
