"""The real bot (``bot.app.build_application``) against the fake Bot API, on a fresh data directory."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import _deliver_leads as deliver_leads_job
from bot.app import build_application
from bot.config import Settings
from bot.content.loader import content_fingerprint
from bot.content.schema import Intake, Question
from bot.flood import FloodGuard
from bot.handlers.context import services_of
from bot.i18n import t
from bot.leads.delivery import Backoff
from bot.live import LiveContent
from bot.services import Services
from bot.storage.db import FILENAME as DB_FILENAME
from tests.botapi.app_runner import AnyApp, AppHost
from tests.botapi.chats import Replies, StoredMessage
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser
from tests.shipped import shipped_live

SHIPPED_CONTENT = Path(__file__).resolve().parents[2] / "content"
STAFF_CHAT_ID = -1001234567890


def settings_for(api: FakeBotApi, data_dir: Path, content_dir: Path = SHIPPED_CONTENT, **overrides: object) -> Settings:
    api.add_chat({"id": STAFF_CHAT_ID, "type": "supergroup", "title": "Clinic staff"})  # the bot is in the group
    values: dict[str, object] = dict(
        token=api.token, api_base_url=api.base_url, data_dir=data_dir, staff_chat_id=STAFF_CHAT_ID,
        content_dir=content_dir, content_poll_seconds=0,
        flood_burst=1000,  # tests press buttons at machine speed; test_guard checks the real limits
        rate_limit=0,  # the same: one chat gets 50 messages a second here; tests/test_ratelimit.py checks the limiter
    )
    values.update(overrides)
    return Settings(**values)


class BotUnderTest:
    """The running bot plus helpers to make users and staff members."""

    def __init__(self, api: FakeBotApi, host: AppHost, content_dir: Path) -> None:
        self.api = api
        self.host = host
        self.content_dir = content_dir
        self._next_user = 5000

    def user(self, language_code: str = "ja", first_name: str = "Hanako", **kwargs: object) -> FakeUser:
        self._next_user += 1
        return FakeUser(self.api, user_id=self._next_user, first_name=first_name, language_code=language_code,
                        **kwargs)  # type: ignore[arg-type]

    def staff(self, user_id: int = 9001, first_name: str = "Yamada") -> FakeUser:
        return FakeUser(self.api, user_id=user_id, first_name=first_name, chat_id=STAFF_CHAT_ID, is_private=False)

    @property
    def app(self) -> AnyApp:
        return self.host.app


def staff_group(api: FakeBotApi) -> None:
    """The staff group with the bot in it, as set up before the bot starts (start-up checks the bot is a member)."""
    FakeUser(api, user_id=9001, first_name="Yamada", chat_id=STAFF_CHAT_ID, is_private=False)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped content, so a test may edit it (live reload tests)."""
    target = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, target)
    return target


@pytest.fixture
async def bot(bot_api: FakeBotApi, tmp_path: Path, content_dir: Path) -> AsyncIterator[BotUnderTest]:
    def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
        # the copy starts identical to the shipped content: reuse its checked snapshot (2 s to build), watching the
        # copy, so a test's edits are picked up by a reload as in production
        live = LiveContent(content_dir, replace(shipped_live(), fingerprint=content_fingerprint(content_dir)))
        return build_application(settings_for(api, data_dir, content_dir), live=live)

    staff_group(bot_api)
    async with AppHost(bot_api, factory, tmp_path / "data") as host:
        yield QuickBot(bot_api, host, content_dir)  # users wait 10 ms of quiet, not 50 (see QUICK_SETTLE)


# --- applications and lead delivery (tests/conversation/test_application.py, test_leads_delivery.py ...) ---------

QUICK_BACKOFF = Backoff(temporary_first=0.05, temporary_cap=0.2, permanent_first=0.05, permanent_cap=0.2)
"""Retry failed deliveries within a fraction of a second instead of 5 s .. 1 h."""


def quicken(app: AnyApp) -> AnyApp:
    """Timing only, so tests stay fast: no flood limit, short delivery backoff, the delivery job every 0.1 s."""
    services: Services = services_of(app)
    services.flood = FloodGuard(rate=1000.0, burst=1000)
    if services.settings.staff_chat_id is not None:  # without a staff chat there is no delivery worker
        services.worker().backoff = QUICK_BACKOFF
    assert app.job_queue is not None
    app.job_queue.run_repeating(deliver_leads_job, interval=0.1, first=0.1, name="lead-delivery-quick")
    return app


QUICK_SETTLE = 0.01
"""Seconds of Bot API silence that end a user's action. The harness waits for PTB to finish the update first, and
this bot answers inside its handlers; only work it spawns (lead delivery, to the staff chat) comes later, and
tests wait for that with ``wait_for``. So 10 ms is enough, where the harness's default is 50 ms."""


class QuickUser(FakeUser):
    async def wait_quiet(self, *, settle: float | None = None, timeout: float | None = None) -> Replies:
        return await super().wait_quiet(settle=QUICK_SETTLE if settle is None else settle, timeout=timeout)


class QuickBot(BotUnderTest):
    """A ``BotUnderTest`` whose users and staff are ``QuickUser``s."""

    def user(self, language_code: str = "ja", first_name: str = "Hanako", **kwargs: object) -> FakeUser:
        self._next_user += 1
        return QuickUser(self.api, user_id=self._next_user, first_name=first_name, language_code=language_code,
                         **kwargs)  # type: ignore[arg-type]

    def staff(self, user_id: int = 9001, first_name: str = "Yamada") -> FakeUser:
        return QuickUser(self.api, user_id=user_id, first_name=first_name, chat_id=STAFF_CHAT_ID, is_private=False)


class QuickBots:
    """Starts bots with chosen settings (``await quick_bots.start(max_applications_per_day=1)``); all quickened."""

    def __init__(self, api: FakeBotApi, root: Path, stack: AsyncExitStack) -> None:
        self.api, self.root, self.content_dir, self.stack = api, root, SHIPPED_CONTENT, stack

    async def start(self, **overrides: object) -> BotUnderTest:
        content_dir = self.content_dir

        def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
            live = LiveContent(content_dir, shipped_live())
            return quicken(build_application(settings_for(api, data_dir, content_dir, **overrides), live=live))

        staff_group(self.api)  # the staff chat exists before the bot starts (it checks it), as it would in Telegram
        host = await self.stack.enter_async_context(AppHost(self.api, factory, self.root / "data"))
        return QuickBot(self.api, host, content_dir)


@pytest.fixture
async def quick_bots(bot_api: FakeBotApi, tmp_path: Path) -> AsyncIterator[QuickBots]:
    async with AsyncExitStack() as stack:
        yield QuickBots(bot_api, tmp_path, stack)


@pytest.fixture
async def quick_bot(quick_bots: QuickBots) -> BotUnderTest:
    """The real bot with the shipped content (read-only), the staff chat present, fast timing (see ``quicken``)."""
    return await quick_bots.start()


def database_path(bot: BotUnderTest) -> Path:
    return bot.host.data_dir / DB_FILENAME


def read_db(bot: BotUnderTest, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
    """Read the bot's SQLite file through a connection of our own (what another process would see)."""
    connection = sqlite3.connect(database_path(bot))
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


Script = dict[str, "str | list[str] | None"]
"""Answers by question id: a choice id, a list of choice ids (multi), typed text, or None to skip."""

JA_SELF_PHONE: Script = {
    "applicant": "self", "age": "age30s", "interest": "tms", "depression": "diagnosed", "duration": "y1_2",
    "medication": "yes", "treatments": ["antidepressants", "tms"], "prior_tms": "no", "seizure": "no",
    "head_metal": "no", "cochlear": "no", "implant": "no", "pregnancy": "no", "head_injury": "no", "fainting": "no",
    "name": "山田 花子", "name_kana": "やまだ はなこ", "contact_method": "phone", "phone": "090-1234-5678",
    "call_times": ["weekday_am", "weekday_evening"], "discreet": ["no_voicemail"], "notes": None,
}
JA_GUARDIAN_MINOR: Script = {
    "applicant": "guardian", "age": "teen15_17", "interest": "undecided", "depression": "suspected",
    "duration": "under6m", "medication": "no", "treatments": ["none"], "seizure": "unsure", "head_metal": "no",
    "cochlear": "no", "implant": "no", "pregnancy": "no", "head_injury": "no", "fainting": "no",
    "guardian_name": "佐藤 恵子", "guardian_kana": "さとう けいこ", "patient_name": "佐藤 陽太",
    "contact_method": "telegram",
    "notes": "夕方以降が助かります",
}
JA_SHORT: Script = {
    "applicant": "self", "age": "age20s", "interest": "tms", "depression": "no", "medication": "no",
    "treatments": ["none"], "seizure": "no", "head_metal": "no", "cochlear": "no", "implant": "no",
    "pregnancy": "no", "head_injury": "no", "fainting": "no", "name": "山田 花子", "name_kana": None,
    "contact_method": "telegram", "notes": None,
}
"""The fewest questions (no follow-up questions open): for tests about what happens after the submit."""
EN_SELF_EMAIL: Script = {
    "applicant": "self", "age": "age40s", "interest": "combined", "depression": "diagnosed", "duration": "over2y",
    "medication": "prefer_not", "treatments": ["psychotherapy"], "seizure": "no", "head_metal": "no",
    "cochlear": "no", "implant": "no", "pregnancy": "no", "head_injury": "no", "fainting": "no",
    "name": "Emily Carter", "name_kana": None, "contact_method": "email", "email": "emily.carter@example.com",
    "notes": "Evenings are best.",
}


class Applicant:
    """Walks a FakeUser through the application: reads which question is on screen (from the Back button's
    callback data) and answers it from a script by pressing the visible buttons or typing, as a person would."""

    def __init__(self, bot: BotUnderTest, user: FakeUser, lang: str) -> None:
        self.bot, self.user, self.lang = bot, user, lang

    @property
    def intake(self) -> Intake:
        services: Services = services_of(self.bot.app)
        return services.live.current.intake.intake(self.lang)

    def question(self, question_id: str) -> Question:
        found = next((q for q in self.intake.questions if q.id == question_id), None)
        assert found is not None, f"no question {question_id!r} in the {self.lang} intake"
        return found

    def label(self, question_id: str, choice_id: str) -> str:
        return next(c.label for c in self.question(question_id).choices if c.id == choice_id)

    def position(self) -> str:
        """The question id on screen, or ``review`` / ``consent``; ``intro`` when there is no Back button."""
        message = next((m for m in reversed(self.user.log.visible()) if m.from_bot and m.buttons), None)
        assert message is not None, "the bot has shown no buttons"
        for row in message.buttons:
            for b in row:
                if b.callback_data and b.callback_data.startswith("i:back:"):
                    return b.callback_data.split(":", 2)[2]
        return "intro"

    async def begin(self) -> Replies:
        """/apply, Start, then agree to the privacy notice: the first question is on screen."""
        await self.user.send("/apply")
        await self.user.press(self.intake.start)
        return await self.user.press(self.intake.consent.agree)

    async def answer(self, question_id: str, value: str | list[str] | None) -> Replies:
        """Answer the question on screen (which must be ``question_id``)."""
        assert self.position() == question_id, f"expected question {question_id!r}, the screen shows " \
                                               f"{self.position()!r}:\n{self.user.screen()[-1500:]}"
        question = self.question(question_id)
        if value is None:
            return await self.user.press(t(self.lang, "Skip"))
        if question.kind == "multi":
            assert isinstance(value, list)
            for choice_id in value:
                await self.user.press("☐ " + self.label(question_id, choice_id))
            return await self.user.press(t(self.lang, "Done ✓"))
        assert isinstance(value, str)
        if question.kind == "choice":
            return await self.user.press(self.label(question_id, value))
        return await self.user.send(value)

    async def fill(self, script: Script, *, until: str = "review") -> Replies:
        """Answer from ``script`` until ``until`` (a question id, or the review) is on screen."""
        replies = Replies([])
        for _ in range(100):
            here = self.position()
            if here == until:
                return replies
            assert here in script, f"the script has no answer for question {here!r}"
            replies = await self.answer(here, script[here])
        raise AssertionError("the application never reached " + until)

    async def submit(self) -> Replies:
        return await self.user.press(self.intake.submit)

    async def apply(self, script: Script) -> Replies:
        """The whole application, from /apply to the thank-you."""
        await self.begin()
        await self.fill(script)
        return await self.submit()


def lead_cards(bot: BotUnderTest) -> list[StoredMessage]:
    """The lead cards in the staff chat (each message counted once, whatever edits it had)."""
    return [m for m in bot.api.bot_messages(STAFF_CHAT_ID) if "モニター申込" in m.text]
