"""Lead delivery to the staff chat through the real bot: exactly one card, whatever Telegram does meanwhile.

The staff chat fails in the ways Telegram fails (5xx, 429 with retry_after, the connection dropped, "chat not
found"), then recovers; the outbox retries (with the short backoff of ``quicken``) until the card is posted once.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from telegram.error import ChatMigrated

from bot.handlers.staff_sink import _translate
from bot.leads.errors import PermanentDeliveryError
from tests.conversation.conftest import (
    JA_SHORT,
    STAFF_CHAT_ID,
    Applicant,
    BotUnderTest,
    lead_cards,
    read_db,
)


def outbox(bot: BotUnderTest) -> list[dict[str, Any]]:
    return [dict(row) for row in read_db(bot, "SELECT * FROM outbox ORDER BY id")]


FAILURES: dict[str, tuple[dict[str, Any], int, str]] = {
    # name: (api.fail arguments, how many times, the error kind the outbox records)
    "server_error": ({"status": 500}, 2, "network"),
    "bad_gateway": ({"status": 502}, 1, "network"),
    # PTB's rate limiter retries a 429 twice by itself; the third refusal reaches the worker. (PTB reads the
    # fraction as 0 s, which keeps this case fast; test_rate_limit_is_honoured waits a whole second.)
    "rate_limited": ({"status": 429, "retry_after": 0.2}, 3, "rate_limited"),
    "network_down": ({"network": True}, 2, "network"),
    "chat_not_found": ({"status": 400, "description": "Bad Request: chat not found"}, 2, "chat_not_found"),
    "bot_removed": ({"status": 403, "description": "Forbidden: bot was kicked from the supergroup chat"}, 1,
                    "forbidden"),
}


@pytest.mark.parametrize("case", list(FAILURES))
async def test_staff_chat_failing_then_recovering_gets_exactly_one_card(quick_bot: BotUnderTest, case: str) -> None:
    bot = quick_bot
    failure, times, kind = FAILURES[case]
    staff = bot.staff()
    user = bot.user("ja")
    bot.api.fail("sendMessage", STAFF_CHAT_ID, times=times, **failure)

    thanks = await Applicant(bot, user, "ja").apply(JA_SHORT)

    assert "受付番号は A-000001 です" in thanks.text  # the applicant is not kept waiting by the staff chat
    card = await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_quiet()
    assert len(lead_cards(bot)) == 1
    assert "お名前: 山田 花子" in card.last.text
    [row] = outbox(bot)
    assert row["kind"] == "card" and row["delivered_at"] is not None
    assert row["attempts"] >= 2 and row["last_error_kind"] == kind
    staff_sends = [c for c in bot.api.calls_of("sendMessage", chat_id=STAFF_CHAT_ID)
                   if "モニター申込" in str(c.params.get("text"))]  # not the start-up notice of missing facts
    assert sum(1 for c in staff_sends if c.status == 200) == 1


async def test_rate_limit_is_honoured(quick_bot: BotUnderTest) -> None:
    """After a 429 the next attempt waits at least ``retry_after`` (the worker pauses the whole outbox).

    Telegram sends whole seconds, and PTB 22 reads ``retry_after`` as whole seconds, so a fraction would read 0.
    """
    bot = quick_bot
    staff = bot.staff()
    bot.api.fail("sendMessage", STAFF_CHAT_ID, times=3, status=429, retry_after=1)
    await Applicant(bot, bot.user("ja"), "ja").apply(JA_SHORT)
    await staff.wait_for("モニター申込 A-000001")
    sends = bot.api.calls_of("sendMessage", chat_id=STAFF_CHAT_ID)
    refused, delivered = sends[-2], sends[-1]
    assert refused.status == 429 and delivered.status == 200
    assert delivered.time - refused.time >= 1.0


async def test_a_lead_waiting_in_the_outbox_is_delivered_once_after_a_restart(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    bot.api.fail("sendMessage", STAFF_CHAT_ID, times=10_000, status=500)  # the staff chat is down
    await Applicant(bot, bot.user("ja"), "ja").apply(JA_SHORT)
    await bot.api.wait_until(lambda: outbox(bot)[0]["attempts"] >= 2)
    assert lead_cards(bot) == []

    await bot.host.stop()
    bot.api.clear_failures()  # Telegram recovers while the bot is down
    await bot.host.start()

    await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_quiet()
    assert len(lead_cards(bot)) == 1
    assert outbox(bot)[0]["delivered_at"] is not None


async def test_several_leads_each_delivered_once_in_order(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    bot.api.fail("sendMessage", STAFF_CHAT_ID, times=2, status=500)
    for name in ("山田 花子", "鈴木 一郎", "田中 美咲"):
        await Applicant(bot, bot.user("ja"), "ja").apply({**JA_SHORT, "name": name})
    await staff.wait_for("モニター申込 A-000003")
    await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_quiet()
    cards = lead_cards(bot)
    assert sorted(c.text.splitlines()[0] for c in cards) == [
        "モニター申込 A-000001", "モニター申込 A-000002", "モニター申込 A-000003"]
    assert all(row["delivered_at"] is not None for row in outbox(bot))


async def test_delivery_log_lines_name_the_lead_only(quick_bot: BotUnderTest, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    bot = quick_bot
    staff = bot.staff()
    bot.api.fail("sendMessage", STAFF_CHAT_ID, times=1, status=500)
    await Applicant(bot, bot.user("ja"), "ja").apply(JA_SHORT)
    await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_quiet()
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.leads.delivery"]
    assert "lead delivery: lead=1 kind=card attempt=1 result=temporary_error error=network retry_in=0s" in lines
    assert "lead delivery: lead=1 kind=card attempt=2 result=delivered" in lines
    assert "lead delivery resumed after 1 failed attempts (lead=1)" in lines


def test_a_staff_group_upgraded_to_a_supergroup_is_a_permanent_error(caplog: pytest.LogCaptureFixture) -> None:
    """Telegram changes a group's id when it becomes a supergroup; only the operator can fix STAFF_CHAT_ID.

    (The fake Bot API cannot send ``migrate_to_chat_id``, so this one is checked on the sink's mapping.)
    """
    error = _translate(ChatMigrated(-1009876543210))
    assert isinstance(error, PermanentDeliveryError) and error.kind == "chat_migrated"
    assert caplog.messages == ["the staff chat is now a supergroup with the id -1009876543210: "
                               "set STAFF_CHAT_ID=-1009876543210 and restart the bot"]
