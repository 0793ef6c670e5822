"""The interface catalogs (``bot/locales/*/LC_MESSAGES/messages.po``) read into a table of translations.

Every start needs them (the command lists go out in both languages), and Babel's reader, compiler and locale
data cost about 60 ms of CPU and 3 MB of memory before the first answer. The catalogs we ship use only the plain
part of the format (comments, ``msgid``/``msgstr`` pairs over one or more quoted lines, the fuzzy flag), which is
read here with the standard library; a catalog using anything else (plural forms, contexts) is read by Babel, as
before, so no catalog is ever half read. The table holds what ``pybabel compile`` would put in the ``.mo`` file:
translated entries that are not fuzzy, the header and obsolete (``#~``) entries left out.
"""

from __future__ import annotations

import re
from pathlib import Path

_ESCAPE = re.compile(r'\\([\\trn"])')
_ESCAPED = {"\\": "\\", "t": "\t", "r": "\r", "n": "\n", '"': '"'}
_KEYWORD = re.compile(r'(msgid|msgstr)\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'"(.*)"\s*$')


class UnsupportedCatalog(ValueError):
    """The catalog uses a part of the format this reader leaves to Babel (plural forms, contexts, ...)."""


def read_catalog(path: Path) -> dict[str, str]:
    """The translations of the ``.po`` file at ``path``, msgid -> msgstr, as Babel would compile them."""
    try:
        return parse_catalog(path.read_text(encoding="utf-8"))
    except UnsupportedCatalog:
        return _read_with_babel(path)


def parse_catalog(text: str) -> dict[str, str]:
    """The translations of a catalog's text; raises ``UnsupportedCatalog`` for what only Babel reads."""
    table: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    field: str | None = None
    fuzzy = False

    def finish() -> None:
        nonlocal entry, field, fuzzy
        if entry:
            if "msgid" not in entry or "msgstr" not in entry:
                raise UnsupportedCatalog("an entry without both msgid and msgstr")
            msgid, msgstr = "".join(entry["msgid"]), "".join(entry["msgstr"])
            if msgid and msgstr and not fuzzy:
                table[msgid] = msgstr
        entry, field, fuzzy = {}, None, False

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#"):
            if entry and field == "msgstr":  # the comments of the next entry
                finish()
            if line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
                fuzzy = True
        elif keyword := _KEYWORD.match(line):
            name = keyword.group(1)
            if name == "msgid" and entry:
                finish()
            if name in entry:
                raise UnsupportedCatalog(f"line {number}: a second {name}")
            field = name
            entry[name] = [_unescape(keyword.group(2))]
        elif (continued := _CONTINUATION.fullmatch(line)) and field is not None:
            entry[field].append(_unescape(continued.group(1)))
        else:
            raise UnsupportedCatalog(f"line {number}: {line.split()[0]!r} is read by Babel")
    finish()
    return table


def _unescape(quoted: str) -> str:
    return _ESCAPE.sub(lambda match: _ESCAPED[match.group(1)], quoted)


def _read_with_babel(path: Path) -> dict[str, str]:
    """The catalog as ``pybabel compile`` makes it: Babel's reader and compiler, then the table of the result."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    compiled = Translations(buffer)._catalog
    table = {key: value for key, value in compiled.items() if isinstance(key, str) and key}
    for key, value in compiled.items():  # a plural entry answers gettext with its first form, as gettext does
        if isinstance(key, tuple) and key[1] == 0:
            table.setdefault(key[0], value)
    return table
