"""The bot's messages as the page shows them: refused where Telegram would refuse them, else drawn as Telegram.

Telegram refuses a message whose HTML it cannot parse; the stand-in does the same with the checker's own rules
(``bot.content.telegram_html.html_problems``), so a broken content edit fails here as it would in Telegram. What
passes is drawn by the preview's converter (``bot.preview.browser_html.to_browser``): only Telegram's tags, no
attributes but a safe link address, text escaped again, folded notices folded. Nothing in a message can run script.
"""

from __future__ import annotations

import html

from bot.content.telegram_html import html_problems


class TelegramRefused(ValueError):
    """Telegram would answer ``Bad Request: can't parse entities``; the message says why."""


def to_page_html(telegram_html: str) -> str:
    """Safe HTML for the page; raises ``TelegramRefused`` with the reasons Telegram would refuse it."""
    from bot.preview.browser_html import to_browser  # bot.preview loads its site builder: not before the page is up

    problems = html_problems(telegram_html)
    if problems:
        raise TelegramRefused("; ".join(problems))
    return str(to_browser(telegram_html.strip()))


def plain_to_page_html(text: str) -> str:
    """A message sent without parse_mode (or typed by the simulated user): shown exactly as written."""
    return html.escape(text.strip(), quote=False)
