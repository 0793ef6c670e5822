"""The synthetic traffic: who the users are, what they do in a session, and the Telegram update of each step.

Every bot in the benchmark gets the same stream. A session is a short, realistic visit that keeps its own state
consistent (the application steps follow ``/apply``); sessions are interleaved over many users so that each user
has at most one update waiting for an answer, which lets the fake API tie every answer to its update.

Step notation: ``/start`` a command, ``?`` the next typed question in the user's language, ``=key`` a typed
answer (``TYPED_ANSWERS``), ``sticker`` a non-text message, anything else the callback data of a button press
(ids from ``bot/callbacks.py``, ``content/*/menu.yaml`` and ``content/ja/intake.yaml``).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

JSON = dict[str, Any]

SESSIONS: dict[str, tuple[str, ...]] = {
    "browse": ("/start", "p:tms", "p:tms_safety", "a:home", "p:schedule", "p:exosome"),
    "ask": ("?", "?", "p:nonexistent", "sticker", "a:home"),
    "apply": ("/apply", "i:start", "i:agree", "i:c:applicant:self", "i:c:age:age30s", "i:cancel"),
    "return": ("p:combined", "p:costs", "?", "/menu", "p:clinic"),
}
"""What users do. ``p:nonexistent`` is a stale button (content changed since the message was sent)."""

TYPED_SESSIONS: dict[str, tuple[str, ...]] = {
    "questions": ("?", "?", "?", "p:costs", "?"),
    "buttons": ("/start", "p:tms", "p:tms_effect", "a:home", "p:exosome", "p:costs"),
    "mixed": ("?", "p:tms", "?", "a:home", "?", "p:clinic"),
}
"""The second mix: typed text and button presses only (about half each), as an independent load would be."""
INDEPENDENT_SESSIONS: dict[str, tuple[str, ...]] = {
    "apply-typed": ("/start", "/apply", "i:start", "i:agree", "=self", "=age", "i:c:interest:tms", "=diagnosed",
                    "=duration", "=medication", "i:cancel"),
    "read": ("/menu", "p:monitor", "p:costs", "a:home", "p:combined", "?"),
    "ask-more": ("?", "?", "?", "p:clinic", "?", "?"),
    "apply-buttons": ("/apply", "i:start", "i:agree", "i:c:applicant:self", "i:c:age:age40s", "i:c:interest:combined",
                      "=unsure", "i:cancel", "?"),
}
"""The independent mix (issue 15): typed questions from another set (the blind development set v4), buttons of
other pages, and the application with answers typed at button questions (the typed-answer reader) or pressed,
from 400 users. Written apart from the project mix so that the ratio to the echo bot is not tuned to one stream."""
TYPED_ANSWERS: dict[str, dict[str, str]] = {
    "self": {"ja": "自分のことです", "en": "it's for me"},
    "age": {"ja": "35歳です", "en": "I'm 35"},
    "diagnosed": {"ja": "はい、診断されています", "en": "yes, I was diagnosed"},
    "duration": {"ja": "3年くらいです", "en": "about 3 years"},
    "medication": {"ja": "飲んでます", "en": "yes I take them"},
    "unsure": {"ja": "よくわからないです", "en": "not sure"},
}
"""What a ``=key`` step types, by the user's language: natural answers to the application's button questions."""
MIXES = {"project": SESSIONS, "typed": TYPED_SESSIONS, "independent": INDEPENDENT_SESSIONS}

FIRST_USER_ID = 700_000_000
BOT_USER: JSON = {"id": 123456, "is_bot": True, "first_name": "Clinic Bot", "username": "bench_clinic_bot",
                  "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}
QUESTIONS_FILE = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "questions-dev.yaml"
INDEPENDENT_QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "questions-dev-v4.yaml"
"""The independent mix's questions: another development set, written from the patient pages only."""
_BUTTON_KINDS = {"p:": "page button", "a:": "menu button", "i:": "application button"}
_FALLBACK_QUESTIONS = {
    "ja": ["TMS治療とはどんな治療ですか？", "エクソソームって何ですか", "クリニックの場所を教えて"],
    "en": ["What is TMS therapy?", "What are exosomes?", "Where is the clinic located"],
}


@dataclass(frozen=True)
class User:
    id: int
    lang: str


def user(index: int) -> User:
    """The ``index``-th user of the population: ids are consecutive, languages alternate ja / en."""
    return User(FIRST_USER_ID + index, "ja" if index % 2 == 0 else "en")


def load_questions(path: Path = QUESTIONS_FILE) -> dict[str, list[str]]:
    """The ``ask`` texts of the shared evaluation set by language (a few built-in ones if it is not there)."""
    if not path.is_file():
        return {lang: list(asks) for lang, asks in _FALLBACK_QUESTIONS.items()}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {"ja": [], "en": []}
    for case in data.get("cases", []):
        if case.get("lang") in found and case.get("ask"):
            found[case["lang"]].append(str(case["ask"]))
    return {lang: asks or list(_FALLBACK_QUESTIONS[lang]) for lang, asks in found.items()}


class UpdateFactory:
    """Builds updates as Telegram sends them (only the fields PTB and the bots read)."""

    def __init__(self, questions: dict[str, list[str]]) -> None:
        self._questions = {lang: itertools.cycle(asks) for lang, asks in questions.items()}
        self._message_ids = itertools.count(1)

    def build(self, update_id: int, who: User, step: str) -> tuple[JSON, str, str | None]:
        """The update for ``step``; returns (update, kind, callback query id or None)."""
        sender = {"id": who.id, "is_bot": False, "first_name": f"User{who.id}", "language_code": who.lang}
        chat = {"id": who.id, "type": "private", "first_name": sender["first_name"]}
        now = int(time.time())
        if step.startswith(("/", "=")) or step in ("?", "sticker"):
            message: JSON = {"message_id": next(self._message_ids), "from": sender, "chat": chat, "date": now}
            if step == "sticker":
                message["sticker"] = {"file_id": "bench-sticker", "file_unique_id": "bench-sticker-u",
                                      "type": "regular", "width": 512, "height": 512, "is_animated": False,
                                      "is_video": False}
                kind = "sticker"
            elif step == "?":
                message["text"] = next(self._questions[who.lang])
                kind = "question"
            elif step.startswith("="):
                message["text"] = TYPED_ANSWERS[step[1:]][who.lang]
                kind = "typed answer"
            else:
                message["text"] = step
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(step.split()[0])}]
                kind = step.split()[0]
            return {"update_id": update_id, "message": message}, kind, None
        query_id = f"q{update_id}"
        pressed = {"message_id": next(self._message_ids), "from": BOT_USER, "chat": chat, "date": now - 5,
                   "text": "(the message with the button)"}
        query = {"id": query_id, "from": sender, "chat_instance": f"ci{who.id}", "data": step, "message": pressed}
        kind = "stale button" if step == "p:nonexistent" else _BUTTON_KINDS.get(step[:2], "other button")
        return {"update_id": update_id, "callback_query": query}, kind, query_id


def session_order(slot: int, sessions: dict[str, tuple[str, ...]] = SESSIONS) -> Iterator[tuple[str, ...]]:
    """The sessions a user slot goes through, starting at a different kind for each slot so any window mixes."""
    names = list(sessions)
    start = slot % len(names)
    for i in itertools.count():
        yield sessions[names[(start + i) % len(names)]]
