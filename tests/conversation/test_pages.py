"""Pages as people see them: the schedule picture is uploaded once and then sent by Telegram's file id."""

from __future__ import annotations

from bot.handlers.context import services_of
from tests.conversation.conftest import STAFF_CHAT_ID, BotUnderTest


async def test_schedule_picture_is_uploaded_once(bot: BotUnderTest) -> None:
    first, second = bot.user("ja"), bot.user("en")
    await first.send("/start ja_schedule")
    await second.send("/start en_schedule")
    await first.send("/start ja_schedule")
    photos = bot.api.calls_of("sendPhoto")
    assert len(photos) == 3
    assert [bool(call.files) for call in photos] == [True, True, False]  # ja and en pictures differ
    assert bot.api.calls_of("sendChatAction", action="upload_photo") and \
        len(bot.api.calls_of("sendChatAction")) == 2


async def test_every_page_has_back_and_home_and_opens_in_both_languages(bot: BotUnderTest) -> None:
    content = services_of(bot.app).live.current.content
    for lang, back, home in (("ja", "◀ 戻る", "🏠 メニュー"), ("en", "◀ Back", "🏠 Menu")):
        user = bot.user(lang)
        for page_id in sorted(content.lang(lang).pages):
            replies = await user.send(f"/start {lang}_{page_id}")
            assert back in replies.labels and home in replies.labels, page_id
            assert content.lang(lang).rendered[page_id].title in replies.text


async def test_japanese_bold_next_to_full_width_punctuation_reaches_the_patient_as_bold(bot: BotUnderTest) -> None:
    user = bot.user("ja")
    await user.send("/start")
    replies = await user.send("BDNFってなに？")
    assert "<b>BDNF（脳由来神経栄養因子）</b>は" in replies[-1].html
    assert "**" not in replies.text and "BDNF（脳由来神経栄養因子）は" in replies.text


async def test_a_long_page_continues_behind_more(bot: BotUnderTest) -> None:
    user = bot.user("en")
    first = await user.send("/start en_tms")
    assert first.labels[0] == "More ▶" and "coil" not in first.text and "magnetic field" in first.text
    more = await user.press("More ▶")
    assert "coil" in more.text and "More ▶" not in more.labels and "◀ Back" in more.labels


async def test_staff_are_told_at_start_up_which_facts_are_missing(bot: BotUnderTest) -> None:
    notices = [m for m in bot.api.bot_messages(STAFF_CHAT_ID) if "公開前に必要なクリニックの情報" in m.text]
    assert len(notices) == 1
    assert "・clinic.yaml: phone" in notices[0].text and "・ja/clinic.yaml: product_source" in notices[0].text
