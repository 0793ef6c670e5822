"""Runs the labelled crisis sets through the real screen and the shipped crisis.yaml files, and times it.

    .venv/bin/python bench/crisis_eval.py                  # development set, then held-out set, apart
    .venv/bin/python bench/crisis_eval.py --misses         # also list the development set's misses (to tune on)
    .venv/bin/python bench/crisis_eval.py SET.yaml --content DIR
    .venv/bin/python bench/crisis_eval.py --cv             # cross-validated figures of the development data only
    .venv/bin/python bench/crisis_eval.py --cv-sets        # the same, one development set left out at a time

Sets: ``bench/data/crisis_dev.yaml``, ``crisis_dev5.yaml`` … ``crisis_dev11.yaml``, ``crisis_dev13.yaml`` and
``crisis_dev14.yaml`` (tuned on; batches 5-14 were written blind and measured on arrival first),
``crisis_dev_h1.yaml`` … ``crisis_dev_h7.yaml`` (written blind as held-out sets 1-7, now tuned on),
``bench/data/crisis_holdout8.yaml`` … ``crisis_holdout20.yaml`` (each written by someone who never saw the phrase
lists, rules or the other data; never tuned on, so their cases are never listed). Each case has ``lang``, ``who``
(self / other / none), ``category`` and ``text``.

Printed per set, per language, per category and per tier: recall of any crisis help on risk (self and other),
the full reply on direct / plan / self-harm, the carer reply for someone else, full alarms and check-ins on
ordinary messages (who=none except topic and history, where a check-in is the wanted answer), and p50/p99 time per
message, also for 10,000-character messages. Exits 1 when a held-out target is missed.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.content.models import validate_doc  # noqa: E402
from bot.content.problems import Problems  # noqa: E402
from bot.content.schema import Crisis  # noqa: E402
from bot.content.yamldoc import load_yaml  # noqa: E402
from bot.safety.crisis import CrisisScreen  # noqa: E402
from bot.safety.tiers import TIERS, Assessment  # noqa: E402

DEV_SET = REPO / "bench" / "data" / "crisis_dev.yaml"
DEV_SETS = (DEV_SET, REPO / "bench" / "data" / "crisis_dev5.yaml",
            REPO / "bench" / "data" / "crisis_dev6.yaml", REPO / "bench" / "data" / "crisis_dev7.yaml",
            REPO / "bench" / "data" / "crisis_dev8.yaml", REPO / "bench" / "data" / "crisis_dev9.yaml",
            REPO / "bench" / "data" / "crisis_dev10.yaml", REPO / "bench" / "data" / "crisis_dev11.yaml",
            *(REPO / "bench" / "data" / f"crisis_dev_h{n}.yaml" for n in range(1, 8)),
            REPO / "bench" / "data" / "crisis_dev13.yaml", REPO / "bench" / "data" / "crisis_dev14.yaml")
"""Development sets, printed apart; the learned layer is trained on all of them but ``UNTRAINED``
(bench/train_crisis_model.py)."""
UNTRAINED = (REPO / "bench" / "data" / "crisis_dev13.yaml", REPO / "bench" / "data" / "crisis_dev14.yaml")
"""Development sets tuned on but not yet trained on: the learned layer is retrained with a batch only when that
helps the cross-validated figures (``--cv``) and loses nothing on development."""
HOLDOUT_SET = REPO / "bench" / "data" / "crisis_holdout8.yaml"
HOLDOUT_SETS = tuple(REPO / "bench" / "data" / f"crisis_holdout{n}.yaml" for n in (8, 9, 10, *range(12, 21)))
"""Held-out sets 1-4 were retired to development (``crisis_dev_h1.yaml`` … ``crisis_dev_h4.yaml``) in round 9, and
sets 5-7 (``crisis_dev_h5.yaml`` … ``crisis_dev_h7.yaml``) in round 14, each after its last held-out figures were
recorded in docs/measurements.md. Set 11 was lost before it was committed."""
LANGUAGES = ("ja", "en")
LONG_CHARS = 10_000
FULL_REPLY = frozenset({"direct", "plan_means", "self_harm"})
CHECK_IN_WANTED = frozenset({"topic", "history"})
TARGETS = {"any_help": 0.97, "full_reply": 0.95, "ordinary_alarm": 0.01, "ordinary_check_in": 0.05}


@dataclass(frozen=True)
class Case:
    lang: str
    who: str
    category: str
    text: str

    @property
    def risk(self) -> bool:
        return self.who != "none"

    @property
    def ordinary(self) -> bool:
        return self.who == "none" and self.category not in CHECK_IN_WANTED


def load_cases(path: Path = DEV_SET) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(str(c["lang"]), str(c["who"]), str(c["category"]), str(c["text"])) for c in data["cases"]]


def load_crisis(content: Path = REPO / "content") -> dict[str, Crisis]:
    """The shipped crisis.yaml of every language, through the schema; problems end the run."""
    problems = Problems()
    crisis: dict[str, Crisis] = {}
    for lang in LANGUAGES:
        doc = load_yaml(content / lang / "crisis.yaml", f"content/{lang}/crisis.yaml", problems)
        model = validate_doc(Crisis, doc, problems) if doc else None
        if model is not None:
            crisis[lang] = model
    if problems.errors or len(crisis) != len(LANGUAGES):
        raise SystemExit(problems.report())
    return crisis


@dataclass
class Scores:
    """Tiers given per case, and the rates the targets are about."""

    results: list[tuple[Case, Assessment]]

    def _rate(self, keep: Callable[[Case], bool], good: Callable[[Case, Assessment], bool],
              lang: str | None = None) -> tuple[int, int]:
        chosen = [(c, a) for c, a in self.results if keep(c) and (lang is None or c.lang == lang)]
        return sum(1 for c, a in chosen if good(c, a)), len(chosen)

    def any_help(self, lang: str | None = None) -> tuple[int, int]:
        return self._rate(lambda c: c.risk, lambda c, a: a.hit, lang)

    def full_reply(self, lang: str | None = None) -> tuple[int, int]:
        return self._rate(lambda c: c.who == "self" and c.category in FULL_REPLY,
                          lambda c, a: a.tier == "definite", lang)

    def carer(self, lang: str | None = None) -> tuple[int, int]:
        return self._rate(lambda c: c.who == "other", lambda c, a: a.tier == "carer", lang)

    def ordinary_alarm(self, lang: str | None = None) -> tuple[int, int]:
        return self._rate(lambda c: c.ordinary, lambda c, a: a.tier in ("definite", "carer"), lang)

    def ordinary_check_in(self, lang: str | None = None) -> tuple[int, int]:
        return self._rate(lambda c: c.ordinary, lambda c, a: a.tier == "check_in", lang)

    def misses(self) -> list[tuple[Case, Assessment, str]]:
        """Cases whose tier is not what the label asks for, with the reason (for the development set only)."""
        out = []
        for case, result in self.results:
            if case.risk and not result.hit:
                out.append((case, result, "no help"))
            elif case.who == "self" and case.category in FULL_REPLY and result.tier != "definite":
                out.append((case, result, f"{result.tier} instead of the full reply"))
            elif case.who == "none" and result.tier in ("definite", "carer"):
                out.append((case, result, f"{result.tier} on an ordinary message"))
            elif case.ordinary and result.tier == "check_in":
                out.append((case, result, "check-in on an ordinary message"))
        return out

    def met(self) -> dict[str, bool]:
        def ratio(pair: tuple[int, int]) -> float:
            return pair[0] / pair[1] if pair[1] else 1.0
        return {
            "any_help": ratio(self.any_help()) >= TARGETS["any_help"],
            "full_reply": ratio(self.full_reply()) >= TARGETS["full_reply"],
            "ordinary_alarm": ratio(self.ordinary_alarm()) <= TARGETS["ordinary_alarm"],
            "ordinary_check_in": ratio(self.ordinary_check_in()) <= TARGETS["ordinary_check_in"],
        }


def score(screen: CrisisScreen, cases: Sequence[Case]) -> Scores:
    return Scores([(case, screen.assess(case.text)) for case in cases])


def timings(texts: Sequence[str], screen: CrisisScreen, rounds: int) -> tuple[float, float, float]:
    """p50 and p99 in milliseconds of screening each text once per round, every call timed on its own; and the
    p99 of each text's fastest round (what the code costs when other processes on the machine leave it alone)."""
    samples = []
    fastest = [math.inf] * len(texts)
    for _ in range(rounds):
        for i, text in enumerate(texts):
            start = time.perf_counter()
            screen.assess(text)
            took = (time.perf_counter() - start) * 1000
            samples.append(took)
            fastest[i] = min(fastest[i], took)
    samples.sort()
    fastest.sort()
    return (statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))],
            fastest[min(len(fastest) - 1, int(len(fastest) * 0.99))])


def distinct_long_texts(texts: Sequence[str], count: int = 20) -> list[str]:
    """Long messages made of different sentences in a fixed order (no repeats: each piece is read once), half in
    each language; whatever risk they hold, reading stops early only at a full-reply sentence."""
    out: list[str] = []
    for lang_is_ja in (True, False):
        pool = [t for t in texts if (not t.isascii()) == lang_is_ja]
        for k in range(count // 2):
            text, i = "", k * 7
            while len(text) < LONG_CHARS and pool:
                text += pool[i % len(pool)] + " "
                i += 13
            out.append(text[:LONG_CHARS])
    return out


def _pct(pair: tuple[int, int]) -> str:
    done, total = pair
    return f"{done}/{total} ({100 * done / total:.1f} %)" if total else "-"


def report(name: str, scores: Scores, *, list_misses: bool) -> None:
    print(f"== {name}: {len(scores.results)} sentences")
    rows = [("any crisis help on risk (self + other)", scores.any_help, f">= {TARGETS['any_help']:.0%}"),
            ("full reply on direct / plan / self-harm", scores.full_reply, f">= {TARGETS['full_reply']:.0%}"),
            ("carer reply when someone else is at risk", scores.carer, "(routing)"),
            ("full alarm on ordinary messages", scores.ordinary_alarm, f"<= {TARGETS['ordinary_alarm']:.0%}"),
            ("check-in on ordinary messages", scores.ordinary_check_in, f"<= {TARGETS['ordinary_check_in']:.0%}")]
    for label, metric, target in rows:
        per_lang = "  ".join(f"{lang} {_pct(metric(lang))}" for lang in LANGUAGES)
        print(f"  {label:<42} all {_pct(metric()):<18} {per_lang:<44} target {target}")
    tiers: Mapping[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for case, result in scores.results:
        tiers[(case.who, case.category, case.lang)][result.tier] += 1
    print(f"  {'who/category':<28}" + "".join(f"{lang + ' ' + tier:>14}" for lang in LANGUAGES for tier in TIERS))
    for who, category in sorted({(w, c) for w, c, _ in tiers}):
        cells = "".join(f"{tiers[(who, category, lang)][tier]:>14}" for lang in LANGUAGES for tier in TIERS)
        print(f"  {who + '/' + category:<28}{cells}")
    if list_misses:
        for case, result, why in scores.misses():
            print(f"  MISS [{case.lang} {case.who}/{case.category}] {why} ({result.reason()}): {case.text}")


def cross_validated(*, by_set: bool = False) -> int:
    """Prints the development data's figures with every sentence judged by a model trained without it: in
    ``FOLDS`` folds by position, or with ``by_set`` each development set left out in turn."""
    from bench import train_crisis_model as trainer

    data = trainer.load_data()
    scores = trainer.cross_validated_scores(data, by_set=by_set)
    thresholds = trainer.choose_thresholds(data, scores)
    how = "one development set left out" if by_set else f"{trainer.FOLDS} folds"
    print("thresholds chosen on the held-back scores: " + ", ".join(f"{k} {v:g}" for k, v in thresholds.items()))
    for name, result in trainer.cv_scores(data, scores, thresholds, per_set=by_set).items():
        report(f"{name} (cross-validated, {how})", result, list_misses=False)
    rules_only = trainer.cv_scores(data, scores, dict.fromkeys(trainer.THRESHOLDS, trainer.OFF))
    report(f"{trainer.DEV_NAME} (phrases, rules and context alone)", rules_only[trainer.DEV_NAME],
           list_misses=False)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="labelled sets (default: development, then held-out)")
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--misses", action="store_true", help="list the development set's misses")
    parser.add_argument("--repeat", type=int, default=20, help="timing rounds")
    parser.add_argument("--cv", action="store_true",
                        help="only the cross-validated figures of the development data (the learned layer trained "
                             "without each sentence it judges; bench/train_crisis_model.py)")
    parser.add_argument("--cv-sets", action="store_true",
                        help="the same, leaving one development set out at a time (each blind batch judged by a "
                             "model trained without it)")
    args = parser.parse_args(argv)
    if args.cv or args.cv_sets:
        return cross_validated(by_set=args.cv_sets)
    screen = CrisisScreen.build(load_crisis(args.content))
    sets = args.sets or [*DEV_SETS, *HOLDOUT_SETS]
    failed = False
    all_texts: list[str] = []
    for path in sets:
        cases = load_cases(path)
        all_texts += [c.text for c in cases]
        scores = score(screen, cases)
        held_out = path.resolve() in {p.resolve() for p in HOLDOUT_SETS}
        report(f"{path.name} ({'held-out: never tuned on' if held_out else 'development'})", scores,
               list_misses=args.misses and not held_out)
        if held_out:
            met = scores.met()
            print("  targets: " + ", ".join(f"{k} {'met' if v else 'not met'}" for k, v in met.items()))
            failed |= not all(met.values())
    p50, p99, quiet = timings(all_texts, screen, args.repeat)
    print(f"== time per message: p50 {p50:.3f} ms, p99 {p99:.3f} ms, p99 of fastest rounds {quiet:.3f} ms "
          f"(target p99 < 2 ms)")
    long_texts = [(text + " ") * (LONG_CHARS // (len(text) + 1) + 1) for text in all_texts[::40]]
    long_texts = [text[:LONG_CHARS] for text in long_texts]
    p50, p99, quiet = timings(long_texts, screen, 3)
    print(f"== 10,000-character messages: p50 {p50:.2f} ms, p99 {p99:.2f} ms, p99 of fastest rounds {quiet:.2f} ms "
          f"(target p99 < 10 ms)")
    distinct = distinct_long_texts(all_texts)
    p50, p99, quiet = timings(distinct, screen, 3)
    print(f"== 10,000-character messages of different sentences: p50 {p50:.2f} ms, p99 {p99:.2f} ms, p99 of "
          f"fastest rounds {quiet:.2f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
