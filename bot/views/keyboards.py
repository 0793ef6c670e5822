"""The keyboards every part of the bot shares: a button from its typed data, Home, the main menu, a page's buttons.

The preview draws these same functions, so what staff check is what patients get.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def menu_keyboard(content: ContentBase, lang: str) -> InlineKeyboardMarkup:
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
    """A "More" button while parts remain, then the page's actions, links, Back and Home."""
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
