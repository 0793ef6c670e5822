"""Welcome, main menu, pages and language: reading about the treatments by pressing buttons.

Pages edit the pressed message in place; a page with a picture (the schedule timeline) sends the picture first.
A button the bot no longer knows (content changed, old message) is answered and the current menu is shown.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks
from bot.content.telegram_html import escape
from bot.handlers.common import (
    Context,
    button,
    home_row,
    language_from_telegram,
    menu_keyboard,
    page_keyboard,
    remember_lang,
    reply,
    send_photo,
    services,
    show,
    user_lang,
)
from bot.i18n import N_, t

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
HELP_TEXT = N_(
    "I can explain TMS, exosome infusion and the clinic's combined protocol, and help you apply to the "
    "monitor programme.\n\n"
    "/menu – main menu\n/apply – apply as a monitor\n/language – change the language\n"
    "/privacy – privacy notice\n/delete – delete the data this bot holds about you\n"
    "/cancel – stop an application\n\nYou can also simply type a question."
)


def parse_start_payload(payload: str, languages: list[str]) -> tuple[str | None, str | None]:
    """``en`` -> (en, None); ``ja_tms`` -> (ja, tms); ``apply`` -> (None, apply); ``en_apply`` -> (en, apply)."""
    payload = payload.strip().lower()
    if payload in languages:
        return payload, None
    head, _, rest = payload.partition("_")
    if head in languages and rest:
        return head, rest
    return None, payload or None


async def start(update: Update, context: Context) -> None:
    """Greets the user in their language, with the disclaimer and the main menu; follows deep links."""
    user = update.effective_user
    if user is None:
        return
    svc = services(context)
    content = svc.live.current.content
    lang_from_link, target = (None, None)
    if context.args:
        lang_from_link, target = parse_start_payload(context.args[0], list(content.languages))
    record = svc.users.get(user.id)
    lang = lang_from_link or (record.language if record and record.language else None) \
        or content.supported(language_from_telegram(user.language_code))
    lang = content.supported(lang)
    remember_lang(context, user.id, lang)
    svc.stats.record("start")
    if target == "apply":
        from bot.handlers.intake import begin_application

        await begin_application(update, context)
        return
    if target and content.page(lang, target):
        await open_page(update, context, lang, target, edit=False)
        return
    await send_welcome(update, context, lang)


async def send_welcome(update: Update, context: Context, lang: str) -> None:
    content = services(context).live.current.content
    text = f"{content.text(lang, 'menu.welcome')}\n\n<i>{content.text(lang, 'menu.disclaimer')}</i>"
    await reply(update, context, text, menu_keyboard(content, lang))


async def show_menu(update: Update, context: Context, *, edit: bool = False) -> None:
    """Shows the main menu (editing the pressed message when there is one)."""
    lang = user_lang(context, update)
    content = services(context).live.current.content
    await show(update, context, [content.text(lang, "menu.title")], menu_keyboard(content, lang), edit=edit)


async def menu_command(update: Update, context: Context) -> None:
    """Shows the main menu as a new message."""
    await show_menu(update, context)


async def help_command(update: Update, context: Context) -> None:
    """Lists what the bot can do and the commands."""
    lang = user_lang(context, update)
    content = services(context).live.current.content
    text = t(lang, HELP_TEXT)
    await reply(update, context, f"{text}\n\n<i>{content.text(lang, 'menu.disclaimer')}</i>",
                InlineKeyboardMarkup([home_row(lang)]))


async def language_command(update: Update, context: Context) -> None:
    """Offers the languages as buttons."""
    await choose_language(update, context, edit=False)


async def choose_language(update: Update, context: Context, *, edit: bool) -> None:
    lang = user_lang(context, update)
    content = services(context).live.current.content
    keyboard = InlineKeyboardMarkup([[button(LANGUAGE_NAMES.get(code, code), callbacks.language(code))
                                      for code in content.languages]])
    await show(update, context, [t(lang, "Which language would you like?")], keyboard, edit=edit)


async def open_page(update: Update, context: Context, lang: str, page_id: str, *, edit: bool,
                    part: int = 0) -> bool:
    """Shows one page (or one of its "More" parts); False when it does not exist (any more)."""
    content = services(context).live.current.content
    page = content.page(lang, page_id)
    messages = page.part(part) if page is not None else None
    if page is None or messages is None:
        return False
    keyboard = page_keyboard(content, page, part)
    if part == 0:
        services(context).stats.record("page", page_id)
    if part == 0 and page.image is not None and page.image.is_file():
        caption = f"<b>{escape(page.title)}</b>" + (f"\n{escape(page.caption)}" if page.caption else "")
        await send_photo(update, context, page.image, caption)
        await show(update, context, messages, keyboard, edit=False)
    elif part > 0:
        await show(update, context, messages, keyboard, edit=False)  # the part above stays readable
    else:
        await show(update, context, messages, keyboard, edit=edit)
    return True


async def on_page_button(update: Update, context: Context) -> None:
    """Opens the page named by the button."""
    query = update.callback_query
    assert query is not None
    data = callbacks.decode(query.data)
    lang = user_lang(context, update)
    page_id = data.args[0] if data and data.args else ""
    part = int(data.args[1]) if data and len(data.args) > 1 and data.args[1].isdigit() else 0
    page = services(context).live.current.content.page(lang, page_id)
    if page is None or page.part(part) is None:
        await stale_button(update, context)
        return
    await query.answer()
    await open_page(update, context, lang, page_id, edit=True, part=part)


async def on_action_button(update: Update, context: Context) -> None:
    """Runs a menu action: home, apply, language, privacy, ask, delete_data."""
    query = update.callback_query
    assert query is not None
    data = callbacks.decode(query.data)
    name = data.args[0] if data and data.args else ""
    lang = user_lang(context, update)
    if name == "home":
        await query.answer()
        await show_menu(update, context, edit=True)
    elif name == "apply":
        await query.answer()
        from bot.handlers.intake import begin_application

        await begin_application(update, context)
    elif name == "language":
        await switch_to_other_language(update, context)
    elif name == "privacy":
        await query.answer()
        if not await open_page(update, context, lang, "privacy", edit=True):
            await stale_button(update, context, answered=True)
    elif name == "ask":
        await query.answer()
        await show(update, context, [t(lang, "Please type your question in a message. For example: "
                                          "“How often is the infusion?”")],
                   InlineKeyboardMarkup([home_row(lang)]), edit=True)
    elif name == "delete_data":
        await query.answer()
        from bot.handlers.privacy import ask_delete

        await ask_delete(update, context)
    else:
        await stale_button(update, context)


async def switch_to_other_language(update: Update, context: Context) -> None:
    """The menu's language button (labelled with the other language): switch straight to it."""
    content = services(context).live.current.content
    others = [code for code in content.languages if code != user_lang(context, update)]
    if len(others) != 1:
        assert update.callback_query is not None
        await update.callback_query.answer()
        await choose_language(update, context, edit=True)
        return
    await switch_language(update, context, others[0])


async def on_language_button(update: Update, context: Context) -> None:
    """Switches to the chosen language and shows the menu in it."""
    data = callbacks.decode(update.callback_query.data if update.callback_query else None)
    content = services(context).live.current.content
    if data is None or not data.args or data.args[0] not in content.languages:
        await stale_button(update, context)
        return
    await switch_language(update, context, data.args[0])


async def switch_language(update: Update, context: Context, lang: str) -> None:
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    content = services(context).live.current.content
    remember_lang(context, user.id, lang)
    await query.answer(t(lang, "Language: {name}", name=LANGUAGE_NAMES.get(lang, lang)))
    from bot.handlers.intake import resume_after_language_change

    if not await resume_after_language_change(update, context):
        await show(update, context, [content.text(lang, "menu.title")], menu_keyboard(content, lang), edit=True)


async def stale_button(update: Update, context: Context, *, answered: bool = False) -> None:
    """Answers a button the bot no longer knows and shows the current menu instead of an error."""
    lang = user_lang(context, update)
    query = update.callback_query
    if query is not None and not answered:
        await query.answer(t(lang, "This button is out of date. Here is the current menu."))
    content = services(context).live.current.content
    await reply(update, context, content.text(lang, "menu.title"), menu_keyboard(content, lang))


async def on_unknown_button(update: Update, context: Context) -> None:
    """Any button no other handler claims (an old bot version's, or forged data)."""
    await stale_button(update, context)


def handlers() -> list:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("start", start, filters=private),
        CommandHandler("menu", menu_command, filters=private),
        CommandHandler("help", help_command, filters=private),
        CommandHandler("language", language_command, filters=private),
        CallbackQueryHandler(on_page_button, pattern=r"^p:"),
        CallbackQueryHandler(on_action_button, pattern=r"^a:"),
        CallbackQueryHandler(on_language_button, pattern=r"^l:"),
    ]
