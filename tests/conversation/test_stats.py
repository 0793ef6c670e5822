"""/stats through the real bot: a scripted day is counted exactly, without anything personal (issue 17).

The day: 10 people send /start; three of them send an application, a fourth begins one and stops at question 5
(the duration question, shown as 質問 5); two open pages from the menu; one types a question the FAQ answers.
"""

from __future__ import annotations

from datetime import timedelta

from bot.handlers.context import services_of as app_services
from bot.i18n import t
from bot.services import Services
from tests.conversation.conftest import (
    EN_SELF_EMAIL,
    JA_SELF_PHONE,
    JA_SHORT,
    Applicant,
    BotUnderTest,
    read_db,
)


def services_of(bot: BotUnderTest) -> Services:
    return app_services(bot.app)


async def scripted_day(bot: BotUnderTest) -> None:
    users = [bot.user(lang) for lang in ("ja", "en", "ja", "ja", "ja", "ja", "ja", "en", "ja", "en")]
    for user in users:
        await user.send("/start")
    for user, script in zip(users[:3], (JA_SHORT, EN_SELF_EMAIL, JA_SELF_PHONE), strict=True):
        lang = "en" if script is EN_SELF_EMAIL else "ja"
        await Applicant(bot, user, lang).apply(script)
    dropped = Applicant(bot, users[3], "ja")
    await dropped.begin()
    await dropped.fill(JA_SELF_PHONE, until="duration")
    assert "質問 5 / " in users[3].screen()
    content = services_of(bot).live.current.content
    await users[4].press(content.page("ja", "tms").button)  # type: ignore[union-attr]
    await users[5].press(content.page("ja", "exosome").button)  # type: ignore[union-attr]
    await users[6].send(content.lang("ja").faq.entries[0].questions[0])


async def test_stats_1_reports_the_scripted_day_exactly_with_a_picture(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await scripted_day(bot)
    questions = services_of(bot).live.current.intake.intake("ja").questions
    duration_label = next(q.label for q in questions if q.id == "duration")
    number = 1 + [q.id for q in questions].index("duration")  # its place in the questionnaire

    replies = await bot.staff().send("/stats 1")

    [picture] = replies
    assert picture.marker == "[photo]"
    assert picture.upload is not None and picture.upload.data[:8] == b"\x89PNG\r\n\x1a\n"
    lines = picture.text.splitlines()
    assert lines[0].startswith("利用状況 ") and lines[0].endswith("（1日間）")
    assert lines[1:8] == [
        "開始（/start）: 10回",
        lines[2],  # page titles: checked below
        "入力された質問: 回答 1回・候補を提示 0回・回答できず 0回",
        "危機対応のメッセージ: 0回",
        "申込: 開始 4件 → 送信 3件（同意せず 0件・中止 0件）",
        f"途中で止まった質問: Q{number}「{duration_label}」で 1件（止まった合計 1件）",
        "取り下げ 0件・データ削除 0件",
    ]
    assert lines[2].startswith("ページ表示: 2回（多い順: ")
    bot.api.assert_clean()


async def test_the_statistics_hold_no_trace_of_who_or_what(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await scripted_day(bot)
    services_of(bot).stats.flush()
    rows = [tuple(r) for r in read_db(bot, "SELECT day, kind, label, count FROM stats_daily")]
    kinds = {kind for _day, kind, _label, _n in rows}
    assert {"start", "page", "faq_answered", "application_started", "question_reached", "question_answered",
            "submitted"} <= kinds
    text = repr(rows)
    for personal in ("山田", "Emily", "090", "example.com", str(bot.user().id - 1)):
        assert personal not in text
    reached = {label: n for _d, kind, label, n in rows if kind == "question_reached"}
    answered = {label: n for _d, kind, label, n in rows if kind == "question_answered"}
    assert reached["applicant"] == 4 and answered["applicant"] == 4
    # JA_SHORT is never asked the duration (no depression); two answered it, one stopped there
    assert reached["duration"] == 3 and answered["duration"] == 2


async def test_stats_csv_is_a_file_and_others_get_the_unknown_command_answer(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    patient = bot.user("ja")
    await patient.send("/start")
    staff = bot.staff()

    replies = await staff.send("/stats csv")
    [document] = replies
    assert document.marker.startswith("[document stats-") and document.upload is not None
    lines = document.upload.text().splitlines()
    assert lines[0] == "day,kind,label,count,meaning"
    assert lines[1].endswith(",start,,1,/start (also through a deep link)")

    assert (await staff.send("/stats 1週間")).text == "使い方: /stats [日数]（例: /stats 7）、CSVは /stats csv [日数]"
    unknown = t("ja", "Sorry, I don't know that command. /help lists what I can do.")
    assert (await patient.send("/stats")).text == unknown  # exactly what any unknown command gets
    bot.api.assert_clean()


async def test_retention_erases_old_counts_with_the_leads(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    await bot.user("ja").send("/start")
    services = services_of(bot)
    old = (services.stats.today() - timedelta(days=services.settings.retention_days + 1)).isoformat()
    services.db.execute("INSERT INTO stats_daily (day, kind, label, count) VALUES (?, 'start', '', 5)", (old,))

    services.apply_retention()

    assert [r["count"] for r in read_db(bot, "SELECT count FROM stats_daily WHERE kind = 'start'")] == [1]
