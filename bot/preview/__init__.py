"""``python -m bot preview``: the content drawn as Telegram shows it, both languages side by side, in a browser.

    screens       what a patient can see (pages, FAQ answers, notices, welcome, crisis reply, application steps),
                  texts from the bot's own renderer, keyboards from the handlers' own functions, problems attached
    browser_html  the bot's Telegram HTML made safe for a browser, with the claims lint's words marked
    steps         the application steps, drawn by bot.views.intake.step_view
    site          the static site (index with problems first, one file per screen) and its one Jinja environment
    serve         ``--serve``: the site on 127.0.0.1, rebuilt when a content file changes
"""

from bot.preview.site import BuildResult, build_site

__all__ = ["BuildResult", "build_site"]
