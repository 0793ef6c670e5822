"""The application session: a user's draft with the questionnaire it started with, loaded, saved and discarded.

The draft is saved after every step, so a restart or a day away resumes at the same question. It remembers the
key of its questionnaire (a snapshot of both languages, kept in the database), so a content reload does not change
the questions under the applicant. The clinic's policies are the exception: every engine handed out follows the
live settings' decisions (``bot.intake.policy``), so a choice the clinic stops offering to minors is not kept by an
older snapshot. A stored draft that can no longer be read is discarded: the applicant starts afresh instead of
meeting a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.content.schema import Intake
from bot.intake.draft import Draft
from bot.intake.engine import IntakeEngine
from bot.stats.events import StatsLog, intake_events
from bot.storage.snapshots import SnapshotStore
from bot.storage.users import UserStore

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


class CurrentQuestionnaire(Protocol):
    """What the live content offers: the questionnaire, its key and its JSON (for the snapshot)."""

    @property
    def intake(self) -> IntakeEngine: ...

    @property
    def intake_key(self) -> str: ...

    @property
    def intake_json(self) -> str: ...

    @property
    def policies(self) -> Mapping[str, str]: ...


class Questionnaires:
    """The questionnaire of the current content, and the older ones drafts were started with."""

    def __init__(self, current: Callable[[], CurrentQuestionnaire], snapshots: SnapshotStore, clock: Clock) -> None:
        self._current = current
        self._snapshots = snapshots
        self._clock = clock
        self._engines: dict[str, IntakeEngine] = {}

    def current(self) -> tuple[str, IntakeEngine]:
        """The current questionnaire, saved as a snapshot the first time so drafts can keep it after a reload."""
        live = self._current()
        if live.intake_key not in self._engines:
            self._snapshots.save_snapshot(live.intake_key, live.intake_json, self._clock())
        return live.intake_key, self._bound(live.intake_key, self._engines.get(live.intake_key, live.intake),
                                            live.policies)

    def get(self, key: str) -> IntakeEngine | None:
        """The engine of the questionnaire ``key``; None if it is no longer known (then start afresh)."""
        current_key, current = self.current()
        if key == current_key:
            return current
        engine = self._engines.get(key)
        if engine is None:
            payload = self._snapshots.load_snapshot(key)
            if payload is None:
                return None
            data = json.loads(payload)
            engine = IntakeEngine({lang: Intake.model_validate(value) for lang, value in data.items()})
        return self._bound(key, engine, self._current().policies)

    def _bound(self, key: str, engine: IntakeEngine, policies: Mapping[str, str]) -> IntakeEngine:
        """``engine`` following the live decisions, kept until they change."""
        bound = engine.with_policies(policies)
        self._engines[key] = bound
        return bound


@dataclass
class ApplicationSession:
    """A user's draft with the questionnaire it belongs to."""

    user_id: int
    key: str
    """The questionnaire's snapshot key."""
    engine: IntakeEngine
    draft: Draft
    counted: tuple[str, frozenset[str]] | None = None
    """Where the draft stood when last counted for the statistics (None: just begun)."""

    @property
    def position(self) -> str:
        return self.engine.position(self.draft)

    def dump(self) -> str:
        return json.dumps({"key": self.key, "draft": self.draft.to_dict()}, ensure_ascii=False)


class Sessions:
    """Load, start, save and discard application sessions; every save is also counted for the statistics."""

    def __init__(self, users: UserStore, questionnaires: Questionnaires, stats: StatsLog, clock: Clock) -> None:
        self._users = users
        self._questionnaires = questionnaires
        self._stats = stats
        self._clock = clock

    def load(self, user_id: int) -> ApplicationSession | None:
        """The application in progress, or None (also for a stored draft that can no longer be read)."""
        record = self._users.get(user_id)
        if record is None or not record.draft:
            return None
        try:
            data = json.loads(record.draft)
            key = str(data["key"])
            draft = Draft.from_dict(data["draft"])
        except (ValueError, KeyError, TypeError):
            log.warning("discarding an unreadable application draft")
            self.discard(user_id)
            return None
        engine = self._questionnaires.get(key)
        if engine is None:
            self.discard(user_id)
            return None
        if draft.stage in ("done", "declined"):
            return None
        engine.resume(draft)
        return ApplicationSession(user_id, key, engine, draft, (engine.position(draft), frozenset(draft.answers)))

    def start(self, user_id: int, lang: str) -> ApplicationSession:
        """A new application on the current questionnaire, saved at its intro."""
        key, engine = self._questionnaires.current()
        session = ApplicationSession(user_id, key, engine, engine.start(lang))
        self.save(session)
        return session

    def save(self, session: ApplicationSession) -> None:
        self._users.save_draft(session.user_id, session.dump(), self._clock())
        counted = (session.position, frozenset(session.draft.answers))
        for kind, label in intake_events(session.counted, *counted):
            self._stats.record(kind, label)
        session.counted = counted

    def discard(self, user_id: int) -> None:
        self._users.clear_draft(user_id, self._clock())

    def cancel(self, session: ApplicationSession) -> None:
        """The applicant stopped: the answers are discarded, and where they stopped is counted."""
        self.discard(session.user_id)
        self._stats.record("cancelled", session.position)

    def decline(self, session: ApplicationSession) -> None:
        """Consent declined: nothing is kept."""
        self.discard(session.user_id)
        self._stats.record("consent_declined")
