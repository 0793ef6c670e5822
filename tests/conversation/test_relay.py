"""Staff and applicant talk through the bot: the card as the thread, replies in both directions, erasure with the
lead, and what staff are told when a message cannot be delivered."""

from __future__ import annotations

import logging

import pytest

from bot.i18n import t
from tests.botapi.user import FakeUser
from tests.conversation.conftest import JA_SHORT, STAFF_CHAT_ID, Applicant, BotUnderTest, QuickBots, lead_cards, read_db

USAGE = "使い方: /reply 申込番号 本文（例: /reply A-000123 明日の午後にお電話してもよろしいですか？）"


async def applied(bot: BotUnderTest) -> tuple[Applicant, FakeUser, int]:
    """An applicant who asked for "this Telegram chat", a staff member, and the card's message id."""
    staff = bot.staff()
    user = bot.user("ja", username="hanako_y")
    applicant = Applicant(bot, user, "ja")
    await applicant.apply(JA_SHORT)
    await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_quiet()
    return applicant, staff, lead_cards(bot)[0].message_id


async def test_the_answer_is_posted_under_the_card_and_a_reply_to_it_reaches_the_applicant(
        quick_bot: BotUnderTest, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    bot = quick_bot
    applicant, staff, card_id = await applied(bot)
    sent = await staff.send("ご都合のよい時間を教えてください。", reply_to=card_id)
    assert sent.text.startswith("✅ A-000001 のご本人に")
    await applicant.user.wait_for("ご都合のよい時間")
    await applicant.user.press(t("ja", "✉️ Reply to the clinic"))
    await applicant.user.send("平日の夕方がいいです")
    posted = await staff.wait_for("ご本人からのお返事")
    answer = next(m for m in bot.api.bot_messages(staff.chat_id) if "ご本人からのお返事" in m.text)
    assert answer.extra["reply_to_message"]["message_id"] == card_id  # under the card
    assert "平日の夕方がいいです" in posted.text

    again = await staff.send("では水曜の17時にお電話します。", reply_to=answer.message_id)  # reply to the answer
    assert again.text.startswith("✅ A-000001 のご本人に")
    await applicant.user.wait_for("水曜の17時")
    rows = read_db(bot, "SELECT direction, who, text FROM lead_messages ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("to_applicant", "Yamada", "ご都合のよい時間を教えてください。"),
        ("from_applicant", "@applicant", "平日の夕方がいいです"),
        ("to_applicant", "Yamada", "では水曜の17時にお電話します。"),
    ]

    await applicant.user.send("/delete")
    await applicant.user.press(t("ja", "Yes, delete my data"))
    await staff.wait_for("本人の依頼で取り下げられ")  # the notice (the card's edit says 取り下げ first)
    # the erasure also tries to delete the two relayed staff messages (refused below) and then asks staff to: wait
    # for that to finish, or its notice lands among the replies to the next command on a slow machine
    await bot.api.wait_until(lambda: len(bot.api.refused()) == 2, what="both deletions tried")
    await bot.api.wait_quiet()
    assert read_db(bot, "SELECT COUNT(*) FROM lead_messages")[0][0] == 0
    assert read_db(bot, "SELECT tg_username, tg_name FROM leads")[0][:] == (None, None)
    refused = await staff.send("/reply A-000001 まだいらっしゃいますか？")
    assert refused.text == "A-000001 は個人情報を削除済みのため、ボットからはメッセージを送れません。"
    # the staff member's two messages: the bot is no administrator of the group, so Telegram refuses to delete
    # them and staff are asked to (tests/conversation/test_relay_erasure.py); nothing else was refused
    assert [c.params["message_id"] for c in bot.api.refused()] == [
        m.message_id for m in bot.api.chat_messages(STAFF_CHAT_ID) if not m.from_bot and "/reply" not in m.text]
    assert len(bot.api.problems()) == 2
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot"))
    assert "relayed an applicant's answer to staff (lead=1, posted=True)" in logged
    for secret in ("ご都合のよい時間", "平日の夕方がいいです", "水曜の17時", "hanako_y"):
        assert secret not in logged


async def test_a_reply_to_the_cards_copy_from_lead_reaches_the_applicant_too(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    applicant, staff, _ = await applied(bot)
    copy = await staff.send("/lead A-000001")
    sent = await staff.send("コピーからの返信です", reply_to=copy.last.message_id)
    assert sent.text.startswith("✅ A-000001 のご本人に")
    await applicant.user.wait_for("コピーからの返信です")


async def test_staff_are_told_when_a_message_cannot_be_delivered(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    applicant, staff, _ = await applied(bot)
    assert (await staff.send("/reply")).text == USAGE
    assert (await staff.send("/reply A-000001")).text == USAGE
    assert (await staff.send("/reply A-000099 こんにちは")).text == f"申込番号 A-000099 が見つかりません。{USAGE}"
    too_long = await staff.send("/reply A-000001 " + "あ" * 3501)
    assert too_long.text == "メッセージが長すぎます（3501文字）。3500文字以内に分けて送ってください。"
    bot.api.block(applicant.user.chat_id)
    blocked = await staff.send("/reply A-000001 こんにちは")
    assert blocked.text == ("A-000001 のご本人がボットを停止しているため、メッセージは届きませんでした。"
                            "電話やメールなど、ほかの方法でご連絡ください。")
    assert read_db(bot, "SELECT COUNT(*) FROM lead_messages")[0][0] == 0  # nothing claims to have been sent


async def test_a_staff_reply_to_another_bot_message_or_from_a_patient_goes_nowhere(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    applicant, staff, _ = await applied(bot)
    note = await staff.send("/leads")
    quiet = await staff.send("了解です", reply_to=note.last.message_id)
    assert len(quiet) == 0
    patient = await applicant.user.send("/reply A-000001 test")
    assert patient.text.startswith("申し訳ありません。そのコマンドは使えません。")
    assert read_db(bot, "SELECT COUNT(*) FROM lead_messages")[0][0] == 0


async def test_listed_staff_may_write_from_a_private_chat(quick_bots: QuickBots) -> None:
    bot = await quick_bots.start(staff_user_ids=frozenset({9100}))
    applicant, _, _ = await applied(bot)
    member = FakeUser(bot.api, 9100, "Suzuki")
    sent = await member.send("/reply A-000001 鈴木です。明日お電話します。")
    assert sent.text == ("✅ A-000001 のご本人に、クリニックからのメッセージとして送りました。"
                         "お返事があれば、申込カードへの返信としてスタッフ用チャットに届きます。")
    await applicant.user.wait_for("鈴木です。明日お電話します。")


async def test_an_answer_held_by_the_crisis_check_in_still_reaches_staff_after_no(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    applicant, staff, card_id = await applied(bot)
    await staff.send("ご体調はいかがですか？", reply_to=card_id)
    await applicant.user.wait_for("ご体調はいかがですか")
    await applicant.user.press(t("ja", "✉️ Reply to the clinic"))
    asked = await applicant.user.send("もう疲れた、どうでもいい")
    assert asked.labels == ["はい、あります", "いいえ、ありません"]  # the crisis screen asks first
    answered = await applicant.user.press("いいえ、ありません")
    assert "メッセージをクリニックにお届けしました" in answered.text
    posted = await staff.wait_for("ご本人からのお返事")
    assert "もう疲れた、どうでもいい" in posted.text
