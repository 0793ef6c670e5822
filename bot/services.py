"""Everything a handler may use, opened once at start-up: content, storage, leads, flood control.

Free of Telegram: the delivery worker, with its Telegram sink, is built and attached by ``bot.app``, so the domain
can be driven from tests and scripts directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.config import Settings
from bot.flood import FloodGuard
from bot.intake.session import Questionnaires, Sessions
from bot.leads.delivery import DeliveryHealth, DeliveryWorker
from bot.leads.store import LeadStore
from bot.leads.submission import SubmissionPolicy
from bot.live import LiveContent
from bot.stats import StatsLog
from bot.storage.base import Database, new_owner, utcnow
from bot.storage.crisis_events import CrisisEvents
from bot.storage.instances import Leases, PollerLock, UpdateGate, purge_handled_updates
from bot.storage.lock import DataDirLock
from bot.storage.opening import open_database
from bot.storage.snapshots import SnapshotStore
from bot.storage.unanswered import UnansweredLog
from bot.storage.users import CRISIS_MEMORY, UserStore

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    live: LiveContent
    db: Database
    users: UserStore
    leads: LeadStore
    snapshots: SnapshotStore
    unanswered: UnansweredLog
    crisis_events: CrisisEvents
    flood: FloodGuard = field(default_factory=FloodGuard)
    photo_ids: dict[tuple[str, int], str] = field(default_factory=dict)
    """Telegram file ids of pictures already uploaded, by path and modification time."""
    delivery: DeliveryWorker | None = None
    """Lead delivery to the staff chat through the sink ``bot.app`` injects; None without a staff chat."""
    lock: DataDirLock | PollerLock | None = None
    """Held while the bot runs when it must be the only process: SQLite's data directory, or the long poller of a
    PostgreSQL database (webhook instances on PostgreSQL hold none: any number may run)."""
    owner: str = field(default_factory=new_owner)
    """This process in outbox claims, leases and PostgreSQL's ``application_name``."""
    gate: UpdateGate | None = None
    """PostgreSQL in webhook mode: per-chat turns and once-only updates across instances."""
    leases: Leases = field(init=False)
    """Jobs one instance at a time: retention, the content watcher."""
    stats: StatsLog = field(init=False)
    """Daily usage counts without personal data (``bot.stats``)."""
    questionnaires: Questionnaires = field(init=False)
    sessions: Sessions = field(init=False)
    """Applications in progress (``bot.intake.session``)."""
    submissions: SubmissionPolicy = field(init=False)
    """Sending an application and its limits (``bot.leads.submission``)."""

    def __post_init__(self) -> None:
        self.stats = StatsLog(self.db, lambda: self.now())
        self.leases = Leases(self.db, self.owner)
        self.questionnaires = Questionnaires(lambda: self.live.current, self.snapshots, self.now)
        self.sessions = Sessions(self.users, self.questionnaires, self.stats, self.now)
        self.submissions = SubmissionPolicy(self.leads, self.users, self.crisis_events, self.sessions, self.stats,
                                            self.settings.max_applications_per_day)

    @classmethod
    def open(cls, settings: Settings, live: LiveContent | Callable[[], LiveContent]) -> Services:
        """Open the database (SQLite under the data directory's lock, or PostgreSQL); ``StorageError`` says what
        to do. Long polling on PostgreSQL takes the one poller's lock; webhook instances on it share the database.

        ``live`` may be a loader, called once the storage is open: a data directory the bot cannot use is then
        reported at once, not after seconds of building the content."""
        owner = new_owner()
        lock: DataDirLock | PollerLock | None = None
        if not settings.database_url:
            lock = DataDirLock.acquire(settings.data_dir)
        try:
            db = open_database(settings, owner=owner)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        gate = None
        try:
            if settings.database_url and not settings.webhook_url:
                lock = PollerLock.acquire(settings.database_url, db.where, owner)
            if callable(live):
                live = live()
            if settings.database_url and settings.webhook_url:
                gate = UpdateGate(settings.database_url, owner, db.where)
        except BaseException:
            db.close()
            if lock is not None:
                lock.release()
            raise
        services = cls(settings, live, db, UserStore(db), LeadStore(db), SnapshotStore(db), UnansweredLog(db),
                       CrisisEvents(db), FloodGuard(rate=settings.flood_rate, burst=settings.flood_burst),
                       owner=owner, gate=gate)
        services.lock = lock
        return services

    def now(self) -> dt.datetime:
        return utcnow()

    def close(self) -> None:
        self.stats.flush()
        with contextlib.suppress(Exception):
            self.leases.release_all()
        self.db.close()
        if self.lock is not None:
            self.lock.release()

    # --- leads --------------------------------------------------------------------------------------------------

    def worker(self) -> DeliveryWorker:
        """The delivery worker ``bot.app`` attached (there is one whenever a staff chat is configured)."""
        assert self.delivery is not None, "no staff chat is configured, so nothing delivers leads"
        return self.delivery

    async def deliver_due(self) -> int:
        """Deliver what is due in the outbox (the job queue's pass, or right after a submit); a call while a pass
        runs returns at once, so the two never overlap."""
        return 0 if self.delivery is None else await self.delivery.run_once()

    def delivery_health(self, now: dt.datetime) -> DeliveryHealth:
        """For /health: the outbox's figures, and the worker's state when a staff chat is configured."""
        return DeliveryHealth.of(self.leads.outbox, now) if self.delivery is None else self.delivery.health(now)

    def apply_retention(self) -> None:
        """Erase what is older than its period in the privacy notice: leads, abandoned drafts, unanswered-question
        and usage counts after the retention period, crisis markers, submission times and idle users' settings
        (see ``UserStore.purge_stale``); then checkpoint, so the erased rows leave the WAL file too."""
        now = self.now()
        days = self.settings.retention_days
        erased = self.leads.purge_older_than(days, now)
        drafts = self.users.purge_drafts_older_than(days, now)
        questions = self.unanswered.purge_older_than(days, now)
        crisis = self.crisis_events.purge_before(now - CRISIS_MEMORY)  # read only within 30 days (privacy notice)
        stale = self.users.purge_stale(days, now)
        self.stats.purge_older_than(days, now)  # usage counts too, as the privacy notice says
        purge_handled_updates(self.db, now)  # update ids only, nothing personal
        if erased or drafts or questions or crisis or any(stale.values()):
            others = "".join(f", {count} {what}" for what, count in stale.items())
            log.info("retention: erased %d lead(s), %d draft(s), %d question count(s), %d crisis event(s)%s",
                     len(erased), drafts, questions, crisis, others)
            self.db.checkpoint()

    def erased(self) -> None:
        """After personal data was erased (/delete): checkpoint, so its old versions leave the WAL file."""
        self.db.checkpoint()
