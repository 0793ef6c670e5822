"""Which questions apply, given the answers so far (the ``when:`` of each question).

``when: {applicant: guardian}`` asks a question only if that choice was made; a list means any of them;
several keys must all match; a list of such mappings matches when any of them does (the guardian path opens for
a parent who applies and for a child under 15 who hands over). A condition on a question that was not asked, was
skipped or is not answered yet is false. Conditions may only look back (the checker enforces it), so one pass in
order decides every question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.content.schema import Question
from bot.intake.draft import Answer

Condition = dict[str, str | list[str]]


def expected_ids(expected: str | list[str]) -> list[str]:
    """``guardian`` or ``[a, b]`` -> the choice ids that satisfy the condition."""
    return [expected] if isinstance(expected, str) else list(expected)


def matches(answer: Answer | None, expected: str | list[str]) -> bool:
    """A single choice must be one of ``expected``; a multi answer needs at least one of them ticked."""
    wanted = set(expected_ids(expected))
    if answer is None:
        return False
    if isinstance(answer, list):
        return bool(wanted.intersection(answer))
    return answer in wanted


def alternatives(when: Condition | list[Condition]) -> list[Condition]:
    """A ``when`` as the list of conditions any of which opens the question (``{}``: always asked)."""
    if isinstance(when, dict):
        return [when]
    return list(when) or [{}]


def applicable(questions: Sequence[Question], answers: Mapping[str, Answer | None]) -> list[Question]:
    """The questions that would be asked, in order, for these answers."""
    shown: list[Question] = []
    shown_ids: set[str] = set()
    for question in questions:
        if any(all(key in shown_ids and matches(answers.get(key), expected) for key, expected in condition.items())
               for condition in alternatives(question.when)):
            shown.append(question)
            shown_ids.add(question.id)
    return shown
