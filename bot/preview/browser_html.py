"""The bot's Telegram HTML shown in a browser as Telegram draws it, with the claims lint's words marked.

The input is what the bot sends (``bot.content`` renders it; nothing here renders Markdown). Only the tags Telegram
accepts are kept, without attributes except a link's address; anything else is shown as the literal text Telegram
would refuse. A folded notice (``<blockquote expandable>``) shows its first lines and opens on a click, with no
script. Marking works on text only, so it can never break a tag.
"""

from __future__ import annotations

import html
import itertools
import unicodedata
from collections.abc import Sequence
from html.parser import HTMLParser

from markupsafe import Markup

from bot.content.telegram_html import ALLOWED_TAGS

_SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:", "tel:")
_INLINE_AS = {"strong": "b", "em": "i", "ins": "u", "strike": "s", "del": "s", "tg-emoji": "span", "tg-time": "span"}
_fold_ids = itertools.count(1)


def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).casefold()


def mark_words(text: str, words: Sequence[str]) -> str:
    """Escape ``text`` and wrap each occurrence of a word (ignoring case and width, as the lint does) in <mark>."""
    if not words or not text:
        return html.escape(text, quote=False)
    folded: list[str] = []
    origin: list[int] = []  # folded index -> index in text
    for i, ch in enumerate(text):
        for part in _fold_char(ch):
            folded.append(part)
            origin.append(i)
    haystack = "".join(folded)
    spans: list[tuple[int, int, str]] = []
    for word in words:
        needle = "".join(_fold_char(ch) for ch in word)
        if not needle.strip():
            continue
        start = haystack.find(needle)
        while start >= 0:
            end = start + len(needle)
            spans.append((origin[start], origin[end - 1] + 1, word))
            start = haystack.find(needle, end)
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, word in spans:
        if start < pos:
            continue  # overlapping finding: the first one is marked
        out.append(html.escape(text[pos:start], quote=False))
        out.append(f'<mark class="finding" title="claims lint: {html.escape(word)}">'
                   f"{html.escape(text[start:end], quote=False)}</mark>")
        pos = end
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


class _Rewriter(HTMLParser):
    def __init__(self, words: Sequence[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.words = words
        self.out: list[str] = []
        self.stack: list[str] = []  # closing text for each open tag we kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}>", quote=False))
            return
        values = dict(attrs)
        if tag == "a":
            href = values.get("href") or ""
            safe = href.startswith(_SAFE_SCHEMES)
            self.out.append(f'<a href="{html.escape(href)}" target="_blank" rel="noopener">' if safe else "<a>")
            self.stack.append("</a>")
        elif tag == "blockquote" and "expandable" in values:
            fold = f"fold-{next(_fold_ids)}"
            self.out.append(f'<input type="checkbox" class="fold" id="{fold}"><blockquote class="expandable">')
            self.stack.append(f'</blockquote><label class="unfold" for="{fold}"></label>')
        elif tag == "span" or tag == "tg-spoiler":
            spoiler = tag == "tg-spoiler" or values.get("class") == "tg-spoiler"
            self.out.append('<span class="tg-spoiler">' if spoiler else "<span>")
            self.stack.append("</span>")
        else:
            name = _INLINE_AS.get(tag, tag)
            self.out.append(f"<{name}>")
            self.stack.append(f"</{name}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self.out.append(html.escape(f"</{tag}>", quote=False))
            return
        if self.stack:
            self.out.append(self.stack.pop())

    def handle_data(self, data: str) -> None:
        self.out.append(mark_words(data, self.words))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(reversed(self.stack))


def to_browser(telegram_html: str, words: Sequence[str] = ()) -> Markup:
    """Browser HTML for one Telegram message (newlines are kept by the page's CSS, as Telegram keeps them)."""
    rewriter = _Rewriter(words)
    rewriter.feed(telegram_html)
    return Markup(rewriter.result())
