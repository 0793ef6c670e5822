"""Welcome, main menu, pages and language: reading about the treatments by pressing buttons.

Pages edit the pressed message in place; a page with a picture (the schedule timeline) sends the picture first.
A button the bot no longer knows (content changed, old message) is answered and the current menu is shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler, filters

from bot.callbacks import Button, ChooseLanguage, MenuAction, OpenPage, Stale
from bot.handlers.buttons import ButtonCallback
from bot.handlers.common import (
    AnyHandler,
    Context,
    language_from_telegram,
    remember_lang,
    reply,
    show,
    user_lang,
)
from bot.handlers.intake import begin_application, resume_after_language_change
from bot.handlers.pages import open_page, show_menu, stale_button
from bot.handlers.privacy import ask_delete
from bot.i18n import N_, t
from bot.views.keyboards import button, home_row, menu_keyboard
from bot.vocabulary import LANGUAGE_NAMES

HELP_TEXT = N_(
    "I can explain TMS, exosome infusion (unapproved, research-stage) and the clinic's combined protocol (its "
    "added benefit is the clinic's hypothesis), and help you apply to the monitor programme.\n\n"
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
    svc = context.services
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
        await begin_application(update, context)
        return
    if target and content.page(lang, target):
        await open_page(update, context, lang, target, edit=False)
        return
    await send_welcome(update, context, lang)


async def send_welcome(update: Update, context: Context, lang: str) -> None:
    content = context.services.live.current.content
    text = f"{content.text(lang, 'menu.welcome')}\n\n<i>{content.text(lang, 'menu.disclaimer')}</i>"
    await reply(update, context, text, menu_keyboard(content, lang))


async def menu_command(update: Update, context: Context) -> None:
    """Shows the main menu as a new message."""
    await show_menu(update, context)


async def help_command(update: Update, context: Context) -> None:
    """Lists what the bot can do and the commands."""
    lang = user_lang(context, update)
    content = context.services.live.current.content
    text = t(lang, HELP_TEXT)
    await reply(update, context, f"{text}\n\n<i>{content.text(lang, 'menu.disclaimer')}</i>",
                InlineKeyboardMarkup([home_row(lang)]))


async def language_command(update: Update, context: Context) -> None:
    """Offers the languages as buttons."""
    await choose_language(update, context, edit=False)


async def choose_language(update: Update, context: Context, *, edit: bool) -> None:
    lang = user_lang(context, update)
    content = context.services.live.current.content
    keyboard = InlineKeyboardMarkup([[button(LANGUAGE_NAMES.get(code, code), ChooseLanguage(code))
                                      for code in content.languages]])
    await show(update, context, [t(lang, "Which language would you like?")], keyboard, edit=edit)


async def on_page_button(update: Update, context: Context, data: OpenPage) -> None:
    """Opens the page named by the button."""
    query = update.callback_query
    assert query is not None
    lang = user_lang(context, update)
    page = context.services.live.current.content.page(lang, data.page)
    if page is None or page.part(data.part) is None:
        await stale_button(update, context)
        return
    await query.answer()
    await open_page(update, context, lang, data.page, edit=True, part=data.part)


async def _home(update: Update, context: Context) -> None:
    await show_menu(update, context, edit=True)


async def _apply(update: Update, context: Context) -> None:
    await begin_application(update, context)


async def _privacy(update: Update, context: Context) -> None:
    if not await open_page(update, context, user_lang(context, update), "privacy", edit=True):
        await stale_button(update, context, answered=True)


async def _ask(update: Update, context: Context) -> None:
    lang = user_lang(context, update)
    await show(update, context, [t(lang, "Please type your question in a message. For example: "
                                      "“How often is the infusion?”")],
               InlineKeyboardMarkup([home_row(lang)]), edit=True)


async def _delete_data(update: Update, context: Context) -> None:
    await ask_delete(update, context)


ACTIONS: dict[str, Callable[[Update, Context], Awaitable[None]]] = {
    "home": _home,
    "apply": _apply,
    "privacy": _privacy,
    "ask": _ask,
    "delete_data": _delete_data,
}
"""Menu actions answered at once; "language" answers the button itself (with the language's name)."""


async def on_action_button(update: Update, context: Context, data: MenuAction) -> None:
    """Runs a menu action: home, apply, language, privacy, ask, delete_data."""
    query = update.callback_query
    assert query is not None
    if data.name == "language":
        await switch_to_other_language(update, context)
        return
    action = ACTIONS.get(data.name)
    if action is None:
        await stale_button(update, context)
        return
    await query.answer()
    await action(update, context)


async def switch_to_other_language(update: Update, context: Context) -> None:
    """The menu's language button (labelled with the other language): switch straight to it."""
    content = context.services.live.current.content
    others = [code for code in content.languages if code != user_lang(context, update)]
    if len(others) != 1:
        assert update.callback_query is not None
        await update.callback_query.answer()
        await choose_language(update, context, edit=True)
        return
    await switch_language(update, context, others[0])


async def on_language_button(update: Update, context: Context, data: ChooseLanguage) -> None:
    """Switches to the chosen language and shows the menu in it."""
    if data.lang not in context.services.live.current.content.languages:
        await stale_button(update, context)
        return
    await switch_language(update, context, data.lang)


async def switch_language(update: Update, context: Context, lang: str) -> None:
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    content = context.services.live.current.content
    remember_lang(context, user.id, lang)
    await query.answer(t(lang, "Language: {name}", name=LANGUAGE_NAMES.get(lang, lang)))
    if not await resume_after_language_change(update, context):
        await show(update, context, [content.text(lang, "menu.title")], menu_keyboard(content, lang), edit=True)


async def on_unknown_button(update: Update, context: Context, data: Stale) -> None:
    """Any button this version does not read (an old bot version's, or forged data)."""
    await stale_button(update, context)


def handlers() -> list[AnyHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("start", start, filters=private),
        CommandHandler("menu", menu_command, filters=private),
        CommandHandler("help", help_command, filters=private),
        CommandHandler("language", language_command, filters=private),
    ]


def buttons() -> dict[type[Button], ButtonCallback]:
    return {OpenPage: on_page_button, MenuAction: on_action_button, ChooseLanguage: on_language_button}
