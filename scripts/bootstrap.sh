#!/usr/bin/env bash
# Creates .venv with Python 3.11+ and installs the bot (and, with "test", its test tools). Safe to run again.
# Installs only when something it depends on changed (pyproject.toml, the Python version, the extra asked for):
# a stamp in .venv remembers what was installed, so starting the bot again takes no time and prints nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# The bot's own modules as bytecode: an editable install has none, and a service user who cannot write this folder
# (or PYTHONDONTWRITEBYTECODE, as in many container images) would compile all of them again at every start (~0.2 s
# of CPU). Up to date, this only reads the files' times.
compile_bytecode() { .venv/bin/python -m compileall -q bot >/dev/null; }
wanted="$( { cat pyproject.toml; .venv/bin/python --version; } | sha256sum | cut -d' ' -f1)"
stamp_base=.venv/.installed-base
stamp_test=.venv/.installed-test
if [ "$extra" = "test" ]; then
  [ "$(cat "$stamp_test" 2>/dev/null)" = "$wanted" ] && { compile_bytecode; exit 0; }
else  # the test install includes everything the bot needs
  [ "$(cat "$stamp_base" 2>/dev/null)" = "$wanted" ] && { compile_bytecode; exit 0; }
  [ "$(cat "$stamp_test" 2>/dev/null)" = "$wanted" ] && { compile_bytecode; exit 0; }
fi
echo "Installing the bot into .venv (pyproject.toml or Python changed) ..." >&2
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! {
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip &&
  if [ "$extra" = "test" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
  else
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
  fi
} >"$log" 2>&1; then
  cat "$log" >&2  # only a failed install shows pip's output (setuptools' banners otherwise hide nothing useful)
  exit 1
fi
if [ "$extra" = "test" ]; then
  echo "$wanted" > "$stamp_test"
else
  echo "$wanted" > "$stamp_base"
fi
compile_bytecode
