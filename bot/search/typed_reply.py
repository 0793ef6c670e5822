"""What a typed message gets: the distress acknowledgement, an answer, "did you mean" or nothing.

Decided here once, so the handler (``bot/handlers/questions.py``) and the evaluation (``bench/eval_questions.py``)
cannot drift apart: a message that expresses distress is acknowledged (also when a clause of its question tells
it); a question asked beside the feeling is matched on its own when the whole message is not answered; choices are
offered after an acknowledgement only when the message asks or requests something."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.search.distress import DistressHit
from bot.search.index import Match
from bot.search.sentences import looks_like_question, looks_like_request


class Matcher(Protocol):
    def match(self, text: str) -> Match: ...


class DistressReader(Protocol):
    def read(self, text: str) -> tuple[DistressHit, str | None]: ...


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
    hit, asked = distress.read(text) if distress is not None else (DistressHit(), None)
    # a feeling told in a clause of the question (「中2の息子が不登校で、…何歳から？」) is acknowledged even when the
    # whole is answered; one that is only what the question asks about (「副作用で元気がなくなる？」) is not
    acknowledged = hit.statement or (hit.in_question and (not answered or asked is not None))
    if acknowledged and not answered and asked is not None \
            and (alone := faq.match(asked)).status == "answer" and alone.entry_id is not None:
        match, answered = alone, True  # the question asked beside the feeling, answered on its own
    offer = not answered and match.status == "choices" and bool(match.candidates) and (
        not acknowledged or looks_like_question(text) or looks_like_request(text))
    return TypedReply(match, acknowledged, hit.carer, answered, offer)


def reply_language(match: Match, text: str, user_lang: str) -> str:
    """The language to answer in: the question's own, except romaji (Japanese typed in Latin letters, matched against
    the Japanese entries) and text with no letters at all (emoji, digits), which follow the language the user set."""
    if match.romaji or not any(ch.isalpha() for ch in text):
        return user_lang
    return match.lang
