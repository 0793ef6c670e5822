"""A learned pairwise re-ranker over the best few entries, measured against the blended order it would replace.

    .venv/bin/python bench/rerank.py      # about a minute

The matcher's blended score adds coverage, the best example's Dice and the nearest example as written with fixed
weights. A model of "which of these five candidates is right", with features that describe a candidate relative to
the question and to the others (never which entry it is), needs far fewer examples per entry than a softmax over
the entries, since its weights are shared by every entry (learning to rank). This script fits one (conditional
logit: a softmax within each question's five candidates, Newton's method, ridge penalty) on the cross-validation
rankings of the example questions and the development data (``calibrate``'s sources and weights), and prints how
often the right entry comes first before and after, on cross-validation, the development data and the validation
thirds of dev v3 and v5 (measured only). The bot does not ship it: see docs/measurements.md for why.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
for folder in (BENCH.parent, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import calibrate as cal  # noqa: E402
import eval_questions as ev  # noqa: E402

from bot.search.index import FaqIndex, IndexOptions, Match  # noqa: E402
from bot.search.scoring import Scored  # noqa: E402

FEATURES = ("score", "share", "dice", "near", "explained", "other_treatment", "best_share", "best_dice",
            "best_near", "behind_score", "behind_near", "first", "heavy")


def features(candidate: Scored, pool: Sequence[Scored], mass: float, rank: int) -> tuple[float, ...]:
    """One candidate among ``pool``: its own signals, whether it is the best of the pool on each, how far behind
    the best it is, and how much of the question's heaviest words it uses."""
    top_score = max(s.score for s in pool)
    top_near = max(s.near for s in pool)
    return (candidate.score, candidate.share, candidate.dice, candidate.near,
            min(1.0, candidate.evidence / mass) if mass > 0 else 0.0,
            1.0 if candidate.factor < 0.5 else 0.0,
            1.0 if candidate.share >= max(s.share for s in pool) else 0.0,
            1.0 if candidate.dice >= max(s.dice for s in pool) else 0.0,
            1.0 if candidate.near >= top_near and top_near > 0 else 0.0,
            candidate.score - top_score, candidate.near - top_near, 1.0 if rank == 0 else 0.0, candidate.heavy)


@dataclass(frozen=True)
class Pool:
    """One question's rows (its best candidates in blended order), the right one's position, a weight."""

    rows: list[tuple[float, ...]]
    right: int
    weight: float


def _rights(index: FaqIndex, found: Match, case: ev.Case | None, asked: cal.Asked | None,
            renderer: ev.AnswerRenderer) -> list[bool]:
    out = []
    for candidate_id, _ in found.pool:
        if asked is not None:
            out.append(asked.right(candidate_id))
            continue
        assert case is not None
        entry = index.entry(found.lang, candidate_id)
        out.append(entry.action == "apply" if case.kind == "intake"
                   else ev.judge(case, renderer.render(found.lang, entry.answer)))
    return out


def pools(cv: Sequence[tuple[FaqIndex, list[cal.Asked]]], dev: FaqIndex, cases: Sequence[ev.Case],
          renderer: ev.AnswerRenderer) -> list[Pool]:
    """Every ranking whose best few hold a right entry, as rows (``calibrate``'s sources and weights)."""
    out: list[Pool] = []
    strangers = {(c.lang, c.ask) for c in cal.strangers_development()}

    def add(found: Match, rights: list[bool], weight: float) -> None:
        if found.signals is None or not any(rights):
            return
        ranked = [s for _, s in found.pool]
        out.append(Pool([features(s, ranked, found.signals.mass, rank) for rank, s in enumerate(ranked)],
                        rights.index(True), weight))

    for index, asked in cv:
        for q in asked:
            found = index.match(q.text)
            add(found, _rights(index, found, None, q, renderer), cal.WEIGHTS["cv"])
    for case in cases:
        if case.kind in ("answer", "intake"):
            found = dev.match(case.ask)
            add(found, _rights(dev, found, case, None, renderer),
                cal.WEIGHTS["strangers"] if (case.lang, case.ask) in strangers else cal.WEIGHTS["dev"])
    return out


def fit(data: Sequence[Pool], ridge: float = 1e-2, rounds: int = 30) -> np.ndarray:
    """Conditional logit by Newton's method; the ridge penalty is scaled by the total weight."""
    d = len(FEATURES)
    w = np.zeros(d)
    total = sum(p.weight for p in data)
    mats = [(np.array(p.rows), p.right, p.weight) for p in data]
    for _ in range(rounds):
        grad = ridge * total * w
        hess = ridge * total * np.eye(d)
        for x, right, weight in mats:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            grad -= weight * (x[right] - mean)
            centred = x - mean
            hess += weight * (centred.T * p) @ centred
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def top_right(data: Sequence[Pool], w: np.ndarray | None) -> float:
    """Share of the pools whose first is right, in blended order (None) or re-ranked by ``w``."""
    if not data:
        return 0.0
    if w is None:
        return sum(p.right == 0 for p in data) / len(data)
    return sum(int(np.argmax(np.array(p.rows) @ w)) == p.right for p in data) / len(data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ridge", type=float, nargs="*", default=[1e-2, 1e-3, 1e-4])
    args = parser.parse_args(argv)
    content = ev.REPO / "content"
    faqs = ev.load_faqs(content)
    renderer = ev.AnswerRenderer(ev.load_clinics(content))
    shipped = IndexOptions()
    open_limits = replace(shipped.thresholds, answer=0.0, margin=0.0, evidence=0.0, confidence=0.0, unknown=1.01)
    cv = [(FaqIndex.build(reduced, shipped).with_decision(open_limits), asked) for reduced, asked in cal.folds(faqs)]
    dev = FaqIndex.build(faqs, shipped).with_decision(open_limits)
    parts = {"cross-validation": pools(cv, dev, [], renderer),
             "development data": pools([], dev, cal.dev_cases("development"), renderer),
             "validation thirds (dev v3, v5)": pools([], dev, cal.dev_cases("validation"), renderer)}
    print("Right entry first, of the questions whose right entry is among the best five:\n")
    print("| ranker | " + " | ".join(f"{name} ({len(p)})" for name, p in parts.items()) + " |")
    print("|---" * (len(parts) + 1) + "|")
    print("| blended score (shipped) | " + " | ".join(f"{top_right(p, None):.1%}" for p in parts.values()) + " |")
    for ridge in args.ridge:
        w = fit(parts["cross-validation"] + parts["development data"], ridge)
        print(f"| re-ranked, ridge {ridge:g} | " + " | ".join(f"{top_right(p, w):.1%}" for p in parts.values())
              + " |")
        print("  weights: " + ", ".join(f"{n} {v:.2f}" for n, v in zip(FEATURES, w, strict=True)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
