"""The content builder runs a reload at a lower CPU priority, so the bot beside it keeps its share of the CPU."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.livebuild import BUILDER_NICENESS

REPO = Path(__file__).resolve().parents[1]
PROBE = "import os; from bot.livebuild import main; main(sys.argv[1:]); print(os.nice(0))"


def niceness_after(*args: str) -> int:
    done = subprocess.run([sys.executable, "-c", "import sys; " + PROBE, *args], capture_output=True, text=True,
                          cwd=REPO, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def test_a_reload_builds_at_a_lower_priority_and_a_start_at_the_normal_one() -> None:
    base = niceness_after()
    assert niceness_after("--nice") == min(19, base + BUILDER_NICENESS)
    assert niceness_after("--details") == base
