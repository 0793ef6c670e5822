"""The Bot API stand-in and the page's HTML, without a bot: Telegram's refusals, safe HTML, buttons, edits."""

from __future__ import annotations

import pytest

from bot.localchat.botapi import ApiError, call
from bot.localchat.run import BOT_USER
from bot.localchat.telegram_view import TelegramRefused, to_page_html
from bot.localchat.world import STAFF_CHAT_ID, World


def test_the_telegram_subset_is_kept_and_nothing_else() -> None:
    assert to_page_html('<b>太字</b> <i>x</i> <a href="https://wako.example/">site</a> &lt;3') == (
        '<b>太字</b> <i>x</i> <a href="https://wako.example/" target="_blank" rel="noopener">site</a> &lt;3')
    assert to_page_html('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>') == (
        '<span class="tg-spoiler">s</span><span class="tg-spoiler">t</span>')
    assert to_page_html('<a href="javascript:alert(1)">x</a><code onclick="x()">c</code>') == "<a>x</a><code>c</code>"
    assert to_page_html("<pre>&lt;script&gt;</pre>") == "<pre>&lt;script&gt;</pre>"
    assert 'class="expandable">folded</blockquote>' in to_page_html("<blockquote expandable>folded</blockquote>")


def test_html_telegram_refuses_is_refused() -> None:
    with pytest.raises(TelegramRefused, match=r"HTML tag <script> is not accepted by Telegram"):
        to_page_html("<script>alert(1)</script>")
    with pytest.raises(TelegramRefused, match=r"tag <b> is never closed"):
        to_page_html("<b>open")


async def test_a_refused_message_is_shown_where_it_would_have_appeared() -> None:
    world = World(BOT_USER)
    patient = world.patient.id
    with pytest.raises(ApiError) as refused:
        await call(world, "sendMessage", {"chat_id": patient, "text": "<div>x</div>", "parse_mode": "HTML"}, {})
    assert refused.value.status == 400
    assert refused.value.description == ("Bad Request: can't parse entities: HTML tag <div> is not accepted by "
                                         "Telegram (use Markdown: **bold**, _italic_, [link](url))")
    [notice] = world.patient.view()["messages"]
    assert notice["kind"] == "notice" and notice["html"].startswith("Telegram would refuse this message:")


async def test_buttons_edits_and_callback_answers() -> None:
    world = World(BOT_USER, language="en")
    chat = world.patient.id
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "k:yes"}]]}
    sent = await call(world, "sendMessage", {"chat_id": chat, "text": "<b>Q?</b>", "parse_mode": "HTML",
                                             "reply_markup": markup}, {})
    assert world.press("patient", sent["message_id"], "k:yes")
    assert not world.press("patient", sent["message_id"], "k:forged"), "only buttons on screen can be pressed"
    [update] = await world.get_updates(0, 0)
    query = update["callback_query"]
    assert query["from"]["language_code"] == "en" and query["data"] == "k:yes"
    await call(world, "answerCallbackQuery", {"callback_query_id": query["id"], "text": "Saved"}, {})
    with pytest.raises(ApiError, match="query is too old"):
        await call(world, "answerCallbackQuery", {"callback_query_id": query["id"]}, {})
    await call(world, "editMessageText", {"chat_id": chat, "message_id": sent["message_id"], "text": "Done",
                                          "parse_mode": "HTML"}, {})
    with pytest.raises(ApiError, match="message is not modified"):
        await call(world, "editMessageText", {"chat_id": chat, "message_id": sent["message_id"], "text": "Done",
                                              "parse_mode": "HTML"}, {})
    view = world.patient.view()
    assert view["alert"] == "Saved"
    assert [(m["html"], m["edited"], m["buttons"]) for m in view["messages"]] == [("Done", True, [])]
    assert not world.press("patient", sent["message_id"], "k:yes"), "the edit took the button away"
    assert (await world.get_updates(update["update_id"] + 1, 0)) == []


async def test_unknown_chats_and_methods_answer_as_telegram_does() -> None:
    world = World(BOT_USER)
    with pytest.raises(ApiError, match="chat not found"):
        await call(world, "sendMessage", {"chat_id": 42, "text": "x"}, {})
    with pytest.raises(ApiError) as unknown:
        await call(world, "sendPoll", {"chat_id": STAFF_CHAT_ID}, {})
    assert unknown.value.status == 404


async def test_the_bot_is_a_member_of_the_staff_chat_so_its_start_up_check_passes() -> None:
    world = World(BOT_USER)
    member = await call(world, "getChatMember", {"chat_id": STAFF_CHAT_ID, "user_id": BOT_USER["id"]}, {})
    assert member == {"status": "member", "user": BOT_USER}
    with pytest.raises(ApiError, match="user not found"):
        await call(world, "getChatMember", {"chat_id": STAFF_CHAT_ID, "user_id": 12345}, {})


async def test_a_new_patient_starts_an_empty_chat_in_the_chosen_language() -> None:
    world = World(BOT_USER)
    first = world.patient.id
    world.send_text("patient", "/start")
    world.new_patient("en")
    assert world.patient.id != first and world.patient.view()["messages"] == []
    world.send_text("patient", "hello")
    updates = await world.get_updates(0, 0)
    assert [u["message"]["from"]["language_code"] for u in updates] == ["ja", "en"]
    assert updates[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
