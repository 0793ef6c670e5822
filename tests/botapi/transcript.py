"""YAML transcripts: a conversation with the bot written as steps, run end to end against the fake Bot API.

The format is documented in tests/transcripts/README.md. ``run_transcript(path, factory)`` builds the app with
``factory(api, data_dir)``, plays every step as the simulated user (or another actor), checks what the bot
showed, and raises ``TranscriptFailure`` naming the file, line and step, with the screen the user saw.
After every step it also fails on Bot API misuse (unknown methods, calls Telegram would refuse, unanswered
button presses) and on ERROR log records, unless the transcript allows them.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.botapi.app_runner import AppFactory, AppHost
from tests.botapi.chats import Replies, Reply
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser, normalize

ACTIONS = ("send", "press", "press_data", "tap", "sticker", "photo", "voice", "location", "contact", "edit",
           "restart", "fail", "wait_for")
CHECKS = ("expect", "expect_not", "buttons", "no_buttons", "alert", "document", "count")
OTHER = ("as", "allow", "timeout", "reply_to")
ALLOWANCES = ("api_errors", "unanswered_callbacks", "logged_errors")
FAIL_KEYS = ("method", "chat", "times", "status", "description", "retry_after", "network")
ACTOR_KEYS = ("id", "first_name", "last_name", "username", "language_code", "chat_id", "group", "title")


class TranscriptError(ValueError):
    """The transcript file itself is malformed; the message names file, line and key."""


class TranscriptFailure(AssertionError):
    """The bot did not behave as the transcript says."""


@dataclass
class Step:
    index: int  # 1-based
    line: int
    data: dict[str, Any]

    @property
    def action(self) -> str | None:
        return next((key for key in ACTIONS if key in self.data), None)

    def title(self) -> str:
        action = self.action
        shown = f"{action}: {self.data[action]!r}" if action else "check"
        actor = f" as {self.data['as']}" if "as" in self.data else ""
        return f"step {self.index} (line {self.line}: {shown}{actor})"

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        return [str(v) for v in (value if isinstance(value, list) else [value])]


@dataclass
class Transcript:
    path: Path
    name: str
    actors: dict[str, dict[str, Any]]
    allow: set[str]
    steps: list[Step] = field(default_factory=list)


def _problem(path: Path, line: int, message: str) -> TranscriptError:
    return TranscriptError(f"{path}:{line}: {message}")


def load_transcript(path: Path) -> Transcript:
    """Parse and validate a transcript; every problem names its line."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TranscriptError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or root is None:
        raise TranscriptError(f"{path}:1: a transcript is a mapping with 'name', optional 'user', and 'steps' (a list)")
    top = {key.value: value for key, value in root.value}
    unknown = set(data) - {"name", "user", "actors", "allow", "steps"}
    if unknown:
        raise _problem(path, 1, f"unknown top-level key(s) {sorted(unknown)}; "
                                "expected name, user, actors, allow, steps")
    actors: dict[str, dict[str, Any]] = {"user": dict(data.get("user") or {})}
    actors.update({str(k): dict(v or {}) for k, v in (data.get("actors") or {}).items()})
    for name, actor in actors.items():
        if bad := set(actor) - set(ACTOR_KEYS):
            raise _problem(path, 1, f"actor {name!r}: unknown key(s) {sorted(bad)}; expected one of {list(ACTOR_KEYS)}")
    allow = set(data.get("allow") or [])
    if bad := allow - set(ALLOWANCES):
        raise _problem(path, 1, f"allow: unknown {sorted(bad)}; expected some of {list(ALLOWANCES)}")
    transcript = Transcript(path, str(data.get("name") or path.stem), actors, allow)
    for i, (raw, node) in enumerate(zip(data["steps"], top["steps"].value, strict=True), start=1):
        line = node.start_mark.line + 1
        if not isinstance(raw, dict):
            raise _problem(path, line, f"steps[{i - 1}]: a step is a mapping such as {{send: hello, expect: [...]}}")
        if bad := set(raw) - set(ACTIONS) - set(CHECKS) - set(OTHER):
            raise _problem(path, line, f"steps[{i - 1}]: unknown key(s) {sorted(bad)}; actions are {list(ACTIONS)}, "
                                       f"checks are {list(CHECKS)}")
        if len([k for k in raw if k in ACTIONS]) > 1:
            raise _problem(path, line, f"steps[{i - 1}]: one action per step, found {[k for k in raw if k in ACTIONS]}")
        if "fail" in raw and (not isinstance(raw["fail"], dict) or "method" not in raw["fail"]
                              or set(raw["fail"]) - set(FAIL_KEYS)):
            raise _problem(path, line, f"steps[{i - 1}].fail: expected a mapping with 'method' and some of "
                                       f"{list(FAIL_KEYS[1:])}, found {raw['fail']!r}")
        if raw.get("as") is not None and str(raw["as"]) not in actors:
            raise _problem(path, line, f"steps[{i - 1}]: unknown actor {raw['as']!r}; declare it under 'actors'")
        transcript.steps.append(Step(i, line, raw))
    return transcript


class _ErrorLog(logging.Handler):
    """Collects ERROR records from every logger while a transcript runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _actor(api: FakeBotApi, name: str, spec: dict[str, Any], index: int) -> FakeUser:
    group = bool(spec.get("group")) or int(spec.get("chat_id") or 0) < 0
    return FakeUser(
        api, int(spec.get("id", 1001 + index)), str(spec.get("first_name", name.title())),
        str(spec.get("language_code", "ja")), chat_id=spec.get("chat_id"), is_private=not group,
        last_name=spec.get("last_name"), username=spec.get("username"), chat_title=str(spec.get("title", "Staff")),
    )


class _Runner:
    def __init__(self, transcript: Transcript, api: FakeBotApi, host: AppHost) -> None:
        self.t = transcript
        self.api = api
        self.host = host
        self.actors = {name: _actor(api, name, spec, i) for i, (name, spec) in enumerate(transcript.actors.items())}
        self.errors = _ErrorLog()
        self.results: list[tuple[Step, Replies]] = []

    def _fail(self, step: Step, message: str, replies: Replies) -> TranscriptFailure:
        actor = self.actors[str(step.data.get("as", "user"))]
        return TranscriptFailure(
            f"transcript {self.t.path.name} ({self.t.name!r}), {step.title()}:\n  {message}\n"
            f"the bot showed:\n{_indent(replies.screen())}\n"
            f"the chat now reads:\n{_indent(actor.screen())}"
        )

    async def run(self) -> list[tuple[Step, Replies]]:
        logging.getLogger().addHandler(self.errors)
        try:
            for step in self.t.steps:
                self.results.append((step, await self._step(step)))
        finally:
            logging.getLogger().removeHandler(self.errors)
        return self.results

    async def _step(self, step: Step) -> Replies:
        actor = self.actors[str(step.data.get("as", "user"))]
        action = step.action
        calls_before, errors_before = len(self.api.calls), len(self.errors.records)
        usual_timeout = actor.timeout
        actor.timeout = float(step.data.get("timeout", usual_timeout))
        try:
            replies = await self._act(step, actor, action)
        except AssertionError as exc:
            raise self._fail(step, str(exc), actor.replies()) from None
        finally:
            actor.timeout = usual_timeout
        if action in (None, "restart", "fail"):  # nothing sent to the bot: check the chat as it looks now
            replies = Replies([Reply.of(m, edited=False) for m in actor.log.visible() if m.from_bot], replies.alerts)
        # Misuse and errors first: they usually explain a missing reply better than the expectation does.
        allow = self.t.allow | set(step.strings("allow"))
        if "api_errors" not in allow:
            refused = self.api.refused()
            bad = [c for c in self.api.calls[calls_before:] if c in self.api.unknown or c in refused]
            if bad:
                raise self._fail(step, "the Bot API refused: " + "; ".join(str(c) for c in bad), replies)
        if "logged_errors" not in allow and len(self.errors.records) > errors_before:
            logged = "; ".join(f"{r.name}: {r.getMessage()}{_error_of(r)}" for r in self.errors.records[errors_before:])
            raise self._fail(step, f"ERROR logged: {logged}", replies)
        for problem in self._check(step, replies):
            raise self._fail(step, problem, replies)
        if "unanswered_callbacks" not in allow and action in ("press", "press_data") and actor.unanswered():
            raise self._fail(step, "the bot never answered the button press (answerCallbackQuery)", replies)
        return replies

    async def _act(self, step: Step, actor: FakeUser, action: str | None) -> Replies:
        value = step.data.get(action) if action else None
        if action == "send":
            return await actor.send(str(value), reply_to=self._replied(step, actor))
        if action == "press":
            return await actor.press(str(value))
        if action == "press_data":
            return await actor.press_data(str(value))
        if action == "tap":
            return await actor.tap(str(value))
        if action == "sticker":
            return await actor.send_sticker(str(value) if isinstance(value, str) else "👍")
        if action == "photo":
            return await actor.send_photo(str(value) if isinstance(value, str) else "")
        if action == "voice":
            return await actor.send_voice()
        if action == "location":
            lat, lon = value if isinstance(value, list) else (35.1709, 136.8815)
            return await actor.send_location(float(lat), float(lon))
        if action == "contact":
            return await actor.send_contact(str(value) if isinstance(value, str) else None)
        if action == "edit":
            return await actor.edit_last_text(str(value))
        if action == "wait_for":
            return await actor.wait_for(str(value))
        if action == "restart":
            await self.host.restart()
            actor.mark()
            return Replies([])
        if action == "fail":
            self._inject(dict(value or {}))
            return Replies([])
        return actor.replies()

    @staticmethod
    def _replied(step: Step, actor: FakeUser) -> int | None:
        """``reply_to: REGEX``: the newest message in the actor's chat whose text matches."""
        pattern = step.data.get("reply_to")
        if pattern is None:
            return None
        found = next((m for m in reversed(actor.log.visible()) if re.search(normalize(str(pattern)),
                                                                              normalize(m.text))), None)
        assert found is not None, f"no message matching /{pattern}/ to reply to in chat {actor.chat_id}"
        return found.message_id

    def _inject(self, spec: dict[str, Any]) -> None:
        chat = spec.pop("chat", None)
        chat_id = self.actors[chat].chat_id if isinstance(chat, str) and chat in self.actors else chat
        self.api.fail(str(spec.pop("method")), chat_id, **spec)

    def _check(self, step: Step, replies: Replies) -> list[str]:
        text = normalize(replies.text)
        labels = [normalize(label).strip() for label in replies.labels]
        problems = [f"expected /{p}/ in the replies" for p in step.strings("expect")
                    if not re.search(normalize(p), text)]
        problems += [f"did not expect /{p}/, found {m.group(0)!r}" for p in step.strings("expect_not")
                     if (m := re.search(normalize(p), text))]
        problems += [f"no button {b!r}; buttons shown: {replies.labels}" for b in step.strings("buttons")
                     if normalize(b).strip() not in labels]
        problems += [f"button {b!r} should not be shown" for b in step.strings("no_buttons")
                     if normalize(b).strip() in labels]
        alerts = normalize("\n".join(replies.alerts))
        problems += [f"expected a toast/alert matching /{p}/; toasts: {replies.alerts}" for p in step.strings("alert")
                     if not re.search(normalize(p), alerts)]
        if "count" in step.data and len(replies) != int(step.data["count"]):
            problems.append(f"expected {step.data['count']} message(s), the bot showed {len(replies)}")
        if "document" in step.data:
            problems += _check_document(dict(step.data["document"] or {}), replies)
        return problems


def _check_document(spec: dict[str, Any], replies: Replies) -> list[str]:
    documents = [r.upload for r in replies if r.kind == "document" and r.upload is not None]
    name = str(spec.get("name", ".*"))
    match = next((d for d in documents if re.fullmatch(name, d.filename)), None)
    if match is None:
        return [f"expected a document named /{name}/; documents: {[d.filename for d in documents]}"]
    content = normalize(match.text())
    return [f"document {match.filename} lacks /{p}/" for p in spec.get("contains", [])
            if not re.search(normalize(str(p)), content)]


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


async def run_transcript(path: Path, factory: AppFactory, *, data_dir: Path | None = None,
                         before: Callable[[FakeBotApi], Awaitable[None]] | None = None,
                         token: str = "123:ABC") -> list[tuple[Step, Replies]]:
    """Play ``path`` against a fresh FakeBotApi and the app ``factory`` builds; raise ``TranscriptFailure``.

    ``data_dir`` defaults to a temporary directory (kept across ``restart`` steps, removed at the end);
    ``before(api)`` runs after the server starts and before the app does (e.g. to inject failures).
    """
    transcript = load_transcript(path)
    with tempfile.TemporaryDirectory(prefix="transcript-") as scratch:
        async with FakeBotApi(token=token) as api:
            if before is not None:
                await before(api)
            host = AppHost(api, factory, data_dir or Path(scratch))
            runner = _Runner(transcript, api, host)  # actors exist before the app starts: their chats are known
            async with host:
                return await runner.run()


def _error_of(record: logging.LogRecord) -> str:
    """The exception a logged error carries, as far as the log keeps it: a library's record has its message
    removed once the bot's redaction is installed (``bot.logredact``), which any earlier test in this process may
    have done; then its type, from the last line of the kept traceback."""
    if record.exc_info and record.exc_info[1] is not None:
        return f" ({record.exc_info[1]!r})"
    if record.exc_text:
        return f" ({record.exc_text.strip().splitlines()[-1]})"
    return ""
