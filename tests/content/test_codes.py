"""Every checker problem has a stable code, written once at the check; content/README.md lists them all."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.content.codes import code_entries, codes_table
from bot.content.loader import load_content
from bot.content.problems import Problem, Problems, Severity
from tests.content.conftest import ContentTree

README = Path(__file__).resolve().parents[2] / "content" / "README.md"


def test_every_check_names_one_code_of_its_severity() -> None:
    entries = code_entries()
    assert [e for e in entries if not e.code] == []
    assert [code for code, n in Counter(e.code for e in entries).items() if n > 1] == []
    letters = {"error": "E", "warning": "W", "notice": "N", "info": "I"}
    assert [e.code for e in entries if e.code.split("-")[1][0] != letters[e.severity]] == []


def test_the_staff_readme_lists_every_code() -> None:
    assert codes_table() in README.read_text(encoding="utf-8"), \
        "content/README.md's code table is out of date: paste the output of .venv/bin/python -m bot codes"


def test_the_report_shows_the_code_after_the_place(tree: ContentTree) -> None:
    tree.replace("en/intake.yaml", "kind: choice", "kind: chioce")
    _content, problems = load_content(tree.root)
    report = problems.report()
    assert "  content/en/intake.yaml:12: CONTENT-E005 questions[0].kind: expected one of ['choice', 'multi', " \
           "'text', 'phone', 'email', 'date', 'number'], found 'chioce'" in report.splitlines()
    assert all(p.code for p in problems)


def test_a_problem_keeps_its_hint() -> None:
    problems = Problems()
    problems.error("content/en/faq.yaml", 3, "entries[0]", "no page 'x'", fix="add the page", code="CONTENT-E018")
    problem: Problem = next(iter(problems))
    assert (problem.code, problem.hint, problem.severity) == ("CONTENT-E018", "add the page", Severity.ERROR)
