"""The menu's and pages' keyboards are built once per content snapshot, and a new snapshot gets its own."""

from __future__ import annotations

import copy

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.keyboards import menu_keyboard, page_keyboard, wire
from tests.shipped import shipped_content


def test_a_snapshot_keeps_its_keyboards_with_their_wire_form() -> None:
    content, _ = shipped_content()
    assert content is not None
    page = content.page("ja", "tms")
    assert page is not None
    assert menu_keyboard(content, "ja") is menu_keyboard(content, "ja")
    assert menu_keyboard(content, "en") is not menu_keyboard(content, "ja")
    assert page_keyboard(content, page) is page_keyboard(content, page)
    assert page_keyboard(content, page, 1) is not page_keyboard(content, page)
    kept = page_keyboard(content, page)
    assert wire(kept) == kept.to_dict()


def test_another_snapshot_builds_its_own_keyboard() -> None:
    content, _ = shipped_content()
    assert content is not None
    other = copy.copy(content)
    other.languages = {**content.languages, "ja": copy.copy(content.languages["ja"])}
    other.languages["ja"].menu = other.languages["ja"].menu.model_copy(
        update={"items": content.languages["ja"].menu.items[:1]})
    assert menu_keyboard(other, "ja") is not menu_keyboard(content, "ja")
    assert len([b for row in menu_keyboard(other, "ja").inline_keyboard for b in row]) == 1


def test_a_keyboard_built_elsewhere_goes_as_it_is() -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a:home")]])
    assert wire(markup) is markup
