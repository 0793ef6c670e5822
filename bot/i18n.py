"""Interface strings (buttons, prompts, errors that are not clinic content) through gettext catalogs.

Programmers own these; staff own ``content/``. Message ids are the English text. Catalogs live in
``bot/locales/<lang>/LC_MESSAGES/messages.po`` and are compiled in memory at start-up with Babel, so a forgotten
``pybabel compile`` can never leave the bot speaking the wrong language.

Workflow:
    pybabel extract -F babel.cfg -k t:2 -k N_ --no-location --sort-output -o bot/locales/messages.pot bot
    pybabel update -i bot/locales/messages.pot -d bot/locales
    (translate bot/locales/ja/LC_MESSAGES/messages.po)
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.vocabulary import LANGUAGES

LOCALES_DIR = Path(__file__).parent / "locales"
BABEL_LOCALES = {"ja": "ja_JP", "en": "en_US"}


@cache
def _catalog(lang: str) -> NullTranslations:
    po_path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def N_(message: str) -> str:
    """Marks a constant for extraction; translate it later with ``t(lang, CONSTANT)``."""
    return message


def t(lang: str, message: str, **params: Any) -> str:
    """Translate an interface string into ``lang`` and fill ``{name}`` placeholders."""
    text = _catalog(lang if lang in LANGUAGES else "en").gettext(message)
    return text.format(**params) if params else text

