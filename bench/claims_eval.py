"""Runs the labelled claims set through the real claims lint and the shipped claims.yaml files.

    .venv/bin/python bench/claims_eval.py                     # bench/data/claims_eval.yaml, content/
    .venv/bin/python bench/claims_eval.py SET.yaml --content DIR
    .venv/bin/python bench/claims_eval.py bench/data/claims_holdout4.yaml  # held out: figures only

Prints recall per language (prohibited expressions flagged), the findings on honest negations per language,
every miss and every false finding with the list entry that fired (not for a held-out set, whose first line says
"Never tune on these"). Exits 1 when recall is under 90 % in a
language or any honest negation is flagged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.content.claims import ClaimsLint  # noqa: E402
from bot.content.models import validate_doc  # noqa: E402
from bot.content.problems import Problems  # noqa: E402
from bot.content.schema import Claims  # noqa: E402
from bot.content.yamldoc import load_yaml  # noqa: E402

EVAL_SET = REPO / "bench" / "data" / "claims_eval.yaml"
LANGUAGES = ("ja", "en")
MIN_RECALL = 0.90


def load_lint(content_dir: Path) -> ClaimsLint:
    """The lint as the bot builds it: every language's lists together."""
    models = []
    for lang in LANGUAGES:
        problems = Problems()
        doc = load_yaml(content_dir / lang / "claims.yaml", f"{lang}/claims.yaml", problems)
        model = validate_doc(Claims, doc, problems) if doc is not None else None
        if model is None:
            raise SystemExit(problems.report())
        models.append(model)
    return ClaimsLint(models)


HELD_OUT_MARK = "Never tune on these"
"""A set whose first line says this is held out: its cases are never listed, so nobody tunes on them."""


def evaluate(lint: ClaimsLint, cases: dict[str, dict[str, list[str]]], *, list_cases: bool = True) -> tuple[str, bool]:
    """The printed report and whether every target was met; a held-out set is reported in figures only."""
    lines: list[str] = []
    ok = True
    summary: list[str] = []
    for lang in LANGUAGES:
        prohibited = cases.get(lang, {}).get("prohibited", [])
        honest = cases.get(lang, {}).get("honest", [])
        misses = [text for text in prohibited if not lint.findings(text)]
        false = [(text, [f.word for f in lint.findings(text)]) for text in honest]
        false = [(text, words) for text, words in false if words]
        recall = (len(prohibited) - len(misses)) / len(prohibited) if prohibited else 1.0
        met = recall >= MIN_RECALL and not false
        ok = ok and met
        summary.append(f"{lang}: recall {recall:.1%} ({len(prohibited) - len(misses)}/{len(prohibited)} prohibited "
                       f"flagged, target >= {MIN_RECALL:.0%}); honest negations flagged {len(false)}/{len(honest)} "
                       f"(target 0) {'OK' if met else 'MISSED'}")
        if not list_cases:
            continue
        for text in misses:
            lines.append(f"  {lang} miss: {text}")
        for text, words in false:
            lines.append(f"  {lang} false finding: {text}  <- {', '.join(words)}")
    return "\n".join([*summary, *lines]), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", default=str(EVAL_SET))
    parser.add_argument("--content", default=str(REPO / "content"))
    args = parser.parse_args(argv)
    text = Path(args.set).read_text(encoding="utf-8")
    held_out = HELD_OUT_MARK in text.split("\n", 1)[0]
    report, ok = evaluate(load_lint(Path(args.content)), yaml.safe_load(text), list_cases=not held_out)
    print(report)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
