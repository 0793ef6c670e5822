"""``python -m bot chat``: the real bot in a local chat page, without Telegram, a token or the internet.

    bot/localchat/
      telegram_view.py   Telegram's refusals, else the preview's drawing of Telegram HTML (safe HTML)
      world.py           what the stand-in knows: the two chats, their messages, the update queue
      botapi.py          the Bot API methods the bot calls, as functions of the world
      server.py          one tornado server on 127.0.0.1: the Bot API stand-in and the chat page
      run.py             settings, the real ``Application`` from bot/app.py, start, stop, data erased on exit
      static/            the page (HTML, CSS, a little JavaScript)

Everything listens on 127.0.0.1 only; the simulated users' data lives in a temporary directory erased on exit
unless ``--data-dir`` is given.
"""

from bot.localchat.run import ChatOptions, run_chat

__all__ = ["ChatOptions", "run_chat"]
