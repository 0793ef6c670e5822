"""What a typed message gets: the distress acknowledgement, an answer, "did you mean" or nothing.

Decided here once, so the handler (``bot/handlers/questions.py``) and the evaluation (``bench/eval_questions.py``)
cannot drift apart: a message that expresses distress is acknowledged; a question asked beside the feeling is
matched on its own when the whole message is not answered; choices are offered after an acknowledgement only when
the message asks or requests something."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.search.distress import DistressHit
from bot.search.index import Match
from bot.search.sentences import looks_like_question, looks_like_request


class Matcher(Protocol):
    def match(self, text: str) -> Match: ...


class DistressReader(Protocol):
    def screen(self, text: str) -> DistressHit: ...

    def question_part(self, text: str) -> str | None: ...


@dataclass(frozen=True)
class TypedReply:
    match: Match
    acknowledged: bool
    """Send the distress acknowledgement first."""
    carer: bool
    """... addressed to someone worried about a person close to them."""
    answered: bool
    """Show ``match.entry_id``'s answer."""
    offer: bool
    """Offer ``match.candidates`` as "did you mean"."""


def read_typed(faq: Matcher, distress: DistressReader | None, text: str) -> TypedReply:
    match = faq.match(text)
    answered = match.status == "answer" and match.entry_id is not None
    hit = distress.screen(text) if distress is not None else DistressHit()
    acknowledged = hit.statement or (hit.in_question and not answered)
    if acknowledged and not answered and distress is not None:
        asked = distress.question_part(text)
        if asked is not None and (alone := faq.match(asked)).status == "answer" and alone.entry_id is not None:
            match, answered = alone, True  # the question asked beside the feeling, answered on its own
    offer = not answered and match.status == "choices" and bool(match.candidates) and (
        not acknowledged or looks_like_question(text) or looks_like_request(text))
    return TypedReply(match, acknowledged, hit.carer, answered, offer)
