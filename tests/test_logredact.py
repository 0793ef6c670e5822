"""The libraries' log lines carry no texts, names or tokens, at any level (``bot.logredact``)."""

from __future__ import annotations

import json
import logging

import pytest
from telegram import Chat, Message, User

from bot import logredact

NAME, TEXT, PHONE = "Hanako", "死にたい 090-1234-5678", "+819012345678"
UPDATE = {"update_id": 7, "message": {"message_id": 1, "date": 0, "text": TEXT, "chat": {"id": 5, "type": "private",
          "first_name": NAME, "username": "hanako_y"}, "from": {"id": 5, "is_bot": False, "first_name": NAME},
          "contact": {"phone_number": PHONE, "first_name": NAME}}}


@pytest.fixture(autouse=True)
def installed() -> None:
    logredact.install()


def leaked(text: str) -> list[str]:
    return [secret for secret in (NAME, TEXT, PHONE, "hanako_y", "090-1234") if secret in text]


@pytest.mark.parametrize("logger", ["telegram.ext.Updater", "telegram.Bot", "telegram.ext._utils.webhookhandler",
                                    "httpx", "apscheduler.executors.default", "tornado.access"])
def test_a_whole_update_logged_by_a_library_at_any_level_keeps_ids_only(
    logger: str, caplog: pytest.LogCaptureFixture
) -> None:
    log = logging.getLogger(logger)
    with caplog.at_level(logging.DEBUG, logger=logger):
        log.critical("Error while parsing updates! Received data was %r", [UPDATE])
        log.debug("Webhook received data: %s", json.dumps(UPDATE, ensure_ascii=False))
        message = Message(1, None, Chat(5, "private", first_name=NAME), text=TEXT,  # type: ignore[arg-type]
                          from_user=User(5, NAME, False))
        log.info("Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage", {"chat_id": 5, "text": TEXT})
        log.info("got %s", message)
    lines = caplog.text
    assert leaked(lines) == []
    assert "'update_id': 7" in lines and "sendMessage" in lines and "'chat_id': 5" in lines


def test_an_exception_keeps_its_type_and_traceback_but_not_its_message(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("telegram.ext.Application")
    try:
        int(TEXT)
    except ValueError:
        with caplog.at_level(logging.ERROR, logger="telegram"):
            log.exception("No error handlers are registered, logging exception.")
    assert leaked(caplog.text) == []
    assert "builtins.ValueError (message removed: it may quote personal data)" in caplog.text
    assert "test_logredact.py" in caplog.text  # the traceback stays


def test_the_bot_token_never_appears(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="httpx"):
        logging.getLogger("httpx").info("HTTP Request: POST %s", "https://api.telegram.org/bot123456789:"
                                        "AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ZZ/sendMessage")
    assert "AAEhBO" not in caplog.text and "<token>" in caplog.text


def test_our_own_loggers_are_left_alone(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="bot"):
        logging.getLogger("bot.leads.delivery").info("lead delivery: lead=%d kind=%s", 1, "card")
    assert caplog.messages == ["lead delivery: lead=1 kind=card"]
