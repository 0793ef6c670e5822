"""Runs a free-text question set through the real matcher and the shipped content, judged as the set's header says.

    .venv/bin/python bench/eval_questions.py                         # the shared dev set
    .venv/bin/python bench/eval_questions.py bench/data/questions-dev-v2.yaml -v
    .venv/bin/python bench/eval_questions.py SET.yaml --totals-only  # figures only, no case listed (held-out sets)
    .venv/bin/python bench/eval_questions.py bench/data/questions-dev-v3.yaml --part validation   # the third kept apart
    .venv/bin/python bench/eval_questions.py bench/data/typed_choices.yaml   # answers typed at button questions

The dev set lives in shared/ beside the repository (``../shared``).
Prints, per set and language: correct, confident wrong (answered outright with the wrong entry), "did you mean"
with the right entry first, other "did you mean", none; off-topic questions answered outright; distress messages
acknowledged; correct per ``cause`` (plain, vocabulary, treatment, kana, typo, long, distress, offtopic, worry, story,
multi); and, for cases with ``also`` (a second question in the message: the regex its answer must match), how often
the second question was offered too (the answer itself, or the answer behind a button the reply shows) and how
often both were. Lists every failure unless ``--totals-only`` (always on for a file whose name says holdout), and
exits 1 if any fails. A missed ``also`` is listed but does not fail the case.

Judging is split so the end-to-end bot can reuse it: ``judge(case, reply_text)`` applies the header's rule to
whatever the bot sent back; ``domain_outcome`` builds that reply from the matcher and the distress screen alone
(what ``bot.handlers.questions.answer_typed_text`` sends) for kinds the domain can answer, and ``judge_domain``
adds the domain-level rules for ``crisis`` (the crisis screen in bot.safety must hit), ``intake`` (the matched
entry must start the application: ``action: apply``) and ``distress`` (the acknowledgement must be sent).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import re
import sys
import time
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
from bot.content.schema import Clinic, Crisis, Distress, Faq, FaqEntry, SharedClinic  # noqa: E402
from bot.content.schema import Settings as ContentSettings  # noqa: E402
from bot.content.yamldoc import load_yaml  # noqa: E402
from bot.search.distress import DistressScreen  # noqa: E402
from bot.search.index import FaqIndex, IndexOptions, Match  # noqa: E402
from bot.search.typed_reply import read_typed, reply_language  # noqa: E402

Verdict = Literal["pass", "fail", "skipped"]
KINDS = ("answer", "intake", "crisis", "fallback", "distress")
CAUSES = ("plain", "vocabulary", "treatment", "kana", "typo", "long", "distress", "offtopic", "worry", "story", "multi")
"""worry: a worry stated as a sentence, no question asked; story: what happened first, then the question; multi: two
questions in one message (the second judged by ``also``)."""
NONE_REPLY = {
    "ja": "すみません、そのご質問にお答えできる情報が見つかりませんでした。"
          "メニューから選ぶか、クリニックにお問い合わせください。",
    "en": "Sorry, I could not find an answer to that. Please choose from the menu or contact the clinic.",
}
CHOICES_REPLY = {"ja": "次のどれについてお知りになりたいですか？", "en": "Which of these did you mean?"}
DISTRESS_EXPECT = {"ja": "伝えてくださって", "en": "Thank you for telling me how you are feeling"}
"""A phrase of the shipped acknowledgement (content/*/distress.yaml), to judge distress cases end to end."""


def default_question_sets() -> list[Path]:
    """The shared dev set: ``../shared`` beside the repository."""
    for root in (REPO.parent / "shared",):
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
    cause: str | None = None
    also: str | None = None
    """The regex the second question's answer must match (``cause: multi``)."""


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for i, raw in enumerate(data["cases"]):
        if raw.get("kind") not in KINDS:
            raise ValueError(f"{path}: cases[{i}].kind: expected one of {list(KINDS)}, found {raw.get('kind')!r}")
        cause = raw.get("cause")
        if cause is not None and cause not in CAUSES:
            raise ValueError(f"{path}: cases[{i}].cause: expected one of {list(CAUSES)}, found {cause!r}")
        cases.append(Case(str(raw["lang"]), raw["kind"], str(raw["ask"]), raw.get("expect"), raw.get("reject"),
                          cause, raw.get("also")))
    return cases


VALIDATION_SEED = 20261201
"""The fixed seed that draws the validation third of a development set (``split_cases``)."""


def split_cases(cases: Sequence[Case], seed: int = VALIDATION_SEED) -> tuple[list[Case], list[Case]]:
    """(development part, validation part): a random third of each language is kept for validation, which is
    evaluated but never mined for example questions or used to choose settings."""
    development: list[Case] = []
    validation: list[Case] = []
    rng = random.Random(seed)
    for lang in sorted({c.lang for c in cases}):
        mine = [i for i, c in enumerate(cases) if c.lang == lang]
        held = set(rng.sample(mine, len(mine) // 3))
        for i in mine:
            (validation if i in held else development).append(cases[i])
    return development, validation


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def judge(case: Case, reply_text: str) -> bool:
    """The header's rule on the joined reply: expect must match (answer, intake, crisis), reject must not (fallback);
    a distress case without ``expect`` must show the acknowledgement."""
    reply = _folded(reply_text)
    if case.kind == "distress" and case.expect is None:
        return re.search(_folded(DISTRESS_EXPECT[case.lang]), reply, re.I) is not None
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

    def __init__(self, clinics: Mapping[str, Sequence[Any]], content_dir: Path = REPO / "content") -> None:
        self._env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        self._clinics = {lang: facts_of(lang, list(models), "clinic") for lang, models in clinics.items()}
        settings = _load_file(content_dir / "settings.yaml", "content/settings.yaml", ContentSettings)
        self._decisions = {"policy": settings.policy.model_dump(), "monitor": settings.monitor.model_dump()}

    def render(self, lang: str, template: str) -> str:
        """The template with the bot's globals: ``clinic`` facts, ``lang``, and the clinic's ``policy``/``monitor``."""
        text = self._env.from_string(template).render(clinic=self._clinics[lang], lang=lang, **self._decisions)
        return leave_out_missing(text, lang)


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
    """What the domain would send back for one case: the match, the reply text, and whether it acknowledged distress."""

    match: Match
    reply: str
    action: str | None
    acknowledged: bool = False
    first_choice_reply: str | None = None
    """For "did you mean": the answer behind the first button (to tell right-first from wrong-first)."""
    button_replies: tuple[str, ...] = ()
    """The answers behind the entry buttons the reply shows: "you also asked" and "not what you asked?" under an
    answer, every choice of "did you mean" (to judge ``Case.also``)."""


def load_distress_screen(content_dir: Path) -> DistressScreen:
    """bot.search.distress over every language's distress.yaml."""
    return DistressScreen.build({lang: _load(content_dir, lang, "distress.yaml", Distress) for lang in ("ja", "en")})


def domain_outcome(index: Matcher, renderer: AnswerRenderer, text: str,
                   distress: DistressScreen | None = None, user_lang: str | None = None) -> Outcome:
    """The reply answer_typed_text sends (``bot.search.typed_reply``, which the handler calls): the acknowledgement
    for distress, then the answer, the choice labels (first questions), or "don't know". ``user_lang``: the
    language the user set (the case's), which romaji is answered in."""
    found = read_typed(index, distress, text)
    match = found.match
    lang = reply_language(match, text, user_lang or match.lang)
    lang = lang if lang in index.languages else index.languages[0]
    head = DISTRESS_EXPECT[lang] + "\n" if found.acknowledged else ""
    def behind(ids: Sequence[str]) -> tuple[str, ...]:
        return tuple(renderer.render(lang, index.entry(lang, entry_id).answer) for entry_id in ids)

    if found.answered and match.entry_id is not None:
        entry = index.entry(lang, match.entry_id)
        # as bot.handlers.questions shows them: "you also asked" unless acknowledged, else "not what you asked?"
        buttons = match.also if match.also and not found.acknowledged else match.unsure[:2]
        return Outcome(match, head + renderer.render(lang, entry.answer), entry.action, found.acknowledged,
                       button_replies=behind(buttons))
    if found.offer:
        labels = [index.entry(lang, entry_id).questions[0] for entry_id, _ in match.candidates]
        first = index.entry(lang, match.candidates[0][0])
        return Outcome(match, head + "\n".join([CHOICES_REPLY[lang], *labels]), None, found.acknowledged,
                       first_choice_reply=renderer.render(lang, first.answer) if first.action != "apply" else "apply",
                       button_replies=behind([entry_id for entry_id, _ in match.candidates]))
    if found.acknowledged:
        return Outcome(match, head, None, True)
    return Outcome(match, NONE_REPLY[lang], None)


def second_offered(case: Case, outcome: Outcome) -> bool:
    """The second question of the message (``Case.also``) answered or offered: the reply itself, or the answer behind
    one of its buttons, matches it."""
    if case.also is None:
        return False
    pattern = _folded(case.also)
    return any(re.search(pattern, _folded(text), re.I) is not None for text in (outcome.reply, *outcome.button_replies))


def judge_domain(case: Case, outcome: Outcome, crisis: Callable[[str], bool] | None) -> Verdict:
    if case.kind == "crisis":
        if crisis is None:
            return "skipped"
        return "pass" if crisis(case.ask) else "fail"
    if case.kind == "distress":
        return "pass" if outcome.acknowledged else "fail"
    if case.kind == "intake":
        return "pass" if outcome.match.status == "answer" and outcome.action == "apply" else "fail"
    if case.kind == "fallback" and outcome.match.status == "answer" and not judge(case, outcome.reply):
        return "fail"
    return "pass" if judge(case, outcome.reply) else "fail"


Grade = Literal["correct", "wrong", "choices_right_first", "choices_other", "none", "skipped"]


def grade(case: Case, verdict: Verdict, outcome: Outcome) -> Grade:
    """Where a case landed: correct, confidently wrong, "did you mean" with the right entry first or not, none."""
    if verdict == "skipped":
        return "skipped"
    if verdict == "pass":
        return "correct"
    status = outcome.match.status
    if status == "answer":
        return "wrong"
    if status == "choices":
        first = outcome.first_choice_reply
        if case.kind == "intake":
            right = first == "apply"
        else:
            right = first is not None and case.expect is not None and judge(case, first)
        return "choices_right_first" if right else "choices_other"
    return "none"


@dataclass(frozen=True)
class Result:
    case: Case
    verdict: Verdict
    outcome: Outcome

    @property
    def grade(self) -> Grade:
        return grade(self.case, self.verdict, self.outcome)


def evaluate(cases: Sequence[Case], index: Matcher, renderer: AnswerRenderer, crisis: Callable[[str], bool] | None,
             distress: DistressScreen | None = None) -> list[Result]:
    results = []
    for case in cases:
        outcome = domain_outcome(index, renderer, case.ask, distress, case.lang)
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


def _share(part: int, whole: int) -> str:
    return f"{part:>3}/{whole:<3} {part / whole:6.1%}" if whole else f"{part:>3}/{whole:<3}    n/a"


@dataclass(frozen=True)
class Figures:
    """The headline figures of one language of one set (see the module docstring)."""

    cases: int
    correct: int
    wrong: int
    choices_right_first: int
    choices_other: int
    none: int
    offtopic: int
    offtopic_answered: int
    distress: int
    distress_acknowledged: int
    causes: dict[str, tuple[int, int]]
    """cause -> (correct, cases)"""
    also: int = 0
    """Cases with a second question (``Case.also``)."""
    also_offered: int = 0
    """... whose second question was answered or offered as a button."""
    also_both: int = 0
    """... whose first question was answered right and the second answered or offered."""


def figures(results: Sequence[Result]) -> dict[str, Figures]:
    """Per language, skipped cases left out."""
    out: dict[str, Figures] = {}
    for lang in sorted({r.case.lang for r in results}):
        mine = [r for r in results if r.case.lang == lang and r.verdict != "skipped"]
        grades = Counter(r.grade for r in mine)
        offtopic = [r for r in mine if r.case.kind == "fallback"]
        distress = [r for r in mine if r.case.kind == "distress"]
        causes: dict[str, tuple[int, int]] = {}
        for cause in CAUSES:
            of_cause = [r for r in mine if r.case.cause == cause]
            if of_cause:
                causes[cause] = (sum(r.verdict == "pass" for r in of_cause), len(of_cause))
        two = [r for r in mine if r.case.also is not None]
        offered = [r for r in two if second_offered(r.case, r.outcome)]
        out[lang] = Figures(
            len(mine), grades["correct"], grades["wrong"], grades["choices_right_first"], grades["choices_other"],
            grades["none"], len(offtopic), sum(r.outcome.match.status == "answer" for r in offtopic),
            len(distress), sum(r.outcome.acknowledged for r in distress), causes,
            len(two), len(offered), sum(r.verdict == "pass" for r in offered))
    return out


def report(name: str, results: Sequence[Result], *, verbose: bool = False, totals_only: bool = False) -> str:
    lines = [f"== {name}"]
    for lang, f in figures(results).items():
        n = f.cases
        lines += [
            f"  [{lang}] {n} cases",
            f"    correct                      {_share(f.correct, n)}",
            f"    confident wrong              {_share(f.wrong, n)}",
            f"    did you mean, right first    {_share(f.choices_right_first, n)}",
            f"    did you mean, other          {_share(f.choices_other, n)}",
            f"    none                         {_share(f.none, n)}",
            f"    off-topic answered outright  {f.offtopic_answered} of {f.offtopic}",
            f"    distress acknowledged        {f.distress_acknowledged} of {f.distress}",
        ]
        if f.also:
            lines.append(f"    second question offered      {f.also_offered} of {f.also} "
                         f"(with the first answered right: {f.also_both})")
        if f.causes:
            lines.append("    correct per cause            " + ", ".join(
                f"{cause} {passed}/{total}" for cause, (passed, total) in f.causes.items()))
    for (kind, lang), (passed, judged, skipped) in summary(results).items():
        rate = f"{passed / judged:6.1%}" if judged else "   n/a"
        extra = f"  ({skipped} skipped)" if skipped else ""
        lines.append(f"  {kind:<9}{lang:<4}{passed:>3}/{judged:<3} {rate}{extra}")
    counted = [r for r in results if r.verdict != "skipped"]
    lines.append(f"  overall      {sum(r.verdict == 'pass' for r in counted):>3}/{len(counted):<3} "
                 f"{accuracy(results):6.1%}")
    if totals_only:
        return "\n".join(lines)
    for result in results:
        if result.verdict == "fail" or (verbose and result.verdict != "skipped"):
            match = result.outcome.match
            mark = "FAIL" if result.verdict == "fail" else "ok  "
            cause = f"/{result.case.cause}" if result.case.cause else ""
            lines.append(f"  {mark} [{result.case.kind}/{result.case.lang}{cause}] {result.case.ask!r} -> "
                         f"{match.status} {match.candidates}")
    for result in results:
        if result.case.also is not None and not second_offered(result.case, result.outcome):
            lines.append(f"  NO SECOND [{result.case.lang}] {result.case.ask!r} -> {result.outcome.match.status} "
                         f"{result.outcome.match.candidates} also {list(result.outcome.match.also)}")
    return "\n".join(lines)


# --- answers typed at button questions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class TypedCase:
    """A message typed at an application question: ``expect`` is the choice id (a list for multi, or the
    candidates when ``unclear`` is set: then "did you mean" offering all of them is right)."""

    lang: str
    question: str
    text: str
    expect: tuple[str, ...]
    unclear: bool = False
    validation: bool = False
    """In the set's held-out validation part (``validation_seed``): reported apart, its cases never listed."""


def load_typed(path: Path) -> list[TypedCase]:
    """The set's cases; with ``validation_seed``, a fixed random third of each language's cases is marked
    ``validation``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for raw in data["typed"]:
        expect = raw["expect"]
        ids = tuple(str(e) for e in expect) if isinstance(expect, list) else (str(expect),)
        out.append(TypedCase(str(raw["lang"]), str(raw["question"]), str(raw["text"]), ids, bool(raw.get("unclear"))))
    seed = data.get("validation_seed")
    if seed is None:
        return out
    held: set[int] = set()
    for lang in sorted({case.lang for case in out}):
        mine = [i for i, case in enumerate(out) if case.lang == lang]
        held.update(random.Random(f"{seed}-{lang}").sample(mine, len(mine) // 3))
    return [dataclasses.replace(case, validation=i in held) for i, case in enumerate(out)]


def evaluate_typed(cases: Sequence[TypedCase], content_dir: Path, *, totals_only: bool = False) -> tuple[str, bool]:
    """Recorded right, recorded wrong, "did you mean" (offering the right one), nothing, per language."""
    from bot.content.schema import Intake
    from bot.intake.typed import prepare, read_choice

    intakes = {lang: _load(content_dir, lang, "intake.yaml", Intake) for lang in ("ja", "en")}
    tally: dict[str, Counter[str]] = {}
    failures = []
    bad = False
    took: list[float] = []
    read_choice("テスト", [q for q in intakes["ja"].questions if q.choices][:1])  # the analyser loads once, not timed
    prepare(intakes)  # the questions' keys, as the bot builds them when its content loads (bot.app), not timed
    gc.collect()
    gc.freeze()  # what is loaded now out of the collector's view, as the bot does after start-up (bot.handlers.reload)
    for case in cases:
        langs = [case.lang, *(lang for lang in intakes if lang != case.lang)]
        variants = [q for lang in langs for q in intakes[lang].questions if q.id == case.question]
        if not variants:
            raise SystemExit(f"unknown question {case.question!r} in the typed set")
        started = time.perf_counter()
        reading = read_choice(case.text, variants)
        took.append(time.perf_counter() - started)
        if case.unclear:
            verdict = "right" if reading.kind == "unclear" and set(case.expect) <= set(reading.choice_ids) \
                else ("wrong" if reading.kind == "choice" else "other")
        elif reading.kind == "choice":
            verdict = "right" if set(reading.choice_ids) == set(case.expect) else "wrong"
        elif reading.kind == "unclear" and set(case.expect) <= set(reading.choice_ids) and reading.choice_ids:
            verdict = "did_you_mean"
        else:
            verdict = "other"
        part = f"{case.lang}, validation part" if case.validation else case.lang
        tally.setdefault(part, Counter())[verdict] += 1
        bad = bad or verdict != "right"
        if verdict != "right" and not case.validation:
            failures.append(f"  {verdict.upper():<12} [{case.lang}] {case.question}: {case.text!r} -> {reading.kind} "
                            f"{list(reading.choice_ids)} (expected {list(case.expect)})")
    lines = []
    for lang, counts in sorted(tally.items()):
        n = sum(counts.values())
        lines.append(f"  [{lang}] {n} typed answers: recorded right {_share(counts['right'], n)}, recorded WRONG "
                     f"{counts['wrong']}, did you mean (right one offered) {counts['did_you_mean']}, "
                     f"other {counts['other']}")
    if took:
        warm = []
        for case in cases:  # again, as a running bot reads: each question's words already prepared
            langs = [case.lang, *(lang for lang in intakes if lang != case.lang)]
            variants = [q for lang in langs for q in intakes[lang].questions if q.id == case.question]
            started = time.perf_counter()
            read_choice(case.text, variants)
            warm.append(time.perf_counter() - started)
        lines.append(f"  reading a typed answer: first read p99 {_p(took, 99):.2f} ms; then p50 {_p(warm, 50):.2f} ms, "
                     f"p99 {_p(warm, 99):.2f} ms (target, as for the FAQ matcher: p99 < 2 ms)")
    gc.unfreeze()
    if not totals_only:
        lines += failures
    return "\n".join(lines), bad


def _p(seconds: list[float], percent: int) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, len(ordered) * percent // 100)] * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="question sets (default: the shared dev set)")
    parser.add_argument("--content", type=Path, default=REPO / "content", help="content folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")
    parser.add_argument("--totals-only", action="store_true", help="print figures only, no case")
    parser.add_argument("--part", choices=("all", "development", "validation"), default="all",
                        help="only the development part or the validation third of each set (split_cases)")
    args = parser.parse_args(argv)
    index = FaqIndex.build(load_faqs(args.content), IndexOptions())
    renderer = AnswerRenderer(load_clinics(args.content), args.content)
    crisis = load_crisis_screen(args.content)
    distress = load_distress_screen(args.content)
    failed = False
    for path in args.sets or default_question_sets():
        totals_only = args.totals_only or "holdout-v" in path.name  # a versioned held-out set: never list cases
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "typed" in data:
            text, bad = evaluate_typed(load_typed(path), args.content, totals_only=totals_only)
            print(f"== {path}\n{text}")
            failed = failed or bad
            continue
        cases = load_cases(path)
        if args.part != "all":
            cases = split_cases(cases)[0 if args.part == "development" else 1]
        results = evaluate(cases, index, renderer, crisis, distress)
        name = str(path) if args.part == "all" else f"{path} ({args.part} part)"
        print(report(name, results, verbose=args.verbose and not totals_only, totals_only=totals_only))
        failed = failed or any(r.verdict == "fail" for r in results)
    if crisis is None:
        print("crisis cases skipped: bot.safety.crisis.CrisisScreen or crisis.yaml is not there yet")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
