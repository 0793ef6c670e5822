"""The Bot API methods the bot calls, carried out on the local ``World`` with Telegram's answers and refusals.

Only what this bot uses is simulated; any other method answers 404 like Telegram does for an unknown method, and
the log line names it, so a new call in the bot shows up at once. A message Telegram would refuse (HTML it cannot
parse, over 4096 characters) is refused here too, and the page shows why in the chat where it would have appeared.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.content.telegram_html import visible_length
from bot.localchat.telegram_view import TelegramRefused, plain_to_page_html, to_page_html
from bot.localchat.world import JSON, Chat, Message, Upload, World

log = logging.getLogger(__name__)
Params = dict[str, Any]
Method = Callable[[World, Params], Any]
TEXT_LIMIT, CAPTION_LIMIT = 4096, 1024
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly the same as "
                "a content and reply markup of the current message")
STRING_PARAMS = frozenset({"text", "caption", "parse_mode", "callback_query_id", "photo", "document", "file_id",
                           "language_code", "action", "description", "short_description", "name", "url"})


class ApiError(Exception):
    """Telegram's refusal: HTTP status and description (PTB raises BadRequest, Forbidden ... from it)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def decode(key: str, value: str) -> Any:
    """PTB sends form fields; everything that is not a string is JSON (ids, markup, booleans)."""
    if key in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _chat(world: World, p: Params) -> Chat:
    chat_id = p.get("chat_id")
    chat = world.chats.get(chat_id) if isinstance(chat_id, int) else None
    if chat is None:
        raise bad("chat not found")
    return chat


def _shown(world: World, chat: Chat, p: Params, key: str, limit: int) -> str:
    """Page HTML of the text or caption, or Telegram's refusal (also shown in the chat, for whoever edits)."""
    source = str(p.get(key) or "")
    html_mode = str(p.get("parse_mode") or "").lower() == "html"
    try:
        shown = to_page_html(source) if html_mode else plain_to_page_html(source)
    except TelegramRefused as exc:
        refusal = bad(f"can't parse entities: {exc}")
    else:
        visible = visible_length(source) if html_mode else len(source.strip().encode("utf-16-le")) // 2
        if key == "text" and visible == 0:
            refusal = bad("message text is empty")
        elif visible > limit:
            refusal = bad("message is too long" if key == "text" else "message caption is too long")
        else:
            return shown
    _notice(world, chat, "Telegram would refuse this message: " + refusal.description.removeprefix("Bad Request: "))
    raise refusal


def _notice(world: World, chat: Chat, text: str) -> None:
    chat.add(lambda n: Message(n, chat.chat, world.bot_user, True, "notice", plain_to_page_html(text)))
    world.changed()


def _markup(p: Params) -> JSON | None:
    markup = p.get("reply_markup")
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return None
    for row in markup["inline_keyboard"]:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise bad("BUTTON_DATA_INVALID")
    return markup


def send_message(world: World, p: Params) -> JSON:
    chat = _chat(world, p)
    shown, source, markup = _shown(world, chat, p, "text", TEXT_LIMIT), str(p["text"]), _markup(p)
    message = chat.add(lambda n: Message(n, chat.chat, world.bot_user, True, "text", shown, source, markup))
    world.changed()
    return message.to_json()


def _send_file(world: World, p: Params, uploads: dict[str, Upload], key: str) -> JSON:
    chat = _chat(world, p)
    shown, markup = _shown(world, chat, p, "caption", CAPTION_LIMIT), _markup(p)
    value = p.get(key)
    if isinstance(value, str) and value.startswith("attach://"):
        value = uploads.get(value.removeprefix("attach://"))
    if isinstance(value, Upload):
        file_id = world.store_file(value)
    elif isinstance(value, str) and value in world.files:
        file_id = value
    else:
        raise bad(f"there is no {key} in the request" if value is None else "wrong file identifier/HTTP URL specified")
    filename = world.files[file_id].filename
    message = chat.add(lambda n: Message(n, chat.chat, world.bot_user, True, key, shown, str(p.get("caption") or ""),
                                         markup, file_id=file_id, filename=filename))
    world.changed()
    return message.to_json()


def _editable(world: World, p: Params) -> Message:
    chat = _chat(world, p)
    message = chat.messages.get(int(p.get("message_id") or 0))
    if message is None or message.deleted:
        raise bad("message to edit not found")
    if not message.from_bot or message.kind == "notice":
        raise bad("message can't be edited")
    return message


def _edit(world: World, message: Message, shown: str, source: str, markup: JSON | None) -> JSON:
    if (source, markup) == (message.source, message.reply_markup):
        raise bad(NOT_MODIFIED)
    message.html, message.source, message.reply_markup, message.edited = shown, source, markup, True
    world.changed()
    return message.to_json()


def edit_message_text(world: World, p: Params) -> JSON:
    message = _editable(world, p)
    if message.kind != "text":
        raise bad("there is no text in the message to edit")
    chat = world.chats[int(message.chat["id"])]
    return _edit(world, message, _shown(world, chat, p, "text", TEXT_LIMIT), str(p["text"]), _markup(p))


def edit_message_caption(world: World, p: Params) -> JSON:
    message = _editable(world, p)
    if message.kind == "text":
        raise bad("there is no caption in the message to edit")
    chat = world.chats[int(message.chat["id"])]
    return _edit(world, message, _shown(world, chat, p, "caption", CAPTION_LIMIT), str(p.get("caption") or ""),
                 _markup(p))


def edit_message_reply_markup(world: World, p: Params) -> JSON:
    message = _editable(world, p)
    return _edit(world, message, message.html, message.source, _markup(p))


def delete_message(world: World, p: Params) -> bool:
    chat = _chat(world, p)
    message = chat.messages.get(int(p.get("message_id") or 0))
    if message is None or message.deleted:
        raise bad("message to delete not found")
    message.deleted = True
    world.changed()
    return True


def answer_callback_query(world: World, p: Params) -> bool:
    chat_id = world.open_queries.pop(str(p.get("callback_query_id") or ""), None)
    if chat_id is None:
        raise bad("query is too old and response timeout expired or query ID is invalid")
    if p.get("text") and chat_id in world.chats:
        world.chats[chat_id].alert = str(p["text"])
        world.chats[chat_id].alerts += 1
        world.changed()
    return True


def set_my_commands(world: World, p: Params) -> bool:
    world.commands[json.dumps([p.get("scope"), p.get("language_code")])] = list(p.get("commands") or [])
    return True


def get_chat_member(world: World, p: Params) -> JSON:
    """The bot and the chat's person are plain members of each simulated chat: the bot's start-up check of the staff
    chat then finds it reachable, as it would in a real group the bot was added to."""
    chat = _chat(world, p)
    user_id = int(p.get("user_id") or 0)
    if user_id == world.bot_user["id"]:
        return {"status": "member", "user": world.bot_user}
    if user_id == chat.user["id"]:
        return {"status": "member", "user": chat.user}
    raise bad("user not found")


def _true(world: World, p: Params) -> bool:
    return True


METHODS: dict[str, Method] = {
    "getme": lambda world, p: world.bot_user,
    "sendmessage": send_message,
    "editmessagetext": edit_message_text,
    "editmessagecaption": edit_message_caption,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "answercallbackquery": answer_callback_query,
    "getchatmember": get_chat_member,
    "sendchataction": _true,
    "setmycommands": set_my_commands,
    "deletemycommands": _true,
    "setchatmenubutton": _true,
    "deletewebhook": _true,
    "getwebhookinfo": lambda world, p: {"url": "", "has_custom_certificate": False, "pending_update_count": 0},
    "close": _true,
    "logout": _true,
}


async def call(world: World, method: str, p: Params, uploads: dict[str, Upload]) -> Any:
    """Carry out one Bot API call; raises ``ApiError`` as Telegram would answer."""
    name = method.lower()
    if name == "getupdates":
        return await world.get_updates(int(p.get("offset") or 0), float(p.get("timeout") or 0),
                                       int(p.get("limit") or 100))
    if name in ("sendphoto", "senddocument"):
        return _send_file(world, p, uploads, name.removeprefix("send"))
    found = METHODS.get(name)
    if found is None:
        log.warning("the local chat does not simulate the Bot API method %s (answered 404)", method)
        raise ApiError(404, "Not Found")
    result = found(world, p)
    return await result if isinstance(result, Awaitable) else result
