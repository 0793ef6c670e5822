"""A simulated Telegram user: sends messages and presses buttons as updates, then reads what the bot showed.

    user = FakeUser(api, 1001, "Hanako", "ja")
    replies = await user.send("/start")        # waits until the bot is quiet, returns its replies
    replies = await user.press("TMS治療とは")   # the inline button with that label in the latest keyboard
    staff = FakeUser(api, 9001, "Staff", "ja", chat_id=-1001234567890, is_private=False)

Every action moves the user's mark; ``wait_quiet()`` returns the bot messages sent or edited in this chat
since the mark (an edit shows the new version, flagged ``edited`` when the message is older than the mark).
"""

from __future__ import annotations

import html
import itertools
import re
import time
import unicodedata
from typing import Any

from tests.botapi.chats import JSON, Replies, Reply, StoredMessage, Upload, Version
from tests.botapi.methods import CallbackQuery
from tests.botapi.server import SAFETY_NET, FakeBotApi
from tests.botapi.updates import WaitTimeout

# The smallest valid PNG (1x1, transparent), so a bot that downloads a user's photo gets real image bytes.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082"
)
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")
_query_ids = itertools.count(1)


def normalize(text: str) -> str:
    """NFKC, so full-width and half-width forms compare equal (「ＴＭＳ」 == "TMS")."""
    return unicodedata.normalize("NFKC", text)


class FakeUser:
    """A user in a private chat with the bot, or a member of a group (``is_private=False``, negative chat id)."""

    def __init__(self, api: FakeBotApi, user_id: int = 1001, first_name: str = "Hanako", language_code: str = "ja",
                 chat_id: int | None = None, is_private: bool = True, *, last_name: str | None = None,
                 username: str | None = None, chat_title: str = "Clinic staff", phone: str = "+81 90 0000 0000",
                 timeout: float = SAFETY_NET) -> None:
        self.api = api
        self.phone = phone
        self.timeout = timeout
        self.user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language_code}
        if last_name:
            self.user["last_name"] = last_name
        if username:
            self.user["username"] = username
        if is_private:
            chat: JSON = {"id": chat_id or user_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        else:
            assert chat_id is not None and chat_id < 0, "a group chat needs a negative chat_id"
            chat = {"id": chat_id, "type": "supergroup" if str(chat_id).startswith("-100") else "group",
                    "title": chat_title}
        self.log = api.add_chat(chat)
        self._mark = len(self.log.events)
        self._queries: list[str] = []
        self._update_id: int | None = None
        self._last_text: StoredMessage | None = None

    @property
    def id(self) -> int:
        return int(self.user["id"])

    @property
    def chat_id(self) -> int:
        return int(self.log.chat["id"])

    # -- actions -----------------------------------------------------------------------------------------------
    async def send(self, text: str, *, reply_to: int | None = None, wait: bool = True) -> Replies:
        """Send a text message (a leading ``/command`` gets its ``bot_command`` entity, as Telegram adds);
        ``reply_to`` makes it a reply to that message of this chat."""
        extra: JSON = {}
        if reply_to is not None:
            target = self.log.live(reply_to)
            assert target is not None, f"message #{reply_to} is not in chat {self.chat_id} (deleted?)"
            extra["reply_to_message"] = target.to_json()
        command = _COMMAND.match(text)
        if command:
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command.group(0))}]
        message = self._message("text", text, extra=extra)
        self._last_text = message
        return await self._act({"message": message.to_json()}, wait)

    async def send_command(self, command: str, payload: str | None = None, *, wait: bool = True) -> Replies:
        """``/start`` or ``/start payload`` (a deep link opens the bot this way)."""
        command = command if command.startswith("/") else "/" + command
        return await self.send(f"{command} {payload}" if payload else command, wait=wait)

    async def send_sticker(self, emoji: str = "👍", *, wait: bool = True) -> Replies:
        sticker = {**self._file("sticker", b"RIFF\x00\x00\x00\x00WEBP", "sticker.webp", "image/webp"),
                   "type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False,
                   "emoji": emoji}
        return await self._act({"message": self._message("sticker", "", media=sticker).to_json()}, wait)

    async def send_photo(self, caption: str = "", data: bytes = TINY_PNG, *, wait: bool = True) -> Replies:
        size = self._file("photos", data, "photo.png", "image/png")
        photo = [{**size, "width": 1, "height": 1}]
        return await self._act({"message": self._message("photo", caption, media=photo).to_json()}, wait)

    async def send_voice(self, duration: int = 3, *, wait: bool = True) -> Replies:
        voice = {**self._file("voice", b"OggS\x00\x02", "voice.ogg", "audio/ogg"), "duration": duration,
                 "mime_type": "audio/ogg"}
        return await self._act({"message": self._message("voice", "", media=voice).to_json()}, wait)

    async def send_document(self, data: bytes, filename: str, mime_type: str = "application/octet-stream", *,
                            caption: str = "", wait: bool = True) -> Replies:
        document = {**self._file("documents", data, filename, mime_type), "file_name": filename,
                    "mime_type": mime_type}
        return await self._act({"message": self._message("document", caption, media=document).to_json()}, wait)

    async def send_location(self, latitude: float = 35.1709, longitude: float = 136.8815, *,
                            wait: bool = True) -> Replies:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._act({"message": self._message("location", "", media=location).to_json()}, wait)

    async def send_contact(self, phone_number: str | None = None, *, wait: bool = True) -> Replies:
        """Share a phone number (what a ``request_contact`` keyboard button sends)."""
        contact = {"phone_number": phone_number or self.phone, "first_name": self.user["first_name"],
                   "user_id": self.id}
        return await self._act({"message": self._message("contact", "", media=contact).to_json()}, wait)

    async def edit_last_text(self, text: str, *, wait: bool = True) -> Replies:
        """Edit the user's last text message (an ``edited_message`` update)."""
        message = self._last_text
        assert message is not None, "this user has sent no text message to edit"
        message.edit(Version(text, html.escape(text, quote=False), None, None))
        self.log.events.append(("edited", message.message_id))
        return await self._act({"edited_message": message.to_json()}, wait)

    async def press(self, label: str, message_id: int | None = None, *, wait: bool = True) -> Replies:
        """Press the inline button labelled ``label`` in the latest bot message with a keyboard (or ``message_id``)."""
        message = self._keyboard_message(message_id)
        buttons = [b for row in message.buttons for b in row]
        found = next((b for b in buttons if b.text == label), None) or next(
            (b for b in buttons if normalize(b.text).strip().casefold() == normalize(label).strip().casefold()), None)
        if found is None:
            raise AssertionError(f"no button {label!r} in message #{message.message_id}; visible buttons: "
                                 f"{message.labels}\nthe message reads:\n{message.text}")
        if found.callback_data is None:
            raise AssertionError(f"button {label!r} opens {found.url or 'something else'} and sends no callback")
        return await self.press_data(found.callback_data, message.message_id, wait=wait)

    async def press_data(self, data: str, message_id: int | None = None, *, wait: bool = True) -> Replies:
        """Send a callback query with raw ``data`` from ``message_id`` (default: the latest bot message).

        For stale-button tests: the message may be old, edited or deleted (then Telegram sends an
        ``InaccessibleMessage`` with date 0).
        """
        if message_id is None:
            latest = next((m for m in reversed(self.log.visible()) if m.from_bot), None)
            assert latest is not None, "the bot has sent no message in this chat"
            message_id = latest.message_id
        message = self.log.live(message_id)
        shown: JSON = message.to_json() if message is not None else {
            "chat": self.log.chat, "message_id": message_id, "date": 0}
        query_id = f"{self.id}{next(_query_ids):06d}"
        self.api.world.callbacks[query_id] = CallbackQuery(chat_id=self.chat_id, data=data)
        query = {"id": query_id, "from": self.user, "chat_instance": f"ci{self.chat_id}", "message": shown,
                 "data": data}
        return await self._act({"callback_query": query}, wait)

    async def tap(self, label: str, *, wait: bool = True) -> Replies:
        """Tap a button of the reply keyboard shown under the input field (it sends its label as text)."""
        keyboard = self.log.reply_keyboard or []
        labels = [b for row in keyboard for b in row]
        if label not in labels:
            raise AssertionError(f"no reply-keyboard button {label!r}; the keyboard shows {keyboard or 'nothing'}")
        return await self.send(label, wait=wait)

    # -- reading -----------------------------------------------------------------------------------------------
    async def wait_quiet(self, *, settle: float | None = None, timeout: float | None = None) -> Replies:
        """Wait until the bot is done with this user's last action (see ``FakeBotApi.wait_quiet``); its replies."""
        await self.api.wait_quiet(self._update_id, settle=settle, timeout=timeout or self.timeout)
        return self.replies()

    async def wait_for(self, pattern: str, *, timeout: float | None = None) -> Replies:
        """Wait until a bot message in this chat since the mark matches ``pattern`` (for work done by jobs)."""
        regex = re.compile(normalize(pattern))
        limit = timeout or self.timeout
        try:
            await self.api.wait_until(lambda: bool(regex.search(normalize(self.replies().text))), timeout=limit)
        except WaitTimeout:
            raise AssertionError(f"no bot message matching {pattern!r} in chat {self.chat_id} within {limit:g}s; "
                                 f"since the mark the chat shows:\n{self.replies().screen()}") from None
        await self.api.wait_quiet(timeout=limit)
        return self.replies()

    def mark(self) -> None:
        """Forget what the bot showed so far: the next replies start here (e.g. before waiting for a job)."""
        self._mark = len(self.log.events)
        self._queries = []

    def replies(self) -> Replies:
        """Bot messages sent or edited in this chat since the mark, in order of first appearance; no waiting."""
        before = {mid for kind, mid in self.log.events[: self._mark] if kind == "sent"}
        seen: list[int] = []
        for _kind, mid in self.log.events[self._mark:]:
            if mid not in seen:
                seen.append(mid)
        shown = [Reply.of(m, edited=mid in before) for mid in seen
                 if (m := self.log.live(mid)) is not None and m.from_bot]
        alerts = [str(q.answer["text"]) for qid in self._queries
                  if (q := self.api.world.callbacks[qid]).answered and q.answer.get("text")]
        return Replies(shown, alerts)

    def unanswered(self) -> list[str]:
        """Callback data of this user's presses since the mark that the bot has not answered."""
        queries = [self.api.world.callbacks[qid] for qid in self._queries]
        return [q.data or "" for q in queries if not q.answered]

    def screen(self) -> str:
        """The whole chat as it looks now (bot messages only)."""
        return Replies([Reply.of(m, edited=False) for m in self.log.visible() if m.from_bot]).screen()

    def last_bot_message(self) -> StoredMessage | None:
        return next((m for m in reversed(self.log.visible()) if m.from_bot), None)

    # -- plumbing ----------------------------------------------------------------------------------------------
    def _message(self, kind: str, text: str, *, media: Any = None, extra: JSON | None = None) -> StoredMessage:
        message = StoredMessage(
            message_id=self.log.new_id(), chat=self.log.chat, sender=self.user, from_bot=False, kind=kind,
            current=Version(text, html.escape(text, quote=False), None, None), media=media, extra=extra or {},
            date=int(time.time()),
        )
        return self.log.add(message)

    def _file(self, folder: str, data: bytes, filename: str, mime_type: str) -> JSON:
        file_id, unique = self.api.world.store_file(Upload(folder, filename, mime_type, data), folder)
        return {"file_id": file_id, "file_unique_id": unique, "file_size": len(data)}

    def _keyboard_message(self, message_id: int | None) -> StoredMessage:
        if message_id is not None:
            message = self.log.live(message_id)
            assert message is not None, f"message #{message_id} is not in chat {self.chat_id} (deleted?)"
            assert message.buttons, f"message #{message_id} has no inline keyboard:\n{message.text}"
            return message
        found = next((m for m in reversed(self.log.visible()) if m.from_bot and m.buttons), None)
        if found is None:
            raise AssertionError(f"no bot message with an inline keyboard in chat {self.chat_id}; "
                                 f"the chat shows:\n{self.screen()}")
        return found

    async def _act(self, update: JSON, wait: bool) -> Replies:
        self.mark()
        if "callback_query" in update:
            self._queries = [update["callback_query"]["id"]]
        self._update_id = self.api.enqueue(update)
        if not wait:
            return Replies([])
        return await self.wait_quiet()
