"""Checks of the ``typed`` words staff write under a choice, so a word cannot quietly point at two answers.

A typed word is found inside what patients type (bot.intake.keys), so the mistakes that matter are a word listed
under two choices of one question (the bot could never tell which one is meant), a word with nothing to compare
once punctuation is folded away, and a word that repeats another choice's button label. Each problem names the
file, the line and the word, e.g. ``content/ja/intake.yaml:52: questions[4].choices[1].typed[2]: '両方' is also
listed under choice 'combined' of question 'interest': keep it under one choice``.
"""

from __future__ import annotations

from bot.content.problems import Problems
from bot.content.schema import Question
from bot.content.yamldoc import YamlDoc
from bot.intake.keys import key_of, spaced


def _compared(text: str) -> str:
    plain = spaced(text)
    return plain if plain.isascii() else key_of(text)


def check_typed(question: Question, i: int, doc: YamlDoc, problems: Problems) -> None:
    """The typed words of one question: none empty, none under two choices, none another choice's label; its
    ``may_count`` words neither empty nor a choice's word."""
    owner: dict[str, str] = {}
    labels = {_compared(c.label): c.id for c in question.choices}
    for k, choice in enumerate(question.choices):
        for n, word in enumerate(choice.typed):
            where = f"questions[{i}].choices[{k}].typed[{n}]"
            line = doc.line(["questions", i, "choices", k, "typed", n])
            key = _compared(word)
            if not key:
                problems.error(doc.file, line, where, f"{word!r} has no letters or digits to compare: remove it")
                continue
            if owner.get(key, choice.id) != choice.id:
                problems.error(doc.file, line, where, f"{word!r} is also listed under choice '{owner[key]}' of "
                               f"question '{question.id}': keep it under one choice, or the bot cannot tell which "
                               "one a patient means")
                continue
            owner[key] = choice.id
            if labels.get(key, choice.id) != choice.id:
                problems.warning(doc.file, line, where, f"{word!r} is the button label of choice '{labels[key]}': "
                                 "typed exactly it is read as that choice, so remove it here")
    if question.may_count and question.kind not in ("choice", "multi"):
        problems.error(doc.file, doc.line(["questions", i, "may_count"]), f"questions[{i}].may_count",
                       f"only a choice or multi question can have 'may_count', found a {question.kind} question")
    unsure = [c.id for c in question.choices if c.means == "unsure" or (c.means is None and c.id == "unsure")]
    for n, word in enumerate(question.may_count):
        where = f"questions[{i}].may_count[{n}]"
        line = doc.line(["questions", i, "may_count", n])
        key = _compared(word)
        if not key:
            problems.error(doc.file, line, where, f"{word!r} has no letters or digits to compare: remove it")
        elif (owner.get(key) or labels.get(key)) not in (None, *unsure):
            problems.error(doc.file, line, where, f"{word!r} is also a word of choice '{owner.get(key) or labels[key]}'"
                           f" of question '{question.id}': a thing that may or may not count cannot also answer yes "
                           "or no, so keep it in one place (under the \"not sure\" choice it may stay)")
