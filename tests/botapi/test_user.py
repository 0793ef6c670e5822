"""The simulated user against the echo bot run by the real Application: buttons, edits, media, groups, quiet."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.botapi.app_runner import AppHost
from tests.botapi.echo_app import build
from tests.botapi.server import FakeBotApi
from tests.botapi.user import TINY_PNG, FakeUser


@pytest.fixture
async def host(bot_api: FakeBotApi, tmp_path: Path) -> AsyncIterator[AppHost]:
    async with AppHost(bot_api, build, tmp_path) as host:
        yield host


@pytest.fixture
def user(bot_api: FakeBotApi) -> FakeUser:
    return FakeUser(bot_api, 1001, "Hanako", "en")


async def test_start_shows_the_menu(host: AppHost, user: FakeUser) -> None:
    replies = await user.send_command("/start", "deep-link")
    assert [r.text for r in replies] == ["Welcome, Hanako!\nPayload: deep-link", "Menu\nChoose a topic."]
    assert replies[0].html == "Welcome, <b>Hanako</b>!\nPayload: <code>deep-link</code>"
    assert replies.last.buttons == (("About", "Count"), ("Website",))
    assert replies.labels == ["About", "Count", "Website"]


async def test_press_edits_the_menu_in_place(host: AppHost, user: FakeUser, bot_api: FakeBotApi) -> None:
    menu = (await user.send("/start")).last
    replies = await user.press("About")
    assert [(r.message_id, r.edited, r.text) for r in replies] == [
        (menu.message_id, True, "This bot echoes what you write.")]
    assert "Choose a topic" not in bot_api.visible_text(user.chat_id)
    assert [v.text for v in bot_api.chat_messages(user.chat_id)[-1].history] == ["Menu\nChoose a topic."]
    replies = await user.press("« Back")
    assert replies.last.buttons[0] == ("About", "Count")
    replies = await user.press("ｃｏｕｎｔ")  # NFKC and case do not matter for labels
    assert (list(replies), replies.alerts) == ([], ["Count: 1"])
    assert bot_api.unanswered_callbacks() == []


async def test_press_explains_what_is_on_screen_when_the_label_is_missing(host: AppHost, user: FakeUser) -> None:
    with pytest.raises(AssertionError, match=r"^no bot message with an inline keyboard in chat 1001"):
        await user.press("About")
    await user.send("/start")
    with pytest.raises(AssertionError) as caught:
        await user.press("Prices")
    assert str(caught.value) == (
        "no button 'Prices' in message #3; visible buttons: [['About', 'Count'], ['Website']]\n"
        "the message reads:\nMenu\nChoose a topic."
    )
    with pytest.raises(AssertionError, match=r"^button 'Website' opens https://example.org/ and sends no callback$"):
        await user.press("Website")


async def test_stale_buttons_and_deleted_messages(host: AppHost, user: FakeUser, bot_api: FakeBotApi) -> None:
    menu = (await user.send("/start")).last
    assert (await user.press_data("v1:old-menu")).alerts == ["This button has expired."]
    await host.app.bot.delete_message(user.chat_id, menu.message_id)
    replies = await user.press_data("v1:old-menu", menu.message_id)  # Telegram sends an InaccessibleMessage
    assert replies.alerts == ["This button has expired."]
    await user.press_data("mute:x")
    assert user.unanswered() == ["mute:x"] and bot_api.unanswered_callbacks() == ["mute:x"]


async def test_text_edits_and_media(host: AppHost, user: FakeUser) -> None:
    assert (await user.send("1 < 2 & 3")).text == "You said: 1 < 2 & 3"
    assert (await user.edit_last_text("1 < 3")).text == "You edited it to: 1 < 3"
    photo = await user.send_photo("look")
    assert photo.text == f"Got a photo of {len(TINY_PNG)} bytes."  # the bot downloaded the bytes with getFile
    assert (await user.send_voice()).text == "I cannot listen to voice messages; please type."
    assert (await user.send_location(35.1709, 136.8815)).text == "You are at 35.17, 136.88."
    sticker = await user.send_sticker()
    assert (sticker.text, sticker.labels[0]) == ("Stickers are nice. Here is the menu:", "About")
    picture = await user.send("/picture")
    assert (picture.last.kind, picture.last.marker, picture.text) == ("photo", "[photo]", "[photo] A tiny picture")


async def test_reply_keyboard_and_contact(host: AppHost, user: FakeUser, bot_api: FakeBotApi) -> None:
    await user.send("/keyboard")
    assert bot_api.world.chats[user.chat_id].reply_keyboard == [["Yes", "No"], ["Share phone"]]
    assert (await user.tap("Yes")).text == "You said: Yes"
    with pytest.raises(AssertionError, match=r"^no reply-keyboard button 'Maybe'"):
        await user.tap("Maybe")
    assert (await user.send_contact("+81 52 000 0000")).text == "Thanks, +81 52 000 0000."
    assert bot_api.world.chats[user.chat_id].reply_keyboard is None


async def test_group_chat_member(host: AppHost, bot_api: FakeBotApi) -> None:
    staff = FakeUser(bot_api, 9001, "Staff", "ja", chat_id=-1001234567890, is_private=False)
    replies = await staff.send("/export@fake_clinic_bot")
    assert (replies.text, replies.last.upload and replies.last.upload.filename) == (
        "[document export.csv] 2 rows", "export.csv")
    message = bot_api.chat_messages(staff.chat_id)[0]
    assert (message.chat["type"], message.sender["id"], message.from_bot) == ("supergroup", 9001, False)


async def test_quiet_waits_for_a_slow_handler(host: AppHost, user: FakeUser) -> None:
    assert (await user.send("/slow")).text == "Done, slowly."


async def test_wait_for_catches_background_work(host: AppHost, user: FakeUser) -> None:
    assert (await user.send("/later")).text == "Scheduled."
    replies = await user.wait_for("Later!")
    assert replies.text == "Scheduled.\n\nLater!"


async def test_send_without_waiting_then_wait_quiet(host: AppHost, user: FakeUser) -> None:
    assert await user.send("one", wait=False) == []
    assert (await user.wait_quiet()).text == "You said: one"


async def test_quiet_detection_fails_clearly_without_a_running_bot(bot_api: FakeBotApi, user: FakeUser) -> None:
    with pytest.raises(AssertionError, match=r"^update #1 was not fetched by the bot within 0.2s: is the application "
                                             r"running \(running_app\) with base_url='http://127.0.0.1:\d+/bot'\?"):
        await user.send("hello", wait=False)
        await user.wait_quiet(timeout=0.2)


async def test_restart_continues_the_conversation(host: AppHost, user: FakeUser, bot_api: FakeBotApi) -> None:
    await user.send("/start")
    await user.press("Count")
    first_app = host.app
    await host.restart()
    assert host.app is not first_app and host.starts == 2
    assert (await user.send("/count")).text == "Count so far: 1"
    assert (await user.press("Count")).alerts == ["Count: 2"]  # the keyboard sent by app 1 still works
    assert len(bot_api.calls_of("getMe")) == 2
    assert bot_api.problems() == []
