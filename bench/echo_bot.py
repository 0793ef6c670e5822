"""The framework's floor: a bare python-telegram-bot echo bot, fed the same stream as ours by ``bench/run.py``.

Reads TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL; with WEBHOOK_URL (and WEBHOOK_SECRET, PORT) it serves a
webhook on 127.0.0.1 instead of polling. BENCH_CPROFILE=PATH: profiled with the CPU clock (``run.py --cpu-profile``).
BENCH_ECHO_CLIENT=ours: requests through our aiohttp client (``bot.http``) instead of PTB's default httpx one
(``run.py --echo-client ours``), so the ratio can also be read transport for transport.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Sends the text back (a sticker gets a fixed line)."""
    message = update.effective_message
    if message is not None:
        await message.reply_text(message.text or "(not text)")


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stops the button's spinner."""
    if update.callback_query is not None:
        await update.callback_query.answer()


def main() -> None:
    env = os.environ
    builder = Application.builder().token(env["TELEGRAM_BOT_TOKEN"]).base_url(env["TELEGRAM_API_BASE_URL"])
    if env.get("BENCH_ECHO_CLIENT") == "ours":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from bot.http import AiohttpRequest

        builder = builder.request(AiohttpRequest()).get_updates_request(AiohttpRequest(connection_pool_size=1))
    app = builder.build()
    app.add_handler(MessageHandler(filters.ALL, echo))
    app.add_handler(CallbackQueryHandler(answer))
    if env.get("WEBHOOK_URL"):
        app.run_webhook(listen="127.0.0.1", port=int(env["PORT"]), url_path=urlparse(env["WEBHOOK_URL"]).path[1:],
                        secret_token=env.get("WEBHOOK_SECRET"), webhook_url=env["WEBHOOK_URL"])
    else:
        app.run_polling()


if __name__ == "__main__":
    if os.environ.get("BENCH_CPROFILE"):  # run.py --cpu-profile: the floor's CPU profile, start-up included
        import cProfile
        import time

        profiler = cProfile.Profile(time.process_time)
        try:
            profiler.runcall(main)
        finally:
            profiler.dump_stats(os.environ["BENCH_CPROFILE"])
    else:
        main()
