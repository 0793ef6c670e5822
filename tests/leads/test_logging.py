"""A whole lead's life, with every logger at DEBUG: no log line may carry what the patient wrote."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.leads.card import format_card
from bot.leads.errors import PermanentDeliveryError, TemporaryDeliveryError
from bot.leads.export import export_csv
from bot.leads.store import LeadStore
from bot.storage.unanswered import UnansweredLog
from bot.storage.users import UserStore
from tests.leads.conftest import EMAIL, NAME, PHONE, SYMPTOM, T0, FakeSink, make_worker, submit
from tests.leads.test_export import QUESTIONS

SECRETS = (NAME, PHONE, EMAIL, SYMPTOM, "1001")


async def test_a_whole_flow_logs_ids_and_error_kinds_only(store: LeadStore, caplog: pytest.LogCaptureFixture) -> None:
    sink = FakeSink([
        TemporaryDeliveryError("network", f"could not send {NAME} {PHONE}"),  # sinks should not, but might
        PermanentDeliveryError("bad_request", f"can't parse entities in {SYMPTOM}"),
        ValueError(EMAIL),
    ])
    with caplog.at_level(logging.DEBUG):
        users = UserStore(store.db)
        users.save_draft(1001, f'{{"name": "{NAME}"}}', T0)
        lead = submit(store, flags=("crisis",))
        users.clear_draft(1001, T0)
        worker = make_worker(store, sink)
        moment = T0
        for _ in range(6):
            await worker.run_once(moment)
            moment += timedelta(hours=2)
        store.set_status(lead.id, "contacted", "山田", moment)
        format_card(store.require(lead.id))
        export_csv(store.export_rows(), QUESTIONS, "ja")
        UnansweredLog(store.db).record(f"{NAME}です 電話は{PHONE}", "ja", moment)
        store.withdraw_for_user(1001, moment)
        users.delete_user(1001)
        await worker.run_once(moment)
        store.purge_older_than(0, moment + timedelta(days=1))
        await worker.run_once(moment + timedelta(days=1))
    assert len(sink.cards) == 1 and sink.notices == [(lead.id, "withdrawn")]
    lines = [record.getMessage() + (record.exc_text or "") for record in caplog.records]
    attempts = [line for line in lines if line.startswith("lead delivery: ")]
    assert len(attempts) == 6  # 3 failures, the card, one edit (status and withdrawal coalesce), the notice
    assert all(" lead=1 " in line for line in attempts)
    for line in lines:
        for secret in SECRETS:
            assert secret not in line, line
    unanswered = UnansweredLog(store.db).top(1)[0].question
    assert PHONE not in unanswered
