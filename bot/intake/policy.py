"""Which choices the clinic offers this applicant: choices that wait for a clinic policy are withheld from minors.

A choice may name a policy of ``content/settings.yaml`` (``minors_policy: exosome_for_under_18``). While that
policy is not ``yes`` (``undecided`` is the safe default and behaves as ``no``), an applicant whose answers carry
``flag: minor`` (the age bands under 18) is not offered the choice: no button, a typed answer meaning it is not
taken, and an answer given before the age changed is dropped so that the question is asked again. The decisions
are the live content's, not the questionnaire snapshot's, so a clinic that says ``yes`` (or takes it back) is
followed at once, also by applications in progress.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.content.schema import Choice, Question
from bot.intake.conditions import applicable
from bot.intake.draft import Answer

Policies = Mapping[str, str]
"""Policy name -> ``yes`` / ``no`` / ``undecided`` (``Policy.decisions()`` of settings.yaml)."""

MINOR_FLAG = "minor"


def is_minor(questions: Sequence[Question], answers: Mapping[str, Answer | None],
             shown: Sequence[Question] | None = None) -> bool:
    """Whether a choice made in a question that applies carries ``flag: minor`` (``shown``: the questions that apply,
    when the caller has them)."""
    flagged = [q.id for q in questions if q.id in answers and _picks(q, answers[q.id], MINOR_FLAG)]
    if not flagged:
        return False
    shown_ids = {q.id for q in (applicable(questions, answers) if shown is None else shown)}
    return any(question_id in shown_ids for question_id in flagged)


def allowed(choice: Choice, policies: Policies) -> bool:
    """Whether a minor may be offered ``choice``: it names no policy, or the clinic said ``yes`` to it."""
    return choice.minors_policy is None or policies.get(choice.minors_policy) == "yes"


def withheld_ids(questions: Sequence[Question], answers: Mapping[str, Answer | None], policies: Policies,
                 shown: Sequence[Question] | None = None) -> dict[str, frozenset[str]]:
    """Question id -> the ids of its choices not offered for these answers (only questions with any)."""
    if not is_minor(questions, answers, shown):
        return {}
    found = {q.id: frozenset(c.id for c in q.choices if not allowed(c, policies)) for q in questions}
    return {question_id: ids for question_id, ids in found.items() if ids}


def settled(questions: Sequence[Question], answers: Mapping[str, Answer | None],
            policies: Policies) -> dict[str, Answer | None]:
    """The answers without the choices not offered and without answers to questions that no longer apply."""
    return settle(questions, answers, policies)[0]


def settle(questions: Sequence[Question], answers: Mapping[str, Answer | None],
           policies: Policies) -> tuple[dict[str, Answer | None], list[Question]]:
    """``settled`` answers and the questions that apply to them.

    Repeated until nothing changes: dropping one answer can close a question that depended on it."""
    kept = dict(answers)
    while True:
        shown = applicable(questions, kept)
        withheld = withheld_ids(questions, kept, policies, shown)
        shown_ids = {q.id for q in shown}
        following: dict[str, Answer | None] = {}
        for question_id, answer in kept.items():
            out = withheld.get(question_id, frozenset())
            if question_id not in shown_ids:
                continue
            if isinstance(answer, list):
                remaining = [c for c in answer if c not in out]
                if remaining or not answer:
                    following[question_id] = remaining
            elif answer is None or answer not in out:
                following[question_id] = answer
        if following == kept:
            return kept, shown
        kept = following


def _picks(question: Question, answer: Answer | None, flag: str) -> bool:
    """Whether ``answer`` chooses a choice of ``question`` with ``flag``."""
    if answer is None:
        return False
    ids = answer if isinstance(answer, list) else [answer]
    return any(c.flag == flag and c.id in ids for c in question.choices)


def quoted_labels(labels: Sequence[str], lang: str) -> str:
    """The labels of the choices not offered, for ``{{ withheld }}``: 「A」「B」, or “A” or “B” (after "not")."""
    if lang == "ja":
        return "".join(f"「{label}」" for label in labels)
    quoted = [f"“{label}”" for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
