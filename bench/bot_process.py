"""Our bot in a benchmark subprocess: settings from the environment, then polling or a webhook as ``python -m bot
run`` does (the webhook on 127.0.0.1, as the bot's default).

Three switches exist only here, for measuring:

    BENCH_RATE_LIMIT=off   keep PTB's AIORateLimiter (and its retries) but with no limits, to see the bot's own cost
                           behind the 30 messages/s that the shipped limiter allows (the bot has no setting for it)
    BENCH_PROFILE=PATH     run under pyinstrument (``bench/profiling.py``): start-up and run-time profiles are
                           written to PATH, a summary by package to PATH with the suffix .json
    BENCH_STALLS=PATH      record event-loop stalls and full garbage collections (``bench/stalls.py``) as JSON
    BENCH_CPROFILE=PATH    cProfile with the CPU clock (``time.process_time``) from the end of start-up; the
                           stats are written to PATH at exit (``run.py --cpu-profile``, ``bench/cpu_profile.py``)
    BENCH_TRACEMALLOC=PATH trace Python allocations from the first line (``tracemalloc``); at exit, write the
                           memory still held, by file and by package, to PATH (``run.py --tracemalloc``)
    BENCH_TRACEMALLOC_FROM=served
                           with BENCH_TRACEMALLOC: trace from the end of start-up instead, so PATH shows what
                           serving left behind (caches, per-chat state, buffers), by line too
                           (``run.py --tracemalloc-served``)
    BENCH_MARKS=PATH       append the wall-clock time of each start-up step to PATH (``bench/startup.py``)
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

if TYPE_CHECKING:
    from telegram.ext import Application



def mark(name: str) -> None:
    """The wall-clock time of a start-up step, for ``bench/startup.py`` (nothing without BENCH_MARKS)."""
    path = os.environ.get("BENCH_MARKS")
    if path:
        import time

        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{name} {time.time():.6f} {time.process_time():.6f}\n")


def main() -> int:
    mark("interpreter")
    if os.environ.get("BENCH_TRACEMALLOC") and not _traced_from_start_up_end():
        import tracemalloc

        tracemalloc.start()
    try:
        return _main()
    finally:
        if os.environ.get("BENCH_TRACEMALLOC"):
            _write_tracemalloc(Path(os.environ["BENCH_TRACEMALLOC"]))


def _traced_from_start_up_end() -> bool:
    return os.environ.get("BENCH_TRACEMALLOC_FROM") == "served"


def _start_tracing() -> None:
    import gc
    import tracemalloc

    gc.collect()  # start-up's garbage is not counted as serving's
    tracemalloc.start()


def _write_tracemalloc(path: Path) -> None:
    """Python memory still allocated at exit, by the file that allocated it and summed by package."""
    import gc
    import tracemalloc
    from collections import Counter

    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    by_file = snapshot.statistics("filename")
    packages: Counter[str] = Counter()
    for stat in by_file:
        name = stat.traceback[0].filename
        if "site-packages/" in name:
            name = name.split("site-packages/", 1)[1].split("/", 1)[0]
        elif "/bot/" in name:
            name = "bot/" + name.rsplit("/bot/", 1)[1].split("/", 1)[0]
        else:
            name = name.rsplit("/", 1)[-1]
        packages[name] += stat.size
    lines = [f"traced {sum(s.size for s in by_file) / 1e6:.1f} MB", "", "by package or file:"]
    lines += [f"{size / 1e6:8.2f} MB  {name}" for name, size in packages.most_common(40)]
    lines += ["", "by file:"]
    lines += [f"{s.size / 1e6:8.2f} MB  {s.traceback[0].filename}" for s in by_file[:40]]
    if _traced_from_start_up_end():
        lines += ["", "by line:"]
        lines += [f"{s.size / 1e6:8.3f} MB {s.count:8d} blocks  {s.traceback[0].filename}:{s.traceback[0].lineno}"
                  for s in snapshot.statistics("lineno")[:40]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _main() -> int:
    after_start: list[Callable[[], None]] = []
    if os.environ.get("BENCH_STALLS"):
        from bench.stalls import StallRecorder

        after_start.append(StallRecorder(Path(os.environ["BENCH_STALLS"])).start_monitor)
    profiles = None
    if os.environ.get("BENCH_PROFILE"):
        from bench.profiling import Profiles

        profiles = Profiles(Path(os.environ["BENCH_PROFILE"]))
        after_start.append(profiles.switch)
    cpu_profile = None
    if os.environ.get("BENCH_CPROFILE"):
        import cProfile
        import time

        cpu_profile = cProfile.Profile(time.process_time)
        after_start.append(cpu_profile.enable)
    try:
        return _run(after_start)
    finally:
        if profiles is not None:
            profiles.write()
        if cpu_profile is not None:
            cpu_profile.disable()
            cpu_profile.dump_stats(os.environ["BENCH_CPROFILE"])


def _run(after_start: list[Callable[[], None]]) -> int:
    from bot.tls import preload

    preload()  # as ``python -m bot run`` does
    from telegram import Update
    from telegram.ext import AIORateLimiter

    from bot.app import build_application
    from bot.config import load_settings
    from bot.live import ContentRefused

    mark("imports")
    settings = load_settings(dict(os.environ))
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        app = build_application(settings)
    except ContentRefused as exc:
        print("The bot cannot start: the content has errors.\n" + exc.report, file=sys.stderr)
        return 1
    mark("built")
    if os.environ.get("BENCH_RATE_LIMIT") == "off":
        app.bot._rate_limiter = AIORateLimiter(overall_max_rate=0, overall_time_period=0, group_max_rate=0,
                                               group_time_period=0, max_retries=2)
    after_start.append(lambda: mark("post_init"))
    if os.environ.get("BENCH_TRACEMALLOC") and _traced_from_start_up_end():
        after_start.append(_start_tracing)
    _after_post_init(app, after_start)
    if settings.webhook_url:
        import asyncio

        from bot.webhook import serve

        asyncio.run(serve(app, listen="127.0.0.1", port=settings.port,
                          url_path=urlparse(settings.webhook_url).path.lstrip("/"),
                          webhook_url=settings.webhook_url, secret=settings.webhook_secret or ""))
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def _after_post_init(app: Application, actions: list[Callable[[], None]]) -> None:
    """Run ``actions`` when start-up is over (after the bot's own ``post_init``)."""
    original = app.post_init

    async def post_init(application: Application) -> None:
        if original is not None:
            await original(application)
        for action in actions:
            action()

    app.post_init = post_init


if __name__ == "__main__":
    sys.exit(main())
