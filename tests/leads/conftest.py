"""Real SQLite files in tmp_path, a fixed clock, and a recording sink that fails on cue (like httpx's
MockTransport: the worker under test is the real one, only the far end is replaced)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.leads.delivery import DeliveryWorker
from bot.leads.errors import DeliveryError
from bot.leads.model import Consent, Lead
from bot.leads.outbox import OutboxEntry
from bot.leads.store import LeadStore
from bot.storage.db import Database

T0 = datetime(2025, 11, 27, 5, 0, tzinfo=UTC)  # 14:00 in Nagoya

NAME = "山田花子"
PHONE = "090-1234-5678"
EMAIL = "hanako@example.jp"
SYMPTOM = "眠れない日が続いています"

ANSWERS = {
    "name": {"label": "お名前", "value": NAME},
    "phone": {"label": "電話番号", "value": PHONE},
    "email": {"label": "メール", "value": EMAIL},
    "symptoms": {"label": "今のお困りごと", "value": SYMPTOM},
}


class FakeSink:
    """Records what reached the "staff chat"; raises the queued errors first, one per call."""

    def __init__(self, failures: list[BaseException] | None = None) -> None:
        self.failures = list(failures or [])
        self.cards: list[Lead] = []
        self.notices: list[tuple[int, str]] = []
        self.edits: list[tuple[Lead, int]] = []
        self.repeats: list[tuple[int, datetime]] = []  # (lead id, repeat_of) of cards marked as possible repeats
        self.copy_edits: list[tuple[int, int, int]] = []  # (lead id, chat id, message id)
        self.deleted: list[tuple[int, int]] = []  # (chat id, message id)
        self.relay_edits: list[tuple[int, int, int]] = []  # (lead id, chat id, message id)
        self.relay_requests: list[tuple[int, int, int]] = []
        self.calls = 0
        self._message_id = 500

    def _maybe_fail(self) -> None:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)

    async def send_card(self, lead: Lead, *, repeat_of: datetime | None = None) -> int:
        self._maybe_fail()
        if repeat_of is not None:
            self.repeats.append((lead.id, repeat_of))
        self._message_id += 1
        self.cards.append(lead)
        return self._message_id

    async def send_notice(self, lead_id: int, kind: str) -> None:
        self._maybe_fail()
        self.notices.append((lead_id, kind))

    async def edit_card(self, lead: Lead, message_id: int, *, chat_id: int | None = None) -> None:
        self._maybe_fail()
        if chat_id is not None:
            self.copy_edits.append((lead.id, chat_id, message_id))
            return
        self.edits.append((lead, message_id))

    async def delete_message(self, chat_id: int, message_id: int) -> None:
        self._maybe_fail()
        self.deleted.append((chat_id, message_id))

    async def erase_relayed(self, lead_id: int, chat_id: int, message_id: int) -> None:
        self._maybe_fail()
        self.relay_edits.append((lead_id, chat_id, message_id))

    async def ask_to_delete(self, lead_id: int, chat_id: int, message_id: int) -> None:
        self._maybe_fail()
        self.relay_requests.append((lead_id, chat_id, message_id))


@pytest.fixture
def store(db: Database) -> LeadStore:
    return LeadStore(db, clock=lambda: T0)


def make_worker(store: LeadStore, sink: FakeSink) -> DeliveryWorker:
    """No jitter (rng 0: every delay is exactly half its base), so retry times are known. The only sender, as the
    bot is while it holds the data directory's lock."""
    return DeliveryWorker(store, sink, clock=lambda: T0, rng=lambda: 0.0, sole_sender=True)


def submit(
    store: LeadStore,
    key: str = "sub-1",
    user_id: int = 1001,
    *,
    flags: tuple[str, ...] = (),
    answers: dict[str, dict[str, str]] | None = None,
    lang: str = "ja",
    at: datetime = T0,
) -> Lead:
    return store.submit(
        key,
        user_id=user_id,
        chat_id=user_id,
        lang=lang,
        answers=ANSWERS if answers is None else answers,
        flags=flags,
        consent=Consent(version="2025-11", lang=lang, time=at - timedelta(minutes=4)),
        intake_version="monitor-3",
        now=at,
    )


def failures(*errors: DeliveryError) -> list[BaseException]:
    return list(errors)


def outbox_rows(store: LeadStore, lead_id: int) -> list[OutboxEntry]:
    """A lead's outbox rows in order (what the worker will send, and what it sent)."""
    ids = [row["id"] for row in store.db.query("SELECT id FROM outbox WHERE lead_id = ? ORDER BY id", (lead_id,))]
    return [entry for entry_id in ids if (entry := store.outbox.get(entry_id)) is not None]
