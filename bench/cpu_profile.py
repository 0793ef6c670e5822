"""CPU time (not wall time) inside our bot, by package and by our own functions: ``run.py --cpu-profile``.

pyinstrument (``--profile``) and py-spy sample the wall clock, so a thread blocked in ``fsync`` or a socket looks
as busy as one computing: SQLite's commit with ``synchronous=FULL`` topped their lists (0.72 ms of wall time per
commit here) though it costs 0.03 ms of CPU. The CPU target is about CPU, so this profile uses ``cProfile`` with
``time.process_time`` as its clock: only time spent computing is counted. cProfile's own overhead roughly
triples the cost of Python calls, so read the shares, not the milliseconds.
"""

from __future__ import annotations

import pstats
from collections import Counter
from pathlib import Path

from bench.measure import table


def group(filename: str) -> str:
    """The package or stdlib module a function belongs to (``bot/<package>`` for ours)."""
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0]
    if "/bot/" in filename and "/bench/" not in filename:
        return "bot/" + filename.rsplit("/bot/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "python3." in filename:
        return "stdlib " + filename.split("/lib/python3.", 1)[1].split("/", 1)[1].split("/", 1)[0].removesuffix(".py")
    return "builtins (C)" if filename == "~" else filename


def summary(path: Path, updates: int, top: int = 25) -> str:
    """Own CPU per update by group, and our functions by inclusive CPU per update."""
    stats = pstats.Stats(str(path))
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(value[2] for value in entries.values())
    groups: Counter[str] = Counter()
    ours: list[tuple[float, float, str]] = []
    for (filename, line, function), (_, _, own, inclusive, _) in entries.items():
        name = group(filename)
        groups[name] += own
        if name.startswith("bot/"):
            ours.append((inclusive, own, f"{filename.rsplit('/bot/', 1)[1]}:{line}:{function}"))
    per = 1000 / max(updates, 1)
    rows = [[name, f"{own * per:.3f}", f"{100 * own / total:.1f}"] for name, own in groups.most_common(top)]
    ours.sort(reverse=True)
    mine = sum(own for name, own in groups.items() if name.startswith("bot/"))
    return "\n".join([
        f"CPU profiled: {total:.2f} s for {updates:,} updates (our bot from the end of start-up, echo from its "
        f"start); all of bot/ own time "
        f"{mine * per:.3f} ms/update ({100 * mine / total:.1f} %)",
        table(("group (own time)", "ms/update", "%"), rows),
        "",
        table(("our function (inclusive)", "ms/update", "own ms/update"),
              [[name, f"{inc * per:.3f}", f"{own * per:.3f}"] for inc, own, name in ours[:top]]),
    ])
