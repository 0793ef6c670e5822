"""Staff commands and lead status buttons, accepted only in the staff chat (or from listed staff user ids).

Anyone else gets exactly the answer an unknown command gets, so the commands do not reveal themselves.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.callbacks import AddExample, Button, LeadStatus, Stale
from bot.content.faq_examples import ExampleNotAdded, add_example
from bot.content.launch import startup_notice
from bot.content.telegram_html import MESSAGE_LIMIT
from bot.handlers.buttons import ButtonCallback, StaleCallback
from bot.handlers.common import AnyHandler, Context, reply, user_lang
from bot.handlers.context import AnyApplication, services_of
from bot.handlers.reload import reload_content
from bot.handlers.staff_sink import STAFF_LANG, status_keyboard
from bot.i18n import t
from bot.leads.card import format_card, format_time, status_label
from bot.leads.errors import LeadError
from bot.leads.export import QuestionColumn, export_csv
from bot.leads.layout import layout
from bot.leads.model import STAFF_STATUSES, parse_lead_ref
from bot.services import Services
from bot.views.keyboards import button
from bot.vocabulary import CLINIC_TZ

log = logging.getLogger(__name__)
UNANSWERED_GROUPS = 10
SUGGESTED_ENTRIES = 2
"""Entries offered per group under /unanswered: the nearest ones by the matcher."""


STAFF_COMMANDS = {  # staff work in Japanese
    "leads": "未対応の申込（新しい順）",
    "lead": "申込の詳細: /lead 番号",
    "reply": "申込者にメッセージ: /reply 番号 本文",
    "export": "申込のCSV: /export [開始日] [終了日]",
    "unanswered": "答えられなかった質問",
    "reload": "コンテンツを今すぐ再読み込み",
    "health": "申込の配信状況",
    "stats": "利用状況: /stats [日数]、/stats csv",
    "chatid": "このチャットのIDと設定の1行",
}
"""The staff chat's command menu (registered for that chat only) and its /help, from one list."""


def is_staff(update: Update, context: Context) -> bool:
    settings = context.services.settings
    chat, user = update.effective_chat, update.effective_user
    if chat is not None and settings.staff_chat_id is not None and chat.id == settings.staff_chat_id:
        return True
    return user is not None and user.id in settings.staff_user_ids and chat is not None and chat.type == "private"


async def unknown_command(update: Update, context: Context) -> None:
    """The one answer for a command the bot does not know (and for staff commands from anyone else)."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    lang = user_lang(context, update)
    await reply(update, context, t(lang, "Sorry, I don't know that command. /help lists what I can do."))


def staff_only(handler: Callable[[Update, Context], Coroutine[Any, Any, None]]
               ) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """Runs ``handler`` for staff; anyone else hears "I don't know that command", as for any unknown one."""
    async def guarded(update: Update, context: Context) -> None:
        if not is_staff(update, context):
            await unknown_command(update, context)
            return
        await handler(update, context)

    guarded.__doc__ = handler.__doc__
    guarded.__name__ = handler.__name__
    return guarded


async def staff_help_command(update: Update, context: Context) -> None:
    """/help or /start in the staff chat: what staff can do here (in a private chat these are the patient's)."""
    settings = context.services.settings
    chat = update.effective_chat
    if chat is None or settings.staff_chat_id is None or chat.id != settings.staff_chat_id:
        return
    lines = [f"/{name} — {html.escape(text)}" for name, text in STAFF_COMMANDS.items()]
    await reply(update, context, "<b>スタッフ用のコマンド</b>\n" + "\n".join(lines) + "\n\n"
                "新しい申込はこのチャットにカードで届きます。カードのボタンで対応状況を変えられます。"
                "申込者とのやりとりは /reply 番号 本文 で送れます。")


@staff_only
async def leads_command(update: Update, context: Context) -> None:
    """/leads: open leads, newest first."""
    leads = context.services.leads.list_open(limit=30)
    if not leads:
        await reply(update, context, "未対応の申込はありません。")
        return
    lines = ["<b>未対応の申込（新しい順）</b>"]
    for lead in leads:
        flags = " 🆘" if "crisis" in lead.flags else " ⚠️" if lead.flags else ""
        call = layout(lead.answers).call
        name = f" · {html.escape(call[0].value)}" if call else ""  # who to ask for, as on the card's first line
        lines.append(f"{lead.ref} · {status_label(lead.status, STAFF_LANG)} · "
                     f"{format_time(lead.created_at, STAFF_LANG)}{name}{flags}")
    lines.append("\n詳しくは /lead 番号 （例: /lead " + leads[0].ref + "）")
    await reply(update, context, "\n".join(lines))


@staff_only
async def lead_command(update: Update, context: Context) -> None:
    """/lead ID: one lead's card with its status buttons."""
    lead_id = parse_lead_ref(context.args[0]) if context.args else None
    lead = context.services.leads.get(lead_id) if lead_id is not None else None
    if lead is None:
        await reply(update, context, "申込番号が見つかりません。例: /lead A-000123")
        return
    assert update.effective_chat is not None
    copy = await context.bot.send_message(update.effective_chat.id, format_card(lead, STAFF_LANG),
                                          reply_markup=status_keyboard(lead), disable_web_page_preview=True)
    svc = context.services
    svc.leads.record_post(lead, copy.chat_id, copy.message_id, svc.now())  # kept current, erased with the lead


def _parse_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None


def export_questions(svc: Services) -> list[QuestionColumn]:
    """The current questionnaire in the staff's language: it alone decides the CSV's columns."""
    _, engine = svc.questionnaires.current()
    lang = STAFF_LANG if STAFF_LANG in engine.languages else engine.languages[0]
    return [QuestionColumn(q.id, q.label, q.section, q.health, q.kind) for q in engine.intake(lang).questions]


@staff_only
async def export_command(update: Update, context: Context) -> None:
    """/export [from] [to]: a CSV of leads (UTF-8 with BOM, opens in Excel)."""
    args = context.args or []
    days = [_parse_day(a) for a in args[:2]]
    if any(d is None for d in days):
        await reply(update, context, "日付は 2026-11-01 の形で指定してください。例: /export 2026-11-01 2026-11-30")
        return
    start = days[0] if days else None
    end = days[1] if len(days) > 1 else None
    if start is not None and end is not None and start > end:
        start, end = end, start  # "/export 2026-11-30 2026-11-01" means the same month
    rows = context.services.leads.export_rows(start, end)
    data = export_csv(rows, export_questions(context.services), STAFF_LANG)
    chat = update.effective_chat
    assert chat is not None
    stamp = dt.datetime.now(CLINIC_TZ).strftime("%Y%m%d-%H%M")
    posted = await context.bot.send_document(chat.id, io.BytesIO(data), filename=f"leads-{stamp}.csv",
                                             caption=f"{len(rows)} 件")
    svc = context.services
    svc.leads.record_export([r.id for r in rows if not r.erased], chat.id, posted.message_id, svc.now())
    log.info("leads exported (%d row(s))", len(rows))


@staff_only
async def unanswered_command(update: Update, context: Context) -> None:
    """/unanswered: similar unanswered questions grouped, with counts per week and one tap to add one to an entry."""
    svc = context.services
    groups = svc.unanswered.groups(svc.now(), UNANSWERED_GROUPS)
    if not groups:
        await reply(update, context, "答えられなかった質問はまだありません。")
        return
    live = svc.live.current
    lines = ["<b>答えられなかった質問（似たものをまとめて、多い順）</b>",
             "件数は 今週 / 先週 / 2週前 / 3週前。ボタンで、その質問を近いFAQの例文に追加できます（追加後すぐ反映）。"]
    rows = []
    for n, group in enumerate(groups, 1):
        weeks = " / ".join(str(w) for w in group.weeks)
        lines.append(f"\n{n}. [{group.lang}] {html.escape(group.question)}（計 {group.total} 件: {weeks}）")
        similar = [q.question for q in group.questions[1:4]]
        if similar:
            lines.append("　似た質問: " + " ／ ".join(html.escape(q) for q in similar))
        for entry_id, _score in live.faq.match(group.question).candidates[:SUGGESTED_ENTRIES]:
            rows.append([button(f"{n}. ➕ {entry_id} の例文に", AddExample(group.key, entry_id))])
    await reply(update, context, "\n".join(lines)[:MESSAGE_LIMIT], InlineKeyboardMarkup(rows) if rows else None)


async def on_add_example(update: Update, context: Context, data: AddExample) -> None:
    """A staff member adds an unanswered question as an example of an entry: faq.yaml is edited and reloaded."""
    query = update.callback_query
    assert query is not None
    if not is_staff(update, context):
        await query.answer()
        return
    svc = context.services
    group = next((g for g in svc.unanswered.groups(svc.now(), 100) if g.key == data.group), None)
    if group is None:
        await query.answer("このボタンは古くなっています。/unanswered でもう一度表示してください。")
        return
    entry_id = data.entry
    display = f"content/{group.lang}/faq.yaml"
    try:
        add_example(svc.live.content_dir / group.lang / "faq.yaml", entry_id, group.question, display)
    except ExampleNotAdded as exc:
        await query.answer()
        await reply(update, context, "❌ " + html.escape(str(exc)))
        return
    await query.answer(f"{entry_id} の例文に追加しました。")
    svc.unanswered.forget([q.question for q in group.questions], group.lang)
    log.info("an unanswered question was added as an example of %s", entry_id)  # never the question: personal data
    await reply(update, context, f"✅ 「{html.escape(group.question)}」を {display} の {entry_id} に追加しました。"
                                 "内容を確認して反映します。")
    await reload_content(context.application, f"/unanswered → {entry_id}")


@staff_only
async def reload_command(update: Update, context: Context) -> None:
    """/reload: checks the content files and swaps them in if they pass (the report comes to this chat)."""
    await reload_content(context.application, "/reload")


@staff_only
async def health_command(update: Update, context: Context) -> None:
    """/health: how lead delivery is doing, why it fails and how to fix it (see ``staff_health``)."""
    from bot.handlers.staff_health import health_text

    await reply(update, context, html.escape(health_text(context.services), quote=False))


async def on_staff_stale(update: Update, context: Context, data: Stale) -> None:
    """A staff button this version does not read: "out of date" for staff, silence for anyone else."""
    query = update.callback_query
    assert query is not None
    await query.answer("このボタンは古くなっています。" if is_staff(update, context) else None)


async def on_status_button(update: Update, context: Context, data: LeadStatus) -> None:
    """A staff member sets a lead's status; the card shows who changed what and when."""
    query = update.callback_query
    assert query is not None
    if not is_staff(update, context):
        await query.answer()
        return
    if data.status not in STAFF_STATUSES:
        await query.answer("このボタンは古くなっています。")
        return
    svc = context.services
    lead_id, status = data.lead, data.status
    who = update.effective_user.full_name if update.effective_user else "staff"
    before = svc.leads.get(lead_id)
    pressed = query.message
    # Pressed on the delivered card: edit it here. Pressed on a copy (/lead): edit the copy here and let the outbox
    # bring the delivered card up to date too, so the chat never shows two different states of one lead.
    on_card = before is not None and pressed is not None and before.staff_message_id == pressed.message_id
    try:
        lead = svc.leads.set_status(lead_id, status, who, svc.now(), edit_card=not on_card)
    except LeadError:
        await query.answer("この申込は変更できません（削除済みか見つかりません）。")
        return
    if not on_card and pressed is not None:  # the copy is redrawn below: the outbox need not edit it again
        svc.leads.record_post(lead, pressed.chat.id, pressed.message_id, svc.now())
    await query.answer(f"{lead.ref}: {status_label(lead.status, STAFF_LANG)}")
    if not on_card:
        context.application.create_task(svc.deliver_due(), update=update)
    keyboard = status_keyboard(lead)
    if before == lead and pressed is not None and getattr(pressed, "reply_markup", None) == keyboard:
        return  # a second tap on the status already shown: nothing to redraw
    try:
        await query.edit_message_text(format_card(lead, STAFF_LANG), parse_mode=ParseMode.HTML,
                                      reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.info("could not update the card in place (%s)", exc.__class__.__name__)


async def post_missing_facts(app: AnyApplication) -> None:
    """Tells the staff chat at start-up which clinic facts and decisions are still missing (one message)."""
    svc = services_of(app)
    text = startup_notice(svc.live.current.content.missing_facts())
    if text is None or svc.settings.staff_chat_id is None:
        return
    try:
        await app.bot.send_message(svc.settings.staff_chat_id, html.escape(text), parse_mode=ParseMode.HTML)
    except Exception as exc:
        log.warning("could not post the missing facts to staff: %s", exc.__class__.__name__)


def handlers() -> list[AnyHandler]:
    return [
        CommandHandler("leads", leads_command),
        CommandHandler("lead", lead_command),
        CommandHandler("export", export_command),
        CommandHandler("unanswered", unanswered_command),
        CommandHandler("reload", reload_command),
        CommandHandler("health", health_command),
        CommandHandler(("help", "start"), staff_help_command, filters=~filters.ChatType.PRIVATE),
    ]


def buttons() -> dict[type[Button], ButtonCallback]:
    return {LeadStatus: on_status_button, AddExample: on_add_example}


def stale_answers() -> dict[str, StaleCallback]:
    return {"s": on_staff_stale, "u": on_staff_stale}


def unknown_command_handler() -> MessageHandler[Context, None]:
    return MessageHandler(filters.COMMAND, unknown_command)
