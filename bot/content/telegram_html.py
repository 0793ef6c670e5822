"""Markdown (the subset Telegram can show) to Telegram HTML, split into messages Telegram accepts.

Telegram's HTML mode knows only a handful of tags and four named entities, and a message holds at most 4096
characters after entities are parsed. Pages are converted block by block so that a long page can be split between
paragraphs and never inside a tag.
"""

from __future__ import annotations

import html
import re
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji",
    "tg-time", "code", "pre", "blockquote",
}
NAMED_ENTITIES = {"lt", "gt", "amp", "quot"}


@cache
def _markdown() -> MarkdownIt:
    """The one Markdown parser, made on first use: serving from the content cache converts Markdown only for texts
    rendered with values (the application's screens), so a start does not import markdown_it (~68 modules)."""
    from markdown_it import MarkdownIt

    from bot.content.cjk_emphasis import cjk_friendly

    return (MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
            .enable("strikethrough").use(cjk_friendly))


def escape(text: str) -> str:
    """Escape text for Telegram HTML (``'`` stays as is: Telegram rejects ``&#x27;``-free named entities)."""
    return html.escape(text, quote=False)


def _attr(value: str) -> str:
    return html.escape(value, quote=False).replace('"', "&quot;")


_FIXED = {
    "softbreak": "\n", "hardbreak": "\n",
    "strong_open": "<b>", "strong_close": "</b>",
    "em_open": "<i>", "em_close": "</i>",
    "s_open": "<s>", "s_close": "</s>",
    "link_close": "</a>",
}
"""Inline tokens that always become the same Telegram HTML."""


def _inline(children: list[Token]) -> str:
    out: list[str] = []
    for tok in children:
        kind = tok.type
        if kind in _FIXED:
            out.append(_FIXED[kind])
        elif kind == "code_inline":
            out.append(f"<code>{escape(tok.content)}</code>")
        elif kind == "link_open":
            out.append(f'<a href="{_attr(str(tok.attrGet("href") or ""))}">')
        elif kind == "html_inline":
            out.append(tok.content)  # passed through; the checker refuses tags Telegram does not accept
        else:  # text, an image's alt text, anything unknown: shown as escaped text
            out.append(escape(tok.content or ""))
    return "".join(out)


def markdown_blocks(source: str) -> list[str]:
    """Convert Markdown to Telegram HTML, one string per top-level block (paragraph, list, quote ...)."""
    blocks: list[str] = []
    current: list[str] = []
    lists: list[list[int | str]] = []  # [kind, counter]
    item_has_text: list[bool] = []
    for tok in _markdown().parse(source):
        kind = tok.type
        if kind == "heading_open":
            current.append("<b>")
        elif kind == "heading_close":
            current.append("</b>")
        elif kind == "paragraph_open":
            if item_has_text and item_has_text[-1]:
                current.append("\n")
        elif kind == "paragraph_close":
            if tok.level > 0 and not lists:
                current.append("\n\n")
        elif kind == "inline":
            current.append(_inline(tok.children or []))
            if item_has_text:
                item_has_text[-1] = True
        elif kind == "bullet_list_open":
            lists.append(["bullet", 0])
        elif kind == "ordered_list_open":
            lists.append(["ordered", int(tok.attrGet("start") or 1) - 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            level = lists[-1]
            if current and not "".join(current).endswith("\n") and "".join(current).strip():
                current.append("\n")
            indent = "  " * (len(lists) - 1)
            if level[0] == "bullet":
                current.append(f"{indent}• ")
            else:
                level[1] = int(level[1]) + 1
                current.append(f"{indent}{level[1]}. ")
            item_has_text.append(False)
        elif kind == "list_item_close":
            item_has_text.pop()
        elif kind == "blockquote_open":
            current.append("<blockquote>")
        elif kind == "blockquote_close":
            text = "".join(current).rstrip()
            current = [text, "</blockquote>"]
        elif kind == "hr":
            current.append("――――")
        elif kind in ("fence", "code_block"):
            current.append(f"<pre>{escape(tok.content.rstrip())}</pre>")
        elif kind == "html_block":
            current.append(tok.content.strip())
        if tok.level == 0 and tok.nesting <= 0:
            block = "".join(current).strip()
            if block:
                blocks.append(block)
            current = []
    return blocks


_TAG = re.compile(r"<[^>]*>")


def visible_text(html_text: str) -> str:
    """What the user sees: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", html_text))


def visible_length(html_text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units of the visible text."""
    return len(visible_text(html_text).encode("utf-16-le")) // 2


def split_messages(blocks: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pack blocks into as few messages as fit, splitting only between blocks (or lines of an oversized list)."""
    pieces: list[str] = []
    for block in blocks:
        if visible_length(block) <= limit:
            pieces.append(block)
            continue
        lines = block.split("\n")
        if all(_balanced(line) for line in lines):
            pieces.extend(lines)
        else:
            pieces.append(block)  # cannot split safely; the checker reports it
    messages: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if current and visible_length(candidate) > limit:
            messages.append(current)
            current = piece
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


def _balanced(fragment: str) -> bool:
    checker = TagChecker()
    checker.feed(fragment)
    checker.close()
    return not checker.problems


class TagChecker(HTMLParser):
    """Finds what Telegram would reject in an HTML message: unknown tags, unclosed tags, unknown entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(
                f"HTML tag <{tag}> is not accepted by Telegram (use Markdown: **bold**, _italic_, [link](url))"
            )
            return
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"closing tag </{tag}> does not match an open tag")
            return
        self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            self.problems.append(f"entity &{name}; is not accepted by Telegram (only &lt; &gt; &amp; &quot;)")

    def close(self) -> None:
        super().close()
        for tag in self.stack:
            self.problems.append(f"tag <{tag}> is never closed")
        self.stack = []


_CODE = re.compile(r"<(code|pre)\b[^>]*>.*?</\1>", re.DOTALL)
_URLISH = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_MARKUP = re.compile(r"[*_＊＿]")


def literal_markup(html_text: str) -> list[str]:
    """Markdown marks a patient would see as they are (``**`` that did not become bold, a stray ``_``).

    Code, addresses and e-mail addresses may hold them legitimately and are skipped.
    """
    shown = _URLISH.sub(" ", visible_text(_CODE.sub(" ", html_text)))
    found: list[str] = []
    for line in shown.split("\n"):
        match = _MARKUP.search(line)
        if match is None:
            continue
        start = max(0, match.start() - 20)
        snippet = line[start:start + 40].strip()
        if snippet not in found:
            found.append(snippet)
    return found


def html_problems(html_text: str) -> list[str]:
    """Every reason Telegram would refuse this HTML, as sentences for staff."""
    checker = TagChecker()
    checker.feed(html_text)
    checker.close()
    return checker.problems
