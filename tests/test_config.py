"""Settings: clear messages for operators, and ``python -m bot run`` without a token exits without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SETTINGS, ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_and_derived_file_url() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"})
    assert settings.data_dir == Path("data")
    assert settings.content_dir == Path("content")
    assert settings.staff_chat_id is None
    assert settings.api_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.retention_days == 180


def test_missing_token_explains_botfather() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings({})
    assert "@BotFather" in str(error.value)
    assert load_settings({}, require_token=False).token == ""


@pytest.mark.parametrize(("env", "message"), [
    ({"STAFF_CHAT_ID": "clinic"}, "STAFF_CHAT_ID must be a Telegram chat id such as -1001234567890, found 'clinic'"),
    ({"WEBHOOK_URL": "https://bot.example/hook"}, "WEBHOOK_SECRET must be set when WEBHOOK_URL is"),
    ({"WEBHOOK_URL": "https://bot.example/hook", "WEBHOOK_SECRET": "no spaces"}, "WEBHOOK_SECRET may contain only"),
    ({"WEBHOOK_URL": "ftp://bot.example"}, "WEBHOOK_URL must start with https://"),
    ({"PORT": "eighty"}, "PORT must be a whole number such as 8443, found 'eighty'"),
    ({"STAFF_USER_IDS": "1, two"}, "STAFF_USER_IDS must be user ids separated by commas, found 'two'"),
])
def test_bad_values_say_how_to_fix(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        load_settings({"TELEGRAM_BOT_TOKEN": "1:x", **env})


def test_a_short_webhook_secret_is_refused_and_the_webhook_listens_locally_by_default() -> None:
    hook = {"TELEGRAM_BOT_TOKEN": "1:x", "WEBHOOK_URL": "https://bot.example/hook"}
    with pytest.raises(ConfigError) as error:
        load_settings({**hook, "WEBHOOK_SECRET": "x" * 31})
    assert str(error.value) == (
        "WEBHOOK_SECRET must be at least 32 characters, found 31: a short secret can be guessed and anyone could then "
        "send the bot fake updates. Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'")
    settings = load_settings({**hook, "WEBHOOK_SECRET": "x" * 32})
    assert settings.webhook_listen == "127.0.0.1"
    assert load_settings({**hook, "WEBHOOK_SECRET": "x" * 32, "WEBHOOK_LISTEN": "0.0.0.0"}).webhook_listen == "0.0.0.0"


def test_run_without_token_exits_cleanly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "@BotFather" in result.stderr
    assert "python -m bot chat" in result.stderr  # the way to try it without a token
    assert "Traceback" not in result.stderr
    # the command it suggests is one that works after README's set-up (a bare "python -m bot run" would not)
    assert "TELEGRAM_BOT_TOKEN=123456789:AAE... bash scripts/run.sh" in result.stderr
    assert " python -m bot run" not in result.stderr


def test_run_refuses_broken_content_with_the_report(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "settings.yaml").write_text("languages: [ja\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": "1:x", "CONTENT_DIR": str(content),
           "BOT_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "The bot cannot start: the content has errors." in result.stderr
    assert "content/settings.yaml:2: CONTENT-E001 書き方の誤りで、このファイルを読み込めません" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_log_level_is_refused_before_start_up() -> None:
    assert load_settings({"TELEGRAM_BOT_TOKEN": "1:x", "LOG_LEVEL": " debug "}).log_level == "DEBUG"
    with pytest.raises(ConfigError) as error:
        load_settings({"TELEGRAM_BOT_TOKEN": "1:x", "LOG_LEVEL": "verbose"})
    assert str(error.value) == "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, found 'verbose'"


def test_database_url_must_be_postgresql_and_the_local_chat_never_uses_it(tmp_path: Path) -> None:
    from bot.localchat.run import local_settings

    with pytest.raises(ConfigError) as refused:
        load_settings({"TELEGRAM_BOT_TOKEN": "1:x", "DATABASE_URL": "mysql://bot:secret@db/clinic"})
    assert str(refused.value) == ("DATABASE_URL must be a PostgreSQL URL such as "
                                  "postgresql://bot:PASSWORD@db:5432/clinicbot, found one starting with 'mysql'; "
                                  "leave it empty for SQLite")
    settings = load_settings({"TELEGRAM_BOT_TOKEN": "1:x", "DATABASE_URL": "postgresql://bot:pw@db/clinic"})
    assert settings.database_url == "postgresql://bot:pw@db/clinic"
    assert local_settings(settings, 8765, tmp_path).database_url is None


BAD_VALUES = {
    "TELEGRAM_BOT_TOKEN": ("AAE-no-number", "TELEGRAM_BOT_TOKEN does not look like a token from @BotFather (digits, a "
                           "colon, then letters, digits, _ and -, such as 123456789:AAE...): copy it again from the "
                           "chat with @BotFather"),
    "STAFF_CHAT_ID": ("-100x", "STAFF_CHAT_ID must be a Telegram chat id such as -1001234567890, found '-100x'"),
    "STAFF_USER_IDS": ("12,@anna", "STAFF_USER_IDS must be user ids separated by commas, found '@anna'"),
    "DATABASE_URL": ("sqlite:///x", "DATABASE_URL must be a PostgreSQL URL such as "
                     "postgresql://bot:PASSWORD@db:5432/clinicbot, found one starting with 'sqlite'; leave it empty "
                     "for SQLite"),
    "TELEGRAM_API_BASE_URL": ("127.0.0.1:8081/bot", "TELEGRAM_API_BASE_URL must start with http:// or https://, such "
                              "as http://127.0.0.1:8081/bot, found '127.0.0.1:8081/bot'"),
    "WEBHOOK_URL": ("bot.example/hook", "WEBHOOK_URL must start with https:// (Telegram requires it), found "
                    "'bot.example/hook'"),
    "WEBHOOK_SECRET": ("s" * 20, "WEBHOOK_SECRET must be at least 32 characters, found 20: a short secret can be "
                       "guessed and anyone could then send the bot fake updates. Generate one with: python3 -c "
                       "'import secrets; print(secrets.token_urlsafe(32))'"),
    "PORT": ("70000", "PORT must be at most 65535, found '70000'"),
    "WEBHOOK_LISTEN": ("every interface", "WEBHOOK_LISTEN must be an address such as 127.0.0.1 or 0.0.0.0, found "
                       "'every interface'"),
    "LEAD_RETENTION_DAYS": ("0", "LEAD_RETENTION_DAYS must be at least 1, found '0'"),
    "MAX_APPLICATIONS_PER_DAY": ("three", "MAX_APPLICATIONS_PER_DAY must be a whole number such as 3, found 'three'"),
    "CONTENT_POLL_SECONDS": ("-5", "CONTENT_POLL_SECONDS must be at least 0, found '-5'"),
    "FLOOD_RATE": ("fast", "FLOOD_RATE must be a number such as 2, found 'fast'"),
    "FLOOD_BURST": ("0", "FLOOD_BURST must be at least 1, found '0'"),
    "TELEGRAM_START_RETRIES": ("-2", "TELEGRAM_START_RETRIES must be at least -1, found '-2'"),
    "TELEGRAM_RATE_LIMIT": ("30/s", "TELEGRAM_RATE_LIMIT must be a whole number such as 30, found '30/s'"),
    "LOG_LEVEL": ("verbose", "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, found 'verbose'"),
}
"""One refused value per setting, with the exact message; the folders accept any path (the content check and the
database say what is wrong with what they find there)."""


def test_every_setting_but_the_folders_refuses_a_bad_value() -> None:
    assert sorted(BAD_VALUES) == sorted(s.name for s in SETTINGS if s.name not in ("BOT_DATA_DIR", "CONTENT_DIR"))


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_a_bad_value_is_refused_with_its_message(name: str) -> None:
    value, message = BAD_VALUES[name]
    env = {"TELEGRAM_BOT_TOKEN": "1:x", name: value}
    if name == "WEBHOOK_SECRET":
        env["WEBHOOK_URL"] = "https://bot.example/hook"
    with pytest.raises(ConfigError) as error:
        load_settings(env)
    assert str(error.value) == message


def test_every_problem_is_reported_at_once_and_secrets_are_never_repeated() -> None:
    env = {"TELEGRAM_BOT_TOKEN": "not a token", "PORT": "eighty", "LOG_LEVEL": "verbose", "FLOOD_BURST": "0",
           "WEBHOOK_URL": "https://bot.example/hook", "WEBHOOK_SECRET": "short-but-secret"}
    with pytest.raises(ConfigError) as error:
        load_settings(env)
    assert str(error.value).splitlines() == [
        "5 settings need fixing:",
        "- TELEGRAM_BOT_TOKEN does not look like a token from @BotFather (digits, a colon, then letters, digits, _ "
        "and -, such as 123456789:AAE...): copy it again from the chat with @BotFather",
        "- WEBHOOK_SECRET must be at least 32 characters, found 16: a short secret can be guessed and anyone could "
        "then send the bot fake updates. Generate one with: python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(32))'",
        "- PORT must be a whole number such as 8443, found 'eighty'",
        "- FLOOD_BURST must be at least 1, found '0'",
        "- LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, found 'verbose'",
    ]
    assert "not a token" not in str(error.value) and "short-but-secret" not in str(error.value)


def test_a_missing_token_is_listed_with_the_other_problems() -> None:
    with pytest.raises(ConfigError) as error:
        load_settings({"PORT": "eighty"})
    lines = str(error.value).splitlines()
    assert lines[:3] == ["2 settings need fixing:", "- PORT must be a whole number such as 8443, found 'eighty'",
                         "- TELEGRAM_BOT_TOKEN is not set, so the bot cannot connect to Telegram."]
    assert all(line.startswith("  ") for line in lines[3:])  # the help stays under its item
