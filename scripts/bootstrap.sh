#!/usr/bin/env bash
# Creates .venv with Python 3.11+ and installs the bot (and, with "test", its test tools). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
if [ "$extra" = "test" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi
