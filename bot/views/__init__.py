"""What the bot shows: message texts and inline keyboards built from content and domain results.

Views build Telegram objects but send nothing; handlers send what views build, and the preview draws the same
views, so the screens staff check are the bot's own.

    intake   the application's steps (intro, consent, question, review), the thank-you, "did you mean"
"""
