"""/export end to end: exports of different days (with leads that answered different questions) have the same
columns, in the card's order, named after the current questionnaire."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from bot.handlers.context import services_of
from bot.services import Services
from tests.conversation.conftest import JA_GUARDIAN_MINOR, JA_SELF_PHONE, Applicant, BotUnderTest
from tests.conversation.test_staff import JST


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


async def test_two_exports_of_different_days_have_the_same_columns(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    await Applicant(bot, bot.user("ja"), "ja").apply(JA_SELF_PHONE)  # today: a phone lead
    await staff.wait_for("モニター申込 A-000001")
    services: Services = services_of(bot.app)
    yesterday = services.now() - timedelta(days=1)
    services.leads.submit("earlier", user_id=777, chat_id=777, lang="ja",  # yesterday: a guardian, by Telegram
                          answers={"guardian_name": {"label": "保護者の方のお名前", "value": "佐藤 恵子"},
                                   "contact_method": {"label": "ご連絡の方法", "value": "このTelegramのチャット"}},
                          flags=["guardian"], consent=services.leads.require(1).consent,
                          intake_version="2026-11-27", now=yesterday, username="keiko")
    today = datetime.now(JST).date()
    day_before = (yesterday.astimezone(JST)).date()

    first = await staff.send(f"/export {day_before} {day_before}")
    second = await staff.send(f"/export {today} {today}")
    # the document, not the card of yesterday's lead that delivery may post meanwhile
    old, new = (rows(next(m.upload for m in r if m.upload is not None).text().encode()) for r in (first, second))

    assert old[0] == new[0]  # the same columns, in the same order
    assert len(old) == len(new) == 2
    header = new[0]
    assert header[:6] == ["申込番号", "受付日時（日本時間）", "状態", "お名前", "お名前のふりがな",
                          "保護者の方のお名前"]
    expected = {q.id for q in services.live.current.intake.intake("ja").questions}
    assert len(header) == 13 + len(expected)  # the fixed columns and one per question of the questionnaire
    name, guardian = header.index("お名前"), header.index("保護者の方のお名前")
    assert (new[1][name], new[1][guardian]) == ("山田 花子", "")
    assert (old[1][name], old[1][guardian]) == ("", "佐藤 恵子")
    assert old[1][header.index("Telegramユーザー名（@なし）")] == "keiko"
    assert new[1][header.index("電話番号")] == "090-1234-5678"
    assert header.index("電話番号") < header.index("注意") < header.index("うつ病の診断") < header.index("同意の版")
    assert set(JA_GUARDIAN_MINOR) <= expected  # every question a guardian answers has its column
