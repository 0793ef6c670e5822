"""Setting up the staff chat without guessing: ``/chatid`` (or ``/setup``) and a check at every start.

``/chatid`` in a group answers with the group's id and the exact settings line, for anyone in that group: before
``STAFF_CHAT_ID`` is set nobody is "staff" yet, and a group's id is no secret to its own members. In a private
chat it explains the steps to listed staff (``STAFF_USER_IDS``) and is an unknown command for everyone else.

At start-up the bot checks that ``STAFF_CHAT_ID`` is set and that the bot is a member of that chat; if not, it
says so in the log and to every ``STAFF_USER_IDS`` member in a private message, since otherwise leads would wait
in the outbox without anyone noticing.
"""

from __future__ import annotations

import html
import logging

from telegram import Bot, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import CommandHandler

from bot.handlers.common import AnyHandler, Context, reply
from bot.handlers.context import AnyApplication, services_of
from bot.handlers.staff import unknown_command

log = logging.getLogger(__name__)

STEPS = (
    "スタッフ用チャットの作り方:\n"
    "1. Telegram で新しいグループを作り、申込を受け取るスタッフを招待します。\n"
    "2. グループの「メンバーを追加」から、このボットを追加します。\n"
    "3. そのグループで /chatid と送ると、ボットがグループのIDと、設定に書く1行をお知らせします。\n"
    "4. その1行を .env ファイル（またはサービスの設定）に書き、ボットを再起動します。"
)
NOT_A_MEMBER = {ChatMemberStatus.LEFT, ChatMemberStatus.BANNED}


def settings_line(chat_id: int) -> str:
    return f"STAFF_CHAT_ID={chat_id}"


async def chatid_command(update: Update, context: Context) -> None:
    """/chatid, /setup: in a group, its id and the settings line; in a private chat, the steps (staff only)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    settings = context.services.settings
    if chat.type == ChatType.PRIVATE:
        if user is None or user.id not in settings.staff_user_ids:
            await unknown_command(update, context)
            return
        await reply(update, context, html.escape(STEPS + "\n\n/chatid はグループの中で送ってください。"))
        return
    line = settings_line(chat.id)
    if settings.staff_chat_id == chat.id:
        text = (f"このグループはスタッフ用チャットとして設定済みです（<code>{line}</code>）。"
                "新しい申込はこのグループに届きます。")
    else:
        lead = ("いまは別のチャットがスタッフ用チャットとして設定されています。このグループに切り替えるには、"
                if settings.staff_chat_id is not None else
                "このグループをスタッフ用チャット（申込が届くチャット）にするには、")
        text = (f"このグループのチャットIDは <code>{chat.id}</code> です。\n\n"
                f"{lead}設定ファイル（.env）に次の1行を書き、ボットを再起動してください。\n"
                f"<code>{line}</code>\n\n"
                "再起動のあと、新しい申込はこのグループに届きます。グループの種類が変わると（スーパーグループへの"
                "移行など）IDも変わります。そのときは、もう一度 /chatid と送ってください。")
    await reply(update, context, text)
    log.info("chat id shown in a %s", chat.type)


async def check_staff_chat(app: AnyApplication) -> str | None:
    """At start-up: the problem with the staff chat, said in the log and to ``STAFF_USER_IDS``; None if all is well."""
    settings = services_of(app).settings
    try:
        problem = await staff_chat_problem(app.bot, settings.staff_chat_id)
    except Exception as exc:  # an odd answer from a Bot API server must never stop the bot
        log.warning("could not check the staff chat (%s)", exc.__class__.__name__)
        return None
    if problem is None:
        return None
    log.warning("staff chat: %s", problem[0])
    for user_id in sorted(settings.staff_user_ids):
        try:
            await app.bot.send_message(user_id, html.escape(problem[1]), parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            log.warning("could not tell a staff member about the staff chat (%s)", exc.__class__.__name__)
    return problem[1]


async def staff_chat_problem(bot: Bot, chat_id: int | None) -> tuple[str, str] | None:
    """(log line, message to staff) when leads cannot reach the staff chat; None when they can."""
    if chat_id is None:
        return ("STAFF_CHAT_ID is not set: leads are stored and wait until it is. Add the bot to the staff group, "
                "send /chatid there and put the line it gives into .env, then restart",
                "⚠️ スタッフ用チャット（STAFF_CHAT_ID）が設定されていないため、申込はボットに保存されたまま、"
                "どこにも届いていません。\n\n" + STEPS)
    try:
        member = await bot.get_chat_member(chat_id, bot.id)
    except TelegramError as exc:
        return (f"the bot cannot reach the staff chat STAFF_CHAT_ID={chat_id} ({exc.__class__.__name__}): add the "
                "bot to that group, or send /chatid in the right group and correct STAFF_CHAT_ID, then restart",
                f"⚠️ ボットがスタッフ用チャット（{settings_line(chat_id)}）に届きません。ボットがそのグループの"
                "メンバーか、IDが正しいかをご確認ください。申込はボットに保存され、届くようになりしだい送られます。\n\n"
                + STEPS)
    if member.status in NOT_A_MEMBER:
        return (f"the bot is not a member of the staff chat STAFF_CHAT_ID={chat_id}: add it to that group again",
                f"⚠️ ボットがスタッフ用チャット（{settings_line(chat_id)}）のメンバーではありません。グループに"
                "ボットをもう一度追加してください。申込はボットに保存され、追加されしだい送られます。")
    return None


def handlers() -> list[AnyHandler]:
    return [CommandHandler(("chatid", "setup"), chatid_command)]
