"""Pages as people see them: the schedule picture is uploaded once and then sent by Telegram's file id."""

from __future__ import annotations

from tests.conversation.conftest import BotUnderTest


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
    content = bot.app.bot_data["services"].live.current.content
    for lang, back, home in (("ja", "◀ 戻る", "🏠 メニュー"), ("en", "◀ Back", "🏠 Menu")):
        user = bot.user(lang)
        for page_id in sorted(content.lang(lang).pages):
            replies = await user.send(f"/start {lang}_{page_id}")
            assert back in replies.labels and home in replies.labels, page_id
            assert content.lang(lang).rendered[page_id].title in replies.text
