"""/privacy shows the privacy notice; /delete erases what the bot holds about the user after one confirmation.

Deletion removes the user's settings and any application in progress, and erases the personal fields of the
leads they sent (staff are told the lead was withdrawn; an audit record keeps only the lead id and the time).
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import callbacks
from bot.handlers.common import Context, button, home_row, reply, services, show, user_lang
from bot.i18n import t

log = logging.getLogger(__name__)


async def privacy_command(update: Update, context: Context) -> None:
    """Shows the privacy notice from content."""
    from bot.handlers.menu import open_page

    lang = user_lang(context, update)
    if not await open_page(update, context, lang, "privacy", edit=False):
        await reply(update, context, t(lang, "The privacy notice is not available right now. Please ask the clinic."))


async def ask_delete(update: Update, context: Context) -> None:
    """Explains what deletion removes and asks for one confirmation."""
    lang = user_lang(context, update)
    keyboard = InlineKeyboardMarkup([
        [button(t(lang, "Yes, delete my data"), callbacks.deletion("yes"))],
        [button(t(lang, "No, keep it"), callbacks.deletion("no"))],
    ])
    text = t(lang, "This deletes everything this bot holds about you: your language setting, any application in "
                   "progress, and the personal details of applications you have sent (the clinic is told that "
                   "they were withdrawn). Records the clinic already made elsewhere are not affected; please "
                   "contact the clinic about those.\n\nDelete your data now?")
    await show(update, context, [text], keyboard, edit=update.callback_query is not None)


async def delete_command(update: Update, context: Context) -> None:
    """/delete: asks before deleting."""
    await ask_delete(update, context)


async def on_delete_button(update: Update, context: Context) -> None:
    """Deletes on "yes", keeps everything on "no"."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    data = callbacks.decode(query.data)
    lang = user_lang(context, update)  # read before the setting is deleted
    await query.answer()
    if data is None or not data.args or data.args[0] != "yes":
        await show(update, context, [t(lang, "Nothing was deleted.")], InlineKeyboardMarkup([home_row(lang)]),
                   edit=True)
        return
    svc = services(context)
    with svc.db.transaction():  # all or nothing: never leads erased but the draft kept, or the other way round
        withdrawn = svc.leads.withdraw_for_user(user.id, svc.now())
        svc.users.delete_user(user.id)
        svc.crisis_events.forget(user.id)
    svc.erased()  # the old versions of the erased rows leave the WAL file now, not at the next checkpoint
    log.info("user data deleted on request (%d lead(s) withdrawn)", len(withdrawn))
    svc.stats.record("deleted")
    if withdrawn:  # tell staff now, even if the confirmation below cannot be shown
        svc.stats.record("withdrawn", count=len(withdrawn))
        context.application.create_task(svc.deliver_due(context.bot), update=update)
    text = t(lang, "Your data has been deleted.")
    if withdrawn:
        text += "\n" + t(lang, "The clinic has been told that your application was withdrawn.")
    await show(update, context, [text], None, edit=True)


def handlers() -> list[object]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("privacy", privacy_command, filters=private),
        CommandHandler("delete", delete_command, filters=private),
        CallbackQueryHandler(on_delete_button, pattern=r"^d:"),
    ]
