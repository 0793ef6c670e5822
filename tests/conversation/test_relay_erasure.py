"""/delete deletes the relay too: the staff side's copies of the messages exchanged with the applicant (the bot's
posts of their answers, staff members' replies and ``/reply`` commands) go from Telegram, against the fake Bot API's
rules for deleting (48 hours; other members' messages only as an administrator), durably across a restart."""

from __future__ import annotations

import time

from bot.i18n import t
from tests.botapi.chats import StoredMessage
from tests.botapi.user import FakeUser
from tests.conversation.conftest import JA_SHORT, STAFF_CHAT_ID, Applicant, BotUnderTest, QuickBots, read_db

SECRETS = ("ご都合のよい時間を教えてください", "平日の夕方がいいです", "水曜の17時にお電話します")
ERASED = ("💬 A-000001 ご本人からのお返事: 個人情報の削除により、内容を消去しました"
          "（送信から48時間を過ぎたメッセージは、Telegram の制限でボットが削除できないため）。")
ASK = ("⚠️ このメッセージは A-000001 のご本人へのもので、ご本人の個人情報は削除されました。"
       "ボットでは削除できません（送信から48時間を過ぎているか、削除の権限がありません）。"
       "お手数ですが、このメッセージを削除してください。")


async def relayed(bot: BotUnderTest) -> tuple[Applicant, FakeUser, FakeUser]:
    """An applicant and three relayed messages: a staff reply to the card, the applicant's answer, and a /reply
    from a staff member's private chat with the bot."""
    staff, private = bot.staff(), FakeUser(bot.api, user_id=9100, first_name="Sato")
    applicant = Applicant(bot, bot.user("ja", username="hanako_y"), "ja")
    await applicant.apply(JA_SHORT)
    card = await staff.wait_for("モニター申込 A-000001")
    await staff.send(SECRETS[0] + "。", reply_to=card.last.message_id)
    await applicant.user.wait_for(SECRETS[0])
    await applicant.user.press(t("ja", "✉️ Reply to the clinic"))
    await applicant.user.send(SECRETS[1])
    await staff.wait_for("ご本人からのお返事")
    await private.send(f"/reply A-000001 では{SECRETS[2]}。")
    await applicant.user.wait_for(SECRETS[2])
    await bot.api.wait_quiet()
    assert read_db(bot, "SELECT COUNT(*) FROM relay_posts")[0][0] == 3
    return applicant, staff, private


async def erase(bot: BotUnderTest, applicant: Applicant, staff: FakeUser) -> None:
    await applicant.user.send("/delete")
    await applicant.user.press(t("ja", "Yes, delete my data"))
    await staff.wait_for("本人の依頼で取り下げられ")  # the notice, sent after the card's edit and the deletions
    await bot.api.wait_quiet()


def showing(bot: BotUnderTest, chat_id: int, secret: str) -> list[StoredMessage]:
    return [m for m in bot.api.chat_messages(chat_id) if secret in m.text]


def age(bot: BotUnderTest, chat_id: int, hours: float) -> None:
    """Make every message in the chat that many hours old (Telegram's 48-hour rule reads the send date)."""
    for message in bot.api.chat_messages(chat_id):
        message.date = int(time.time() - hours * 3600)


async def test_erasure_deletes_the_relayed_messages_in_the_staff_chat_and_the_private_chat(
        quick_bots: QuickBots) -> None:
    bot = await quick_bots.start(staff_user_ids=frozenset({9100}))
    bot.api.world.admin_in.add(STAFF_CHAT_ID)  # the bot may delete staff members' messages in the group
    applicant, staff, private = await relayed(bot)

    await erase(bot, applicant, staff)

    for secret in SECRETS:
        assert showing(bot, STAFF_CHAT_ID, secret) == []
        assert showing(bot, private.chat_id, secret) == []
    deleted = [m for m in bot.api.chat_messages(STAFF_CHAT_ID, include_deleted=True) if m.deleted]
    assert {m.from_bot for m in deleted} == {True, False}  # the bot's post of the answer and the staff reply
    assert [m.text for m in bot.api.chat_messages(private.chat_id, include_deleted=True) if m.deleted] == [
        f"/reply A-000001 では{SECRETS[2]}。"]
    assert read_db(bot, "SELECT COUNT(*) FROM relay_posts")[0][0] == 0
    assert not [m for m in bot.api.chat_messages(STAFF_CHAT_ID) if m.text == ASK or m.text == ERASED]
    bot.api.assert_clean()


async def test_messages_too_old_to_delete_are_cleared_or_staff_are_asked_to_delete_them(
        quick_bots: QuickBots) -> None:
    bot = await quick_bots.start(staff_user_ids=frozenset({9100}))
    applicant, staff, private = await relayed(bot)  # the bot is no administrator of the staff group
    age(bot, STAFF_CHAT_ID, 49)

    await erase(bot, applicant, staff)

    [answer] = [m for m in bot.api.bot_messages(STAFF_CHAT_ID) if m.text.startswith("💬 A-000001")]
    assert answer.text == ERASED  # the bot's own post, too old to delete: edited
    [staff_reply] = [m for m in bot.api.chat_messages(STAFF_CHAT_ID) if SECRETS[0] in m.text]
    [asked] = [m for m in bot.api.bot_messages(STAFF_CHAT_ID) if m.text == ASK]
    assert asked.extra["reply_to_message"]["message_id"] == staff_reply.message_id
    assert showing(bot, private.chat_id, SECRETS[2]) == []  # the private chat's copy was young: deleted
    assert showing(bot, STAFF_CHAT_ID, SECRETS[1]) == []
    notice = (await staff.wait_for("本人の依頼で取り下げられ")).text
    assert "ボットが削除できなかったメッセージには、その旨を書き添えています。" in notice
    assert read_db(bot, "SELECT COUNT(*) FROM relay_posts")[0][0] == 0


async def test_a_restart_in_the_middle_of_erasing_carries_on_until_every_copy_is_gone(quick_bots: QuickBots) -> None:
    bot = await quick_bots.start(staff_user_ids=frozenset({9100}))
    bot.api.world.admin_in.add(STAFF_CHAT_ID)
    applicant, staff, private = await relayed(bot)
    bot.api.fail("deleteMessage", private.chat_id, times=1000, status=502)  # Telegram fails partway through

    await applicant.user.send("/delete")
    await applicant.user.press(t("ja", "Yes, delete my data"))
    await bot.api.wait_until(lambda: read_db(bot, "SELECT COUNT(*) FROM relay_posts")[0][0] == 1,
                             what="the staff chat's two copies deleted and forgotten")
    assert showing(bot, STAFF_CHAT_ID, SECRETS[1]) == []
    assert showing(bot, private.chat_id, SECRETS[2])  # not yet: the outbox row waits for its retry
    await bot.host.restart()
    bot.api.clear_failures()

    await bot.api.wait_until(lambda: read_db(bot, "SELECT COUNT(*) FROM relay_posts")[0][0] == 0,
                             what="the last copy deleted after the restart")
    await staff.wait_for("本人の依頼で取り下げられ")  # the notice comes after the deletions
    await bot.api.wait_quiet()
    for secret in SECRETS:
        assert showing(bot, STAFF_CHAT_ID, secret) == []
        assert showing(bot, private.chat_id, secret) == []
    assert read_db(bot, "SELECT COUNT(*) FROM relay_posts")[0][0] == 0
    assert read_db(bot, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")[0][0] == 0

