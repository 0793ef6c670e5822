"""/privacy shows the privacy notice; /delete erases what the bot holds about the user after one confirmation.

Deletion removes the user's settings and any application in progress, and erases the personal fields of the
leads they sent (staff are told the lead was withdrawn; an audit record keeps only the lead id and the time).
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler, filters

from bot.callbacks import Button, DeleteNo, DeleteYes, Stale
from bot.handlers.buttons import ButtonCallback, StaleCallback
from bot.handlers.common import AnyHandler, Context, reply, show, user_lang
from bot.handlers.pages import open_page
from bot.i18n import t
from bot.views.keyboards import button, home_row

log = logging.getLogger(__name__)


async def privacy_command(update: Update, context: Context) -> None:
    """Shows the privacy notice from content."""
    lang = user_lang(context, update)
    if not await open_page(update, context, lang, "privacy", edit=False):
        await reply(update, context, t(lang, "The privacy notice is not available right now. Please ask the clinic."))


async def ask_delete(update: Update, context: Context) -> None:
    """Explains what deletion removes and asks for one confirmation."""
    lang = user_lang(context, update)
    keyboard = InlineKeyboardMarkup([
        [button(t(lang, "Yes, delete my data"), DeleteYes())],
        [button(t(lang, "No, keep it"), DeleteNo())],
    ])
    text = t(lang, "This deletes everything this bot holds about you: your language setting, any application in "
                   "progress, and the personal details of applications you have sent (the clinic is told that "
                   "they were withdrawn). Records the clinic already made elsewhere are not affected; please "
                   "contact the clinic about those.\n\nDelete your data now?")
    await show(update, context, [text], keyboard, edit=update.callback_query is not None)


async def delete_command(update: Update, context: Context) -> None:
    """/delete: asks before deleting."""
    await ask_delete(update, context)


async def on_keep(update: Update, context: Context, data: DeleteNo | Stale) -> None:
    """ "No, keep it" (or a deletion button this version does not know): nothing is deleted."""
    assert update.callback_query is not None
    lang = user_lang(context, update)
    await update.callback_query.answer()
    await show(update, context, [t(lang, "Nothing was deleted.")], InlineKeyboardMarkup([home_row(lang)]), edit=True)


async def on_delete(update: Update, context: Context, data: DeleteYes) -> None:
    """ "Yes, delete my data": erases it all in one transaction and tells staff of withdrawn applications."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    lang = user_lang(context, update)  # read before the setting is deleted
    await query.answer()
    svc = context.services
    with svc.db.transaction():  # all or nothing: never leads erased but the draft kept, or the other way round
        withdrawn = svc.leads.withdraw_for_user(user.id, svc.now())
        svc.users.delete_user(user.id)
        svc.crisis_events.forget(user.id)
    svc.erased()  # the old versions of the erased rows leave the WAL file now, not at the next checkpoint
    log.info("user data deleted on request (%d lead(s) withdrawn)", len(withdrawn))
    svc.stats.record("deleted")
    if withdrawn:  # tell staff now, even if the confirmation below cannot be shown
        svc.stats.record("withdrawn", count=len(withdrawn))
        context.application.create_task(svc.deliver_due(), update=update)
    text = t(lang, "Your data has been deleted.")
    if withdrawn:
        text += "\n" + t(lang, "The clinic has been told that your application was withdrawn.")
    await show(update, context, [text], None, edit=True)


def handlers() -> list[AnyHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("privacy", privacy_command, filters=private),
        CommandHandler("delete", delete_command, filters=private),
    ]


def buttons() -> dict[type[Button], ButtonCallback]:
    return {DeleteYes: on_delete, DeleteNo: on_keep}


def stale_answers() -> dict[str, StaleCallback]:
    return {"d": on_keep}
