"""Settings from the environment (and an optional ``.env`` file), validated once with messages that say how to fix.

Every setting is declared once in ``SETTINGS`` below: the settings table of docs/operating.md is printed from it
(``.venv/bin/python -m bot settings``) and a test checks that that table, ``.env.example`` and what ``load_settings``
reads all agree, so no setting can go undocumented.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Setting(NamedTuple):
    name: str
    default: str
    """As docs/operating.md shows it: ``(required)``, ``(none)`` or a value in backticks."""
    meaning: str
    example: str = ""
    """The line's value in ``.env.example``; empty: the line is there, commented out."""


SETTINGS: tuple[Setting, ...] = (
    Setting("TELEGRAM_BOT_TOKEN", "(required)", "the bot's token from @BotFather", "123456789:AAE..."),
    Setting("STAFF_CHAT_ID", "(none)", "the clinic's staff group that receives leads and may use staff commands; "
            "send `/chatid` in the group to get the line; without it leads wait in the bot", "-1001234567890"),
    Setting("STAFF_USER_IDS", "(none)", "comma-separated user ids also allowed to use staff commands in a private "
            "chat; they are told at start-up when the staff chat cannot be reached"),
    Setting("BOT_DATA_DIR", "`./data`", "the SQLite database (`bot.sqlite3`): users, drafts, leads, outbox, audit"),
    Setting("DATABASE_URL", "(none)", "PostgreSQL instead of SQLite, e.g. "
            "`postgresql://bot:PASSWORD@db:5432/clinicbot`: every store lives there and several webhook instances may "
            "share it; without it, SQLite in `BOT_DATA_DIR`"),
    Setting("CONTENT_DIR", "`./content`", "the content base"),
    Setting("TELEGRAM_API_BASE_URL", "Telegram's", "another Bot API server, e.g. `http://127.0.0.1:8081/bot` "
            "(passed to PTB's `base_url`)"),
    Setting("WEBHOOK_URL", "(none)", "serve a webhook at this https URL instead of long polling"),
    Setting("WEBHOOK_SECRET", "(none)", "required with `WEBHOOK_URL`, at least 32 characters (`python3 -c 'import "
            "secrets; print(secrets.token_urlsafe(32))'`); requests without it are refused (403) before their body is "
            "read"),
    Setting("PORT", "`8443`", "local port of the webhook server"),
    Setting("WEBHOOK_LISTEN", "`127.0.0.1`", "address the webhook server listens on; keep it local behind the TLS "
            "proxy (`0.0.0.0` = every interface)"),
    Setting("LEAD_RETENTION_DAYS", "`180`", "leads, abandoned drafts, unanswered-question counts and language "
            "settings not changed for this long are erased (crisis markers after 30 days, submission times after 7)"),
    Setting("MAX_APPLICATIONS_PER_DAY", "`3`", "submitted applications accepted per user per day"),
    Setting("CONTENT_POLL_SECONDS", "`5`", "how often the content folder is checked for changes (`0` turns the "
            "watcher off)"),
    Setting("FLOOD_RATE", "`2`", "per user: messages per second allowed after a burst of `FLOOD_BURST`"),
    Setting("FLOOD_BURST", "`8`", "per user: messages accepted at once before `FLOOD_RATE` applies"),
    Setting("TELEGRAM_RATE_LIMIT", "`30`", "Bot API requests per second overall; `0` = no limiter (a local Bot "
            "API server)"),
    Setting("LOG_LEVEL", "`INFO`", "logging level (library loggers never go below INFO: they would log "
            "message texts)"),
)
"""Every setting, in the order docs/operating.md and ``.env.example`` list them."""


def settings_table() -> str:
    """The settings table of docs/operating.md (Markdown), printed by ``.venv/bin/python -m bot settings``."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.default} | {s.meaning} |" for s in SETTINGS]
    return "\n".join(rows)


TOKEN_HELP = """\
TELEGRAM_BOT_TOKEN is not set, so the bot cannot connect to Telegram.
To get a token, open Telegram, talk to @BotFather, send /newbot and follow its questions; it answers with a token
like 123456789:AAE... Then start the bot with it, for example:
    TELEGRAM_BOT_TOKEN=123456789:AAE... bash scripts/run.sh
or copy .env.example to .env in this folder and fill in TELEGRAM_BOT_TOKEN=... there (never commit .env).
To try the bot first without Telegram or a token, in a chat page on this computer (nothing leaves it):
    .venv/bin/python -m bot chat"""

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MIN_SECRET_LENGTH = 32
SECRET_HELP = "Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"


class ConfigError(Exception):
    """A setting is missing or malformed; the message tells the operator what to do."""


@dataclass(frozen=True)
class Settings:
    token: str
    api_base_url: str | None = None
    data_dir: Path = Path("data")
    database_url: str | None = None
    """PostgreSQL (``bot.storage.postgres``); None: SQLite in ``data_dir``."""
    staff_chat_id: int | None = None
    staff_user_ids: frozenset[int] = field(default_factory=frozenset)
    content_dir: Path = Path("content")
    webhook_url: str | None = None
    webhook_secret: str | None = None
    port: int = 8443
    webhook_listen: str = "127.0.0.1"
    """Where the webhook server listens; a TLS reverse proxy in front forwards Telegram's requests."""
    retention_days: int = 180
    max_applications_per_day: int = 3
    content_poll_seconds: float = 5.0
    log_level: str = "INFO"
    flood_rate: float = 2.0
    """Messages per second a user may keep sending (after a burst of ``flood_burst``)."""
    flood_burst: int = 8
    rate_limit: int = 30
    """Bot API requests per second overall (Telegram allows about 30 messages/s); 0 turns the limiter off."""

    @property
    def api_file_url(self) -> str | None:
        """The file endpoint of a custom Bot API server (``.../bot`` -> ``.../file/bot``)."""
        if not self.api_base_url:
            return None
        base = self.api_base_url.rstrip("/")
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"


def _int(env: Mapping[str, str], name: str, default: int, example: str, *, minimum: int = 0) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number such as {example}, found {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, found {number}")
    return number


def load_settings(env: Mapping[str, str] | None = None, *, require_token: bool = True) -> Settings:
    """Read and validate every setting; raise ``ConfigError`` with an actionable message."""
    if env is None:
        from dotenv import dotenv_values

        env = {**{k: v for k, v in dotenv_values(".env").items() if v is not None}, **os.environ}
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if require_token and not token:
        raise ConfigError(TOKEN_HELP)
    staff_chat = env.get("STAFF_CHAT_ID", "").strip()
    staff_chat_id: int | None = None
    if staff_chat:
        try:
            staff_chat_id = int(staff_chat)
        except ValueError:
            raise ConfigError(
                f"STAFF_CHAT_ID must be a Telegram chat id such as -1001234567890, found {staff_chat!r}") from None
    staff_users: set[int] = set()
    for part in env.get("STAFF_USER_IDS", "").replace(" ", "").split(","):
        if part:
            try:
                staff_users.add(int(part))
            except ValueError:
                raise ConfigError(f"STAFF_USER_IDS must be user ids separated by commas, found {part!r}") from None
    webhook_url = env.get("WEBHOOK_URL", "").strip() or None
    secret = env.get("WEBHOOK_SECRET", "").strip() or None
    if webhook_url:
        if not webhook_url.startswith("https://") and not webhook_url.startswith("http://127.0.0.1"):
            raise ConfigError(f"WEBHOOK_URL must start with https:// (Telegram requires it), found {webhook_url!r}")
        if not secret:
            raise ConfigError("WEBHOOK_SECRET must be set when WEBHOOK_URL is: Telegram sends it with every update "
                              "so the bot can refuse anyone else. Use 1-256 characters A-Z a-z 0-9 _ -")
        if not _SECRET.match(secret):
            raise ConfigError("WEBHOOK_SECRET may contain only A-Z a-z 0-9 _ - (1-256 characters)")
        if len(secret) < MIN_SECRET_LENGTH:
            raise ConfigError(f"WEBHOOK_SECRET must be at least {MIN_SECRET_LENGTH} characters, found {len(secret)}: "
                              f"a short secret can be guessed and anyone could then send the bot fake updates. "
                              f"{SECRET_HELP}")
    database_url = env.get("DATABASE_URL", "").strip() or None
    if database_url and not database_url.startswith(("postgresql://", "postgres://")):
        raise ConfigError("DATABASE_URL must be a PostgreSQL URL such as postgresql://bot:PASSWORD@db:5432/clinicbot, "
                          f"found one starting with {database_url.split(':', 1)[0]!r}; leave it empty for SQLite")
    poll = env.get("CONTENT_POLL_SECONDS", "").strip()
    try:
        poll_seconds = float(poll) if poll else 5.0
    except ValueError:
        raise ConfigError(f"CONTENT_POLL_SECONDS must be a number of seconds such as 5, found {poll!r}") from None
    return Settings(
        token=token,
        api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or None,
        data_dir=Path(env.get("BOT_DATA_DIR", "").strip() or "data"),
        database_url=database_url,
        staff_chat_id=staff_chat_id,
        staff_user_ids=frozenset(staff_users),
        content_dir=Path(env.get("CONTENT_DIR", "").strip() or "content"),
        webhook_url=webhook_url,
        webhook_secret=secret,
        port=_int(env, "PORT", 8443, "8443", minimum=1),
        webhook_listen=env.get("WEBHOOK_LISTEN", "").strip() or "127.0.0.1",
        retention_days=_int(env, "LEAD_RETENTION_DAYS", 180, "180", minimum=1),
        max_applications_per_day=_int(env, "MAX_APPLICATIONS_PER_DAY", 3, "3", minimum=1),
        content_poll_seconds=poll_seconds,
        log_level=_log_level(env.get("LOG_LEVEL", "")),
        flood_rate=float(_int(env, "FLOOD_RATE", 2, "2", minimum=1)),
        flood_burst=_int(env, "FLOOD_BURST", 8, "8", minimum=1),
        rate_limit=_int(env, "TELEGRAM_RATE_LIMIT", 30, "30", minimum=0),
    )


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(value: str) -> str:
    level = value.strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, found {value.strip()!r}")
    return level
