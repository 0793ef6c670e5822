"""The fake Bot API against PTB's real ``Bot``: shapes PTB parses, long polling, Telegram's refusals, failures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MenuButtonCommands
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, InvalidToken, NetworkError, RetryAfter

from tests.botapi.app_runner import AppHost
from tests.botapi.echo_app import build
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser


@pytest.fixture
async def bot(bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(bot_api.token, base_url=bot_api.base_url, base_file_url=bot_api.base_file_url) as bot:
        yield bot


@pytest.fixture
def chat(bot_api: FakeBotApi) -> int:
    return FakeUser(bot_api, 1001, "Hanako", "ja").chat_id


async def test_get_me_and_messages_parse_as_ptb_objects(bot: Bot, bot_api: FakeBotApi, chat: int) -> None:
    assert (bot.id, bot.username) == (123, "fake_clinic_bot")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(chat, "<b>Hello</b> &amp; welcome", parse_mode=ParseMode.HTML, reply_markup=keyboard)
    assert (sent.chat_id, sent.text, sent.from_user and sent.from_user.is_bot) == (chat, "Hello & welcome", True)
    assert sent.reply_markup == keyboard
    stored = bot_api.chat_messages(chat)[-1]
    assert (stored.text, stored.html, stored.labels) == ("Hello & welcome", "<b>Hello</b> &amp; welcome", [["A"]])
    call = bot_api.calls_of("sendMessage")[-1]
    assert call.params["reply_markup"] == keyboard.to_dict()  # JSON-in-form decoded back to an object


async def test_long_poll_holds_until_an_update_arrives_and_offset_confirms(bot: Bot, bot_api: FakeBotApi) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await bot_api.wait_until(lambda: bool(bot_api.calls_of("getUpdates")), what="the long poll")
    assert not poll.done()
    user = FakeUser(bot_api, 1001, "Hanako", "ja")
    await user.send("hello", wait=False)
    updates = await poll
    assert [u.message.text for u in updates if u.message] == ["hello"]
    again = await bot.get_updates(timeout=0)  # not confirmed yet: delivered again
    assert [u.update_id for u in again] == [updates[0].update_id]
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


async def test_a_second_poller_ends_the_first_with_conflict(bot: Bot, bot_api: FakeBotApi) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await bot_api.wait_until(lambda: len(bot_api.calls_of("getUpdates")) == 1, what="the first poll")
    async with Bot(bot_api.token, base_url=bot_api.base_url) as other_instance:
        assert await other_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_telegram_refusals_are_reproduced(bot: Bot, bot_api: FakeBotApi, chat: int) -> None:
    with pytest.raises(BadRequest, match=r'^Can\'t parse entities: unsupported start tag "br" at byte offset 5$'):
        await bot.send_message(chat, "Hello<br>there", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.send_message(-100999, "hi")
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(chat, "x" * 4097)
    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.send_message(chat, "hi", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("A", callback_data="x" * 65)]]))
    sent = await bot.send_message(chat, "same")
    with pytest.raises(BadRequest, match=r"^Message is not modified: specified new message content"):
        await bot.edit_message_text("same", chat, sent.message_id)
    with pytest.raises(BadRequest, match=r"^Query is too old"):
        await bot.answer_callback_query("no-such-query")
    bot_api.block(chat)
    with pytest.raises(Forbidden, match=r"^Forbidden: bot was blocked by the user$"):
        await bot.send_message(chat, "hi")
    assert [c.description for c in bot_api.refused()][:2] == [
        'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 5',
        "Bad Request: chat not found",
    ]


async def test_edit_replaces_what_the_user_sees_and_keeps_history(bot: Bot, bot_api: FakeBotApi, chat: int) -> None:
    sent = await bot.send_message(chat, "first", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("A", callback_data="a")]]))
    edited = await bot.edit_message_text("<i>second</i>", chat, sent.message_id, parse_mode=ParseMode.HTML)
    assert not isinstance(edited, bool) and edited.text == "second"
    assert bot_api.visible_text(chat) == "second"
    message = bot_api.chat_messages(chat)[-1]
    assert (message.labels, [v.text for v in message.history]) == ([], ["first"])  # no markup: keyboard removed
    await bot.delete_message(chat, sent.message_id)
    assert bot_api.visible_text(chat) == ""
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_reply_markup(chat, sent.message_id)


async def test_unknown_methods_answer_404_and_are_recorded(bot: Bot, bot_api: FakeBotApi, chat: int) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendHologram", api_kwargs={"chat_id": chat})
    assert [c.method for c in bot_api.unknown] == ["sendHologram"]
    assert bot_api.problems() == [
        "unknown method sendHologram({'chat_id': 1001}) -> 404 Not Found: method sendHologram"]
    with pytest.raises(AssertionError, match="the bot used the Bot API wrongly"):
        bot_api.assert_clean()


async def test_wrong_token_is_unauthorized(bot_api: FakeBotApi) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=bot_api.base_url):
            pass


@pytest.mark.parametrize(("options", "error", "message"), [
    ({"status": 500}, NetworkError, "Internal Server Error"),
    ({"status": 429, "retry_after": 3}, RetryAfter, "Flood control exceeded. Retry in 3 seconds"),
    ({"status": 400}, BadRequest, "Chat not found"),
    ({"status": 403}, Forbidden, "Forbidden: bot was blocked by the user"),
    ({"network": True}, NetworkError, "Server disconnected without sending a response"),
])
async def test_failure_injection_raises_what_ptb_raises(bot: Bot, bot_api: FakeBotApi, chat: int,
                                                        options: dict[str, object], error: type[Exception],
                                                        message: str) -> None:
    bot_api.fail("sendMessage", chat, times=1, **options)  # type: ignore[arg-type]
    with pytest.raises(error, match=message):
        await bot.send_message(chat, "lead #1")
    assert bot_api.visible_text(chat) == ""  # a failed send shows nothing
    await bot.send_message(chat, "lead #1")  # times=1: the retry goes through
    assert bot_api.visible_text(chat) == "lead #1"
    assert [c.injected for c in bot_api.calls_of("sendMessage")] == [True, False]
    assert bot_api.refused() == []


async def test_failures_can_target_one_chat_and_be_cleared(bot: Bot, bot_api: FakeBotApi, chat: int) -> None:
    staff = FakeUser(bot_api, 9001, "Staff", "ja", chat_id=-1001234567890, is_private=False)
    bot_api.fail("sendMessage", staff.chat_id, times=5, status=500)
    await bot.send_message(chat, "to the patient")
    with pytest.raises(NetworkError):
        await bot.send_message(staff.chat_id, "to staff")
    bot_api.clear_failures()
    await bot.send_message(staff.chat_id, "to staff")
    assert bot_api.visible_text(staff.chat_id) == "to staff"


async def test_multipart_uploads_are_kept(bot: Bot, bot_api: FakeBotApi, chat: int) -> None:
    csv = "id,name\n1,和光\n".encode("utf-8-sig")
    message = await bot.send_document(chat, InputFile(csv, filename="leads.csv"), caption="<b>1</b> lead",
                                      parse_mode=ParseMode.HTML)
    assert message.document is not None and message.document.file_name == "leads.csv"
    [upload] = bot_api.documents(chat)
    assert (upload.filename, upload.data, upload.text()) == ("leads.csv", csv, "id,name\n1,和光\n")
    assert bot_api.visible_text(chat) == "[document leads.csv] 1 lead"
    photo = await bot.send_photo(chat, b"\x89PNG fake", caption="pic")
    file = await bot.get_file(photo.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == b"\x89PNG fake"


async def test_commands_menu_button_and_chat_action(bot: Bot, bot_api: FakeBotApi, chat: int) -> None:
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")], language_code="ja")
    assert [c.command for c in await bot.get_my_commands(language_code="ja")] == ["start", "help"]
    assert bot_api.commands(language_code="ja") == ["start", "help"]
    await bot.delete_my_commands(language_code="ja")
    assert await bot.get_my_commands(language_code="ja") == ()
    with pytest.raises(BadRequest, match=r"^Bot_command_invalid$"):
        await bot.set_my_commands([BotCommand("Start-Now", "x")])
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert await bot.send_chat_action(chat, "typing")
    assert bot_api.world.chats[chat].actions == ["typing"]


async def test_webhook_mode_and_secret(bot_api: FakeBotApi, tmp_path: Path) -> None:
    async with AppHost(bot_api, build, tmp_path, mode="webhook"):
        assert bot_api.webhook.url.startswith("http://127.0.0.1:") and bot_api.webhook.secret_token
        user = FakeUser(bot_api, 1001, "Hanako", "en")
        replies = await user.send("hello")
        assert replies.text == "You said: hello"
        update = {"message": {"message_id": 99, "date": 0, "chat": {"id": 1001, "type": "private"}, "text": "x"}}
        assert await bot_api.push_webhook(update, secret="wrong") == 403
        assert await bot_api.push_webhook(update, secret=None) == 403
        async with Bot(bot_api.token, base_url=bot_api.base_url) as bot:
            with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
                await bot.get_updates()
    assert bot_api.webhook.url  # PTB leaves the webhook set on shutdown, as Telegram would keep it
