"""Screens several handlers show: the main menu, a content page, the answer to an out-of-date button, the warm
reply to a message about how someone feels. Kept apart from the handlers that route to them, so those import this
module and never each other.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.callbacks import OpenPage
from bot.content.telegram_html import escape
from bot.handlers.common import Context, reply, send_photo, show, user_lang
from bot.i18n import t
from bot.views.keyboards import button, home_row, menu_keyboard, page_keyboard


async def show_menu(update: Update, context: Context, *, edit: bool = False) -> None:
    """Shows the main menu (editing the pressed message when there is one)."""
    lang = user_lang(context, update)
    content = context.services.live.current.content
    await show(update, context, [content.text(lang, "menu.title")], menu_keyboard(content, lang), edit=edit)


async def open_page(update: Update, context: Context, lang: str, page_id: str, *, edit: bool,
                    part: int = 0) -> bool:
    """Shows one page (or one of its "More" parts); False when it does not exist (any more)."""
    content = context.services.live.current.content
    page = content.page(lang, page_id)
    messages = page.part(part) if page is not None else None
    if page is None or messages is None:
        return False
    keyboard = page_keyboard(content, page, part)
    if part == 0:
        context.services.stats.record("page", page_id)
    if part == 0 and page.image is not None and page.image.is_file():
        caption = f"<b>{escape(page.title)}</b>" + (f"\n{escape(page.caption)}" if page.caption else "")
        await send_photo(update, context, page.image, caption)
        await show(update, context, messages, keyboard, edit=False)
    elif part > 0:
        await show(update, context, messages, keyboard, edit=False)  # the part above stays readable
    else:
        await show(update, context, messages, keyboard, edit=edit)
    return True


async def stale_button(update: Update, context: Context, *, answered: bool = False) -> None:
    """Answers a button the bot no longer knows and shows the current menu instead of an error."""
    lang = user_lang(context, update)
    query = update.callback_query
    if query is not None and not answered:
        await query.answer(t(lang, "This button is out of date. Here is the current menu."))
    content = context.services.live.current.content
    await reply(update, context, content.text(lang, "menu.title"), menu_keyboard(content, lang))


async def acknowledge_distress(update: Update, context: Context, lang: str, *, carer: bool = False) -> None:
    """The warm reply to a message about how someone feels, with what the clinic offers and a hotline line; for a
    message about someone close (``carer``), the reply addressed to the one who worries."""
    content = context.services.live.current.content
    texts = content.lang(lang).texts
    rows = []
    monitor = content.page(lang, "monitor")
    if monitor is not None:
        rows.append([button(t(lang, "📖 {title}", title=monitor.button), OpenPage("monitor"))])
    rows.append([button(t(lang, "📞 Contact the clinic"), OpenPage("clinic"))])
    rows.append(home_row(lang))
    message = texts["distress.carer_message" if carer else "distress.message"]
    await reply(update, context, f"{message}\n\n<i>{texts['distress.footer']}</i>",
                InlineKeyboardMarkup(rows))
