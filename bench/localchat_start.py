"""How fast ``python -m bot chat --no-browser`` is usable: seconds from the process start until the page answers
``GET /`` (target: 3 s, issue 18), until the bot is ready, and the first /start answered, over a few starts.

    python bench/localchat_start.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.localchat.client import LocalChat, bot_says

PAGE_TARGET_S = 3.0


def one_start() -> tuple[float, float, float]:
    chat = LocalChat()
    try:
        page = chat.wait_listening()
        chat.wait_ready()
        ready = time.monotonic() - chat.started
        sent = time.monotonic()
        chat.send("/start")
        chat.wait_for(bot_says("和光医院"), "the welcome")
        return page, ready, time.monotonic() - sent
    finally:
        chat.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = [one_start() for _ in range(parser.parse_args().runs)]
    pages, readies, answers = zip(*runs, strict=True)
    print(f"{'measure':<34}{'median':>10}{'worst':>10}   target")
    print(f"{'GET / answered after start (s)':<34}{statistics.median(pages):>10.2f}{max(pages):>10.2f}   "
          f"<= {PAGE_TARGET_S:g} s {'met' if max(pages) <= PAGE_TARGET_S else 'MISSED'}")
    print(f"{'bot ready after start (s)':<34}{statistics.median(readies):>10.2f}{max(readies):>10.2f}   -")
    print(f"{'first /start answered (ms)':<34}{statistics.median(answers) * 1000:>10.0f}"
          f"{max(answers) * 1000:>10.0f}   -")
    return 0


if __name__ == "__main__":
    sys.exit(main())
