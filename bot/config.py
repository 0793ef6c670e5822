"""Settings from the environment (and an optional ``.env`` file), declared once and validated at once.

``Settings`` below is the one declaration: each field names its environment variable, its meaning and how
docs/operating.md shows its default. That table is printed from it (``.venv/bin/python -m bot settings``), and a test
checks the table, ``.env.example`` and what ``load_settings`` reads against it. Loading checks every value and
reports every problem in one message, one line per setting saying what was found and what is expected (values of
secrets are never repeated), so an operator fixes the file once instead of once per start.

Plain pydantic rather than pydantic-settings: the loader takes any mapping (tests pass one, ``.env`` is merged in
one line with python-dotenv), and pydantic-settings' sources would parse ``STAFF_USER_IDS`` as JSON and need
switching off field by field; the messages would be the same ones either way.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator


class Setting(NamedTuple):
    """One row of docs/operating.md's table (and one line of ``.env.example``), read from ``Settings``."""

    name: str
    default: str
    """As docs/operating.md shows it: ``(required)``, ``(none)`` or a value in backticks."""
    meaning: str
    example: str = ""
    """The line's value in ``.env.example``; empty: the line is there, commented out."""


def _env(name: str, default: Any, meaning: str, *, shown: str | None = None, example: str = "",
         expected: str = "", **checks: Any) -> Any:
    """A field read from the environment variable ``name``; ``expected`` completes "NAME must be ..." when a value
    does not parse (the default's type says it otherwise)."""
    if shown is None:
        shown = "(none)" if default is None else f"`{default}`"
    return Field(default, alias=name, description=meaning, **checks,
                 json_schema_extra={"shown": shown, "example": example, "expected": expected})


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MIN_SECRET_LENGTH = 32
SECRET_HELP = "Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_TOKEN = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


class Settings(BaseModel):
    """Every setting, in the order docs/operating.md and ``.env.example`` list them."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    token: str = _env("TELEGRAM_BOT_TOKEN", "", "the bot's token from @BotFather", shown="(required)",
                      example="123456789:AAE...")
    staff_chat_id: int | None = _env(
        "STAFF_CHAT_ID", None, "the clinic's staff group that receives leads and may use staff commands; send "
        "`/chatid` in the group to get the line; without it leads wait in the bot", example="-1001234567890",
        expected="a Telegram chat id such as -1001234567890")
    staff_user_ids: frozenset[int] = _env(
        "STAFF_USER_IDS", frozenset(), "comma-separated user ids also allowed to use staff commands in a private "
        "chat; they are told at start-up when the staff chat cannot be reached", shown="(none)")
    data_dir: Path = _env("BOT_DATA_DIR", Path("data"), "the SQLite database (`bot.sqlite3`): users, drafts, leads, "
                          "outbox, audit", shown="`./data`")
    database_url: str | None = _env(
        "DATABASE_URL", None, "PostgreSQL instead of SQLite, e.g. `postgresql://bot:PASSWORD@db:5432/clinicbot`: "
        "every store lives there and several webhook instances may share it; without it, SQLite in `BOT_DATA_DIR`")
    content_dir: Path = _env("CONTENT_DIR", Path("content"), "the content base", shown="`./content`")
    api_base_url: str | None = _env("TELEGRAM_API_BASE_URL", None, "another Bot API server, e.g. "
                                    "`http://127.0.0.1:8081/bot` (passed to PTB's `base_url`)", shown="Telegram's")
    webhook_url: str | None = _env("WEBHOOK_URL", None, "serve a webhook at this https URL instead of long polling")
    webhook_secret: str | None = _env(
        "WEBHOOK_SECRET", None, "required with `WEBHOOK_URL`, at least 32 characters (`python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(32))'`); requests without it are refused (403) before their body is read",
        validate_default=True)
    port: int = _env("PORT", 8443, "local port of the webhook server", ge=1, le=65535)
    webhook_listen: str = _env("WEBHOOK_LISTEN", "127.0.0.1", "address the webhook server listens on; keep it local "
                               "behind the TLS proxy (`0.0.0.0` = every interface)")
    retention_days: int = _env(
        "LEAD_RETENTION_DAYS", 180, "leads, abandoned drafts, unanswered-question counts and language settings not "
        "changed for this long are erased (crisis markers after 30 days, submission times after 7)", ge=1)
    max_applications_per_day: int = _env("MAX_APPLICATIONS_PER_DAY", 3, "submitted applications accepted per user "
                                         "per day", ge=1)
    content_poll_seconds: float = _env("CONTENT_POLL_SECONDS", 5.0, "how often the content folder is checked for "
                                       "changes (`0` turns the watcher off)", shown="`5`", ge=0, allow_inf_nan=False)
    flood_rate: float = _env("FLOOD_RATE", 2.0, "per user: messages per second allowed after a burst of "
                             "`FLOOD_BURST`", shown="`2`", gt=0, allow_inf_nan=False)
    flood_burst: int = _env("FLOOD_BURST", 8, "per user: messages accepted at once before `FLOOD_RATE` applies", ge=1)
    start_retries: int = _env("TELEGRAM_START_RETRIES", 8, "how often an unreachable Bot API is tried again at start "
                              "(over about 50 s with `8`; `-1` = until it answers) before the bot stops and says why",
                              ge=-1)
    rate_limit: int = _env("TELEGRAM_RATE_LIMIT", 30, "Bot API requests per second overall; `0` = no limiter (a "
                           "local Bot API server)", ge=0)
    log_level: str = _env("LOG_LEVEL", "INFO", "logging level (library loggers never go below INFO: they would log "
                          "message texts)")

    @property
    def api_file_url(self) -> str | None:
        """The file endpoint of a custom Bot API server (``.../bot`` -> ``.../file/bot``)."""
        if not self.api_base_url:
            return None
        base = self.api_base_url.rstrip("/")
        return base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file/bot"

    @field_validator("token")
    @classmethod
    def _token(cls, value: str) -> str:
        if value and not _TOKEN.match(value):
            raise ValueError("does not look like a token from @BotFather (digits, a colon, then letters, digits, _ "
                             "and -, such as 123456789:AAE...): copy it again from the chat with @BotFather")
        return value

    @field_validator("staff_user_ids", mode="before")
    @classmethod
    def _user_ids(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        ids = set()
        for part in value.replace(" ", "").split(","):
            if not part:
                continue
            if not part.lstrip("-").isdigit():
                raise ValueError(f"must be user ids separated by commas, found {part!r}")
            ids.add(int(part))
        return frozenset(ids)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a PostgreSQL URL such as postgresql://bot:PASSWORD@db:5432/clinicbot, found one "
                             f"starting with {value.split(':', 1)[0]!r}; leave it empty for SQLite")
        return value

    @field_validator("api_base_url")
    @classmethod
    def _api_base_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError(f"must start with http:// or https://, such as http://127.0.0.1:8081/bot, found {value!r}")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("https://", "http://127.0.0.1")):
            raise ValueError(f"must start with https:// (Telegram requires it), found {value!r}")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not info.data.get("webhook_url"):
            return value
        if not value:
            raise ValueError("must be set when WEBHOOK_URL is: Telegram sends it with every update so the bot can "
                             f"refuse anyone else. {SECRET_HELP}")
        if not _SECRET.match(value):
            raise ValueError("may contain only A-Z a-z 0-9 _ - (1-256 characters)")
        if len(value) < MIN_SECRET_LENGTH:
            raise ValueError(f"must be at least {MIN_SECRET_LENGTH} characters, found {len(value)}: a short secret can "
                             f"be guessed and anyone could then send the bot fake updates. {SECRET_HELP}")
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            if not _HOST.match(value):
                raise ValueError(f"must be an address such as 127.0.0.1 or 0.0.0.0, found {value!r}") from None
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}, found {value!r}")
        return value.upper()


SECRETS = frozenset({"TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "DATABASE_URL"})
"""Settings whose values no message repeats."""


def _declared() -> tuple[Setting, ...]:
    rows = []
    for field in Settings.model_fields.values():
        extra = field.json_schema_extra
        assert isinstance(extra, dict) and field.alias and field.description
        rows.append(Setting(field.alias, str(extra["shown"]), field.description, str(extra["example"])))
    return tuple(rows)


SETTINGS: tuple[Setting, ...] = _declared()
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
    """One or more settings are missing or malformed; the message has one line per setting saying what to do."""


def load_settings(env: Mapping[str, str] | None = None, *, require_token: bool = True) -> Settings:
    """Read and validate every setting (empty means unset); raise ``ConfigError`` naming every problem at once."""
    if env is None:
        from dotenv import dotenv_values

        env = {**{k: v for k, v in dotenv_values(".env").items() if v is not None}, **os.environ}
    values = {s.name: value for s in SETTINGS if (value := (env.get(s.name) or "").strip())}
    problems: list[str] = []
    settings = None
    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        problems = [_describe(error, values) for error in exc.errors()]
    if require_token and "TELEGRAM_BOT_TOKEN" not in values:
        problems.append(TOKEN_HELP)
    if problems or settings is None:
        raise ConfigError(problems[0] if len(problems) == 1 else f"{len(problems)} settings need fixing:\n"
                          + "\n".join("- " + problem.replace("\n", "\n  ") for problem in problems))
    return settings


def _describe(error: Any, values: Mapping[str, str]) -> str:
    """``NAME must be ...``: what was expected, and what was found unless the setting is a secret."""
    field = Settings.model_fields.get(str(error["loc"][0])) or next(
        f for f in Settings.model_fields.values() if f.alias == error["loc"][0])
    name = str(field.alias)
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    found = "" if name in SECRETS else f", found {values.get(name, '')!r}"
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if kind == "value_error":
        return f"{name} {ctx['error']}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal"):
        bound = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most"}[kind]
        limit = ctx.get("ge", ctx.get("gt", ctx.get("le")))
        return f"{name} must be {bound} {limit:g}{found}"
    default = str(extra.get("shown", "")).strip("`")
    expected = extra.get("expected") or (f"a whole number such as {default}" if kind.startswith("int")
                                         else f"a number such as {default}" if kind.startswith("float")
                                         else "a valid value")
    return f"{name} must be {expected}{found}"
