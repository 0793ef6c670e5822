"""What runs before everything else: the crisis screen in any state, flood control, very long messages, webhooks."""

from __future__ import annotations

from pathlib import Path

from bot.app import build_application
from tests.botapi.app_runner import AnyApp, AppHost
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser
from tests.conversation.conftest import STAFF_CHAT_ID, BotUnderTest, settings_for
from tests.shipped import shipped_live_content

HOTLINE = "0120-783-556"


async def test_crisis_words_get_help_at_once_from_the_menu(bot: BotUnderTest) -> None:
    user = bot.user("ja")
    await user.send("/start")
    replies = await user.send("もう消えてしまいたい")
    assert HOTLINE in replies.text and "119" in replies.text
    assert "モニター" not in replies.text  # no marketing in a crisis answer


async def test_crisis_words_in_english_with_japanese_settings(bot: BotUnderTest) -> None:
    user = bot.user("ja")
    replies = await user.send("i just want to end it all")
    assert "119" in replies.text and "TELL" in replies.text


async def test_crisis_in_a_caption_and_in_an_edited_message(bot: BotUnderTest) -> None:
    user = bot.user("en")
    replies = await user.send_photo(caption="I want to kill myself")
    assert "119" in replies.text
    await user.send("hello")
    replies = await user.edit_last_text("I don't want to live anymore")
    assert "119" in replies.text


async def test_ordinary_side_effect_question_is_not_a_crisis(bot: BotUnderTest) -> None:
    replies = await bot.user("ja").send("TMSの副作用で死亡することはありますか？")
    assert HOTLINE not in replies.text


async def test_ten_thousand_characters_are_answered_not_crashed(bot: BotUnderTest) -> None:
    user = bot.user("en")
    replies = await user.send("x" * 10_000)
    assert replies and "Traceback" not in replies.text
    replies = await user.send("tell me about exosomes " * 500)
    assert replies


async def test_flood_is_slowed_politely(bot_api: FakeBotApi, tmp_path: Path) -> None:
    def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
        return build_application(settings_for(api, data_dir, flood_burst=3, flood_rate=1), live=shipped_live_content())

    async with AppHost(bot_api, factory, tmp_path / "data"):
        user = FakeUser(bot_api, user_id=42, language_code="en")
        for _ in range(3):
            await user.send("/menu")
        warned = await user.send("/menu")
        assert warned.text == "You are sending messages very quickly. Please wait a moment, then try again."
        assert len(await user.send("/menu")) == 0  # one warning, then silence
        other = FakeUser(bot_api, user_id=43, language_code="en")
        assert (await other.send("/menu")).labels  # other people are not affected


async def test_webhook_refuses_requests_without_the_secret(bot_api: FakeBotApi, tmp_path: Path) -> None:
    from tests.botapi.app_runner import running_app

    app = build_application(settings_for(bot_api, tmp_path / "data"), live=shipped_live_content())
    async with running_app(app, bot_api, mode="webhook"):
        user = FakeUser(bot_api, user_id=50, language_code="en")
        sender = {"id": 50, "is_bot": False, "first_name": "X"}
        update = {"update_id": 999, "message": {"message_id": 1, "date": 0, "chat": {"id": 50, "type": "private"},
                                                "from": sender, "text": "/start"}}
        assert await bot_api.push_webhook(update, secret="wrong") == 403
        assert await bot_api.push_webhook(update, secret="") == 403
        to_users = [c for c in bot_api.calls_of("sendMessage") if c.params["chat_id"] != STAFF_CHAT_ID]
        assert to_users == []  # (the staff chat gets the start-up notice of missing facts)
        replies = await user.send("/start")
        assert "Wako Clinic" in replies.text


async def test_commands_are_registered_per_language(bot: BotUnderTest) -> None:
    assert bot.api.commands(language_code="ja") == bot.api.commands()
    assert "apply" in bot.api.commands() and "delete" in bot.api.commands()
    descriptions = {c.params.get("language_code"): str(c.params["commands"])
                    for c in bot.api.calls_of("setMyCommands") if not c.params.get("scope")}
    assert "応募" in descriptions["ja"] and "Apply" in descriptions[None]
    staff_scope = {"type": "chat", "chat_id": STAFF_CHAT_ID}
    assert "leads" in bot.api.commands(scope=staff_scope) and "leads" not in bot.api.commands()
