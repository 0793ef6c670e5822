"""A tiny bot for testing the harness itself: echo, an inline menu that edits in place, a counter kept across
restarts (``PicklePersistence`` in the data dir), a CSV export, a photo, a reply keyboard, a slow handler, a
background task, a handler that forgets to answer a button and one that crashes.
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    PicklePersistence,
    filters,
)

from tests.botapi.server import FakeBotApi
from tests.botapi.user import TINY_PNG

MENU_TEXT = "<b>Menu</b>\nChoose a topic."


def menu_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [InlineKeyboardButton("About", callback_data="menu:about"),
         InlineKeyboardButton("Count", callback_data="menu:count")],
        [InlineKeyboardButton("Website", url="https://example.org/")],
    ])


def _count(context: ContextTypes.DEFAULT_TYPE) -> int:
    assert context.user_data is not None
    return int(context.user_data.get("count", 0))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greets the user (with the deep-link payload, if any) and shows the menu."""
    assert update.effective_user and update.effective_message
    payload = f"\nPayload: <code>{html.escape(context.args[0])}</code>" if context.args else ""
    name = html.escape(update.effective_user.first_name)
    await update.effective_message.reply_text(f"Welcome, <b>{name}</b>!{payload}")
    await update.effective_message.reply_text(MENU_TEXT, reply_markup=menu_keyboard())


async def on_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Edits the menu in place for About / Back; counts presses of Count with a toast."""
    query = update.callback_query
    assert query is not None and query.data is not None and context.user_data is not None
    choice = query.data.removeprefix("menu:")
    if choice == "about":
        await query.answer()
        back = InlineKeyboardMarkup([[InlineKeyboardButton("« Back", callback_data="menu:back")]])
        await query.edit_message_text("This bot <i>echoes</i> what you write.", reply_markup=back)
    elif choice == "back":
        await query.answer()
        await query.edit_message_text(MENU_TEXT, reply_markup=menu_keyboard())
    elif choice == "count":
        context.user_data["count"] = _count(context) + 1
        await query.answer(f"Count: {context.user_data['count']}")
    else:
        await query.answer("This button has expired.", show_alert=True)


async def stale(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers buttons this bot does not know (old keyboards) instead of leaving them spinning."""
    assert update.callback_query is not None
    await update.callback_query.answer("This button has expired.", show_alert=True)


async def count(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    await update.effective_message.reply_text(f"Count so far: {_count(context)}")


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Sends a CSV document, as the staff export will."""
    assert update.effective_message
    data = "id,name\n1,Hanako\n2,太郎\n".encode("utf-8-sig")
    await update.effective_message.reply_document(InputFile(data, filename="export.csv"), caption="2 rows")


async def picture(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    await update.effective_message.reply_photo(TINY_PNG, caption="A <b>tiny</b> picture")


async def slow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Works for a while before answering (quiet detection must wait for it, not give up after a pause)."""
    assert update.effective_message
    await asyncio.sleep(0.3)
    await update.effective_message.reply_text("Done, slowly.")


async def later(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers now and once more from a background task, as a delivery job would."""
    assert update.effective_message
    chat_id = update.effective_message.chat_id

    async def afterwards() -> None:
        await asyncio.sleep(0.3)
        await context.bot.send_message(chat_id, "Later!")

    context.application.create_task(afterwards())
    await update.effective_message.reply_text("Scheduled.")


async def keyboard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    markup = ReplyKeyboardMarkup([["Yes", "No"], [KeyboardButton("Share phone", request_contact=True)]])
    await update.effective_message.reply_text("Yes or no?", reply_markup=markup)


async def contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_message.contact
    await update.effective_message.reply_text(
        f"Thanks, {update.effective_message.contact.phone_number}.", reply_markup=ReplyKeyboardRemove())


async def mute(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forgets to answer the callback query (the harness must notice)."""


async def bad_html(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Sends markup Telegram refuses (the harness must notice, as production would)."""
    assert update.effective_message
    await update.effective_message.reply_text("line one<br>line two")


async def crash(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise RuntimeError("the crash command crashes")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_message.text is not None
    await context.bot.send_chat_action(update.effective_message.chat_id, "typing")
    await update.effective_message.reply_text(f"You said: <i>{html.escape(update.effective_message.text)}</i>")


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.edited_message and update.edited_message.text is not None
    await update.edited_message.reply_text(f"You edited it to: {html.escape(update.edited_message.text)}")


async def sticker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    await update.effective_message.reply_text("Stickers are nice. Here is the menu:", reply_markup=menu_keyboard())


async def photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_message.photo
    file = await update.effective_message.photo[-1].get_file()
    data = await file.download_as_bytearray()
    await update.effective_message.reply_text(f"Got a photo of {len(data)} bytes.")


async def voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    await update.effective_message.reply_text("I cannot listen to voice messages; please type.")


async def location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message and update.effective_message.location
    where = update.effective_message.location
    await update.effective_message.reply_text(f"You are at {where.latitude:.2f}, {where.longitude:.2f}.")


def build(api: FakeBotApi, data_dir: Path) -> Application[Any, Any, Any, Any, Any, Any]:
    """The echo bot, pointed at ``api``, keeping its state in ``data_dir``."""
    app = (
        Application.builder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .persistence(PicklePersistence(data_dir / "echo.pickle"))
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("count", count))
    app.add_handler(CommandHandler("export", export))
    app.add_handler(CommandHandler("picture", picture))
    app.add_handler(CommandHandler("crash", crash))
    app.add_handler(CommandHandler("badhtml", bad_html))
    app.add_handler(CommandHandler("slow", slow))
    app.add_handler(CommandHandler("later", later))
    app.add_handler(CommandHandler("keyboard", keyboard))
    app.add_handler(CallbackQueryHandler(on_menu, pattern=r"^menu:"))
    app.add_handler(CallbackQueryHandler(mute, pattern=r"^mute:"))
    app.add_handler(CallbackQueryHandler(stale))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, edited))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(MessageHandler(filters.Sticker.ALL, sticker))
    app.add_handler(MessageHandler(filters.PHOTO, photo))
    app.add_handler(MessageHandler(filters.VOICE, voice))
    app.add_handler(MessageHandler(filters.LOCATION, location))
    app.add_handler(MessageHandler(filters.CONTACT, contact))
    return app
