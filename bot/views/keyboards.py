"""The keyboards every part of the bot shares: a button from its typed data, Home, the main menu, a page's buttons.

The preview draws these same functions, so what staff check is what patients get. The menu's and each page's
keyboard depend only on the content snapshot, so each is built once per snapshot and kept with its wire form
(``wire``): PTB's ``to_dict`` of the keyboards alone was 7 % of the bot's CPU (``bench/run.py --cpu-profile``),
besides building the buttons on every page view.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Button, MenuAction, OpenPage
from bot.content.base import ContentBase, RenderedPage
from bot.i18n import N_, t

Keyboard = list[list[InlineKeyboardButton]]


def button(label: str, data: Button) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def rows(buttons: Sequence[InlineKeyboardButton], columns: int) -> Keyboard:
    return [list(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


def home_row(lang: str) -> list[InlineKeyboardButton]:
    return [button(t(lang, "🏠 Menu"), MenuAction("home"))]


_MEMO_LIMIT = 1024
"""Keyboards kept (every page part in both languages, several snapshots); past it the memo starts again."""
_memo: dict[tuple[Any, ...], tuple[tuple[weakref.ref[Any], ...], InlineKeyboardMarkup]] = {}
_wire: dict[int, tuple[InlineKeyboardMarkup, dict[str, Any]]] = {}


def _kept(owners: tuple[Any, ...], key: tuple[Any, ...],
          build: Callable[[], InlineKeyboardMarkup]) -> InlineKeyboardMarkup:
    """The keyboard built for these very objects (checked by identity, so a new snapshot gets its own)."""
    full = (*(id(o) for o in owners), *key)
    hit = _memo.get(full)
    if hit is not None and all(ref() is owner for ref, owner in zip(hit[0], owners, strict=True)):
        return hit[1]
    markup = build()
    if len(_memo) >= _MEMO_LIMIT:
        _memo.clear()
        _wire.clear()
    _memo[full] = (tuple(weakref.ref(o) for o in owners), markup)
    _wire[id(markup)] = (markup, markup.to_dict())
    return markup


def wire(markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup | dict[str, Any]:
    """The keyboard as the Bot API reads it, serialised once for the kept ones (others as they are)."""
    kept = _wire.get(id(markup))
    return kept[1] if kept is not None and kept[0] is markup else markup


def menu_keyboard(content: ContentBase, lang: str) -> InlineKeyboardMarkup:
    """The main menu in one language (kept per snapshot)."""
    return _kept((content,), ("menu", lang), lambda: _menu_keyboard(content, lang))


def _menu_keyboard(content: ContentBase, lang: str) -> InlineKeyboardMarkup:
    menu = content.lang(lang).menu
    buttons = []
    for item in menu.items:
        if item.page is not None:
            page = content.page(lang, item.page)
            label = item.label or (page.button if page else item.page)
            buttons.append(button(label, OpenPage(item.page)))
        elif item.action is not None:
            buttons.append(button(item.label or item.action, MenuAction(item.action)))
    return InlineKeyboardMarkup(rows(buttons, menu.columns))


ACTION_LABELS = {
    "apply": N_("📝 Apply as a monitor"),
    "delete_data": N_("🗑 Delete my data"),
    "language": N_("🌐 Language"),
    "privacy": N_("🔒 Privacy"),
}


def page_keyboard(content: ContentBase, page: RenderedPage, part: int = 0) -> InlineKeyboardMarkup:
    """A "More" button while parts remain, then the page's actions, links, Back and Home (kept per snapshot)."""
    return _kept((content, page), ("page", part), lambda: _page_keyboard(content, page, part))


def _page_keyboard(content: ContentBase, page: RenderedPage, part: int) -> InlineKeyboardMarkup:
    lang = page.lang
    more = [[button(t(lang, "More ▶"), OpenPage(page.id, part + 1))]] if part < len(page.more) else []
    links = []
    for target in page.links:
        linked = content.page(lang, target)
        if linked is not None:
            links.append(button(linked.button, OpenPage(target)))
    actions = [button(t(lang, ACTION_LABELS[a]), MenuAction(a)) for a in page.actions]
    keyboard = [*more, *[[b] for b in actions], *rows(links, 2)]
    parent = content.parent_of(lang, page.id)
    nav = [button(t(lang, "◀ Back"), OpenPage(parent) if parent else MenuAction("home")),
           *home_row(lang)]
    keyboard.append(nav)
    return InlineKeyboardMarkup(keyboard)
