"""The questionnaire engine: moves a ``Draft`` through intro -> consent -> questions -> review -> done.

Pure domain code: the intake handler turns buttons and messages into calls here and shows what comes back.
Every step changes the draft in place and returns an ``Outcome``:

    accepted   the step was taken; show the draft's current step
    error      the answer was not accepted; show ``intake.errors.<error>`` rendered with ``params``
    stale      a button from an older message (another question, another stage): say so, show the current step
    unchanged  nothing to do (Back on the first question); show the current step again

Health questions (``health: true``, 要配慮個人情報) are never shown or accepted before consent is recorded; a draft
that tries raises ``ConsentRequired``. A choice the clinic does not offer this applicant (``bot.intake.policy``)
is refused with the error ``withheld``, and an answer that became one is dropped, so the question is asked again.
See ``flow.mmd`` beside this file for the whole flow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from bot.content.schema import Choice, Intake, Question
from bot.intake.conditions import applicable
from bot.intake.display import format_answer, format_bound
from bot.intake.draft import Answer, ConsentRecord, Draft
from bot.intake.policy import Policies, settle, withheld_ids
from bot.intake.validate import (
    Rejected,
    clean_text,
    match_choice,
    parse_date,
    parse_email,
    parse_number,
    parse_phone,
)
from bot.vocabulary import CLINIC_TZ

OutcomeKind = Literal["accepted", "error", "stale", "unchanged"]
WITHHELD = "withheld"
"""The error of a choice the clinic does not offer this applicant (shown as the question's ``minors_note``)."""


def japan_today() -> dt.date:
    """Date ranges ("from tomorrow") are counted in the clinic's time zone."""
    return dt.datetime.now(CLINIC_TZ).date()


@dataclass(frozen=True)
class Outcome:
    """What a step did. For errors, ``params`` always holds ``min`` and ``max`` (empty text when unbounded)."""

    kind: OutcomeKind
    error: str | None = None
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.kind == "accepted"


ACCEPTED = Outcome("accepted")
STALE = Outcome("stale")
UNCHANGED = Outcome("unchanged")


class ConsentRequired(RuntimeError):
    """A health question was reached without recorded consent: a programming error, never shown to patients."""


class ReviewItem(NamedTuple):
    question_id: str
    label: str
    value: str


class IntakeEngine:
    """Runs the questionnaire of ``intake.yaml``; one engine per content load, shared by all chats."""

    def __init__(self, intake_by_lang: Mapping[str, Intake], *, today: Callable[[], dt.date] = japan_today,
                 policies: Policies | None = None) -> None:
        if not intake_by_lang:
            raise ValueError("the engine needs the intake of at least one language")
        self._intakes = dict(intake_by_lang)
        self._today = today
        self._policies: dict[str, str] = dict(policies or {})

    @property
    def policies(self) -> dict[str, str]:
        """The clinic's decisions this engine follows (none known: every choice that needs one is withheld)."""
        return dict(self._policies)

    def with_policies(self, policies: Policies) -> IntakeEngine:
        """This questionnaire under other decisions (the live settings), sharing everything else; self if equal."""
        if dict(policies) == self._policies:
            return self
        return IntakeEngine(self._intakes, today=self._today, policies=policies)

    # --- content ------------------------------------------------------------------------------------------------

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._intakes)

    def intake(self, lang: str) -> Intake:
        try:
            return self._intakes[lang]
        except KeyError:
            raise ValueError(f"no intake in language {lang!r} (have {', '.join(self._intakes)})") from None

    def question(self, draft: Draft, question_id: str, lang: str | None = None) -> Question | None:
        """A question by id in ``lang`` (default: the draft's language)."""
        return next((q for q in self.intake(lang or draft.lang).questions if q.id == question_id), None)

    # --- intro and consent --------------------------------------------------------------------------------------

    def start(self, lang: str) -> Draft:
        """A new application at the intro."""
        return Draft(version=self.intake(lang).version, lang=lang)

    def open_consent(self, draft: Draft) -> Outcome:
        """The Start button under the intro: show the consent notice."""
        if draft.stage != "intro":
            return STALE
        draft.stage = "consent"
        return ACCEPTED

    def accept_consent(self, draft: Draft, now: dt.datetime) -> Outcome:
        """Record consent (version, language, UTC time) and ask the first question."""
        if draft.stage != "consent":
            return STALE
        draft.consent = ConsentRecord.at(self.intake(draft.lang).consent.version, draft.lang, now)
        first = self._first_open(draft)
        if first is None:
            self._to_review(draft)
        else:
            self._go(draft, first)
        return ACCEPTED

    def decline_consent(self, draft: Draft) -> Outcome:
        """No consent: nothing is kept and no question is asked."""
        if draft.stage != "consent":
            return STALE
        draft.stage = "declined"
        draft.current = None
        draft.answers.clear()
        draft.history.clear()
        draft.selection.clear()
        draft.consent = None
        draft.editing = False
        return ACCEPTED

    # --- questions ----------------------------------------------------------------------------------------------

    def current_question(self, draft: Draft, lang: str | None = None) -> Question | None:
        """The question to show now, in ``lang`` (default: the draft's language); None outside the questions."""
        if draft.stage != "question" or draft.current is None:
            return None
        question = self.question(draft, draft.current, lang)
        if question is not None:
            self._require_consent(draft, question)
        return question

    def withheld(self, draft: Draft, question: Question) -> list[Choice]:
        """The choices of ``question`` the clinic does not offer for the answers so far (in content order)."""
        if not any(c.minors_policy for c in question.choices):
            return []
        out = withheld_ids(self.intake(draft.lang).questions, draft.answers, self._policies).get(question.id)
        return [c for c in question.choices if c.id in out] if out else []

    def offered(self, draft: Draft, question: Question) -> list[Choice]:
        """The choices of ``question`` shown as buttons for the answers so far."""
        out = {c.id for c in self.withheld(draft, question)}
        return [c for c in question.choices if c.id not in out]

    def is_new_section(self, draft: Draft) -> bool:
        """Whether the current question opens a section (show its heading above it)."""
        question = self.current_question(draft)
        if question is None or not question.section:
            return False
        shown = self._applicable(draft)
        index = next((i for i, q in enumerate(shown) if q.id == question.id), 0)
        return index == 0 or shown[index - 1].section != question.section

    def answer_text(self, draft: Draft, text: str) -> Outcome:
        """A typed answer to the current question (a button label typed out is accepted for choices)."""
        question = self.current_question(draft)
        if question is None:
            return STALE
        try:
            if question.kind in ("choice", "multi"):
                choice_id = match_choice(text, question.choices)
                if choice_id is None:
                    raise Rejected("choice")
                if self._is_withheld(draft, question, choice_id):
                    raise Rejected(WITHHELD)
                if question.kind == "multi":
                    self._toggle(draft, question, choice_id)
                    return ACCEPTED
                return self._commit(draft, question, choice_id)
            return self._commit(draft, question, self._parse(question, text))
        except Rejected as rejected:
            return self._error(draft, rejected)

    def hold_text(self, draft: Draft, text: str) -> str | None:
        """Keep a typed text as the current text question's answer without moving on; the question id, or None.

        A message the crisis screen answered is not lost when it was typed as an answer: it is held, and the
        question is asked again after the crisis reply ("continue"), with a button to keep it."""
        question = self.current_question(draft)
        if question is None or question.kind != "text":
            return None
        try:
            draft.answers[question.id] = clean_text(text, question.max_length)
        except Rejected:
            return None
        return question.id

    def held_answer(self, draft: Draft) -> str | None:
        """The answer already given to the current text question (held, or given before going back)."""
        question = self.current_question(draft)
        value = draft.answers.get(question.id) if question is not None and question.kind == "text" else None
        return value if isinstance(value, str) and value else None

    def keep_answer(self, draft: Draft, question_id: str) -> Outcome:
        """Move on with the answer the current text question already has."""
        question = self.current_question(draft)
        value = self.held_answer(draft)
        if question is None or question.id != question_id or value is None:
            return STALE
        return self._commit(draft, question, value)

    def answer_non_text(self, draft: Draft) -> Outcome:
        """A sticker, photo or voice message where an answer was expected."""
        if self.current_question(draft) is None:
            return STALE
        return self._error(draft, Rejected("not_text"))

    def answer_choice(self, draft: Draft, question_id: str, choice_id: str) -> Outcome:
        """A button of a single-choice question."""
        question = self._active(draft, question_id, "choice")
        if question is None or not _has_choice(question, choice_id):
            return STALE
        if self._is_withheld(draft, question, choice_id):
            return self._error(draft, Rejected(WITHHELD))
        return self._commit(draft, question, choice_id)

    def toggle_multi(self, draft: Draft, question_id: str, choice_id: str) -> Outcome:
        """Tick or untick a button of a multi question (exclusive choices such as "none" clear the others)."""
        question = self._active(draft, question_id, "multi")
        if question is None or not _has_choice(question, choice_id):
            return STALE
        if self._is_withheld(draft, question, choice_id):
            return self._error(draft, Rejected(WITHHELD))
        self._toggle(draft, question, choice_id)
        return ACCEPTED

    def tick(self, draft: Draft, question_id: str, choice_ids: Sequence[str]) -> Outcome:
        """Choices of a multi question named in a typed message: ticked (not toggled), Done still to press."""
        question = self._active(draft, question_id, "multi")
        if question is None or not all(_has_choice(question, c) for c in choice_ids):
            return STALE
        if any(self._is_withheld(draft, question, c) for c in choice_ids):
            return self._error(draft, Rejected(WITHHELD))
        for choice_id in choice_ids:
            if choice_id not in draft.selection:
                self._toggle(draft, question, choice_id)
        return ACCEPTED

    def answered_age(self, draft: Draft) -> tuple[float, float] | None:
        """The age the draft's age question holds, as years from and up to (the chosen band's ``range``), so a
        duration told by a school year (「中2から」) can be counted; None before the age is answered."""
        for question in self.intake(draft.lang).questions:
            answer = draft.answers.get(question.id)
            if question.amount != "age" or not isinstance(answer, str):
                continue
            for choice in question.choices:
                if choice.id == answer and choice.range is not None:
                    return (float(choice.range[0]), float(choice.range[1]) + 1.0)
        return None

    def variants(self, draft: Draft, question_id: str) -> list[Question]:
        """The question in every language, the application's own first (typed answers may use any of them)."""
        langs = [draft.lang, *(lang for lang in self.languages if lang != draft.lang)]
        found = [self.question(draft, question_id, lang) for lang in langs]
        return [q for q in found if q is not None]

    def finish_multi(self, draft: Draft, question_id: str) -> Outcome:
        """Done under a multi question: save the ticked choices (none ticked: skipped if optional, else an error)."""
        question = self._active(draft, question_id, "multi")
        if question is None:
            return STALE
        if not draft.selection:
            if question.optional:
                return self._commit(draft, question, None)
            return self._error(draft, Rejected("empty"))
        return self._commit(draft, question, list(draft.selection))

    def selected(self, draft: Draft) -> list[str]:
        """The choices ticked so far on the current multi question (for check marks on the buttons)."""
        return list(draft.selection)

    def skip(self, draft: Draft, question_id: str) -> Outcome:
        """Skip an optional question; a Skip for a required one is stale (the button was never offered)."""
        question = self._active(draft, question_id, None)
        if question is None or not question.optional:
            return STALE
        return self._commit(draft, question, None)

    # --- moving around ------------------------------------------------------------------------------------------

    def back(self, draft: Draft, at: str | None = None) -> Outcome:
        """One step back: to the previous question answered, from the review to the last one, or to the intro.

        ``at`` is where the Back button was shown (a question id, or ``review``/``consent``); a button from
        another step is stale. While editing from the review, Back returns to the review when nothing else needs
        asking.
        """
        if at is not None and at != self.position(draft):
            return STALE
        if draft.stage == "consent":
            draft.stage = "intro"
            return ACCEPTED
        if draft.stage == "intro":
            return UNCHANGED
        if draft.stage == "review":
            target = self._pop_history(draft, exclude=None) or self._last_applicable(draft)
            if target is None:
                return UNCHANGED
            self._go(draft, target)
            return ACCEPTED
        if draft.stage != "question":
            return STALE
        if draft.editing and self._first_open(draft) is None:
            self._to_review(draft)
            return ACCEPTED
        target = self._pop_history(draft, exclude=draft.current)
        if target is None:
            return UNCHANGED
        self._go(draft, target)
        return ACCEPTED

    def edit(self, draft: Draft, question_id: str) -> Outcome:
        """Change one answer from the review; the review comes back after it (and after any question it opens)."""
        if draft.stage != "review":
            return STALE
        question = next((q for q in self._applicable(draft) if q.id == question_id), None)
        if question is None:
            return STALE
        draft.editing = True
        self._go(draft, question)
        return ACCEPTED

    def submit(self, draft: Draft) -> Outcome:
        """Send from the review. The handler then stores the lead from ``lead_answers`` and ``flags``."""
        if draft.stage != "review":
            return STALE
        missing = self._first_open(draft)
        if missing is not None:  # content changed under the draft: ask what is missing first
            self._go(draft, missing)
            return UNCHANGED
        self._prune(draft)
        draft.stage = "done"
        return ACCEPTED

    def resume(self, draft: Draft) -> Outcome:
        """Put a draft whose current question no longer exists or applies (content reload) back on track, and drop
        answers the clinic no longer offers (a policy changed): a review that misses one asks it again first."""
        if draft.stage == "review":
            self._prune(draft)
            missing = self._first_open(draft)
            if missing is None:
                return UNCHANGED
            draft.editing = True
            self._go(draft, missing)
            return ACCEPTED
        if draft.stage != "question":
            return UNCHANGED
        before = dict(draft.answers)
        self._prune(draft)
        if draft.current in {q.id for q in self._applicable(draft)}:
            missing = self._first_open(draft)
            if draft.answers == before or missing is None or missing.id == draft.current:
                return UNCHANGED
            draft.editing = True  # an earlier answer no longer counts: ask it now, then come back here
            self._go(draft, missing)
            return ACCEPTED
        following = self._first_open(draft)
        if following is None:
            self._to_review(draft)
        else:
            self._go(draft, following)
        return ACCEPTED

    def switch_language(self, draft: Draft, lang: str) -> None:
        """Answers are ids and normalised values, so they carry over unchanged."""
        self.intake(lang)
        draft.lang = lang

    # --- reading the draft ---------------------------------------------------------------------------------------

    def position(self, draft: Draft) -> str:
        """Where the draft stands: the current question id, or the stage (intro, consent, review, done, declined)."""
        return draft.current if draft.stage == "question" and draft.current else draft.stage


    def progress(self, draft: Draft) -> tuple[int, int]:
        """(n, total) for "question n of total"; total counts the questions that apply to the answers so far."""
        shown = [q.id for q in self._applicable(draft)]
        if draft.stage == "question" and draft.current in shown:
            return shown.index(draft.current) + 1, len(shown)
        if draft.stage in ("review", "done"):
            return len(shown), len(shown)
        return 0, len(shown)

    def review_items(self, draft: Draft, lang: str | None = None) -> list[ReviewItem]:
        """Every question that applies, with its answer shown in ``lang`` ("—" when skipped)."""
        lang = lang or draft.lang
        answers, shown = self._settle(draft, lang)
        return [ReviewItem(q.id, q.label, format_answer(q, answers.get(q.id), lang)) for q in shown if q.id in answers]

    def lead_answers(self, draft: Draft, lang: str) -> dict[str, dict[str, object]]:
        """The answers as a lead stores them: label and value in ``lang``, plus the question's section, whether it
        is health information, and the flag of the choice made (so the card can say which answer raised it)."""
        answers: dict[str, dict[str, object]] = {}
        given, shown = self._settle(draft, lang)
        for question in shown:
            if question.id not in given:
                continue
            answer = given[question.id]
            ids = answer if isinstance(answer, list) else [answer] if answer is not None else []
            flag = next((c.flag for c in question.choices if c.id in ids and c.flag), None)
            entry: dict[str, object] = {"label": question.label, "value": format_answer(question, answer, lang),
                                        "section": question.section, "health": question.health,
                                        "kind": question.kind}
            if flag:
                entry["flag"] = flag
            answers[question.id] = entry
        return answers

    def display_answer(self, draft: Draft, question_id: str, lang: str | None = None) -> str | None:
        """The stored answer to one question in ``lang``; None if it has not been answered."""
        lang = lang or draft.lang
        question = self.question(draft, question_id, lang)
        if question is None or question_id not in draft.answers:
            return None
        return format_answer(question, draft.answers[question_id], lang)

    def flags(self, draft: Draft) -> list[str]:
        """Sorted flag names of the choices made in questions that apply (minor, screening, guardian ...)."""
        found: set[str] = set()
        given, shown = self._settle(draft)
        for question in shown:
            answer = given.get(question.id)
            ids = answer if isinstance(answer, list) else [answer] if answer is not None else []
            found.update(c.flag for c in question.choices if c.id in ids and c.flag)
        return sorted(found)

    # --- internals ----------------------------------------------------------------------------------------------

    def _applicable(self, draft: Draft) -> list[Question]:
        return applicable(self.intake(draft.lang).questions, draft.answers)

    def _settle(self, draft: Draft, lang: str | None = None) -> tuple[dict[str, Answer | None], list[Question]]:
        """The answers as they count (without choices not offered and answers to questions that do not apply), and
        the questions that apply to them, in ``lang``."""
        return settle(self.intake(lang or draft.lang).questions, draft.answers, self._policies)

    def _is_withheld(self, draft: Draft, question: Question, choice_id: str) -> bool:
        return any(c.id == choice_id for c in self.withheld(draft, question))

    def _first_open(self, draft: Draft) -> Question | None:
        """The first question that applies and has neither an answer nor a skip."""
        return next((q for q in self._applicable(draft) if q.id not in draft.answers), None)

    def _last_applicable(self, draft: Draft) -> Question | None:
        shown = self._applicable(draft)
        return shown[-1] if shown else None

    def _active(self, draft: Draft, question_id: str, kind: str | None) -> Question | None:
        """The current question if the button was made for it (and of the right kind), else None (stale)."""
        if draft.current != question_id:
            return None
        question = self.current_question(draft)
        if question is None or (kind is not None and question.kind != kind):
            return None
        return question

    def _require_consent(self, draft: Draft, question: Question) -> None:
        if question.health and draft.consent is None:
            raise ConsentRequired(f"health question {question.id!r} reached without consent")

    def _go(self, draft: Draft, question: Question) -> None:
        self._require_consent(draft, question)
        draft.stage = "question"
        draft.current = question.id
        answer = draft.answers.get(question.id)
        draft.selection = list(answer) if question.kind == "multi" and isinstance(answer, list) else []

    def _to_review(self, draft: Draft) -> None:
        draft.stage = "review"
        draft.current = None
        draft.editing = False
        draft.selection = []

    def _pop_history(self, draft: Draft, exclude: str | None) -> Question | None:
        shown = {q.id: q for q in self._applicable(draft)}
        while draft.history:
            question_id = draft.history.pop()
            if question_id != exclude and question_id in shown:
                return shown[question_id]
        return None

    def _parse(self, question: Question, text: str) -> str:
        if question.kind == "phone":
            return parse_phone(text)
        if question.kind == "email":
            return parse_email(text)
        if question.kind == "date":
            return parse_date(text, self._today(), question.min, question.max)
        if question.kind == "number":
            return parse_number(text, question.min, question.max)
        return clean_text(text, question.max_length)

    def _toggle(self, draft: Draft, question: Question, choice_id: str) -> None:
        exclusive = {c.id for c in question.choices if c.exclusive}
        if choice_id in draft.selection:
            chosen = [c for c in draft.selection if c != choice_id]
        elif choice_id in exclusive:
            chosen = [choice_id]
        else:
            chosen = [c for c in draft.selection if c not in exclusive] + [choice_id]
        order = [c.id for c in question.choices]
        draft.selection = sorted(chosen, key=order.index)

    def _commit(self, draft: Draft, question: Question, value: Answer | None) -> Outcome:
        """Save an answer (None = skipped) and move on: the next question, or the review."""
        draft.answers[question.id] = value
        draft.selection = []
        self._prune(draft)
        if question.id in draft.history:
            draft.history.remove(question.id)
        draft.history.append(question.id)
        if draft.editing:
            following = self._first_open(draft)
        else:
            shown = self._applicable(draft)
            later = shown[[q.id for q in shown].index(question.id) + 1:]
            following = later[0] if later else self._first_open(draft)
        if following is None:
            self._to_review(draft)
        else:
            self._go(draft, following)
        return ACCEPTED

    def _prune(self, draft: Draft) -> None:
        """Forget answers to questions that no longer apply (a changed answer closed them) and choices the clinic
        does not offer for the answers now given (the age changed to under 18): those questions are asked again."""
        kept, _ = self._settle(draft)
        if kept != draft.answers:
            draft.answers.clear()
            draft.answers.update(kept)

    def _error(self, draft: Draft, rejected: Rejected) -> Outcome:
        params = {"min": format_bound(rejected.min, draft.lang), "max": format_bound(rejected.max, draft.lang)}
        return Outcome("error", rejected.error, params)


def _has_choice(question: Question, choice_id: str) -> bool:
    return any(c.id == choice_id for c in question.choices)
