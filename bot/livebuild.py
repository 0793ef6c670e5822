"""The content builder process: loads and checks the content, writes the compiled cache, prints one JSON line.

    python -m bot.livebuild CONTENT_DIR CACHE_DIR [--details]

Started by ``bot.live`` for a reload (and after a start without a usable cache), so the reading, rendering,
checking and regex compiling (about a second of CPU) run beside the bot, never inside it. The line printed:
``{"key": ..., "fingerprint": ..., "errors": n, "report": ...}``; ``key`` is null when the content has errors;
``{"changed": true}`` when the files changed while they were checked. ``--details``: the full report (start-up).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.content.loader import content_fingerprint
from bot.live import FilesChanged, build_cache


def main(argv: list[str]) -> int:
    details = "--details" in argv
    argv = [a for a in argv if a != "--details"]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    content_dir, cache_dir = Path(argv[0]), Path(argv[1])
    fingerprint = content_fingerprint(content_dir)
    try:
        key, problems = build_cache(content_dir, cache_dir)
    except FilesChanged:
        print(json.dumps({"changed": True}))
        return 0
    print(json.dumps({"key": key, "fingerprint": fingerprint, "errors": len(problems.errors),
                      "report": problems.report(details=details)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
