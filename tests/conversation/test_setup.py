"""Start-up tells the log and STAFF_USER_IDS when leads cannot reach a staff chat; /chatid for staff in private."""

from __future__ import annotations

import logging

import pytest

from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser
from tests.conversation.conftest import STAFF_CHAT_ID, QuickBots

STAFF_USER = 9100


async def test_without_staff_chat_id_the_log_and_listed_staff_are_told_how_to_set_it_up(
        bot_api: FakeBotApi, quick_bots: QuickBots, caplog: pytest.LogCaptureFixture) -> None:
    member = FakeUser(bot_api, STAFF_USER, "Suzuki")
    with caplog.at_level(logging.WARNING, logger="bot.handlers.setup"):
        await quick_bots.start(staff_chat_id=None, staff_user_ids=frozenset({STAFF_USER}))
        told = await member.wait_for("STAFF_CHAT_ID")
    assert told.text.startswith("⚠️ スタッフ用チャット（STAFF_CHAT_ID）が設定されていないため、申込はボットに保存された"
                                "まま、どこにも届いていません。\n\nスタッフ用チャットの作り方:\n1. Telegram で新しい")
    assert "そのグループで /chatid と送ると" in told.text
    assert any("STAFF_CHAT_ID is not set" in r.getMessage() and "/chatid" in r.getMessage() for r in caplog.records)
    steps = await member.send("/chatid")
    assert steps.text.endswith("/chatid はグループの中で送ってください。")


async def test_a_bot_removed_from_the_staff_group_is_noticed_at_start(
        bot_api: FakeBotApi, quick_bots: QuickBots, caplog: pytest.LogCaptureFixture) -> None:
    member = FakeUser(bot_api, STAFF_USER, "Suzuki")
    FakeUser(bot_api, 9001, "Yamada", chat_id=STAFF_CHAT_ID, is_private=False)
    bot_api.remove_bot(STAFF_CHAT_ID)
    with caplog.at_level(logging.WARNING, logger="bot.handlers.setup"):
        await quick_bots.start(staff_user_ids=frozenset({STAFF_USER}))
        told = await member.wait_for("メンバーではありません")
    assert told.text == (f"⚠️ ボットがスタッフ用チャット（STAFF_CHAT_ID={STAFF_CHAT_ID}）のメンバーではありません。"
                         "グループにボットをもう一度追加してください。申込はボットに保存され、追加されしだい送られます。")
    assert any("not a member of the staff chat" in r.getMessage() for r in caplog.records)


async def test_a_wrong_staff_chat_id_is_noticed_at_start(bot_api: FakeBotApi, quick_bots: QuickBots,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    member = FakeUser(bot_api, STAFF_USER, "Suzuki")
    with caplog.at_level(logging.WARNING, logger="bot.handlers.setup"):
        await quick_bots.start(staff_chat_id=-1005555555555, staff_user_ids=frozenset({STAFF_USER}))
        told = await member.wait_for("届きません")
    assert told.text.startswith("⚠️ ボットがスタッフ用チャット（STAFF_CHAT_ID=-1005555555555）に届きません。")
    assert any("cannot reach the staff chat STAFF_CHAT_ID=-1005555555555 (BadRequest)" in r.getMessage()
               for r in caplog.records)


async def test_a_patient_is_not_told_anything_at_start(bot_api: FakeBotApi, quick_bots: QuickBots) -> None:
    patient = FakeUser(bot_api, 5555, "Hanako")
    await quick_bots.start(staff_chat_id=None)
    assert (await patient.wait_quiet(settle=0.2)).text == ""


async def test_jobs_that_fall_due_while_the_bot_is_busy_run_late_instead_of_never(quick_bots: QuickBots) -> None:
    # a loaded machine once delayed the one-off staff-chat check past APScheduler's 1 s grace, and it never ran
    bot = await quick_bots.start()
    jobs = bot.app.job_queue.jobs() if bot.app.job_queue else ()
    assert jobs
    assert all(job.job.misfire_grace_time is None and job.job.coalesce for job in jobs)
