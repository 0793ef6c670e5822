"""A lead: one submitted monitor-programme application, as staff see and handle it.

Personal fields (``user_id``, ``chat_id``, ``username``, ``display_name``, ``answers``, ``messages``) can be
erased, at the patient's request or when the retention period ends; the row keeps its id, times, status, flags
and consent record, so staff numbers and statistics still add up and the audit can say what happened to A-000123.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NotRequired, TypedDict

from bot.vocabulary import FLAGS as FLAGS
from bot.vocabulary import Flag as Flag  # re-exported: the lead's flags are the vocabulary's

Status = Literal["new", "contacted", "booked", "not_suitable", "closed", "withdrawn"]
OPEN_STATUSES: tuple[Status, ...] = ("new", "contacted", "booked")
"""Leads staff still have to act on (``list_open``)."""
STAFF_STATUSES: tuple[Status, ...] = ("new", "contacted", "booked", "not_suitable", "closed")
"""Statuses staff may set with the card's buttons; only the patient withdraws."""


APPLICANT = "@applicant"
"""``who`` of a status change made by the patient (withdrawal); the card shows it as 本人 / the applicant."""

_REF_PREFIX = "A-"
_REF = re.compile(r"^\s*[Aa]?\s*[-‐－ー]?\s*(\d{1,12})\s*$")


class AnswerText(TypedDict):
    """One answer as the patient saw it on the review screen (the caller provides display strings).

    ``section`` (the questionnaire's heading), ``health`` and ``flag`` (the flag of the choice made) let the card
    group the answers and say which answer raised a flag, ``kind`` (phone, text ...) lets it put a name or number
    of an unfamiliar questionnaire first; leads stored before they existed lack them."""

    label: str
    value: str
    section: NotRequired[str]
    health: NotRequired[bool]
    flag: NotRequired[str]
    kind: NotRequired[str]


Direction = Literal["to_applicant", "from_applicant"]


@dataclass(frozen=True)
class RelayedMessage:
    """A message staff sent the applicant through the bot, or the applicant's answer (personal data)."""

    direction: Direction
    who: str
    """Staff member's name, or ``APPLICANT``."""
    text: str
    at: datetime


@dataclass(frozen=True)
class Consent:
    version: str
    lang: str
    time: datetime


@dataclass(frozen=True)
class StatusChange:
    status: Status
    who: str
    """Staff member's name, or ``APPLICANT``."""
    at: datetime


@dataclass(frozen=True)
class CrisisNote:
    """When the crisis screen answered the applicant before they applied: shown under the card's 🆘 flag."""

    at: datetime
    tier: str
    """``definite`` (the crisis reply), ``carer`` (about someone else) or ``check_in`` (asked first)."""
    place: Literal["answer", "chat"]
    step: str | None = None
    """The question's label when it was typed as an application answer."""


@dataclass(frozen=True)
class Lead:
    id: int
    created_at: datetime
    user_id: int | None
    """Telegram user id (personal data); None once erased."""
    chat_id: int | None
    lang: str
    answers: dict[str, AnswerText]
    """Question id -> label and value as displayed, in question order; empty once erased."""
    flags: tuple[Flag, ...]
    consent: Consent
    intake_version: str
    status: Status
    history: tuple[StatusChange, ...] = ()
    staff_message_id: int | None = None
    """The card in the staff chat, once delivered."""
    erased_at: datetime | None = None
    erased_reason: str | None = None
    crisis: tuple[CrisisNote, ...] = ()
    """Context of the 🆘 flag (personal data: erased with the answers)."""
    username: str | None = None
    """The applicant's Telegram @username without the @, if they have one (personal data)."""
    display_name: str | None = None
    """The applicant's Telegram name, for the mention link on the card (personal data)."""
    messages: tuple[RelayedMessage, ...] = ()
    """Messages relayed through the bot, oldest first; deleted when the lead is erased."""

    @property
    def ref(self) -> str:
        """The number patients and staff use: ``A-000123``."""
        return lead_ref(self.id)

    @property
    def erased(self) -> bool:
        return self.erased_at is not None


def lead_ref(lead_id: int) -> str:
    return f"{_REF_PREFIX}{lead_id:06d}"


def parse_lead_ref(text: str) -> int | None:
    """``A-000123``, ``a123``, ``Ａ－０００１２３`` or ``123`` -> 123; None if it is not a lead number."""
    match = _REF.match(unicodedata.normalize("NFKC", text))
    if not match:
        return None
    number = int(match.group(1))
    return number if number > 0 else None


def normalise_flags(flags: Iterable[str]) -> tuple[Flag, ...]:
    """Deduplicate and order by urgency; an unknown flag is a programming error."""
    given = set(flags)
    unknown = given.difference(FLAGS)
    if unknown:
        raise ValueError(f"unknown lead flag(s) {sorted(unknown)}; expected some of {list(FLAGS)}")
    return tuple(flag for flag in FLAGS if flag in given)


def normalise_answers(answers: Mapping[str, Mapping[str, object]]) -> dict[str, AnswerText]:
    result: dict[str, AnswerText] = {}
    for question_id, answer in answers.items():
        label, value = answer.get("label"), answer.get("value")
        if not isinstance(label, str) or not isinstance(value, str):
            # The message names the question only: the value may be personal data.
            raise ValueError(f"answer {question_id!r} needs string 'label' and 'value'")
        clean = AnswerText(label=label, value=value)
        section, health, flag, kind = (answer.get(k) for k in ("section", "health", "flag", "kind"))
        if isinstance(section, str) and section:
            clean["section"] = section
        if isinstance(health, bool) and health:
            clean["health"] = True
        if isinstance(flag, str) and flag:
            clean["flag"] = flag
        if isinstance(kind, str) and kind:
            clean["kind"] = kind
        result[str(question_id)] = clean
    return result
