"""Staff commands and the status buttons on lead cards, through the real bot (issue 4 and the access part of 5).

Staff-facing texts are Japanese and pinned exactly. Anyone outside the staff chat gets exactly the answer an
unknown command gets, so the staff commands do not reveal themselves.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import t
from tests.conversation.conftest import (
    EN_SELF_EMAIL,
    JA_SHORT,
    STAFF_CHAT_ID,
    Applicant,
    BotUnderTest,
    Script,
    lead_cards,
    read_db,
)

JST = ZoneInfo("Asia/Tokyo")
STATUS_LABELS = ["新規", "連絡済み", "予約済み", "対象外", "対応終了"]


def japan_today() -> str:
    return datetime.now(JST).date().isoformat()


async def one_lead(bot: BotUnderTest, script: Script = JA_SHORT, lang: str = "ja") -> None:
    """A submitted application whose card has reached the staff chat."""
    staff = bot.staff()
    await Applicant(bot, bot.user(lang), lang).apply(script)
    await staff.wait_for("モニター申込 A-0000")
    await bot.api.wait_quiet()


def buttons(message_labels: tuple[tuple[str, ...], ...]) -> list[str]:
    return [label for row in message_labels for label in row]


# --- status buttons ----------------------------------------------------------------------------------------------

async def test_status_button_edits_the_card_with_who_and_when(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    yamada = bot.staff(9001, "Yamada")

    replies = await yamada.press("連絡済み")

    assert replies.alerts == ["A-000001: 連絡済み"]
    [card] = replies
    assert card.edited and card.message_id == lead_cards(bot)[0].message_id
    assert "状態: 連絡済み" in card.text
    when = datetime.now(JST)
    history = card.text.split("対応履歴\n", 1)[1].splitlines()
    assert history[0].startswith("連絡済み — Yamada — ")
    stamp = datetime.strptime(history[0].rsplit(" — ", 1)[1], "%m月%d日 %H:%M").replace(year=when.year, tzinfo=JST)
    assert abs(stamp - when) < timedelta(minutes=2)  # Japan time, not UTC
    assert buttons(card.buttons) == ["新規", "● 連絡済み", "予約済み", "対象外", "対応終了"]
    assert [dict(r) for r in read_db(bot, "SELECT status FROM leads")] == [{"status": "contacted"}]
    assert [r["who"] for r in read_db(bot, "SELECT who FROM lead_history")] == ["Yamada"]

    suzuki = bot.staff(9002, "Suzuki")
    replies = await suzuki.press("予約済み")
    assert "状態: 予約済み" in replies.last.text
    assert "連絡済み — Yamada — " in replies.last.text and "予約済み — Suzuki — " in replies.last.text
    again = await suzuki.press("● 予約済み")  # a second tap changes nothing
    assert again.alerts == ["A-000001: 予約済み"] and list(again) == []  # and the card is not redrawn
    assert len(read_db(bot, "SELECT * FROM lead_history")) == 2
    bot.api.assert_clean()


async def test_status_set_on_a_lead_command_copy_updates_the_delivered_card_too(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    staff = bot.staff()
    copy = await staff.send("/lead A-000001")
    card_id = lead_cards(bot)[0].message_id
    assert copy.last.message_id != card_id

    await staff.press("対応終了", message_id=copy.last.message_id)
    await staff.wait_for("状態: 対応終了")
    await bot.api.wait_quiet()

    texts = {m.message_id: m.text for m in bot.api.bot_messages(STAFF_CHAT_ID)}
    assert "状態: 対応終了" in texts[card_id] and "状態: 対応終了" in texts[copy.last.message_id]
    bot.api.assert_clean()


async def test_forged_status_callback_from_a_patient_changes_nothing(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    card_before = lead_cards(bot)[0].text
    patient = bot.user("ja")
    await patient.send("/start")

    replies = await patient.press_data("s:1:closed")

    assert replies == [] and replies.alerts == []  # answered silently: the spinner stops, nothing is shown
    assert bot.api.unanswered_callbacks() == []
    assert [r["status"] for r in read_db(bot, "SELECT status FROM leads")] == ["new"]
    assert read_db(bot, "SELECT * FROM lead_history") == []
    assert lead_cards(bot)[0].text == card_before


async def test_malformed_or_unknown_status_callbacks_in_the_staff_chat(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    staff = bot.staff()
    card = lead_cards(bot)[0].message_id
    for data in ("s:1:withdrawn", "s:1:bogus", "s:x:closed", "s:1", "s:1:closed:extra"):
        replies = await staff.press_data(data, card)
        assert replies.alerts == ["このボタンは古くなっています。"], data
    replies = await staff.press_data("s:99:closed", card)
    assert replies.alerts == ["この申込は変更できません（削除済みか見つかりません）。"]
    assert [r["status"] for r in read_db(bot, "SELECT status FROM leads")] == ["new"]
    assert read_db(bot, "SELECT * FROM lead_history") == []


# --- staff commands ----------------------------------------------------------------------------------------------

async def test_leads_and_lead_commands(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    empty = await staff.send("/leads")
    assert empty.text == "未対応の申込はありません。"
    await one_lead(bot)
    await one_lead(bot, EN_SELF_EMAIL, "en")

    listed = await staff.send("/leads")

    lines = listed.text.splitlines()
    assert lines[0] == "未対応の申込（新しい順）"
    assert lines[1].startswith("A-000002 · 新規 · ") and lines[2].startswith("A-000001 · 新規 · ")
    assert lines[1].endswith(" · Emily Carter") and lines[2].endswith(" · 山田 花子")  # who to ask for
    assert listed.text.endswith("詳しくは /lead 番号 （例: /lead A-000002）")

    one = await staff.send("/lead A-000001")
    assert one.last.text.startswith("モニター申込 A-000001") and "お名前: 山田 花子" in one.last.text
    assert buttons(one.last.buttons) == ["● 新規", *STATUS_LABELS[1:]]
    assert "お名前: Emily Carter" in (await staff.send("/lead 2")).text  # the short forms work too
    assert "A-000001" in (await staff.send("/lead ａ－０００００１")).text
    for wrong in ("/lead", "/lead A-000099", "/lead hello"):
        assert (await staff.send(wrong)).text == "申込番号が見つかりません。例: /lead A-000123"

    await staff.press("対象外", message_id=one.last.message_id)
    listed = await staff.send("/leads")
    # .last: the delivered card's edit (by the outbox) may land in the same window
    assert "A-000001" not in listed.last.text and "A-000002" in listed.last.text  # "not suitable" is not open
    bot.api.assert_clean()


async def test_export_is_a_utf8_csv_with_bom(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    staff = bot.staff()

    replies = await staff.send("/export")

    [document] = replies
    assert document.kind == "document" and document.text == "1 件"
    assert document.upload is not None
    data = document.upload.data
    assert data.startswith(b"\xef\xbb\xbf")
    assert document.upload.filename.startswith("leads-") and document.upload.filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, row = rows
    assert header[:3] == ["申込番号", "受付日時（日本時間）", "状態"]
    record = dict(zip(header, row, strict=True))
    assert record["申込番号"] == "A-000001" and record["状態"] == "新規"
    assert record["お名前"] == "山田 花子" and record["ご連絡の方法"] == "このTelegramのチャット"
    assert record["受付日時（日本時間）"].startswith(japan_today())
    bot.api.assert_clean()


async def test_export_with_a_date_range(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    staff = bot.staff()
    today = japan_today()

    inside = await staff.send(f"/export {today} {today}")
    assert inside.last.text == "1 件" and "A-000001" in inside.last.upload.text()  # type: ignore[union-attr]
    from_today = await staff.send(f"/export {today.replace('-', '/')}")
    assert from_today.last.text == "1 件"
    reversed_range = await staff.send(f"/export {today} 2020-01-01")
    assert reversed_range.last.text == "1 件"
    before = await staff.send("/export 2020-01-01 2020-01-31")
    assert before.last.text == "0 件" and "A-000001" not in before.last.upload.text()  # type: ignore[union-attr]
    wrong = await staff.send("/export yesterday")
    assert wrong.text == "日付は 2026-11-01 の形で指定してください。例: /export 2026-11-01 2026-11-30"


async def test_staff_commands_from_a_patient_get_the_unknown_command_answer(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    patient = bot.user("ja")
    unknown = await patient.send("/nosuchcommand")
    assert unknown.text == t("ja", "Sorry, I don't know that command. /help lists what I can do.")

    for command in ("/leads", "/lead A-000001", "/lead 1", "/export", "/export 2020-01-01 2030-12-31",
                    "/unanswered", "/health", "/reload"):
        replies = await patient.send(command)
        assert replies.text == unknown.text, command
        assert len(replies) == 1 and replies.last.buttons == unknown.last.buttons

    assert bot.api.documents(patient.chat_id) == []
    assert "A-000001" not in patient.screen() and "山田" not in patient.screen()
    assert [dict(r) for r in read_db(bot, "SELECT status FROM leads")] == [{"status": "new"}]


async def test_staff_commands_in_another_group_are_ignored(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await one_lead(bot)
    from tests.botapi.user import FakeUser

    stranger = FakeUser(bot.api, user_id=7777, first_name="Stranger", chat_id=-1009999999999, is_private=False,
                        chat_title="Some group")
    for command in ("/leads", "/lead A-000001", "/export"):
        assert await stranger.send(command) == []


async def test_help_in_the_staff_chat_lists_the_staff_commands(quick_bot: BotUnderTest) -> None:
    staff = quick_bot.staff()
    shown = await staff.send("/help")
    assert shown.text.splitlines()[:3] == ["スタッフ用のコマンド", "/leads — 未対応の申込（新しい順）",
                                           "/lead — 申込の詳細: /lead 番号"]
    assert "/reply 番号 本文" in shown.text and "/chatid" in shown.text
    started = await staff.send("/start")
    assert started.text == shown.text  # not the patient's welcome and menu
