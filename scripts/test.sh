#!/usr/bin/env bash
# Installs the bot with its test tools into .venv, then runs everything CI runs: lint, types, the content
# check (strict) and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
bash scripts/install_browser.sh && export PREVIEW_BROWSER_REQUIRED=1 || true
bash scripts/install_postgres.sh && export POSTGRES_REQUIRED=1 || true
echo "== ruff"
.venv/bin/ruff check bot tests bench scripts
echo "== mypy"
.venv/bin/mypy
echo "== content check (strict)"
.venv/bin/python -m bot check --strict
echo "== pytest"
# On worker processes (pytest-xdist): most of the suite's wall time is bot processes, content builders and
# end-to-end runs waiting, so more workers than cores overlap the waits (docs/measurements.md, "Test suite time").
# --dist loadfile keeps each test module on one worker, in file order: a module's fixtures (a local chat process, a
# browser, the crisis evaluation) are built once, and its bot processes never compete with each other.
# TEST_WORKERS=0 runs everything in this process.
.venv/bin/python -m pytest -q -n "${TEST_WORKERS:-4}" --dist loadfile "$@"
echo "== benchmark smoke run (pytest -m bench)"
.venv/bin/python -m pytest -q -m bench tests/bench
