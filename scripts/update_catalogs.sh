#!/usr/bin/env bash
# Interface strings: extract them from the code and merge them into the ja/en catalogs (then translate ja).
# The bot compiles the .po files itself at start-up, so there is no separate compile step to forget.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k t:2 -k N_ --no-location --sort-output -o bot/locales/messages.pot bot
for lang in ja en; do
  if [ -f "bot/locales/$lang/LC_MESSAGES/messages.po" ]; then
    .venv/bin/pybabel update -i bot/locales/messages.pot -d bot/locales -l "$lang" --no-fuzzy-matching
  else
    .venv/bin/pybabel init -i bot/locales/messages.pot -d bot/locales -l "$lang"
  fi
done
