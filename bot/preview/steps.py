"""The application's screens for the preview: each step drawn by the bot's own view (``bot.views.intake``), so the
steps are the bot's, not a copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.content.raw import RawLanguage
from bot.content.schema import Intake
from bot.intake.draft import ConsentRecord, Draft
from bot.intake.engine import IntakeEngine
from bot.intake.policy import MINOR_FLAG
from bot.intake.session import ApplicationSession
from bot.preview.units import Bubble, Claim, Column, Unit
from bot.views.intake import step_view

if TYPE_CHECKING:
    from bot.preview.screens import Builder


def application_units(ctx: Builder) -> list[Unit]:
    """Intro, consent, every question, review, thanks and the error messages, drawn by ``step_view``."""
    intakes = {lang: i for lang in ctx.languages if (i := ctx.raw.languages[lang].model("intake.yaml", Intake))}
    if not intakes:
        return []
    engine = IntakeEngine(intakes)

    def step(lang: str, **draft: Any) -> Bubble | None:
        intake = intakes.get(lang)
        if intake is None or lang not in ctx.content.languages:
            return None
        consent = ConsentRecord(intake.consent.version, lang, "2026-01-01T00:00:00Z")
        session = ApplicationSession(0, "preview", engine, Draft(intake.version, lang, consent=consent, **draft))
        text, markup = step_view(ctx.content, session)
        return Bubble(text, buttons=ctx.keyboard(markup))

    def unit(anchor: str, title: str, keys: set[str], make: Any, lines: Any = None) -> Unit:
        columns = []
        for lang in ctx.languages:
            raw = ctx.raw.languages[lang]
            column = Column(lang, claim=Claim(raw.display("intake.yaml"), frozenset(keys),
                                              lines(raw) if lines else None, whole_file=anchor == "intro"))
            bubbles = make(lang)
            if not bubbles:
                column.missing = f"{raw.display('intake.yaml')} did not load"
            column.bubbles = list(bubbles or [])
            columns.append(column)
        return Unit(anchor, title, columns, source="intake.yaml")

    def texts(lang: str, *keys: str) -> list[Bubble]:
        return [Bubble(html) for k in keys if (html := ctx.raw.languages[lang].rendered_texts.get(k))]

    def question_lines(question_id: str) -> Any:
        def lines(raw: RawLanguage) -> tuple[int, int] | None:
            intake = raw.model("intake.yaml", Intake)
            doc = raw.docs.get("intake.yaml")
            ids = [q.id for q in intake.questions] if intake else []
            if doc is None or question_id not in ids:
                return None
            i = ids.index(question_id)
            after = doc.line(["questions", i + 1]) if i + 1 < len(ids) else doc.line(["review"])
            return (doc.line(["questions", i]) or 0, (after or 10**9) - 1)
        return lines

    def one(bubble: Bubble | None) -> list[Bubble]:
        return [bubble] if bubble else []

    first = next(iter(intakes.values()))
    units = [
        unit("intro", "intro", {"intake.intro"}, lambda lang: one(step(lang, stage="intro"))),
        unit("consent", "consent", {"intake.consent.text", "intake.consent.declined"},
             lambda lang: one(step(lang, stage="consent")) + texts(lang, "intake.consent.declined")),
    ]
    minor = next(({q.id: c.id} for q in first.questions for c in q.choices if c.flag == MINOR_FLAG), {})
    for n, question in enumerate(first.questions, 1):
        # a question with choices the clinic withholds from minors is also drawn as a minor's parent sees it
        as_minor = minor if question.minors_note and question.id not in minor else None
        units.append(unit(
            f"q-{question.id}", f"{n}. {question.id}",
            {f"intake.q.{question.id}.text", f"intake.q.{question.id}.help", f"intake.q.{question.id}.minors_note",
             f"questions[{n - 1}]"},
            lambda lang, qid=question.id, as_minor=as_minor: one(step(lang, stage="question", current=qid)) + (
                one(step(lang, stage="question", current=qid, answers=dict(as_minor))) if as_minor else []),
            question_lines(question.id)))
    units += [
        unit("review", "review", {"intake.review"}, lambda lang: one(step(lang, stage="review"))),
        unit("thanks", "thanks", {"intake.thanks", "intake.flagged_note"},
             lambda lang: texts(lang, "intake.thanks", "intake.flagged_note")),
        unit("errors", "errors", {f"intake.errors.{name}" for name in type(first.errors).model_fields},
             lambda lang: texts(lang, *(f"intake.errors.{name}" for name in type(first.errors).model_fields))),
    ]
    return units

