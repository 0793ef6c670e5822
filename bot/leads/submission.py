"""Submitting an application, and the policy around it: the daily limit, the crisis window, a second tap on Send.

``submit_application`` is the one place an application becomes a lead. It answers with what happened, and the
handler shows it:

    Accepted(lead)    stored (on disk before the thank-you), the draft discarded
    LimitReached()    this user sent ``max_per_day`` applications in the last day; nothing stored
    Incomplete()      the draft is not ready to send (the engine moved it back to what is missing)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.intake.draft import Draft
from bot.intake.engine import IntakeEngine
from bot.intake.session import ApplicationSession, Sessions
from bot.leads.model import Consent, CrisisNote, Lead
from bot.leads.store import LeadStore
from bot.safety.tiers import REPLIED
from bot.stats.events import StatsLog
from bot.storage.crisis_events import CrisisEvent, CrisisEvents
from bot.storage.users import UserStore

log = logging.getLogger(__name__)

CRISIS_FLAG_WINDOW = dt.timedelta(days=30)
"""A crisis reply this long before submitting flags the lead for the doctor."""
LIMIT_WINDOW = dt.timedelta(days=1)
"""The daily limit counts submissions within this window."""
SENT_WINDOW = dt.timedelta(days=1)
"""How long Send on an old review shows the thank-you of the lead it sent, instead of "no longer open"."""
FLAGGED_NOTE_FLAGS = frozenset({"minor", "screening", "crisis"})
"""Flags that add the "the doctor will look again" note to the thank-you."""
STAFF_LANG = "ja"
"""Staff read the answers in Japanese when the questionnaire has it."""


@dataclass(frozen=True)
class Accepted:
    lead: Lead

    @property
    def flagged(self) -> bool:
        """Whether the thank-you says the doctor will look again."""
        return bool(FLAGGED_NOTE_FLAGS & set(self.lead.flags))


@dataclass(frozen=True)
class LimitReached:
    pass


@dataclass(frozen=True)
class Incomplete:
    pass


Submitted = Accepted | LimitReached | Incomplete


@dataclass(frozen=True)
class Applicant:
    """Who is sending, as Telegram names them (kept on the card so staff know whom to ask for)."""

    chat_id: int
    username: str | None = None
    display_name: str | None = None


@dataclass(frozen=True)
class SubmissionPolicy:
    """The stores a submission reads and writes, and the daily limit."""

    leads: LeadStore
    users: UserStore
    crisis_events: CrisisEvents
    sessions: Sessions
    stats: StatsLog
    max_per_day: int

    def limit_reached(self, user_id: int, now: dt.datetime) -> bool:
        """Whether this user already sent the day's allowance (checked before starting, and again at Send)."""
        return self.users.count_submissions_since(user_id, now - LIMIT_WINDOW) >= self.max_per_day

    def recent_lead(self, user_id: int, now: dt.datetime) -> Lead | None:
        """The lead this user sent within ``SENT_WINDOW``: a second tap on Send shows its thank-you again."""
        recent = [lead for lead in self.leads.list_for_user(user_id) if lead.created_at >= now - SENT_WINDOW]
        return recent[-1] if recent else None


def submit_application(policy: SubmissionPolicy, session: ApplicationSession, applicant: Applicant,
                       now: dt.datetime) -> Submitted:
    """Store the application as a lead (flagged as the policy says), discard the draft and count it."""
    if policy.limit_reached(session.user_id, now):
        return LimitReached()
    draft, engine = session.draft, session.engine
    if not engine.submit(draft).accepted:
        policy.sessions.save(session)
        return Incomplete()
    assert draft.consent is not None  # the engine accepts only a consented draft
    staff_lang = STAFF_LANG if STAFF_LANG in engine.languages else draft.lang
    flags = list(engine.flags(draft))
    crisis = crisis_notes(policy.crisis_events.since(session.user_id, now - CRISIS_FLAG_WINDOW), engine, draft,
                          staff_lang)
    if any(note.tier in REPLIED for note in crisis) or \
            policy.users.crisis_seen_since(session.user_id, now - CRISIS_FLAG_WINDOW):
        flags.append("crisis")
    lead = policy.leads.submit(
        submission_key=f"{session.user_id}:{session.key}:{draft.consent.time}",
        user_id=session.user_id,
        chat_id=applicant.chat_id,
        lang=draft.lang,
        answers=engine.lead_answers(draft, staff_lang),
        flags=flags,
        consent=Consent(draft.consent.version, draft.consent.lang,
                        dt.datetime.fromisoformat(draft.consent.time.replace("Z", "+00:00"))),
        intake_version=draft.version,
        crisis=crisis if "crisis" in flags else (),
        now=now,
        username=applicant.username,
        display_name=applicant.display_name,
    )
    policy.sessions.discard(session.user_id)
    policy.stats.record("submitted")
    log.info("lead %s submitted", lead.id)
    return Accepted(lead)


def crisis_notes(events: Sequence[CrisisEvent], engine: IntakeEngine, draft: Draft, lang: str) -> list[CrisisNote]:
    """This applicant's own crisis events for the card: when, where, and the question's label (never the text)."""
    notes = []
    for event in events:
        question = engine.question(draft, event.step, lang) if event.step else None
        notes.append(CrisisNote(event.at, event.tier, event.place, question.label if question else event.step))
    return notes
