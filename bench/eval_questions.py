"""Runs a free-text question set through the real matcher and the shipped content, judged as the set's header says.

    .venv/bin/python bench/eval_questions.py                         # the shared dev set
    .venv/bin/python bench/eval_questions.py bench/data/questions-holdout.yaml -v
    .venv/bin/python bench/eval_questions.py SET.yaml --content content

The dev set lives in shared/ beside the repository (../shared in CI, /work/shared on a developer's machine).
Prints accuracy per kind and language, lists every failure, and exits 1 if any case fails.

Judging is split so the end-to-end bot can reuse it: ``judge(case, reply_text)`` applies the header's rule to
whatever the bot sent back; ``domain_outcome`` builds that reply from the matcher alone (the answer rendered with
the clinic's facts) for kinds the domain can answer, and ``judge_domain`` adds the domain-level rules for
``crisis`` (the crisis screen in bot.safety must hit; "skipped" until it exists) and ``intake`` (the matched entry
must start the application: ``action: apply``).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import jinja2
import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.content.models import validate_doc  # noqa: E402
from bot.content.problems import Problems  # noqa: E402
from bot.content.render import facts_of, leave_out_missing  # noqa: E402
from bot.content.schema import Clinic, Crisis, Faq, FaqEntry, SharedClinic  # noqa: E402
from bot.content.yamldoc import load_yaml  # noqa: E402
from bot.search.index import FaqIndex, IndexOptions, Match  # noqa: E402

Verdict = Literal["pass", "fail", "skipped"]
KINDS = ("answer", "intake", "crisis", "fallback")
NONE_REPLY = {
    "ja": "すみません、そのご質問にお答えできる情報が見つかりませんでした。"
          "メニューから選ぶか、クリニックにお問い合わせください。",
    "en": "Sorry, I could not find an answer to that. Please choose from the menu or contact the clinic.",
}
CHOICES_REPLY = {"ja": "次のどれについてお知りになりたいですか？", "en": "Which of these did you mean?"}


def default_question_sets() -> list[Path]:
    """The shared dev set: ../shared beside the repo (CI), else /work/shared."""
    for root in (REPO.parent / "shared", Path("/work/shared")):
        path = root / "eval" / "questions-dev.yaml"
        if path.is_file():
            return [path]
    return [REPO.parent / "shared" / "eval" / "questions-dev.yaml"]


@dataclass(frozen=True)
class Case:
    """One question of a set: ``ask`` in ``lang``, judged by ``kind`` against ``expect`` / ``reject``."""

    lang: str
    kind: str
    ask: str
    expect: str | None = None
    reject: str | None = None


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for i, raw in enumerate(data["cases"]):
        if raw.get("kind") not in KINDS:
            raise ValueError(f"{path}: cases[{i}].kind: expected one of {list(KINDS)}, found {raw.get('kind')!r}")
        cases.append(Case(str(raw["lang"]), raw["kind"], str(raw["ask"]), raw.get("expect"), raw.get("reject")))
    return cases


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def judge(case: Case, reply_text: str) -> bool:
    """The header's rule on the joined reply: expect must match (answer, intake, crisis), reject must not (fallback)."""
    reply = _folded(reply_text)
    if case.kind == "fallback":
        return case.reject is None or not re.search(_folded(case.reject), reply, re.I)
    return case.expect is not None and re.search(_folded(case.expect), reply, re.I) is not None


# --- content ------------------------------------------------------------------------------------------------------

def load_faqs(content_dir: Path, languages: Sequence[str] = ("ja", "en")) -> dict[str, Faq]:
    """Every language's faq.yaml, validated; raises with the located problems if one does not load."""
    return {lang: _load(content_dir, lang, "faq.yaml", Faq) for lang in languages}


def load_clinics(content_dir: Path, languages: Sequence[str] = ("ja", "en")) -> dict[str, list[Any]]:
    """Per language: its clinic.yaml and the shared content/clinic.yaml (phone, address, prices are written once)."""
    shared = _load_file(content_dir / "clinic.yaml", "content/clinic.yaml", SharedClinic)
    return {lang: [_load(content_dir, lang, "clinic.yaml", Clinic), shared] for lang in languages}


def _load(content_dir: Path, lang: str, name: str, kind: Any) -> Any:
    return _load_file(content_dir / lang / name, f"content/{lang}/{name}", kind)


def _load_file(path: Path, display: str, kind: Any) -> Any:
    problems = Problems()
    doc = load_yaml(path, display, problems)
    model = validate_doc(kind, doc, problems) if doc is not None else None
    if model is None:
        raise SystemExit(f"cannot load {display}:\n{problems.report()}")
    return model


class AnswerRenderer:
    """Stand-in for bot.content's renderer with the same facts and the same rule for empty ones (the line is left
    out and one honest sentence says the clinic gives it on contact)."""

    def __init__(self, clinics: Mapping[str, Sequence[Any]]) -> None:
        self._env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        self._clinics = {lang: facts_of(lang, list(models), "clinic") for lang, models in clinics.items()}

    def render(self, lang: str, template: str) -> str:
        return leave_out_missing(self._env.from_string(template).render(clinic=self._clinics[lang], lang=lang), lang)


def load_crisis_screen(content_dir: Path) -> Callable[[str], bool] | None:
    """``text -> hit`` from bot.safety.crisis, or None while it (or crisis.yaml) does not exist yet."""
    try:
        from bot.safety.crisis import CrisisScreen
    except ImportError:
        return None
    crisis = {}
    for lang in ("ja", "en"):
        if not (content_dir / lang / "crisis.yaml").is_file():
            return None
        crisis[lang] = _load(content_dir, lang, "crisis.yaml", Crisis)
    screen = CrisisScreen.build(crisis)
    return lambda text: bool(screen.screen(text).hit)


# --- the domain-level run -----------------------------------------------------------------------------------------

class Matcher(Protocol):
    """What the evaluation needs of a matcher (FaqIndex, or a baseline in bench_matcher.py)."""

    @property
    def languages(self) -> tuple[str, ...]: ...

    def match(self, text: str) -> Match: ...

    def entry(self, lang: str, entry_id: str) -> FaqEntry: ...


@dataclass(frozen=True)
class Outcome:
    """What the domain would send back for one case: the match and the reply text."""

    match: Match
    reply: str
    action: str | None


def domain_outcome(index: Matcher, renderer: AnswerRenderer, text: str) -> Outcome:
    """The reply the matcher alone produces: the answer, the choice labels (first questions), or "don't know"."""
    found = index.match(text)
    lang = found.lang if found.lang in index.languages else index.languages[0]
    if found.status == "answer" and found.entry_id is not None:
        entry = index.entry(lang, found.entry_id)
        return Outcome(found, renderer.render(lang, entry.answer), entry.action)
    if found.status == "choices":
        labels = [index.entry(lang, entry_id).questions[0] for entry_id, _ in found.candidates]
        return Outcome(found, "\n".join([CHOICES_REPLY[lang], *labels]), None)
    return Outcome(found, NONE_REPLY[lang], None)


def judge_domain(case: Case, outcome: Outcome, crisis: Callable[[str], bool] | None) -> Verdict:
    if case.kind == "crisis":
        if crisis is None:
            return "skipped"
        return "pass" if crisis(case.ask) else "fail"
    if case.kind == "intake":
        return "pass" if outcome.match.status == "answer" and outcome.action == "apply" else "fail"
    if case.kind == "fallback" and outcome.match.status == "answer" and not judge(case, outcome.reply):
        return "fail"
    return "pass" if judge(case, outcome.reply) else "fail"


@dataclass(frozen=True)
class Result:
    case: Case
    verdict: Verdict
    outcome: Outcome


def evaluate(cases: Sequence[Case], index: Matcher, renderer: AnswerRenderer,
             crisis: Callable[[str], bool] | None) -> list[Result]:
    results = []
    for case in cases:
        outcome = domain_outcome(index, renderer, case.ask)
        results.append(Result(case, judge_domain(case, outcome, crisis), outcome))
    return results


def summary(results: Sequence[Result]) -> dict[tuple[str, str], tuple[int, int, int]]:
    """(kind, lang) -> (passed, judged, skipped)."""
    table: dict[tuple[str, str], Counter[str]] = {}
    for result in results:
        table.setdefault((result.case.kind, result.case.lang), Counter())[result.verdict] += 1
    return {key: (c["pass"], c["pass"] + c["fail"], c["skipped"]) for key, c in sorted(table.items())}


def accuracy(results: Sequence[Result], kinds: Sequence[str] = KINDS) -> float:
    judged = [r for r in results if r.verdict != "skipped" and r.case.kind in kinds]
    return sum(r.verdict == "pass" for r in judged) / len(judged) if judged else 1.0


def report(name: str, results: Sequence[Result], *, verbose: bool = False) -> str:
    lines = [f"== {name}"]
    for (kind, lang), (passed, judged, skipped) in summary(results).items():
        rate = f"{passed / judged:6.1%}" if judged else "   n/a"
        extra = f"  ({skipped} skipped)" if skipped else ""
        lines.append(f"  {kind:<9}{lang:<4}{passed:>3}/{judged:<3} {rate}{extra}")
    counted = [r for r in results if r.verdict != "skipped"]
    lines.append(f"  overall      {sum(r.verdict == 'pass' for r in counted):>3}/{len(counted):<3} "
                 f"{accuracy(results):6.1%}")
    for result in results:
        if result.verdict == "fail" or (verbose and result.verdict != "skipped"):
            match = result.outcome.match
            mark = "FAIL" if result.verdict == "fail" else "ok  "
            lines.append(f"  {mark} [{result.case.kind}/{result.case.lang}] {result.case.ask!r} -> {match.status} "
                         f"{match.candidates}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="question sets (default: the shared dev set)")
    parser.add_argument("--content", type=Path, default=REPO / "content", help="content folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")
    args = parser.parse_args(argv)
    index = FaqIndex.build(load_faqs(args.content), IndexOptions())
    renderer = AnswerRenderer(load_clinics(args.content))
    crisis = load_crisis_screen(args.content)
    failed = False
    for path in args.sets or default_question_sets():
        results = evaluate(load_cases(path), index, renderer, crisis)
        print(report(str(path), results, verbose=args.verbose))
        failed = failed or any(r.verdict == "fail" for r in results)
    if crisis is None:
        print("crisis cases skipped: bot.safety.crisis.CrisisScreen or crisis.yaml is not there yet")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
