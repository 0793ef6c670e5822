"""The content builder process: loads and checks the content, writes the compiled cache, prints one JSON line.

    python -m bot.livebuild CONTENT_DIR CACHE_DIR [--details] [--nice] [--previous KEY]

Started by ``bot.live`` for a reload (and after a start without a usable cache), so the reading, rendering,
checking and regex compiling (about a second of CPU) run beside the bot, never inside it. The line printed:
``{"key": ..., "fingerprint": ..., "errors": n, "report": ...}``; ``key`` is null when the content has errors;
``{"changed": true}`` when the files changed while they were checked. ``--details``: the full report (start-up).
``--nice``: at a lower CPU priority (a reload): on a small machine the build would otherwise take CPU from the bot
answering beside it, and every answer waited; the bot's own CPU share then stays its own. ``--previous KEY``: the
cache key of the snapshot the bot serves (a reload); the parts whose inputs did not change are copied from it, not
built again (``bot.live.build_cache``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

from bot.content.loader import content_fingerprint
from bot.live import FilesChanged, build_cache

BUILDER_NICENESS = 10
"""How much lower the builder's CPU priority is during a reload (``nice``; 19 is the lowest)."""


def main(argv: list[str]) -> int:
    details = "--details" in argv
    if "--nice" in argv:
        with contextlib.suppress(OSError):  # not allowed here: build at the normal priority
            os.nice(BUILDER_NICENESS)
    argv = [a for a in argv if a not in ("--details", "--nice")]
    previous = None
    if "--previous" in argv and argv.index("--previous") + 1 < len(argv):
        at = argv.index("--previous")
        previous = argv[at + 1]
        del argv[at:at + 2]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    content_dir, cache_dir = Path(argv[0]), Path(argv[1])
    fingerprint = content_fingerprint(content_dir)
    try:
        key, problems = build_cache(content_dir, cache_dir, previous=previous)
    except FilesChanged:
        print(json.dumps({"changed": True}))
        return 0
    print(json.dumps({"key": key, "fingerprint": fingerprint, "errors": len(problems.errors),
                      "report": problems.report(details=details)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
