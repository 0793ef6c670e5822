"""Telegram's HTML subset turned into HTML a browser can show safely, so the page looks like the chat.

The bot's messages are Telegram HTML. Telegram refuses a message whose HTML it cannot parse; the stand-in does the
same with the checker's own rules (``bot.content.telegram_html.html_problems``), so a broken content edit fails
here as it would in Telegram. What passes is rebuilt tag by tag: only the subset survives, every attribute except a
link's (http, https, tg, mailto) is dropped, and text is escaped again, so nothing in a message can run script.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from bot.content.telegram_html import html_problems

_SAME = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u", "s": "s", "strike": "s", "del": "s",
         "code": "code", "pre": "pre", "blockquote": "blockquote"}
_SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")


class TelegramRefused(ValueError):
    """Telegram would answer ``Bad Request: can't parse entities``; the message says why."""


class _Rebuild(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.closing: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _SAME:
            opened, closed = f"<{_SAME[tag]}>", f"</{_SAME[tag]}>"
        elif tag == "tg-spoiler" or (tag == "span" and values.get("class") == "tg-spoiler"):
            opened, closed = '<span class="spoiler" title="spoiler">', "</span>"
        elif tag == "a" and values.get("href", "").startswith(_SAFE_SCHEMES):
            href = html.escape(values["href"], quote=True)
            opened, closed = f'<a href="{href}" target="_blank" rel="noopener noreferrer">', "</a>"
        else:  # tg-emoji, tg-time, a link without a safe target: their text only
            opened, closed = "", ""
        self.out.append(opened)
        self.closing.append(closed)

    def handle_endtag(self, tag: str) -> None:
        if self.closing:
            self.out.append(self.closing.pop())

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def to_page_html(telegram_html: str) -> str:
    """Safe HTML for the page; raises ``TelegramRefused`` with the reasons Telegram would refuse it."""
    problems = html_problems(telegram_html)
    if problems:
        raise TelegramRefused("; ".join(problems))
    rebuild = _Rebuild()
    rebuild.feed(telegram_html.strip())
    rebuild.close()
    return "".join(rebuild.out + rebuild.closing[::-1])


def plain_to_page_html(text: str) -> str:
    """A message sent without parse_mode (or typed by the simulated user): shown exactly as written."""
    return html.escape(text.strip(), quote=False)
