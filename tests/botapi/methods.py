"""The Bot API methods that act on chats, as functions of the fake's ``World`` and the decoded parameters.

Each method validates the way Telegram does where a bot can get it wrong (HTML that does not parse, texts over
4096 characters, callback data over 64 bytes, an edit that changes nothing, a stale callback query, an unknown
chat) and raises ``ApiError`` with Telegram's wording, which PTB turns into ``BadRequest``/``Forbidden``.
Updates, webhooks and long polling live in ``server.py``.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.botapi.chats import JSON, ChatLog, StoredMessage, Upload, Version
from tests.botapi.tg_html import HtmlError, as_html, utf16_len, visible_text

Params = dict[str, Any]
Method = Callable[["World", Params], Any]

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same "
    "as a content and reply markup of the current message"
)
STALE_QUERY = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
    "choose_sticker", "find_location", "record_video_note", "upload_video_note",
})
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    """A refusal as Telegram words it: HTTP status, description and optional ``parameters``."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class CallbackQuery:
    """A callback query a user sent; Telegram accepts exactly one answer."""

    chat_id: int | None
    data: str | None
    answered: bool = False
    answer: JSON = field(default_factory=dict)


@dataclass
class World:
    """Everything the fake server knows apart from the update queue."""

    bot_user: JSON
    chats: dict[int, ChatLog] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    """Groups the bot was removed from: getChatMember says "left", sending answers 403."""
    files: dict[str, Upload] = field(default_factory=dict)
    file_paths: dict[str, str] = field(default_factory=dict)  # file_path -> file_id
    callbacks: dict[str, CallbackQuery] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[JSON]] = field(default_factory=dict)
    menu_buttons: dict[int | None, JSON] = field(default_factory=dict)
    profile: dict[str, str] = field(default_factory=dict)
    admin_in: set[int] = field(default_factory=set)
    """Groups where the bot is an administrator allowed to delete other members' messages."""
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def ensure_chat(self, chat: JSON) -> ChatLog:
        log = self.chats.get(int(chat["id"]))
        if log is None:
            log = self.chats[int(chat["id"])] = ChatLog(chat=chat)
        return log

    def chat_for(self, params: Params, *, sending: bool = True) -> ChatLog:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad("chat_id is empty")
        if not isinstance(chat_id, int):
            raise bad("chat not found")  # @channel usernames are not simulated
        log = self.chats.get(chat_id)
        if log is None:
            raise bad("chat not found")
        if sending and chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if sending and chat_id in self.removed:
            raise ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
        return log

    def store_file(self, upload: Upload, folder: str) -> tuple[str, str]:
        """Keep an uploaded file; returns its ``file_id`` and ``file_unique_id``."""
        n = next(self._ids)
        file_id = f"file-{n}-{folder}"
        self.files[file_id] = upload
        suffix = upload.filename.rsplit(".", 1)[-1] if "." in upload.filename else "bin"
        self.file_paths[f"{folder}/file_{n}.{suffix}"] = file_id
        return file_id, f"u{n}"

    def path_of(self, file_id: str) -> str | None:
        return next((path for path, fid in self.file_paths.items() if fid == file_id), None)


def _markup(params: Params, log: ChatLog) -> JSON | None:
    """Validate ``reply_markup``; remember a reply keyboard on the chat; return an inline keyboard."""
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        for row in markup["inline_keyboard"]:
            for button in row:
                actions = [k for k in button if k != "text"]
                if not actions:
                    raise bad("text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                    raise bad("BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise bad("BUTTON_TEXT_EMPTY")  # unverified wording; Telegram refuses empty labels
        return markup
    if "keyboard" in markup:
        rows = markup["keyboard"]
        log.reply_keyboard = [[b if isinstance(b, str) else b.get("text", "") for b in row] for row in rows]
    elif markup.get("remove_keyboard"):
        log.reply_keyboard = None
    return None


def _version(params: Params, log: ChatLog, key: str, limit: int, *, required: bool) -> Version:
    raw = str(params.get(key) or "")
    mode = params.get("parse_mode")
    try:
        text = visible_text(raw, mode)
    except HtmlError as exc:
        raise bad(str(exc)) from None
    if required and not text:
        raise bad("message text is empty")
    if utf16_len(text) > limit:
        raise bad("message is too long" if key == "text" else "message caption is too long")
    return Version(text=text, html=as_html(raw, mode), parse_mode=mode, reply_markup=_markup(params, log))


def _bot_message(world: World, log: ChatLog, kind: str, version: Version, **kwargs: Any) -> StoredMessage:
    message = StoredMessage(
        message_id=log.new_id(), chat=log.chat, sender=world.bot_user, from_bot=True, kind=kind, current=version,
        **kwargs,
    )
    return log.add(message)


def _reply_to(p: Params, log: ChatLog) -> JSON:
    """``reply_parameters`` (or the older ``reply_to_message_id``): the message replied to, as Telegram embeds it."""
    parameters = p.get("reply_parameters")
    if isinstance(parameters, dict):
        message_id, lenient = parameters.get("message_id"), bool(parameters.get("allow_sending_without_reply"))
    else:
        message_id, lenient = p.get("reply_to_message_id"), bool(p.get("allow_sending_without_reply"))
    if message_id is None:
        return {}
    target = log.live(int(message_id))
    if target is None:
        if lenient:
            return {}
        raise bad("message to be replied not found")
    return {"reply_to_message": target.to_json()}


def send_message(world: World, p: Params) -> JSON:
    log = world.chat_for(p)
    version = _version(p, log, "text", 4096, required=True)
    return _bot_message(world, log, "text", version, extra=_reply_to(p, log)).to_json()


def _media(world: World, p: Params, key: str, folder: str) -> tuple[JSON | list[JSON], Upload | None]:
    value = p.get(key)
    if isinstance(value, Upload):
        file_id, unique = world.store_file(value, folder)
        upload: Upload | None = value
    elif isinstance(value, str) and value:
        file_id, unique, upload = value, f"u-{value[-24:]}", world.files.get(value)
    else:
        raise bad(f"there is no {key} in the request")
    size = len(upload.data) if upload else 1024
    if key == "photo":
        return [{"file_id": file_id, "file_unique_id": unique, "width": 640, "height": 480, "file_size": size}], upload
    document: JSON = {"file_id": file_id, "file_unique_id": unique, "file_size": size}
    if upload is not None:
        document.update(file_name=upload.filename, mime_type=upload.content_type)
    return document, upload


def send_photo(world: World, p: Params) -> JSON:
    log = world.chat_for(p)
    version = _version(p, log, "caption", 1024, required=False)
    media, upload = _media(world, p, "photo", "photos")
    return _bot_message(world, log, "photo", version, media=media, upload=upload).to_json()


def send_document(world: World, p: Params) -> JSON:
    log = world.chat_for(p)
    version = _version(p, log, "caption", 1024, required=False)
    media, upload = _media(world, p, "document", "documents")
    return _bot_message(world, log, "document", version, media=media, upload=upload).to_json()


def _editable(world: World, p: Params) -> tuple[ChatLog, StoredMessage]:
    if p.get("inline_message_id"):
        raise bad("inline messages are not simulated by the fake Bot API")
    log = world.chat_for(p, sending=False)
    message = log.live(int(p.get("message_id") or 0))
    if message is None:
        raise bad("message to edit not found")
    if not message.from_bot:
        raise bad("message can't be edited")
    return log, message


def _apply_edit(log: ChatLog, message: StoredMessage, version: Version) -> JSON:
    old = message.current
    if (version.html, version.reply_markup) == (old.html, old.reply_markup):
        raise bad(NOT_MODIFIED.removeprefix("Bad Request: "))
    message.edit(version)
    log.events.append(("edited", message.message_id))
    return message.to_json()


def edit_message_text(world: World, p: Params) -> JSON:
    log, message = _editable(world, p)
    if message.kind != "text":
        raise bad("there is no text in the message to edit")
    return _apply_edit(log, message, _version(p, log, "text", 4096, required=True))


def edit_message_caption(world: World, p: Params) -> JSON:
    log, message = _editable(world, p)
    if message.kind == "text":
        raise bad("there is no caption in the message to edit")
    return _apply_edit(log, message, _version(p, log, "caption", 1024, required=False))


def edit_message_reply_markup(world: World, p: Params) -> JSON:
    log, message = _editable(world, p)
    old = message.current
    return _apply_edit(log, message, Version(old.text, old.html, old.parse_mode, _markup(p, log)))


DELETE_WINDOW = 48 * 3600
"""Telegram lets a bot delete a message for everyone only this many seconds after it was sent."""


def delete_message(world: World, p: Params) -> bool:
    """Telegram's rules: the bot's own messages anywhere, incoming ones in a private chat, other members' messages
    in a group only as an administrator; in every case only within 48 hours of sending."""
    log = world.chat_for(p, sending=False)
    message = log.live(int(p.get("message_id") or 0))
    if message is None:
        raise bad("message to delete not found")
    private = log.chat.get("type") == "private"
    if not (message.from_bot or private or log.chat["id"] in world.admin_in):
        raise bad("message can't be deleted")
    if time.time() - message.date > DELETE_WINDOW:
        raise bad("message can't be deleted for everyone")
    message.deleted = True
    log.events.append(("deleted", message.message_id))
    return True


def answer_callback_query(world: World, p: Params) -> bool:
    query = world.callbacks.get(str(p.get("callback_query_id", "")))
    if query is None or query.answered:
        raise bad(STALE_QUERY.removeprefix("Bad Request: "))
    query.answered = True
    query.answer = {k: p[k] for k in ("text", "show_alert", "url", "cache_time") if k in p}
    return True


def send_chat_action(world: World, p: Params) -> bool:
    log = world.chat_for(p)
    if p.get("action") not in CHAT_ACTIONS:
        raise bad("wrong parameter action in request")
    log.actions.append(str(p["action"]))
    return True


def _command_key(p: Params) -> tuple[str, str]:
    scope = p.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")


def set_my_commands(world: World, p: Params) -> bool:
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise bad("can't parse commands JSON object")
    for command in commands:
        if not _COMMAND.match(str(command.get("command", ""))):
            raise bad("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad("BOT_COMMAND_DESCRIPTION_INVALID")  # unverified wording
    world.commands[_command_key(p)] = commands
    return True


def get_my_commands(world: World, p: Params) -> list[JSON]:
    return world.commands.get(_command_key(p), [])


def delete_my_commands(world: World, p: Params) -> bool:
    world.commands.pop(_command_key(p), None)
    return True


def set_chat_menu_button(world: World, p: Params) -> bool:
    chat_id = p.get("chat_id")
    world.menu_buttons[int(chat_id) if chat_id is not None else None] = p.get("menu_button") or {"type": "default"}
    return True


def get_chat_menu_button(world: World, p: Params) -> JSON:
    chat_id = p.get("chat_id")
    return world.menu_buttons.get(int(chat_id) if chat_id is not None else None, {"type": "commands"})


def get_chat(world: World, p: Params) -> JSON:
    return dict(world.chat_for(p, sending=False).chat)


def get_chat_member(world: World, p: Params) -> JSON:
    log = world.chat_for(p, sending=False)
    user_id = p.get("user_id")
    if user_id != world.bot_user["id"]:
        raise bad("user not found")  # only the bot itself is simulated as a member
    status = "left" if log.chat["id"] in world.removed else "member"
    return {"status": status, "user": world.bot_user}


def get_file(world: World, p: Params) -> JSON:
    file_id = str(p.get("file_id", ""))
    path = world.path_of(file_id)
    upload = world.files.get(file_id)
    if path is None or upload is None:
        raise bad("invalid file_id")
    return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_size": len(upload.data), "file_path": path}


def _profile_setter(key: str) -> Method:
    def setter(world: World, p: Params) -> bool:
        world.profile[key] = str(p.get(key) or "")
        return True

    return setter


METHODS: dict[str, Method] = {
    "getme": lambda world, p: world.bot_user,
    "sendmessage": send_message,
    "sendphoto": send_photo,
    "senddocument": send_document,
    "editmessagetext": edit_message_text,
    "editmessagecaption": edit_message_caption,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "answercallbackquery": answer_callback_query,
    "sendchataction": send_chat_action,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
    "setchatmenubutton": set_chat_menu_button,
    "getchatmenubutton": get_chat_menu_button,
    "getfile": get_file,
    "getchat": get_chat,
    "getchatmember": get_chat_member,
    "setmydescription": _profile_setter("description"),
    "setmyshortdescription": _profile_setter("short_description"),
    "setmyname": _profile_setter("name"),
    "close": lambda world, p: True,
    "logout": lambda world, p: True,
}
