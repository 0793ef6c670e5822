"""/stats in the staff chat: a short Japanese summary with a chart, or ``/stats csv`` as a file.

The numbers are counts per day (``bot.stats``); nothing here can tell who did what. The chart is drawn in a worker
thread so answering patients does not pause while matplotlib works.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import CommandHandler

from bot.content.telegram_html import CAPTION_LIMIT, visible_length
from bot.handlers.common import AnyHandler, Context, reply
from bot.handlers.staff import staff_only
from bot.stats import build_report, summary_ja, to_csv
from bot.stats.chart import draw

log = logging.getLogger(__name__)

DEFAULT_DAYS = 7
MAX_DAYS = 366
USAGE = "使い方: /stats [日数]（例: /stats 7）、CSVは /stats csv [日数]"
STAFF_LANG = "ja"


def parse_args(args: list[str], default: int = DEFAULT_DAYS) -> tuple[bool, int] | None:
    """``[]`` -> (False, 7); ``["30"]`` -> (False, 30); ``["csv"]`` / ``["csv", "30"]`` -> (True, ...)."""
    as_csv = bool(args) and args[0].lower() == "csv"
    rest = args[1:] if as_csv else args
    if len(rest) > 1:
        return None
    if not rest:
        return as_csv, default
    text = rest[0].translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        return None
    return as_csv, int(text)


@staff_only
async def stats_command(update: Update, context: Context) -> None:
    """/stats [days] | /stats csv [days]: usage counts of the last days (today included, Japan time)."""
    svc = context.services
    parsed = parse_args(context.args or [], DEFAULT_DAYS)
    if parsed is None:
        await reply(update, context, USAGE)
        return
    as_csv, days = parsed
    last = svc.stats.today()
    first = last - dt.timedelta(days=days - 1)
    counts = svc.stats.counts(first, last)
    chat = update.effective_chat
    assert chat is not None
    if as_csv:
        await context.bot.send_document(chat.id, io.BytesIO(to_csv(counts)),
                                        filename=f"stats-{first:%Y%m%d}-{last:%Y%m%d}.csv",
                                        caption=f"{len(counts)} 行（{days}日間）")
        log.info("statistics exported (%d row(s))", len(counts))
        return
    content = svc.live.current.content
    lang = STAFF_LANG if STAFF_LANG in content.languages else content.default_language
    questions = [(q.id, q.label) for q in content.lang(lang).intake.questions]
    titles = {page_id: page.button for page_id, page in content.lang(lang).rendered.items()}
    report = build_report(counts, first, last, questions)
    summary = summary_ja(report, titles)
    picture = await asyncio.to_thread(draw, report)
    if visible_length(summary) <= CAPTION_LIMIT:
        await context.bot.send_photo(chat.id, picture, caption=summary, parse_mode=ParseMode.HTML)
    else:
        await reply(update, context, summary)
        await context.bot.send_photo(chat.id, picture)


def handlers() -> list[AnyHandler]:
    return [CommandHandler("stats", stats_command)]
