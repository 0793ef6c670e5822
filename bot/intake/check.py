"""Checks of ``intake.yaml`` beyond its schema: ids, conditions, health marking, typed words, clinic policies and
ja/en parity.

Called by the content checker once every language's intake has passed the schema. Each problem is located in the
file staff edit, e.g. ``content/ja/intake.yaml:42: questions[3].when: no question 'aplicant' (did you mean
'applicant'?)``; a parity problem names both files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.callbacks import CALLBACK_LIMIT, IntakeTick
from bot.content.problems import Problems, did_you_mean
from bot.content.raw import RawLanguage
from bot.content.registry import register
from bot.content.schema import POLICY_DECISIONS, Intake, Question
from bot.content.yamldoc import YamlDoc
from bot.intake.conditions import Condition, alternatives, expected_ids
from bot.intake.policy import MINOR_FLAG
from bot.intake.typed_check import check_typed

MATCH = "(both languages must match)"
PARITY_FIELDS = ("kind", "health", "optional", "when", "min", "max", "max_length", "amount")
"""The intake handler encodes a button as ``i:<one-letter op>:<question id>:<choice id>``."""


@register("intake")
def check_intake_content(raws: Mapping[str, RawLanguage], problems: Problems) -> None:
    """intake.yaml of every language, once each has loaded."""
    intakes = {lang: raw.model("intake.yaml", Intake) for lang, raw in raws.items()}
    if all(intakes.values()):
        check_intake({k: v for k, v in intakes.items() if v}, {lang: raw.docs["intake.yaml"]
                     for lang, raw in raws.items()}, problems)


def check_intake(intakes: Mapping[str, Intake], docs: Mapping[str, YamlDoc], problems: Problems) -> None:
    """Every language on its own, then each language against the first."""
    for lang, intake in intakes.items():
        _check_one(intake, docs[lang], problems)
    langs = list(intakes)
    for lang in langs[1:]:
        _check_parity(intakes[langs[0]], docs[langs[0]], intakes[lang], docs[lang], problems)


# --- one language -----------------------------------------------------------------------------------------------

def _check_one(intake: Intake, doc: YamlDoc, problems: Problems) -> None:
    first_at: dict[str, int] = {}
    for i, question in enumerate(intake.questions):
        if question.id in first_at:
            problems.error(doc.file, doc.line(["questions", i, "id"]), f"questions[{i}].id",
                           f"duplicate id '{question.id}' (already used by questions[{first_at[question.id]}])",
                           code="INTAKE-E001")
        else:
            first_at[question.id] = i
    for i, question in enumerate(intake.questions):
        _check_choices(question, i, doc, problems)
        check_typed(question, i, doc, problems)
        _check_conditions(intake.questions, question, i, first_at, doc, problems)
        _check_bounds(question, i, doc, problems)
        _check_policies(intake.questions, question, i, doc, problems)
    if not any(q.health for q in intake.questions):
        problems.error(doc.file, doc.line(["questions"]), "questions",
                       "no question is marked 'health: true': mark the health questions so they are asked only "
                       "after consent", code="INTAKE-E002")
    if "lead_id" not in intake.thanks:
        problems.warning(doc.file, doc.line(["thanks"]), "thanks",
                         "the thanks should show the application number: add {{ lead_id }}", code="INTAKE-W001")


def _check_choices(question: Question, i: int, doc: YamlDoc, problems: Problems) -> None:
    seen: set[str] = set()
    if question.amount is not None and not any(c.range for c in question.choices):
        problems.error(doc.file, doc.line(["questions", i, "amount"]), f"questions[{i}].amount",
                       "expected choices with a 'range' ([from, to] in years) for a question with 'amount'",
                       code="INTAKE-E003")
    for k, choice in enumerate(question.choices):
        where: list[str | int] = ["questions", i, "choices", k]
        if choice.id in seen:
            problems.error(doc.file, doc.line([*where, "id"]), f"questions[{i}].choices[{k}].id",
                           f"duplicate choice id '{choice.id}' in question '{question.id}'", code="INTAKE-E004")
        seen.add(choice.id)
        if choice.flag == "screening" and not question.health:
            problems.error(doc.file, doc.line([*where, "flag"]), f"questions[{i}].choices[{k}].flag",
                           "a screening answer is health information: add 'health: true' to the question",
                           code="INTAKE-E005")
        if choice.exclusive and question.kind != "multi":
            problems.warning(doc.file, doc.line([*where, "exclusive"]), f"questions[{i}].choices[{k}].exclusive",
                             f"'exclusive' only matters in a multi question; this is a {question.kind} question",
                             code="INTAKE-W002")
        if choice.range is not None and question.amount is None:
            problems.warning(doc.file, doc.line([*where, "range"]), f"questions[{i}].choices[{k}].range",
                             "'range' is only used when the question has 'amount: age' or 'amount: duration'",
                             code="INTAKE-W003")
        if choice.range is not None and choice.range[0] > choice.range[1]:
            problems.error(doc.file, doc.line([*where, "range"]), f"questions[{i}].choices[{k}].range",
                           f"expected [from, to] with from <= to, found {choice.range!r}", code="INTAKE-E006")
        if ":" in question.id or ":" in choice.id:
            problems.error(doc.file, doc.line([*where, "id"]), f"questions[{i}].choices[{k}].id",
                           f"expected ids without ':' (buttons use it to separate fields), found question id "
                           f"'{question.id}' and choice id '{choice.id}': use '_' instead", code="INTAKE-E007")
            continue
        try:
            IntakeTick(question.id, choice.id).pack()  # as long as IntakeChoice, the longest button
        except ValueError:
            problems.error(doc.file, doc.line([*where, "id"]), f"questions[{i}].choices[{k}].id",
                           f"question id '{question.id}' and choice id '{choice.id}' are too long together for a "
                           f"Telegram button ({CALLBACK_LIMIT} bytes): shorten one of them", code="INTAKE-E008")


def _check_conditions(questions: list[Question], question: Question, i: int, first_at: Mapping[str, int],
                      doc: YamlDoc, problems: Problems) -> None:
    listed = isinstance(question.when, list)
    for n, condition in enumerate(alternatives(question.when)):
        _check_condition(questions, question, condition, i, [n] if listed else [], first_at, doc, problems)


def _check_condition(questions: list[Question], question: Question, condition: Condition, i: int,
                     index: list[int], first_at: Mapping[str, int], doc: YamlDoc, problems: Problems) -> None:
    where = f"questions[{i}].when" + "".join(f"[{n}]" for n in index)
    for key, expected in condition.items():
        line = doc.line(["questions", i, "when", *index, key])
        if key not in first_at:
            problems.error(doc.file, line, where, f"no question '{key}'{did_you_mean(key, first_at)}",
                           code="INTAKE-E009")
            continue
        if key == question.id:
            problems.error(doc.file, line, where, f"question '{key}' cannot depend on its own answer",
                           code="INTAKE-E010")
            continue
        at = first_at[key]
        if at > i:
            problems.error(doc.file, line, where, f"question '{key}' comes later (questions[{at}]): a condition "
                           "can only use the answer to an earlier question", code="INTAKE-E011")
            continue
        target = questions[at]
        if target.kind not in ("choice", "multi"):
            problems.error(doc.file, line, where, f"question '{key}' is a {target.kind} question: a condition "
                           "can only use a choice or multi question", code="INTAKE-E012")
            continue
        wanted = expected_ids(expected)
        if not wanted:
            problems.error(doc.file, line, where, f"expected a choice id of '{key}' or a list of them, found []",
                           code="INTAKE-E013")
        known = [c.id for c in target.choices]
        for choice_id in wanted:
            if choice_id not in known:
                problems.error(doc.file, line, where,
                               f"question '{key}' has no choice '{choice_id}'{did_you_mean(choice_id, known)}",
                               code="INTAKE-E014")


def _check_bounds(question: Question, i: int, doc: YamlDoc, problems: Problems) -> None:
    raw = _raw_question(doc, i)
    if question.kind not in ("number", "date"):
        for name in ("min", "max"):
            if name in raw:
                problems.warning(doc.file, doc.line(["questions", i, name]), f"questions[{i}].{name}",
                                 f"'{name}' is used only by number and date questions; this is a {question.kind} "
                                 "question", code="INTAKE-W004")
    elif question.min is not None and question.max is not None and question.min > question.max:
        problems.error(doc.file, doc.line(["questions", i, "min"]), f"questions[{i}].min",
                       f"min ({question.min:g}) is larger than max ({question.max:g})", code="INTAKE-E015")
    if question.kind != "text" and "max_length" in raw:
        problems.warning(doc.file, doc.line(["questions", i, "max_length"]), f"questions[{i}].max_length",
                         f"'max_length' is used only by text questions; this is a {question.kind} question",
                         code="INTAKE-W005")


def _check_policies(questions: list[Question], question: Question, i: int, doc: YamlDoc, problems: Problems) -> None:
    """``minors_policy`` names a yes/no policy of settings.yaml, has a ``minors_note`` to explain it, and follows
    a question that can tell a minor."""
    named = [(k, c) for k, c in enumerate(question.choices) if c.minors_policy is not None]
    for k, choice in named:
        if choice.minors_policy not in POLICY_DECISIONS:
            problems.error(doc.file, doc.line(["questions", i, "choices", k, "minors_policy"]),
                           f"questions[{i}].choices[{k}].minors_policy",
                           f"no policy '{choice.minors_policy}' in settings.yaml"
                           f"{did_you_mean(choice.minors_policy or '', POLICY_DECISIONS)}; the policies are "
                           f"{', '.join(POLICY_DECISIONS)}", code="INTAKE-E023")
    if named and not question.minors_note.strip():
        problems.error(doc.file, doc.line(["questions", i, "choices", named[0][0], "minors_policy"]),
                       f"questions[{i}].minors_note",
                       f"question '{question.id}' has choices with 'minors_policy' but no 'minors_note' to say why "
                       "they are not offered to applicants under 18", code="INTAKE-E024")
    if question.minors_note and not named:
        problems.warning(doc.file, doc.line(["questions", i, "minors_note"]), f"questions[{i}].minors_note",
                         f"'minors_note' is shown only when a choice has 'minors_policy'; question '{question.id}' "
                         "has none", code="INTAKE-W006")
    earlier = questions[:i]
    if named and not any(c.flag == MINOR_FLAG for q in earlier for c in q.choices):
        problems.warning(doc.file, doc.line(["questions", i, "choices", named[0][0], "minors_policy"]),
                         f"questions[{i}].choices[{named[0][0]}].minors_policy",
                         "no earlier question has a choice with 'flag: minor', so the age is not known when this "
                         "question is asked", code="INTAKE-W007")


def _raw_question(doc: YamlDoc, i: int) -> dict[str, Any]:
    data = doc.data if isinstance(doc.data, dict) else {}
    questions = data.get("questions")
    if isinstance(questions, list) and i < len(questions) and isinstance(questions[i], dict):
        return dict(questions[i])
    return {}


# --- parity between languages -----------------------------------------------------------------------------------

def _check_parity(a: Intake, doc_a: YamlDoc, b: Intake, doc_b: YamlDoc, problems: Problems) -> None:
    """``a`` is the reference language; problems are reported in ``b``'s file unless ``b`` has something extra."""
    for name, path in (("version", ["version"]), ("consent.version", ["consent", "version"])):
        va = a.version if name == "version" else a.consent.version
        vb = b.version if name == "version" else b.consent.version
        if va != vb:
            problems.error(doc_b.file, doc_b.line(path), name,
                           f"differs from {doc_a.file}: {vb!r} here, {va!r} there {MATCH}", code="INTAKE-E016")
    ids_a = [q.id for q in a.questions]
    ids_b = [q.id for q in b.questions]
    for missing in [q for q in ids_a if q not in ids_b]:
        problems.error(doc_b.file, doc_b.line(["questions"]), "questions",
                       f"no question '{missing}' (it exists in {doc_a.file})", code="INTAKE-E017")
    for missing in [q for q in ids_b if q not in ids_a]:
        problems.error(doc_a.file, doc_a.line(["questions"]), "questions",
                       f"no question '{missing}' (it exists in {doc_b.file})", code="INTAKE-E018")
    common_a = [q for q in ids_a if q in ids_b]
    common_b = [q for q in ids_b if q in ids_a]
    if common_a != common_b:
        problems.error(doc_b.file, doc_b.line(["questions"]), "questions",
                       f"questions are in a different order from {doc_a.file}: [{', '.join(common_b)}] here, "
                       f"[{', '.join(common_a)}] there {MATCH}", code="INTAKE-E019")
    by_id_a = {q.id: q for q in a.questions}
    for i, qb in enumerate(b.questions):
        qa = by_id_a.get(qb.id)
        if qa is not None:
            _compare_question(qa, qb, i, doc_a, doc_b, problems)


def _compare_question(qa: Question, qb: Question, i: int, doc_a: YamlDoc, doc_b: YamlDoc,
                      problems: Problems) -> None:
    for name in PARITY_FIELDS:
        va, vb = getattr(qa, name), getattr(qb, name)
        if va != vb:
            problems.error(doc_b.file, doc_b.line(["questions", i, name]), f"questions[{i}].{name}",
                           f"differs from {doc_a.file}: {vb!r} here, {va!r} there {MATCH}", code="INTAKE-E020")
    choices_a = [c.id for c in qa.choices]
    choices_b = [c.id for c in qb.choices]
    if choices_a != choices_b:
        problems.error(doc_b.file, doc_b.line(["questions", i, "choices"]), f"questions[{i}].choices",
                       f"choice ids differ from {doc_a.file}: [{', '.join(choices_b)}] here, "
                       f"[{', '.join(choices_a)}] there {MATCH}", code="INTAKE-E021")
        return
    for k, (ca, cb) in enumerate(zip(qa.choices, qb.choices, strict=True)):
        for name in ("flag", "exclusive", "means", "range", "minors_policy"):
            va, vb = getattr(ca, name), getattr(cb, name)
            if va != vb:
                problems.error(doc_b.file, doc_b.line(["questions", i, "choices", k, name]),
                               f"questions[{i}].choices[{k}].{name}",
                               f"differs from {doc_a.file}: {vb!r} here, {va!r} there {MATCH}", code="INTAKE-E022")
