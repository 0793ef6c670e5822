"""The application session and the submission policy, driven without Telegram: real SQLite in tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.content.schema import Intake
from bot.intake.engine import IntakeEngine
from bot.intake.session import ApplicationSession, Questionnaires, Sessions
from bot.leads.store import LeadStore
from bot.leads.submission import (
    Accepted,
    Applicant,
    Incomplete,
    LimitReached,
    SubmissionPolicy,
    submit_application,
)
from bot.stats.events import StatsLog
from bot.storage.crisis_events import CrisisEvents
from bot.storage.db import SQLiteDatabase
from bot.storage.snapshots import SnapshotStore
from bot.storage.users import UserStore
from tests.intake.conftest import ADULT, NOW, TODAY, walk

USER = 4242


class World:
    def __init__(self, tmp_path: Path, intakes: dict[str, Intake], max_per_day: int = 3) -> None:
        self.now = NOW.astimezone(dt.UTC)
        self.db = SQLiteDatabase.open(tmp_path)
        engine = IntakeEngine(intakes, today=lambda: TODAY)
        live = SimpleNamespace(intake=engine, intake_key="k1", intake_json="{}", policies={})
        self.users = UserStore(self.db)
        self.stats = StatsLog(self.db, lambda: self.now)
        self.sessions = Sessions(self.users, Questionnaires(lambda: live, SnapshotStore(self.db), lambda: self.now),
                                 self.stats, lambda: self.now)
        self.leads = LeadStore(self.db)
        self.crisis = CrisisEvents(self.db)
        self.policy = SubmissionPolicy(self.leads, self.users, self.crisis, self.sessions, self.stats, max_per_day)

    def ready(self) -> ApplicationSession:
        session = self.sessions.start(USER, "ja")
        engine, draft = session.engine, session.draft
        assert engine.open_consent(draft).accepted and engine.accept_consent(draft, self.now).accepted
        walk(engine, draft, ADULT)
        assert draft.stage == "review"
        self.sessions.save(session)
        loaded = self.sessions.load(USER)
        assert loaded is not None
        return loaded


@pytest.fixture
def world(tmp_path: Path, intakes: dict[str, Intake]) -> Iterator[World]:
    w = World(tmp_path, intakes)
    yield w
    w.db.close()


def test_a_session_survives_a_reload_from_the_database(world: World) -> None:
    session = world.sessions.start(USER, "en")
    assert session.engine.open_consent(session.draft).accepted
    world.sessions.save(session)
    loaded = world.sessions.load(USER)
    assert loaded is not None and loaded.key == "k1" and loaded.draft.stage == "consent"
    world.sessions.discard(USER)
    assert world.sessions.load(USER) is None


def test_an_unreadable_draft_is_discarded_not_raised(world: World) -> None:
    world.users.save_draft(USER, "{not json", world.now)
    assert world.sessions.load(USER) is None
    record = world.users.get(USER)
    assert record is not None and not record.draft


def test_submitting_stores_the_lead_and_discards_the_draft(world: World) -> None:
    session = world.ready()
    result = submit_application(world.policy, session, Applicant(USER, "hanako"), world.now)
    assert isinstance(result, Accepted)
    assert result.lead.user_id == USER and "crisis" not in result.lead.flags
    assert world.sessions.load(USER) is None
    assert world.policy.recent_lead(USER, world.now) == result.lead


def test_an_application_not_at_the_review_is_incomplete(world: World) -> None:
    session = world.sessions.start(USER, "ja")
    assert isinstance(submit_application(world.policy, session, Applicant(USER), world.now), Incomplete)
    assert world.leads.list_for_user(USER) == []


def test_the_daily_limit_stores_nothing(world: World) -> None:
    for _ in range(3):
        world.users.record_submission(USER, world.now)
    session = world.ready()
    assert isinstance(submit_application(world.policy, session, Applicant(USER), world.now), LimitReached)
    assert world.leads.list_for_user(USER) == []
    assert world.sessions.load(USER) is not None  # the answers are kept


def test_a_crisis_reply_within_the_window_flags_the_lead(world: World) -> None:
    world.crisis.record(USER, "definite", "chat", None, world.now - dt.timedelta(days=29))
    session = world.ready()
    result = submit_application(world.policy, session, Applicant(USER), world.now)
    assert isinstance(result, Accepted) and "crisis" in result.lead.flags and result.flagged
