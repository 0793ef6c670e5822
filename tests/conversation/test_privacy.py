"""/privacy, /delete and personal data in logs, through the real bot (the privacy parts of issue 5)."""

from __future__ import annotations

import logging
import re

import pytest

from bot.i18n import t
from bot.storage.audit import USER_REQUEST
from tests.conversation.conftest import (
    EN_SELF_EMAIL,
    JA_SELF_PHONE,
    STAFF_CHAT_ID,
    Applicant,
    BotUnderTest,
    Script,
    lead_cards,
    read_db,
)

WITHDRAWN_NOTICE = ("申込 A-000001 は本人の依頼で取り下げられ、個人情報を削除しました。"
                    "カードの内容を消去し、ご本人とのやりとり（お返事とスタッフからのメッセージ）も削除しています。"
                    "ボットが削除できなかったメッセージには、その旨を書き添えています。"
                    "カードから書き写したメモなどがあれば、あわせて削除してください。")


def confirm_text(lang: str) -> str:
    return t(lang, "This deletes everything this bot holds about you: your language setting, any application in "
                   "progress, and the personal details of applications you have sent (the clinic is told that "
                   "they were withdrawn). Records the clinic already made elsewhere are not affected; please "
                   "contact the clinic about those.\n\nDelete your data now?")


@pytest.mark.parametrize(("lang", "title", "sample"), [
    ("ja", "個人情報の取り扱い", "要配慮個人情報"),
    ("en", "How we handle your personal information", "/delete"),
])
async def test_privacy_command_shows_the_notice(quick_bot: BotUnderTest, lang: str, title: str, sample: str) -> None:
    user = quick_bot.user(lang)
    replies = await user.send("/privacy")
    assert title in replies.text and sample in replies.text
    assert t(lang, "🗑 Delete my data") in replies.labels
    quick_bot.api.assert_clean()


async def test_delete_no_keeps_everything(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.apply(JA_SELF_PHONE)
    await staff.wait_for("モニター申込 A-000001")
    await applicant.begin()  # a second application in progress
    await user.send("/language")
    await user.press("English")

    ask = await user.send("/delete")
    assert ask.text == confirm_text("en")
    assert ask.labels == [t("en", "Yes, delete my data"), t("en", "No, keep it")]
    kept = await user.press(t("en", "No, keep it"))

    assert kept.text == t("en", "Nothing was deleted.") and kept.last.edited
    [row] = read_db(bot, "SELECT language, draft FROM users WHERE user_id = ?", (user.id,))
    assert row["language"] == "en" and row["draft"] is not None
    [lead] = read_db(bot, "SELECT user_id, answers, status, erased_at FROM leads")
    assert lead["user_id"] == user.id and "山田 花子" in lead["answers"] and lead["status"] == "new"
    assert lead["erased_at"] is None
    await bot.api.wait_quiet()
    assert "山田 花子" in lead_cards(bot)[0].text
    assert WITHDRAWN_NOTICE not in bot.api.visible_text(STAFF_CHAT_ID)


async def test_delete_yes_erases_the_user_and_withdraws_the_lead(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.apply(JA_SELF_PHONE)
    await staff.wait_for("モニター申込 A-000001")
    await staff.press("連絡済み")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="name")  # a second application in progress
    await user.send("/language")
    await user.press("日本語")
    staff.mark()

    await user.send("/delete")
    done = await user.press(t("ja", "Yes, delete my data"))

    assert done.text == t("ja", "Your data has been deleted.") + "\n" + t(
        "ja", "The clinic has been told that your application was withdrawn.")
    assert read_db(bot, "SELECT * FROM users WHERE user_id = ?", (user.id,)) == []  # language and draft
    assert read_db(bot, "SELECT * FROM user_submissions WHERE user_id = ?", (user.id,)) == []
    [lead] = read_db(bot, "SELECT * FROM leads")
    assert lead["user_id"] is None and lead["chat_id"] is None and lead["answers"] is None
    assert lead["status"] == "withdrawn" and lead["erased_reason"] == USER_REQUEST
    assert [(r["lead_id"], r["action"]) for r in read_db(bot, "SELECT * FROM audit")] == [(1, USER_REQUEST)]

    notice = await staff.wait_for("取り下げられ")
    await bot.api.wait_quiet()
    assert WITHDRAWN_NOTICE in notice.text
    [card] = lead_cards(bot)
    assert "山田 花子" not in card.text and "090-1234-5678" not in card.text and "お名前" not in card.text
    assert "本人の依頼により、個人情報（回答・連絡先）を削除しました" in card.text
    assert "状態: 取り下げ（本人の依頼）" in card.text
    assert card.buttons == []  # no status buttons on a withdrawn lead
    # An old status button (e.g. from a /lead copy) cannot bring the lead back.
    pressed = await staff.press_data("s:1:contacted", card.message_id)
    assert pressed.alerts == ["この申込は変更できません（削除済みか見つかりません）。"]
    assert [r["status"] for r in read_db(bot, "SELECT status FROM leads")] == ["withdrawn"]
    # The application in progress is gone too: /apply starts afresh, in the language Telegram reports.
    assert "モニター募集へのお申し込み" in (await user.send("/apply")).text


async def test_delete_from_the_privacy_page_with_nothing_stored(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    page = await user.send("/privacy")
    ask = await user.press(t("en", "🗑 Delete my data"))
    assert ask.last.message_id == page.last.message_id and ask.text == confirm_text("en")
    done = await user.press(t("en", "Yes, delete my data"))
    assert done.text == t("en", "Your data has been deleted.")
    assert read_db(quick_bot, "SELECT * FROM users") == []
    assert lead_cards(quick_bot) == []
    quick_bot.api.assert_clean()


async def test_export_after_deletion_keeps_the_row_without_personal_data(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("en")
    await Applicant(bot, user, "en").apply(EN_SELF_EMAIL)
    await staff.wait_for("モニター申込 A-000001")
    await user.send("/delete")
    await user.press(t("en", "Yes, delete my data"))
    await staff.wait_for("取り下げられ")

    exported = await staff.send("/export")

    text = exported.last.upload.text()  # type: ignore[union-attr]
    assert "A-000001" in text and "本人の依頼" in text
    assert "Emily" not in text and "example.com" not in text


# --- logs --------------------------------------------------------------------------------------------------------

NAME, PHONE, PHONE_TYPED, EMAIL = "Zyxwvut Qponmlk", "03-3996-1234", "０３３９９６１２３４", "zyx.qpo@mail-test.example"
PERSONAL = ("Zyxwvut", "Qponmlk", "zyx.qpo", "mail-test")
# The phone's digits in any spelling, but not four digits alone: a timestamp's microseconds can hold "3996".
PHONE_DIGITS = re.compile(r"3996\D{0,3}1234|３９９６")


async def run_an_application_with_known_personal_data(bot: BotUnderTest) -> None:
    staff = bot.staff()
    user = bot.user("en")
    applicant = Applicant(bot, user, "en")
    await applicant.begin()
    script: Script = {**EN_SELF_EMAIL, "name": NAME, "contact_method": "phone", "phone": PHONE_TYPED,
                      "call_times": ["saturday"], "discreet": ["none"]}
    await applicant.fill(script)
    await user.press(t("en", "✏️ {label}", label="Contact by"))  # edit to e-mail: both kinds get typed
    await applicant.answer("contact_method", "email")
    await user.send("not an address")
    await user.send(EMAIL)
    await applicant.submit()
    await staff.wait_for("モニター申込 A-000001")
    await staff.press("連絡済み")
    await staff.send("/lead A-000001")
    await staff.send("/export")
    await user.send("/delete")
    await user.press(t("en", "Yes, delete my data"))
    await staff.wait_for("取り下げられ")
    await bot.api.wait_quiet()
    assert NAME not in lead_cards(bot)[0].text  # the run went all the way through


def leaked(records: list[logging.LogRecord]) -> list[str]:
    found = []
    for record in records:
        text = record.getMessage() + (record.exc_text or "")
        if any(word in text for word in PERSONAL) or PHONE_DIGITS.search(text):
            found.append(f"{record.name}:{record.levelname}: {text[:200]!r}")
    return found


async def test_no_personal_data_in_the_bots_logs(quick_bot: BotUnderTest, caplog: pytest.LogCaptureFixture) -> None:
    """Our own loggers at DEBUG, everything else at INFO (the level the bot runs at by default)."""
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="bot")
    await run_an_application_with_known_personal_data(quick_bot)
    assert any(r.name.startswith("bot.") for r in caplog.records)
    assert leaked(caplog.records) == []


async def test_no_personal_data_in_any_log_at_debug(quick_bot: BotUnderTest,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await run_an_application_with_known_personal_data(quick_bot)
    assert leaked(caplog.records) == []
