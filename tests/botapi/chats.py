"""What the fake Bot API remembers about each chat: messages as the user sees them, with edits and deletions.

Every message keeps its current version plus the versions it replaced, so a test reads what is on the screen
now (an edit replaces what the user sees) and can still ask what was there before. ``Reply`` and ``Replies``
are the read-only views handed to tests.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded (multipart), kept byte for byte so a test can read an exported CSV."""

    field: str
    filename: str
    content_type: str
    data: bytes

    def text(self, encoding: str = "utf-8-sig") -> str:
        return self.data.decode(encoding)


@dataclass(frozen=True)
class Button:
    """One inline button: its visible label and what pressing it does."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class Version:
    """One state of a message's screen: what ``edit*`` calls replace."""

    text: str  # visible text (tags stripped, entities resolved); the caption for media
    html: str  # the same as Telegram HTML (the source in HTML mode, else escaped)
    parse_mode: str | None
    reply_markup: JSON | None


@dataclass
class StoredMessage:
    """A message in a chat, sent by the bot or by a simulated user."""

    message_id: int
    chat: JSON
    sender: JSON
    from_bot: bool
    kind: str  # text, photo, document, sticker, voice, location, contact, ...
    current: Version
    date: int = field(default_factory=lambda: int(time.time()))
    media: JSON | list[JSON] | None = None  # the Telegram object(s) of a photo, document, sticker...
    upload: Upload | None = None
    history: list[Version] = field(default_factory=list)
    edit_date: int | None = None
    deleted: bool = False
    extra: JSON = field(default_factory=dict)  # other Message fields of user messages (entities, location...)

    @property
    def chat_id(self) -> int:
        return int(self.chat["id"])

    @property
    def text(self) -> str:
        return self.current.text

    @property
    def html(self) -> str:
        return self.current.html

    @property
    def reply_markup(self) -> JSON | None:
        return self.current.reply_markup

    @property
    def buttons(self) -> list[list[Button]]:
        """Inline keyboard rows; empty when the message has none."""
        markup = self.current.reply_markup or {}
        return [
            [Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for b in row]
            for row in markup.get("inline_keyboard", [])
        ]

    @property
    def labels(self) -> list[list[str]]:
        return [[b.text for b in row] for row in self.buttons]

    def edit(self, version: Version) -> None:
        self.history.append(self.current)
        self.current = version
        self.edit_date = int(time.time())

    def to_json(self) -> JSON:
        """The Telegram ``Message`` object, as the Bot API returns it and puts it in updates."""
        data: JSON = {"message_id": self.message_id, "date": self.date, "chat": self.chat, "from": self.sender}
        data.update(self.extra)
        if self.kind == "text":
            data["text"] = self.current.text
        elif self.current.text:
            data["caption"] = self.current.text
        if self.media is not None:
            data[self.kind] = self.media
        markup = self.current.reply_markup
        if markup and "inline_keyboard" in markup:
            data["reply_markup"] = markup  # Telegram echoes only inline keyboards
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        return data

    def marker(self) -> str:
        """``[photo]``, ``[document leads.csv]``, ``[sticker]`` ... for media; empty for text."""
        if self.kind == "text":
            return ""
        name = ""
        if self.kind == "document" and self.upload is not None:
            name = self.upload.filename
        elif self.kind == "document" and isinstance(self.media, dict):
            name = str(self.media.get("file_name", ""))
        return f"[{self.kind} {name}]" if name else f"[{self.kind}]"


@dataclass
class ChatLog:
    """One chat: its messages in order, the event log (sent / edited / deleted) and the reply keyboard."""

    chat: JSON
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    events: list[tuple[str, int]] = field(default_factory=list)
    reply_keyboard: list[list[str]] | None = None
    actions: list[str] = field(default_factory=list)
    next_id: int = 1

    def add(self, message: StoredMessage) -> StoredMessage:
        self.messages[message.message_id] = message
        self.events.append(("sent", message.message_id))
        return message

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def live(self, message_id: int) -> StoredMessage | None:
        message = self.messages.get(message_id)
        return None if message is None or message.deleted else message

    def visible(self) -> list[StoredMessage]:
        return [m for m in self.messages.values() if not m.deleted]


@dataclass(frozen=True)
class Reply:
    """A bot message as the user sees it now, sent or edited since the user's last action."""

    message_id: int
    kind: str
    text: str  # tags stripped; the caption for media
    html: str
    buttons: tuple[tuple[str, ...], ...]
    marker: str  # "[photo]", "[document leads.csv]" or ""
    edited: bool  # an older message that was edited (not a new one)
    upload: Upload | None = None

    @classmethod
    def of(cls, message: StoredMessage, *, edited: bool) -> Reply:
        return cls(
            message_id=message.message_id, kind=message.kind, text=message.text, html=message.html,
            buttons=tuple(tuple(row) for row in message.labels), marker=message.marker(), edited=edited,
            upload=message.upload,
        )

    def screen(self) -> str:
        """The message drawn as text: marker, body, then each keyboard row as ``[ A ] [ B ]``."""
        lines = [f"{'(edited) ' if self.edited else ''}#{self.message_id} {self.marker}".rstrip()]
        if self.text:
            lines.append(self.text)
        lines.extend("  ".join(f"[ {label} ]" for label in row) for row in self.buttons)
        return "\n".join(lines)


class Replies(list[Reply]):
    """The bot's replies to one user action, in the order they first appeared, plus callback-query toasts."""

    def __init__(self, replies: list[Reply], alerts: list[str] | None = None) -> None:
        super().__init__(replies)
        self.alerts: list[str] = alerts or []

    @property
    def text(self) -> str:
        """All reply texts (markers first for media), one blank line between messages."""
        return "\n\n".join(" ".join(p for p in (r.marker, r.text) if p) for r in self)

    @property
    def html(self) -> str:
        return "\n\n".join(r.html for r in self)

    @property
    def labels(self) -> list[str]:
        """Every visible button label, flattened."""
        return [label for r in self for row in r.buttons for label in row]

    @property
    def last(self) -> Reply:
        assert self, "the bot sent nothing"
        return self[-1]

    def screen(self) -> str:
        shown = "\n---\n".join(r.screen() for r in self) or "(no messages)"
        toasts = "".join(f"\n(toast) {a}" for a in self.alerts)
        return shown + toasts
