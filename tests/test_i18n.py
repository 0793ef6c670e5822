"""Interface strings: every string in the code has a Japanese translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

from bot.i18n import missing_catalog_entries, t

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"{(\w+)}")


def extracted() -> list[str]:
    keywords = {"t": (2,), "N_": None}
    found = extract_from_dir(str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=keywords)
    return sorted({message for _file, _line, message, _comments, _context in found if isinstance(message, str)})


def test_every_interface_string_is_translated_into_japanese() -> None:
    messages = extracted()
    assert len(messages) > 40
    assert missing_catalog_entries("ja", messages) == []


def test_translations_keep_their_placeholders() -> None:
    for message in extracted():
        assert set(PLACEHOLDER.findall(t("ja", message))) == set(PLACEHOLDER.findall(message)), message


def test_english_is_the_message_itself_and_unknown_languages_fall_back() -> None:
    assert t("en", "◀ Back") == "◀ Back"
    assert t("ja", "◀ Back") == "◀ 戻る"
    assert t("fr", "◀ Back") == "◀ Back"
    assert t("ja", "Question {n} of {total}", n=3, total=12) == "質問 3 / 12"
