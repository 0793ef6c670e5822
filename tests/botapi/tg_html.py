"""Telegram's HTML parse mode as the server applies it: the plain text a user sees, or Telegram's refusal.

The fake server runs every ``parse_mode=HTML`` text through this, so a bot that sends ``<br>`` or an unescaped
``<`` fails in the tests the way it would fail in production (``Bad Request: can't parse entities: ...``).
Written from the Bot API's "HTML style" section; independent of the bot's own HTML helpers on purpose.
"""

from __future__ import annotations

import html
import re

ALLOWED_TAGS = frozenset({
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "tg-time",
    "code", "pre", "blockquote",
})
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);")
_ATTRS = re.compile(r"""\s*([^\s=>/"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_TAG_RE = re.compile(r"<(/?)([^\s>]*)([^>]*)>", re.S)
_MARKDOWN_SPECIAL = re.compile(r"\\(.)")


class HtmlError(ValueError):
    """Telegram refused the markup; ``str(exc)`` is the API's description after ``Bad Request: ``."""


def _unescape_entities(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith("#"):
            try:
                return chr(int(body[2:], 16) if body[1:2] in "xX" else int(body[1:]))
            except (ValueError, OverflowError):
                return match.group(0)
        return _NAMED.get(body, match.group(0))  # Telegram knows only four named entities

    return _ENTITY.sub(one, text)


def _offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def html_to_text(source: str) -> str:
    """Plain text of a Telegram-HTML message, stripped as Telegram strips it; raises ``HtmlError``."""
    source = source.strip()
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while True:
        lt = source.find("<", pos)
        if lt < 0:
            out.append(_unescape_entities(source[pos:]))
            break
        out.append(_unescape_entities(source[pos:lt]))
        match = _TAG_RE.match(source, lt)
        if match is None:
            raise HtmlError(f"can't parse entities: Unclosed start tag at byte offset {_offset(source, lt)}")
        closing, name, attrs = match.group(1) == "/", match.group(2).lower(), match.group(3)
        if closing:
            if not stack:
                raise HtmlError(f"can't parse entities: Unexpected end tag at byte offset {_offset(source, lt)}")
            if name and name != stack[-1]:
                raise HtmlError(
                    f"can't parse entities: Unmatched end tag at byte offset {_offset(source, lt)}, "
                    f'expected "</{stack[-1]}>", found "</{name}>"'
                )
            stack.pop()
        else:
            if name not in ALLOWED_TAGS:
                raise HtmlError(
                    f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {_offset(source, lt)}'
                )
            parsed = dict((key.lower(), (value or "").strip("\"'")) for key, value in _ATTRS.findall(attrs))
            if name == "span" and parsed.get("class") != "tg-spoiler":
                raise HtmlError(
                    f'can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset '
                    f"{_offset(source, lt)}"
                )
            stack.append(name)
        pos = match.end()
    if stack:
        raise HtmlError(f'can\'t parse entities: Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out).strip()


def markdown_to_text(source: str) -> str:
    """Rough plain text of MarkdownV2 (markers dropped, escapes resolved); no validation."""
    text = re.sub(r"(?<!\\)[*_~|`]", "", source)
    return _MARKDOWN_SPECIAL.sub(r"\1", text).strip()


def visible_text(text: str, parse_mode: str | None) -> str:
    """What the chat shows for ``text`` sent with ``parse_mode``; raises ``HtmlError`` for bad HTML."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return html_to_text(text)
    if mode.startswith("markdown"):
        return markdown_to_text(text)
    return text.strip()


def as_html(text: str, parse_mode: str | None) -> str:
    """The message as Telegram HTML: the source itself in HTML mode, else the escaped text."""
    return text.strip() if (parse_mode or "").lower() == "html" else html.escape(text.strip(), quote=False)


def utf16_len(text: str) -> int:
    """Telegram counts lengths (4096 per message, 1024 per caption) in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2
