"""Interface strings: every string in the code has a Japanese translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, t

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"{(\w+)}")


def extracted() -> list[str]:
    keywords = {"t": (2,), "N_": None}
    found = extract_from_dir(str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=keywords)
    return sorted({message for _file, _line, message, _comments, _context in found if isinstance(message, str)})


def test_every_interface_string_is_translated_into_japanese() -> None:
    messages = extracted()
    assert len(messages) > 40
    with (LOCALES_DIR / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="ja")
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    assert [m for m in messages if m not in translated] == []


def test_translations_keep_their_placeholders() -> None:
    for message in extracted():
        assert set(PLACEHOLDER.findall(t("ja", message))) == set(PLACEHOLDER.findall(message)), message


def test_english_is_the_message_itself_and_unknown_languages_fall_back() -> None:
    assert t("en", "◀ Back") == "◀ Back"
    assert t("ja", "◀ Back") == "◀ 戻る"
    assert t("fr", "◀ Back") == "◀ Back"
    assert t("ja", "Question {n} of {total}", n=3, total=12) == "質問 3 / 12"


def test_every_catalog_entry_is_found_in_the_code() -> None:
    """An entry the extractor cannot see (a string kept in a constant without ``N_``) would be marked obsolete by
    ``scripts/update_catalogs.sh``, and the bot would speak English there."""
    with (LOCALES_DIR / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="ja")
    in_code = set(extracted())
    assert sorted(m.id for m in catalog if m.id and m.id not in in_code) == []
