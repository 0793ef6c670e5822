"""What the stand-in knows: the patient's chat and the staff chat as the page shows them, and the update queue.

The simulated people act here (``send_text``, ``press``), which queues Telegram updates for the bot's long poll;
the bot's Bot API calls (``botapi.py``) change the chats. Every change bumps ``version`` and wakes whoever waits
(the bot's getUpdates, the page's long poll), so nothing polls on a timer.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.localchat.telegram_view import plain_to_page_html

JSON = dict[str, Any]
STAFF_CHAT_ID = -1000000000001
STAFF_USER_ID = 9001
FIRST_PATIENT_ID = 1001
PATIENT_NAMES = {"ja": "花子", "en": "Emily"}
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")


@dataclass
class Upload:
    """A file the bot sent (a picture, the staff's CSV export), kept in memory for the page."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class Message:
    """One message as the page shows it now (an edit replaces it in place)."""

    message_id: int
    chat: JSON
    sender: JSON
    from_bot: bool
    kind: str  # text, photo, document, notice (something Telegram would have refused, shown to the person)
    html: str  # safe page HTML (see telegram_view)
    source: str = ""  # what the bot sent (Telegram HTML), for the Message object returned to it
    reply_markup: JSON | None = None
    file_id: str | None = None
    filename: str = ""
    date: int = field(default_factory=lambda: int(time.time()))
    edited: bool = False
    deleted: bool = False

    def to_json(self) -> JSON:
        """The Telegram ``Message`` object (what PTB parses from the Bot API's answer and from updates)."""
        message: JSON = {"message_id": self.message_id, "date": self.date, "chat": self.chat, "from": self.sender}
        if self.edited:
            message["edit_date"] = int(time.time())
        if self.kind == "photo":
            message["photo"] = [{"file_id": self.file_id, "file_unique_id": f"u{self.file_id}", "width": 640,
                                 "height": 480}]
            message["caption"] = self.source
        elif self.kind == "document":
            message["document"] = {"file_id": self.file_id, "file_unique_id": f"u{self.file_id}",
                                   "file_name": self.filename}
            message["caption"] = self.source
        else:
            message["text"] = self.source
            command = _COMMAND.match(self.source) if not self.from_bot else None
            if command:
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command.group(0))}]
        if self.reply_markup:
            message["reply_markup"] = self.reply_markup
        return message

    def view(self) -> JSON:
        """What the page needs to draw the bubble."""
        buttons = [[{"text": b.get("text", ""), "data": b.get("callback_data"), "url": b.get("url")} for b in row]
                   for row in (self.reply_markup or {}).get("inline_keyboard", [])]
        shown: JSON = {"id": self.message_id, "from_bot": self.from_bot, "kind": self.kind, "html": self.html,
                       "buttons": buttons, "edited": self.edited}
        if self.file_id:
            shown["file"] = f"/media/{self.file_id}"
            shown["filename"] = self.filename
        return shown


@dataclass
class Chat:
    chat: JSON
    user: JSON
    messages: dict[int, Message] = field(default_factory=dict)
    alert: str = ""  # the text of the bot's last answer to a button (Telegram shows it as a toast)
    alerts: int = 0  # how many such answers came: the page shows each new one for a few seconds
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def id(self) -> int:
        return int(self.chat["id"])

    def add(self, make: Callable[[int], Message]) -> Message:
        """Add the message ``make(message_id)`` builds."""
        message = make(next(self._ids))
        self.messages[message.message_id] = message
        return message

    def view(self) -> JSON:
        return {"chat_id": self.id, "language": self.user.get("language_code", ""), "alert": self.alert,
                "alerts": self.alerts, "messages": [m.view() for m in self.messages.values() if not m.deleted]}


class World:
    """The two chats, the files, the open button presses and the update queue of one local chat."""

    def __init__(self, bot_user: JSON, language: str = "ja") -> None:
        self.bot_user = bot_user
        self.version = 0
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, Upload] = {}
        self.open_queries: dict[str, int] = {}  # callback query id -> chat id
        self.commands: dict[str, list[JSON]] = {}
        self.pending: list[JSON] = []
        self.closing = False
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._patient_ids = itertools.count(FIRST_PATIENT_ID)
        self._changed = asyncio.Event()
        staff_user = {"id": STAFF_USER_ID, "is_bot": False, "first_name": "スタッフ", "language_code": "ja"}
        self.staff = self._add_chat({"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Clinic staff (local)"},
                                    staff_user)
        self.patient = self.new_patient(language)

    # -- the simulated people -----------------------------------------------------------------------------------
    def new_patient(self, language: str) -> Chat:
        """A patient who has never written to the bot, whose Telegram app is set to ``language``."""
        user_id = next(self._patient_ids)
        user = {"id": user_id, "is_bot": False, "first_name": PATIENT_NAMES.get(language, "Emily"),
                "language_code": language}
        self.patient = self._add_chat({"id": user_id, "type": "private", "first_name": user["first_name"]}, user)
        self.changed()
        return self.patient

    def chat_of(self, pane: str) -> Chat:
        return self.staff if pane == "staff" else self.patient

    def send_text(self, pane: str, text: str) -> None:
        chat = self.chat_of(pane)
        text = text.strip()
        if not text:
            return
        message = chat.add(lambda n: Message(n, chat.chat, chat.user, False, "text", plain_to_page_html(text),
                                             source=text))
        self.enqueue({"message": message.to_json()})

    def press(self, pane: str, message_id: int, data: str) -> bool:
        """Press an inline button; False when that message no longer shows it (an edit took it away)."""
        chat = self.chat_of(pane)
        message = chat.messages.get(message_id)
        if message is None or message.deleted or data not in _callback_data(message):
            return False
        query_id = f"q{next(self._query_ids)}"
        self.open_queries[query_id] = chat.id
        self.enqueue({"callback_query": {"id": query_id, "from": chat.user, "chat_instance": f"c{chat.id}",
                                         "message": message.to_json(), "data": data}})
        return True

    # -- updates -------------------------------------------------------------------------------------------------
    def enqueue(self, update: JSON) -> None:
        self.pending.append({**update, "update_id": next(self._update_ids)})
        self.changed()

    async def get_updates(self, offset: int, timeout: float, limit: int = 100) -> list[JSON]:
        """Telegram's long poll: at once when updates wait, else when one arrives or ``timeout`` runs out."""
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not self.pending and not self.closing and time.monotonic() < deadline:
            await self.wait_change(deadline - time.monotonic())
        return self.pending[:limit]

    # -- change notification ------------------------------------------------------------------------------------
    def changed(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_change(self, timeout: float) -> None:
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max(timeout, 0.0))

    def close(self) -> None:
        self.closing = True
        self.changed()

    def snapshot(self) -> JSON:
        """Everything the page draws, in one JSON object."""
        return {"version": self.version, "patient": self.patient.view(), "staff": self.staff.view()}

    # -- helpers for botapi.py -----------------------------------------------------------------------------------
    def _add_chat(self, chat: JSON, user: JSON) -> Chat:
        found = self.chats[int(chat["id"])] = Chat(chat=chat, user=user)
        return found

    def store_file(self, upload: Upload) -> str:
        file_id = f"f{next(self._file_ids)}"
        self.files[file_id] = upload
        return file_id


def _callback_data(message: Message) -> set[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return {str(b["callback_data"]) for row in rows for b in row if "callback_data" in b}
