from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.leads.errors import LeadError, LeadStatusError, UnknownLeadError
from bot.leads.model import APPLICANT, StatusChange
from bot.leads.store import LeadStore
from bot.storage.audit import AuditEntry
from bot.storage.db import Database, SQLiteDatabase
from bot.storage.users import UserStore
from tests.leads.conftest import ANSWERS, T0, outbox_rows, submit


def test_submit_stores_the_lead_and_queues_its_card_in_one_go(store: LeadStore) -> None:
    lead = submit(store, flags=("minor", "crisis"))
    assert lead.id == 1 and lead.ref == "A-000001"
    assert lead.status == "new" and lead.created_at == T0
    assert lead.user_id == 1001 and lead.chat_id == 1001
    assert lead.answers == ANSWERS and list(lead.answers) == ["name", "phone", "email", "symptoms"]
    assert lead.flags == ("crisis", "minor")
    assert lead.consent.version == "2025-11" and lead.consent.time == T0 - timedelta(minutes=4)
    assert [(e.kind, e.delivered_at) for e in outbox_rows(store, lead.id)] == [("card", None)]
    assert UserStore(store.db).count_submissions_since(1001, T0 - timedelta(days=1)) == 1


def test_the_same_submission_key_returns_the_same_lead(store: LeadStore, db: Database) -> None:
    first = submit(store, "tap-1")
    again = submit(store, "tap-1", at=T0 + timedelta(seconds=2))
    assert again == first
    assert db.query_one("SELECT COUNT(*) FROM leads")[0] == 1  # type: ignore[index]
    assert len(outbox_rows(store, first.id)) == 1
    assert UserStore(db).count_submissions_since(1001, T0 - timedelta(days=1)) == 1
    assert submit(store, "tap-2").id == 2


def test_a_submission_key_of_another_user_is_refused(store: LeadStore) -> None:
    submit(store, "same", user_id=1)
    with pytest.raises(LeadError, match="submission_key reused by another user"):
        submit(store, "same", user_id=2)


def test_a_failed_submit_leaves_nothing_behind(store: LeadStore, db: Database) -> None:
    with pytest.raises(ValueError):
        submit(store, flags=("nonsense",))
    assert db.query_one("SELECT COUNT(*) FROM leads")[0] == 0  # type: ignore[index]
    assert store.outbox.pending_count() == 0


def test_status_changes_are_recorded_with_who_and_when(store: LeadStore) -> None:
    lead = submit(store)
    changed = store.set_status(lead.id, "contacted", "山田", T0 + timedelta(minutes=3))
    assert changed.status == "contacted"
    assert changed.history == (StatusChange("contacted", "山田", T0 + timedelta(minutes=3)),)
    assert store.set_status(lead.id, "contacted", "佐藤", T0 + timedelta(minutes=4)) == changed  # a double tap
    store.set_status(lead.id, "booked", "佐藤", T0 + timedelta(minutes=5), edit_card=False)
    kinds = [e.kind for e in outbox_rows(store, lead.id)]
    assert kinds == ["card", "status_update"]  # one waiting edit covers every change


def test_status_errors_say_what_is_allowed(store: LeadStore) -> None:
    lead = submit(store)
    with pytest.raises(LeadStatusError) as caught:
        store.set_status(lead.id, "withdrawn", "山田", T0)
    assert str(caught.value) == (
        "'withdrawn' is not a status staff can set; choose one of ['new', 'contacted', 'booked', 'not_suitable', "
        "'closed']"
    )
    with pytest.raises(UnknownLeadError) as unknown:
        store.set_status(99, "contacted", "山田", T0)
    assert str(unknown.value) == "There is no application A-000099. Check the number on the card."
    store.withdraw_for_user(1001, T0)
    with pytest.raises(LeadStatusError) as withdrawn:
        store.set_status(lead.id, "contacted", "山田", T0)
    assert str(withdrawn.value) == "A-000001 was withdrawn by the applicant, so its status can no longer be changed."


def test_list_open_is_newest_first_and_skips_finished_leads(store: LeadStore) -> None:
    for number in range(1, 6):
        submit(store, f"k{number}", user_id=number)
    store.set_status(2, "closed", "山田", T0)
    store.set_status(3, "booked", "山田", T0)
    store.withdraw_for_user(4, T0)
    assert [lead.id for lead in store.list_open(10)] == [5, 3, 1]
    assert [lead.id for lead in store.list_open(2)] == [5, 3]


def test_withdraw_erases_audits_and_tells_staff(store: LeadStore) -> None:
    first = submit(store, "a")
    second = submit(store, "b")
    other = submit(store, "c", user_id=2002)
    later = T0 + timedelta(days=1)
    assert store.withdraw_for_user(1001, later) == [first.id, second.id]
    for lead_id in (first.id, second.id):
        lead = store.require(lead_id)
        assert (lead.user_id, lead.chat_id, lead.answers) == (None, None, {})
        assert lead.status == "withdrawn" and lead.erased_at == later
        assert lead.flags == first.flags and lead.created_at == T0 and lead.consent == first.consent
        assert lead.history[-1] == StatusChange("withdrawn", APPLICANT, later)
        assert [e.kind for e in outbox_rows(store, lead_id)] == ["card", "status_update", "withdrawn"]
        assert store.audit.entries(lead_id) == [AuditEntry(lead_id, later, "deleted at user request")]
    assert store.require(other.id) == other  # another user's lead is untouched
    assert store.list_for_user(1001) == []
    assert store.withdraw_for_user(1001, later) == []  # nothing left to erase
    row = store.db.query_one("SELECT submission_key, answers FROM leads WHERE id = ?", (first.id,))
    assert tuple(row) == (None, None)  # type: ignore[arg-type]


def test_withdraw_and_user_deletion_compose_into_one_transaction(store: LeadStore, db: Database) -> None:
    users = UserStore(db)
    users.save_draft(1001, '{"step": 1}', T0)
    submit(store)
    with pytest.raises(RuntimeError), db.transaction():
        store.withdraw_for_user(1001, T0)
        users.delete_user(1001)
        raise RuntimeError("crash before commit")
    assert store.require(1).user_id == 1001 and users.get(1001) is not None and store.audit.entries() == []


def test_retention_erases_old_leads_only_and_keeps_their_status(store: LeadStore) -> None:
    old = submit(store, "old", at=T0 - timedelta(days=200))
    store.set_status(old.id, "closed", "山田", T0 - timedelta(days=190))
    recent = submit(store, "new", user_id=2002, at=T0 - timedelta(days=10))
    assert store.purge_older_than(180, T0) == [old.id]
    purged = store.require(old.id)
    assert purged.answers == {} and purged.user_id is None and purged.status == "closed"
    assert purged.erased_reason == "retention"
    assert store.audit.entries() == [AuditEntry(old.id, T0, "retention")]
    assert store.require(recent.id).answers == ANSWERS
    assert store.purge_older_than(180, T0) == []  # already erased: no second audit row
    assert "withdrawn" not in [e.kind for e in outbox_rows(store, old.id)]


def test_export_rows_uses_japan_calendar_days(store: LeadStore) -> None:
    # 2025-11-26 23:30 JST is 14:30 UTC on the 26th; 2025-11-27 00:30 JST is 15:30 UTC on the 26th.
    late = submit(store, "late", at=T0.replace(day=26, hour=14, minute=30))
    early = submit(store, "early", at=T0.replace(day=26, hour=15, minute=30))
    assert [lead.id for lead in store.export_rows(date(2025, 11, 27), date(2025, 11, 27))] == [early.id]
    assert [lead.id for lead in store.export_rows(None, date(2025, 11, 26))] == [late.id]
    assert [lead.id for lead in store.export_rows()] == [late.id, early.id]


def test_leads_survive_a_restart(data_dir: Path) -> None:
    with SQLiteDatabase.open(data_dir) as db:
        lead = submit(LeadStore(db), flags=("guardian",))
    with SQLiteDatabase.open(data_dir) as db:
        assert LeadStore(db).require(lead.id) == lead


def test_erasure_deletes_the_relayed_messages_and_the_telegram_name(store: LeadStore) -> None:
    other = submit(store, "other", user_id=2)
    old = store.submit("old", user_id=1, chat_id=1, lang="ja", answers={}, flags=(),
                       consent=other.consent, intake_version="v", now=T0, username="hanako", display_name="Hanako")
    store.relay.record(old.id, "to_applicant", "山田", "お電話します", T0, staff_message_id=70)
    store.relay.record(other.id, "from_applicant", APPLICANT, "よろしくお願いします", T0)
    assert store.require(old.id).username == "hanako" and len(store.require(old.id).messages) == 1
    store.purge_older_than(1, T0 + timedelta(days=2))  # retention erases both the same way as /delete
    erased = store.require(old.id)
    assert (erased.username, erased.display_name, erased.messages) == (None, None, ())
    assert store.relay.lead_for_staff_message(70) is None
    assert store.db.query("SELECT COUNT(*) FROM lead_messages")[0][0] == 0
