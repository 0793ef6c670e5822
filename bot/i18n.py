"""Interface strings (buttons, prompts, errors that are not clinic content) through gettext catalogs.

Programmers own these; staff own ``content/``. Message ids are the English text. Catalogs live in
``bot/locales/<lang>/LC_MESSAGES/messages.po`` and are read at start-up (``bot.catalogs``: what ``pybabel compile``
would make of them, without loading Babel), so a forgotten ``pybabel compile`` can never leave the bot speaking the
wrong language.

Workflow:
    pybabel extract -F babel.cfg -k t:2 -k N_ --no-location --sort-output -o bot/locales/messages.pot bot
    pybabel update -i bot/locales/messages.pot -d bot/locales
    (translate bot/locales/ja/LC_MESSAGES/messages.po)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from bot.catalogs import read_catalog
from bot.vocabulary import LANGUAGES

LOCALES_DIR = Path(__file__).parent / "locales"
BABEL_LOCALES = {"ja": "ja_JP", "en": "en_US"}


@cache
def _catalog(lang: str) -> dict[str, str]:
    po_path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    return read_catalog(po_path) if po_path.exists() else {}


def N_(message: str) -> str:
    """Marks a constant for extraction; translate it later with ``t(lang, CONSTANT)``."""
    return message


def t(lang: str, message: str, **params: Any) -> str:
    """Translate an interface string into ``lang`` and fill ``{name}`` placeholders."""
    text = _catalog(lang if lang in LANGUAGES else "en").get(message, message)
    return text.format(**params) if params else text

