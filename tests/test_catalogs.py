"""The interface catalogs read without Babel: the same table ``pybabel compile`` makes, and Babel for the rest."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.catalogs import UnsupportedCatalog, parse_catalog, read_catalog
from bot.i18n import LOCALES_DIR

ROOT = Path(__file__).resolve().parents[1]


def compiled_by_babel(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return {k: v for k, v in Translations(buffer)._catalog.items() if isinstance(k, str) and k}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_shipped_catalogs_read_as_babel_compiles_them(lang: str) -> None:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    assert parse_catalog(path.read_text(encoding="utf-8")) == compiled_by_babel(path)


def test_entries_over_several_lines_escapes_fuzzy_and_obsolete(tmp_path: Path) -> None:
    text = "\n".join([
        'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', "",
        "#: bot/x.py", 'msgid ""', '"Two "', '"lines"', 'msgstr "二"', '"行"', "",
        'msgid "Say \\"hi\\"\\n"', 'msgstr "「やあ」\\n"', "",
        "#, fuzzy", 'msgid "Guessed"', 'msgstr "推測"', "",
        'msgid "Untranslated"', 'msgstr ""', "",
        '#~ msgid "Old"', '#~ msgstr "古い"', "",
    ])
    path = tmp_path / "ja" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert parse_catalog(text) == {"Two lines": "二行", 'Say "hi"\n': "「やあ」\n"} == compiled_by_babel(path)


def test_plural_forms_are_left_to_babel(tmp_path: Path) -> None:
    text = "\n".join(['msgid ""', 'msgstr ""', '"Plural-Forms: nplurals=1; plural=0;\\n"', "",
                      'msgid "one day"', 'msgid_plural "{n} days"', 'msgstr[0] "{n}日"', "",
                      'msgid "Back"', 'msgstr "戻る"', ""])
    with pytest.raises(UnsupportedCatalog):
        parse_catalog(text)
    path = tmp_path / "ja" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert read_catalog(path) == {"Back": "戻る", "one day": "{n}日"}


def test_a_start_translates_without_babel() -> None:
    """The command lists are translated before the first answer: Babel's reader and locale data (~60 ms of CPU,
    3 MB) are for dates on applications and lead cards, and for the catalog workflow."""
    code = ("import sys, bot.app\nfrom bot.i18n import t\nt('ja', 'Main menu')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert ast.literal_eval(done.stdout.strip()) == []
