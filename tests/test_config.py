"""Settings: clear messages for operators, and ``python -m bot run`` without a token exits without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

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
