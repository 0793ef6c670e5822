"""Hardening, through the real application and the fake Bot API: an unreadable update, malformed staff buttons,
edited answers, Telegram refusing a request inside a handler, /delete that deletes every copy and every byte,
and the staff-chat health loop."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.handlers.context import services_of
from bot.handlers.staff_sink import TelegramLeadSink
from bot.i18n import t
from bot.leads.model import AnswerText
from bot.storage.db import FILENAME
from tests.botapi.server import FakeBotApi
from tests.conversation.conftest import (
    JA_SELF_PHONE,
    JA_SHORT,
    STAFF_CHAT_ID,
    Applicant,
    BotUnderTest,
    QuickBots,
    lead_cards,
    read_db,
)

BROKEN = {"date": "yesterday", "message_id": 1, "text": "助けて 山田花子です", "chat": {"id": 777, "type": "private",
          "first_name": "Poison"}, "from": {"id": 777, "is_bot": False, "first_name": "Poison"}}
"""A message the library cannot read (``date`` must be a number): one update in another Bot API format."""


PHONE = "080-2468-1357"


async def test_an_update_the_library_cannot_read_is_skipped_and_the_next_user_is_answered(
    quick_bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    bot = quick_bot
    with caplog.at_level(logging.DEBUG):
        poison = bot.api.enqueue({"message": BROKEN})
        replies = await bot.user("en").send("/start")
    assert replies, "the user after the unreadable update got no answer"
    assert bot.api.updates.confirmed > poison  # the offset moved past it: it never comes back
    assert f"skipped update {poison}: the library cannot read it (TypeError)" in caplog.messages
    assert "山田花子" not in caplog.text and "Poison" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]


@pytest.mark.parametrize("data", ["s:²:closed", "s:١٢:closed", "s:" + "9" * 40 + ":closed", "s:1:closed:x",
                                  "s:1:ｃｌｏｓｅｄ", "s::closed", "s:-1:closed", "s:0:closed"])
async def test_malformed_staff_button_data_is_refused_politely(quick_bot: BotUnderTest, data: str) -> None:
    bot = quick_bot
    staff = bot.staff()
    await Applicant(bot, bot.user("ja"), "ja").apply(JA_SHORT)
    await staff.wait_for("モニター申込")  # the card is sent by the delivery job, not before the thank-you
    pressed = await staff.press_data(data, lead_cards(bot)[0].message_id)
    assert pressed.alerts in (["このボタンは古くなっています。"], [])
    assert [r["status"] for r in read_db(bot, "SELECT status FROM leads")] == ["new"]
    assert bot.api.unanswered_callbacks() == []
    assert not [m for m in bot.api.bot_messages(STAFF_CHAT_ID) if "Bot error" in m.text]


async def test_an_edited_answer_gets_a_note_saying_how_to_change_it(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    user = bot.user("en")
    applicant = Applicant(bot, user, "en")
    await applicant.begin()
    await user.send("hello")
    replies = await user.edit_last_text("hello again")
    assert replies.text == t("en", "I noticed you edited a message. I only read new messages, so the edit was not "
                                   "taken in. To change an answer, send it again as a new message, or use the "
                                   "buttons on the review screen before you send the application.")


async def test_telegram_refusing_a_request_inside_a_handler_is_reported_not_hidden(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    user, staff = bot.user("en"), bot.staff()
    bot.api.fail("sendMessage", user.chat_id, times=1, status=400,
                 description="Bad Request: can't parse entities: unsupported start tag")
    replies = await user.send("/help")
    assert replies.text == t("en", "Sorry, something went wrong on our side. Please try again, or go back to the menu.")
    report = await staff.wait_for("Bot error BadRequest")
    assert "Details are in the server log." in report.text


async def test_delete_erases_every_copy_of_the_card_and_every_byte_of_the_answers(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    user, staff = bot.user("ja"), bot.staff()
    await Applicant(bot, user, "ja").apply({**JA_SELF_PHONE, "phone": PHONE})  # not the content's example number
    await staff.wait_for("モニター申込 A-000001")
    copy = (await staff.send("/lead A-000001")).last
    assert "山田 花子" in copy.text
    await staff.send("/export")
    [export] = [m for m in bot.api.bot_messages(STAFF_CHAT_ID) if m.kind == "document"]

    await user.send("/delete")
    await user.press(t("ja", "Yes, delete my data"))
    await staff.wait_for("取り下げられ")
    await bot.api.wait_quiet()

    assert export.message_id not in {m.message_id for m in bot.api.bot_messages(STAFF_CHAT_ID)}  # the CSV is gone
    shown = {m.message_id: m.text for m in bot.api.bot_messages(STAFF_CHAT_ID)}
    assert "本人の依頼により、個人情報（回答・連絡先）を削除しました" in shown[copy.message_id]
    assert not [text for text in shown.values() if "山田" in text or "2468-1357" in text]
    found = deleted_bytes_found(bot.host.data_dir, ["山田 花子", "+818024681357", "080-2468-1357", "2468-1357"])
    assert found == {}, f"deleted data still in the database files: {found}"


def deleted_bytes_found(data_dir: Path, secrets: list[str]) -> dict[str, int]:
    """How many bytes of each secret are still readable in the database files (main file, WAL, shared memory)."""
    found: dict[str, int] = {}
    blob = b"".join(p.read_bytes() for p in sorted(data_dir.glob(FILENAME + "*")))
    for secret in secrets:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            count = blob.count(secret.encode(encoding))
            if count:
                found[f"{secret} ({encoding})"] = count * len(secret.encode(encoding))
    return found


async def test_a_broken_staff_chat_is_explained_staff_are_told_and_a_command_there_retries(
    quick_bots: QuickBots,
) -> None:
    bot = await quick_bots.start(staff_user_ids=frozenset({9001}))
    member = bot.user("ja")  # a staff member's private chat with the bot
    member_chat = 9001
    bot.api.add_chat({"id": member_chat, "type": "private", "first_name": "Yamada"})
    bot.api.fail("sendMessage", STAFF_CHAT_ID, times=1000, status=403,
                 description="Forbidden: bot was kicked from the supergroup chat")
    await Applicant(bot, member, "ja").apply(JA_SHORT)
    await bot.api.wait_until(lambda: any("届けられません" in m.text for m in bot.api.bot_messages(member_chat)),
                             what="the outage alert to the staff member")
    [alert] = [m for m in bot.api.bot_messages(member_chat) if "届けられません" in m.text]
    assert "ボットがスタッフチャットから外されたか" in alert.text and "失われることはありません" in alert.text

    from tests.botapi.user import FakeUser

    staff_member = FakeUser(bot.api, user_id=9001, first_name="Yamada", language_code="ja")
    health = await staff_member.send("/health")
    assert "原因: ボットがスタッフチャットから外されたか、発言を許可されていません" in health.text
    assert "対処: ボットをスタッフチャットに追加し直し" in health.text

    bot.api.clear_failures()
    staff = bot.staff()
    await staff.send("/health")  # proof the chat works again
    await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_until(lambda: any("再開しました" in m.text for m in bot.api.bot_messages(member_chat)),
                             what="the recovery message to the staff member")
    assert len(lead_cards(bot)) == 1


async def test_a_card_answered_after_the_time_out_is_posted_again_saying_it_may_be_a_repeat(
    quick_bot: BotUnderTest,
) -> None:
    bot = quick_bot
    services = services_of(bot.app)
    sink = services.worker().sink
    assert isinstance(sink, TelegramLeadSink)
    sink.card_timeout = 0.3  # 30 s in production
    # Telegram posts the card but answers too late
    late = bot.api.hold("sendMessage", STAFF_CHAT_ID, containing="モニター申込")
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SHORT)
    await user.press(applicant.intake.submit, wait=False)  # its card stays in flight: nothing goes quiet
    for _ in range(500):
        if read_db(bot, "SELECT 1 FROM outbox WHERE in_doubt = 1"):
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("the timed-out card was never marked as in doubt")
    await bot.api.wait_until(lambda: any("再送です" in c.text for c in lead_cards(bot)), what="the second post")
    late.set()
    await bot.api.wait_quiet()
    cards = lead_cards(bot)
    assert len(cards) == 2 and not cards[0].text.startswith("⚠️")
    assert all(c.text.startswith("⚠️ 再送です: ") and "同じ番号のカードがすでにあれば、こちらは重複です。" in c.text
               for c in cards[1:])


async def test_a_possible_repeat_of_a_card_at_the_length_limit_gets_its_note_just_before_it(
    bot_api: FakeBotApi,
) -> None:
    from telegram import Bot

    from bot.handlers.staff_sink import TelegramLeadSink
    from bot.leads.model import Consent, Lead
    from bot.storage.db import utcnow

    bot_api.add_chat({"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Staff"})
    now = utcnow()
    long_answers: dict[str, AnswerText] = {f"q{n}": {"label": f"質問{n}", "value": "あ" * 900} for n in range(8)}
    lead = Lead(id=7, created_at=now, user_id=1, chat_id=1, lang="ja", answers=long_answers, flags=(),
                consent=Consent(version="v", lang="ja", time=now), intake_version="x", status="new", history=())
    async with Bot(bot_api.token, base_url=bot_api.base_url) as telegram_bot:
        await TelegramLeadSink(telegram_bot, STAFF_CHAT_ID).send_card(lead, repeat_of=now)
    note, card = bot_api.bot_messages(STAFF_CHAT_ID)
    assert note.text.startswith("⚠️ 再送です: ") and card.text.startswith("モニター申込 A-000007")
    bot_api.assert_clean()
