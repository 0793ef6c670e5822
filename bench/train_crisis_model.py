"""Trains the crisis screen's learned layer from the development set, chooses its thresholds by cross-validation,
and writes the model.

    .venv/bin/python bench/train_crisis_model.py            # writes bot/safety/checkin_model.json, prints CV figures
    .venv/bin/python bench/train_crisis_model.py --check    # exits 1 if the shipped weights are not what the data gives

Four logistic heads (``bot.safety.learned``: help, self, full, other) over character 2-3-grams and dictionary-form
words and word pairs, trained with AdaGrad in a fixed order for a fixed number of epochs, so the same data always
gives the same weights (no random state, no library). Labels: ``help`` = someone at risk, or a ``topic`` or
``history`` sentence; ``self`` = ``who: self``; ``full`` = ``who: self`` in a category that wants the full reply
(direct, plan_means, self_harm); ``other`` = ``who: other``.

Thresholds come from 5-fold cross-validation (fold = position modulo 5): every sentence is scored by heads trained
without it, the whole screen's decision (``bot.safety.crisis.decide``: rules first, the model only raising; then the
plan layer, ``CrisisScreen.plan``) is worked out with those scores, and each threshold is the lowest that keeps the
bounds below on the held-back sentences. The figures printed are those cross-validated decisions: an honest
estimate of the learned part (the rules themselves were tuned on the same sentences, so their part is optimistic).
Only the development sets (``DEV_SETS``) and ``crisis_ordinary.yaml`` are read: the held-out set is never trained or
tuned on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.crisis_eval import FULL_REPLY, Case, Scores, load_cases, load_crisis  # noqa: E402
from bot.safety.crisis import CrisisScreen, Reading, decide, raise_plan  # noqa: E402
from bot.safety.learned import HEADS, MODEL_FILE, CheckInModel  # noqa: E402
from bot.safety.tiers import Assessment  # noqa: E402

DATA = REPO / "bench" / "data" / "crisis_dev.yaml"
DEV_SETS = (DATA, REPO / "bench" / "data" / "crisis_dev5.yaml",
            REPO / "bench" / "data" / "crisis_dev6.yaml", REPO / "bench" / "data" / "crisis_dev7.yaml",
            REPO / "bench" / "data" / "crisis_dev8.yaml", REPO / "bench" / "data" / "crisis_dev9.yaml",
            REPO / "bench" / "data" / "crisis_dev10.yaml", REPO / "bench" / "data" / "crisis_dev11.yaml",
            *(REPO / "bench" / "data" / f"crisis_dev_h{n}.yaml" for n in range(1, 8)))
"""Every development set trained and cross-validated on; a blind batch joins once it has been measured on arrival
and tuned on (its own file stays, so its figures can still be printed apart)."""
DEV_NAME = " + ".join(path.name for path in DEV_SETS)
ORDINARY = REPO / "bench" / "data" / "crisis_ordinary.yaml"
"""More negatives: ordinary patient questions (a snapshot of the FAQ's example questions and the tuning set)."""
QUESTION_SETS = (*sorted((REPO / "bench" / "data").glob("questions-dev-v*.yaml")),
                 REPO / "bench" / "data" / "questions-tuning.yaml")
"""Typed development questions of the search (answers, application questions, off-topic; not the distress
messages): never trained on, only counted, so a threshold may not buy help on risk with check-ins and alarms
on the questions people really type."""
QUESTION_KINDS = frozenset({"answer", "intake", "fallback"})
FEATURES = "chars 2-3 + dictionary-form words and pairs v2; self = own risk, full = full reply wanted"
"""Part of the fingerprint: a change of features makes the shipped weights stale as a change of data does."""
EPOCHS = 6
RATE = 0.05
L2 = 1e-3
MIN_COUNT = 2
FOLDS = 5
DIGITS = 4
CHECK_IN = frozenset({"topic", "history"})
BOUNDS = {"check_in": 0.045, "added_alarm": 0.0025, "faq_check_in": 0.01, "full_loss": 0.005,
          "question_added": 0.005}
"""On the held-back sentences: check-ins on ordinary development sentences; full or carer alarms on them that the
model adds to the rules' own; check-ins on ordinary FAQ questions; the share of full replies that carer routing
may turn into carer replies; and the help of any tier the model adds to the rules' own on the typed development
questions (``QUESTION_SETS``)."""
THRESHOLDS = ("check_in", "full", "full_self", "carer", "full_alone", "full_alone_full", "route_carer", "full_plan")
"""Chosen in this order (``bot.safety.crisis.decide`` says what each does)."""
OFF = 1.01
"""A threshold no score reaches: the rule is off."""

Example = tuple[frozenset[str], dict[str, int]]


def labels(case: Case) -> dict[str, int]:
    """``self`` is any risk of the writer's own, ``full`` the full reply wanted (the writer's own direct words,
    plan or self-harm). Either head alone was worse than both: with one development set left out, ``full`` alone
    gave 791 full replies of 839 and ``self`` alone 783, both 792; with 5 folds 803, 818 and 821, and any help
    3,321, 3,323 and 3,323 of 3,363 (alarms and check-ins the same)."""
    return {"help": int(case.who != "none" or case.category in CHECK_IN), "self": int(case.who == "self"),
            "full": int(case.who == "self" and case.category in FULL_REPLY), "other": int(case.who == "other")}


def fingerprint(*paths: Path) -> str:
    raw = b"".join(path.read_bytes() for path in paths) + FEATURES.encode()
    return hashlib.sha256(raw).hexdigest()


def train(examples: Sequence[Example], head: str) -> tuple[dict[str, float], float]:
    """AdaGrad on the logistic loss, ``EPOCHS`` passes in the order given. The grams are numbered in sorted order
    and kept in lists (about twice as fast as dicts keyed by gram); every sum and update is done in the same order
    as over the sorted grams, so the weights are the same to the last bit."""
    counts = Counter(gram for features, _ in examples for gram in features)
    vocab = sorted(gram for gram, n in counts.items() if n >= MIN_COUNT)
    number = {gram: i for i, gram in enumerate(vocab)}
    weights = [0.0] * len(vocab)
    squares = [1e-8] * len(vocab)
    bias, bias_square = 0.0, 1e-8
    rows = [(sorted(number[g] for g in features if g in number), label[head]) for features, label in examples]
    sqrt, exp, rate, l2 = math.sqrt, math.exp, RATE, L2
    for _ in range(EPOCHS):
        for grams, label in rows:
            z = bias + sum([weights[i] for i in grams])
            error = 1.0 / (1.0 + exp(-max(-30.0, min(30.0, z)))) - label
            for i in grams:
                w = weights[i]
                grad = error + l2 * w
                square = squares[i] = squares[i] + grad * grad
                weights[i] = w - rate * grad / sqrt(square)
            bias_square += error * error
            bias -= rate * error / sqrt(bias_square)
    smallest = 10 ** -DIGITS
    return ({gram: round(w, DIGITS) for gram, w in zip(vocab, weights, strict=True) if abs(w) >= smallest},
            round(bias, DIGITS))


def score(weights: dict[str, float], bias: float, features: frozenset[str]) -> float:
    z = bias + sum(weights.get(g, 0.0) for g in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class Data:
    cases: list[Case]
    faq: list[bool]
    """True for the ordinary FAQ questions (``crisis_ordinary.yaml``)."""
    readings: list[Reading]
    examples: list[Example]
    screen: CrisisScreen
    """The screen the readings came from: its plan layer (``CrisisScreen.plan``) acts after the learned one."""
    origin: list[int]
    """Which development set each case came from (its index in ``DEV_SETS``); -1 for the FAQ questions and -2
    for the typed questions (``QUESTION_SETS``), which are never trained on."""
    planned: dict[tuple[int, Assessment], Assessment] = field(default_factory=dict)
    """The plan layer's answer per case and learned decision, worked out once: choosing a threshold tries
    hundreds of values, and most leave most decisions as they were."""


def load_data(dev: Sequence[Path] = DEV_SETS, ordinary: Path = ORDINARY,
              questions: Sequence[Path] = QUESTION_SETS) -> Data:
    screen = CrisisScreen.build(load_crisis(), learned=False)
    dev_cases = _first_of_each((n, case) for n, path in enumerate(dev) for case in load_cases(path))
    faq_cases = load_cases(ordinary)
    seen = {case.text for _, case in dev_cases} | {case.text for case in faq_cases}
    typed = [case for case in load_questions(questions) if case.text not in seen]
    cases = [case for _, case in dev_cases] + faq_cases + typed
    readings = [screen.read(case.text) for case in cases]
    examples = [(reading.grams(), labels(case)) for case, reading in zip(cases, readings, strict=True)]
    return Data(cases, [False] * len(dev_cases) + [True] * len(faq_cases) + [False] * len(typed), readings,
                examples, screen, [n for n, _ in dev_cases] + [-1] * len(faq_cases) + [-2] * len(typed))


def load_questions(paths: Sequence[Path]) -> list[Case]:
    """The typed development questions as ordinary cases (category ``question``), each text once."""
    import yaml

    out: dict[str, Case] = {}
    for path in paths:
        if not path.is_file():
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", []):
            if case.get("kind") in QUESTION_KINDS and case.get("ask"):
                out.setdefault(str(case["ask"]), Case(str(case["lang"]), "none", "question", str(case["ask"])))
    return list(out.values())


def _trained(data: Data) -> list[bool]:
    """Which cases the heads learn from: every one but the typed questions (counted only)."""
    return [origin != -2 for origin in data.origin]


def _first_of_each(cases: Iterable[tuple[int, Case]]) -> list[tuple[int, Case]]:
    """Each sentence once (a later batch may repeat a short one, 「死にたい」): in two folds, a copy would be
    judged by a model trained on itself. The first set that holds it keeps it."""
    seen: set[str] = set()
    out = []
    for origin, case in cases:
        if case.text not in seen:
            seen.add(case.text)
            out.append((origin, case))
    return out


def fit(examples: Sequence[Example]) -> dict[str, tuple[dict[str, float], float]]:
    return {head: train(examples, head) for head in HEADS}


def folds(data: Data, *, by_set: bool = False) -> list[int]:
    """Each case's fold: its position modulo ``FOLDS``, or with ``by_set`` the development set it came from (the
    FAQ and typed questions spread over the sets by position), so a whole blind batch is judged by a model trained
    without it, as it was on its arrival."""
    if not by_set:
        return [i % FOLDS for i in range(len(data.cases))]
    sets = max(data.origin) + 1
    return [origin if origin >= 0 else i % sets for i, origin in enumerate(data.origin)]


def cross_validated_scores(data: Data, *, by_set: bool = False) -> list[dict[str, float]]:
    """Every sentence's scores from heads trained on the other folds (the model's judges() rule applied)."""
    fold_of = folds(data, by_set=by_set)
    trained = _trained(data)
    out: list[dict[str, float]] = [{} for _ in data.cases]
    for k in sorted(set(fold_of)):
        heads = fit([e for e, f, t in zip(data.examples, fold_of, trained, strict=True) if f != k and t])
        model = _model(heads, dict.fromkeys(THRESHOLDS, OFF), "")
        for i, reading in enumerate(data.readings):
            if fold_of[i] == k:
                out[i] = model.scores(reading.folded, reading.grams())
    return out


def decisions(data: Data, scores: Sequence[dict[str, float]], thresholds: dict[str, float]) -> list[Assessment]:
    out = []
    for i, (reading, s) in enumerate(zip(data.readings, scores, strict=True)):
        found = decide(reading, s, thresholds)
        planned = data.planned.get((i, found))
        if planned is None:
            planned = data.planned[(i, found)] = data.screen.plan(reading, found)
        out.append(raise_plan(planned, reading, s, thresholds))
    return out


def choose_thresholds(data: Data, scores: Sequence[dict[str, float]]) -> dict[str, float]:
    """Each threshold in turn, the lowest that keeps ``BOUNDS`` on the cross-validated decisions."""
    thresholds = dict.fromkeys(THRESHOLDS, OFF)
    base = decisions(data, scores, thresholds)
    base_full, base_alarms, base_questions = _full_replies(data, base), _alarms(data, base), _question_hits(data, base)
    candidates = sorted({round(s[h], 3) for s in scores for h in HEADS if s}, reverse=True)
    for name in THRESHOLDS:
        best = OFF
        for t in candidates:
            if t < 0.5:
                break
            trial = {**thresholds, name: t}
            tiers = decisions(data, scores, trial)
            if not _within(data, tiers, base_full, base_alarms, base_questions):
                break
            best = t
        thresholds[name] = best
    return thresholds


def _full_replies(data: Data, tiers: Sequence[Assessment]) -> int:
    return sum(1 for c, a in zip(data.cases, tiers, strict=True) if c.who == "self" and a.tier == "definite")


def _ordinary(data: Data, tiers: Sequence[Assessment]) -> list[Assessment]:
    return [a for c, a, faq, o in zip(data.cases, tiers, data.faq, data.origin, strict=True)
            if c.ordinary and not faq and o >= 0]


def _question_hits(data: Data, tiers: Sequence[Assessment]) -> int:
    return sum(1 for a, o in zip(tiers, data.origin, strict=True) if o == -2 and a.hit)


def _alarms(data: Data, tiers: Sequence[Assessment]) -> int:
    return sum(1 for a in _ordinary(data, tiers) if a.tier in ("definite", "carer"))


def _within(data: Data, tiers: Sequence[Assessment], base_full: int, base_alarms: int, base_questions: int) -> bool:
    ordinary = _ordinary(data, tiers)
    questions = max(1, data.origin.count(-2))
    added_questions = (_question_hits(data, tiers) - base_questions) / questions
    faq = [a for a, is_faq in zip(tiers, data.faq, strict=True) if is_faq]
    check_ins = sum(1 for a in ordinary if a.tier == "check_in") / len(ordinary)
    added_alarms = (_alarms(data, tiers) - base_alarms) / len(ordinary)
    faq_check_ins = sum(1 for a in faq if a.hit) / len(faq)
    full_loss = (base_full - _full_replies(data, tiers)) / max(1, base_full)
    return (check_ins <= BOUNDS["check_in"] and added_alarms <= BOUNDS["added_alarm"]
            and faq_check_ins <= BOUNDS["faq_check_in"] and full_loss <= BOUNDS["full_loss"]
            and added_questions <= BOUNDS["question_added"])


def _model(heads: dict[str, tuple[dict[str, float], float]], thresholds: dict[str, float],
           fingerprint_: str) -> CheckInModel:
    return CheckInModel.from_dict(_as_dict(heads, thresholds, fingerprint_))


def _as_dict(heads: dict[str, tuple[dict[str, float], float]], thresholds: dict[str, float],
             fingerprint_: str) -> dict[str, object]:
    owner = {"check_in": "help", "full": "full", "full_self": "self", "full_alone": "self", "full_alone_full": "full",
             "carer": "other", "route_carer": "other", "full_plan": "full"}
    return {"fingerprint": fingerprint_, "heads": {
        head: {"bias": bias, "weights": weights,
               "thresholds": {name: thresholds[name] for name, h in owner.items() if h == head}}
        for head, (weights, bias) in heads.items()}}


def build(*, cross_validate: bool = True) -> tuple[dict[str, object], Data, list[dict[str, float]]]:
    """The model as written to the file; without ``cross_validate`` the thresholds are left off (for the test
    that checks the shipped weights)."""
    data = load_data()
    heads = fit([e for e, t in zip(data.examples, _trained(data), strict=True) if t])
    scores: list[dict[str, float]] = []
    thresholds = dict.fromkeys(THRESHOLDS, OFF)
    if cross_validate:
        scores = cross_validated_scores(data)
        thresholds = choose_thresholds(data, scores)
    return _as_dict(heads, thresholds, fingerprint(*DEV_SETS, ORDINARY)), data, scores


def cv_scores(data: Data, scores: Sequence[dict[str, float]], thresholds: dict[str, float], *,
              per_set: bool = False) -> dict[str, Scores]:
    """The cross-validated decisions as evaluation scores, per set (development, ordinary FAQ questions); with
    ``per_set`` also each development set apart."""
    tiers = decisions(data, scores, thresholds)
    dev = [(c, a) for c, a, o in zip(data.cases, tiers, data.origin, strict=True) if o >= 0]
    faq = [(c, a) for c, a, o in zip(data.cases, tiers, data.origin, strict=True) if o == -1]
    typed = [(c, a) for c, a, o in zip(data.cases, tiers, data.origin, strict=True) if o == -2]
    out = {DEV_NAME: Scores(dev), ORDINARY.name: Scores(faq),
           "typed development questions (counted only)": Scores(typed)}
    if per_set:
        for n, path in enumerate(DEV_SETS):
            out[path.name] = Scores([(c, a) for c, a, o in zip(data.cases, tiers, data.origin, strict=True)
                                     if o == n])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing")
    args = parser.parse_args()
    if args.check:
        model, _, _ = build(cross_validate=False)
        shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8")) if MODEL_FILE.is_file() else {}
        same = shipped.get("fingerprint") == model["fingerprint"] and all(
            shipped["heads"][h]["weights"] == model["heads"][h]["weights"] for h in HEADS)  # type: ignore[index]
        print("shipped model matches the data" if same else "shipped model is stale: run bench/train_crisis_model.py")
        return 0 if same else 1
    model, data, scores = build()
    MODEL_FILE.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                          encoding="utf-8")
    heads = model["heads"]
    assert isinstance(heads, dict)
    thresholds = {k: v for h in heads.values() for k, v in h["thresholds"].items()}
    print(f"wrote {MODEL_FILE.relative_to(REPO)}: " + ", ".join(f"{h} {len(heads[h]['weights'])} weights"
                                                               for h in HEADS) + f"; thresholds {thresholds}")
    for name, result in cv_scores(data, scores, thresholds).items():
        _print(name, result)
    return 0


def _print(name: str, scores: Scores) -> None:
    from bench.crisis_eval import report

    report(f"{name} (cross-validated, {FOLDS} folds)", scores, list_misses=False)


if __name__ == "__main__":
    raise SystemExit(main())
