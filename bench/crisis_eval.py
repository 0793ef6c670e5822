"""Runs the labelled crisis set through the real screen and the shipped crisis.yaml files, and times it.

    .venv/bin/python bench/crisis_eval.py                          # bench/data/crisis_eval.yaml, content/
    .venv/bin/python bench/crisis_eval.py SET.yaml --content DIR --repeat 1000

Prints recall per language (risk sentences flagged), the false-alarm rate per language (no-risk sentences
flagged), every miss and every false alarm, and per-message screening time (p50/p99, ``time.perf_counter``) for
the set and for 10,000-character messages. Exits 1 if recall is under 100% or a false-alarm rate reaches 5%.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
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

EVAL_SET = REPO / "bench" / "data" / "crisis_eval.yaml"
LANGUAGES = ("ja", "en")
MAX_FALSE_ALARM_RATE = 0.05
LONG_CHARS = 10_000


@dataclass(frozen=True)
class Case:
    risk: bool
    lang: str
    group: str
    text: str


@dataclass
class Scores:
    """Outcome of one run: the cases the screen got wrong, and the counts to rate them against."""

    misses: list[Case]
    false_alarms: list[Case]
    risk_total: dict[str, int]
    no_risk_total: dict[str, int]

    def recall(self, lang: str) -> float:
        missed = sum(1 for c in self.misses if c.lang == lang)
        total = self.risk_total.get(lang, 0)
        return 1.0 if total == 0 else (total - missed) / total

    def false_alarm_rate(self, lang: str) -> float:
        alarms = sum(1 for c in self.false_alarms if c.lang == lang)
        total = self.no_risk_total.get(lang, 0)
        return 0.0 if total == 0 else alarms / total

    def passed(self) -> bool:
        return not self.misses and all(self.false_alarm_rate(lang) < MAX_FALSE_ALARM_RATE for lang in LANGUAGES)


def load_cases(path: Path = EVAL_SET) -> list[Case]:
    """``risk|no_risk -> lang -> group -> [sentences]`` flattened into cases."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    for label, risk in (("risk", True), ("no_risk", False)):
        for lang, groups in data[label].items():
            for group, texts in groups.items():
                cases.extend(Case(risk, lang, group, str(text)) for text in texts)
    return cases


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


def score(screen: CrisisScreen, cases: Sequence[Case]) -> Scores:
    scores = Scores([], [], {}, {})
    for case in cases:
        totals = scores.risk_total if case.risk else scores.no_risk_total
        totals[case.lang] = totals.get(case.lang, 0) + 1
        hit = screen.screen(case.text).hit
        if case.risk and not hit:
            scores.misses.append(case)
        elif hit and not case.risk:
            scores.false_alarms.append(case)
    return scores


def timings(texts: Sequence[str], screen: CrisisScreen, rounds: int) -> tuple[float, float]:
    """p50 and p99 in milliseconds of screening each text once per round, every call timed on its own."""
    samples = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            screen.screen(text)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def long_messages(cases: Sequence[Case]) -> Mapping[str, str]:
    """10,000-character no-risk messages made of the set's own sentences, and one with risk at the very end."""
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        body = " ".join(c.text for c in cases if c.lang == lang and not c.risk)
        out[f"{lang} no risk"] = (body * (LONG_CHARS // max(1, len(body)) + 1))[:LONG_CHARS]
    out["ja risk after 4000 chars"] = out["ja no risk"][:4000] + "死にたい"
    return out


def report(screen: CrisisScreen, cases: Sequence[Case], build_ms: float, repeat: int = 300) -> Scores:
    scores = score(screen, cases)
    print(f"crisis screen: {len(cases)} sentences ({sum(c.risk for c in cases)} risk, "
          f"{sum(not c.risk for c in cases)} no risk); build {build_ms:.0f} ms")
    for lang in LANGUAGES:
        risk, safe = scores.risk_total.get(lang, 0), scores.no_risk_total.get(lang, 0)
        alarms = sum(1 for c in scores.false_alarms if c.lang == lang)
        print(f"  {lang}: recall {scores.recall(lang):6.1%} of {risk} risk | false alarms "
              f"{scores.false_alarm_rate(lang):5.1%} ({alarms} of {safe} no risk)")
    for title, items in (("Misses", scores.misses), ("False alarms", scores.false_alarms)):
        print(f"{title}: {len(items)}")
        for case in items:
            matched = screen.screen(case.text).matched
            print(f"  [{case.lang}/{case.group}] {case.text}" + (f"  <- {matched}" if matched else ""))
    rounds = max(1, repeat // 15)
    p50, p99 = timings([c.text for c in cases], screen, rounds)
    print(f"Time per message (eval set, {len(cases)} x {rounds}): p50 {p50 * 1000:.0f} µs, p99 {p99 * 1000:.0f} µs")
    for name, text in long_messages(cases).items():
        hit = screen.screen(text).hit
        p50, p99 = timings([text], screen, repeat)
        print(f"Time for a {len(text):,}-character message ({name}, hit={hit}): p50 {p50:.3f} ms, p99 {p99:.3f} ms")
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_set", nargs="?", type=Path, default=EVAL_SET)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--repeat", type=int, default=300, help="timed runs per long message (default 300)")
    args = parser.parse_args(argv)
    crisis = load_crisis(args.content)
    start = time.perf_counter()
    screen = CrisisScreen.build(crisis)
    build_ms = (time.perf_counter() - start) * 1000
    scores = report(screen, load_cases(args.eval_set), build_ms, args.repeat)
    verdict = "PASS" if scores.passed() else "FAIL"
    print(f"{verdict}: recall must be 100% and false alarms under {MAX_FALSE_ALARM_RATE:.0%} per language")
    return 0 if scores.passed() else 1


if __name__ == "__main__":
    sys.exit(main())
