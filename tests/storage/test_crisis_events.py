"""Crisis events: per user, never another's; erased on /delete and by retention; no text column at all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.storage.crisis_events import CrisisEvents
from bot.storage.db import SQLiteDatabase

T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_events_belong_to_one_user_and_go_with_delete_and_retention(tmp_path: Path) -> None:
    db = SQLiteDatabase.open(tmp_path)
    events = CrisisEvents(db)
    events.record(1, "definite", "answer", "name", T0)
    events.record(1, "check_in", "chat", None, T0 + timedelta(hours=1))
    events.record(2, "carer", "chat", None, T0)
    assert [(e.tier, e.place, e.step) for e in events.since(1, T0)] == [("definite", "answer", "name"),
                                                                         ("check_in", "chat", None)]
    assert [e.tier for e in events.since(2, T0 - timedelta(days=1))] == ["carer"]
    assert events.purge_before(T0 + timedelta(minutes=30)) == 2
    events.forget(1)
    assert events.since(1, T0 - timedelta(days=1)) == []
    columns = {row["name"] for row in db.query("PRAGMA table_info(crisis_events)")}
    assert columns == {"user_id", "at", "tier", "place", "step"}  # never the message
    db.close()
