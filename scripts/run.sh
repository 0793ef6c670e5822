#!/usr/bin/env bash
# Installs the bot into .venv and starts it. Settings come from the environment or a .env file (see docs/operating.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m bot run "$@"
