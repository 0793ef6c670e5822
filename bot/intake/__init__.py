"""The monitor application questionnaire: pure domain code, declared in ``content/<lang>/intake.yaml``.

    engine.py      IntakeEngine: intro -> consent -> questions (back, edit) -> review -> done; Outcome
    draft.py       Draft: the application in progress as JSON-ready data (ids and normalised values)
    session.py     ApplicationSession and Sessions (load, start, save, discard), Questionnaires (snapshot keys)
    conditions.py  which questions apply (``when:``)
    validate.py    typed answers checked and normalised (phone, e-mail, date, number, text, typed labels)
    typed.py       what a message typed at a question means: a choice (yes/no, negation, ages, durations), a
                   question, or unclear ("did you mean"); a question about the form at a text question
    dialect.py     regional negations written as standard ones (「飲んでへん」, 「飲んどらん」) before reading yes / no
    whose.py       whose age a message gives: the child's, when a parent gives both
    display.py     stored answers shown in a language
    check.py       content checks of intake.yaml (conditions, ids, health marking, ja/en parity)
    flow.mmd       the flow as a Mermaid state diagram
"""

from bot.intake.draft import Answer, ConsentRecord, Draft
from bot.intake.engine import ConsentRequired, IntakeEngine, Outcome, ReviewItem

__all__ = ["Answer", "ConsentRecord", "ConsentRequired", "Draft", "IntakeEngine", "Outcome", "ReviewItem"]
