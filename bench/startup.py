"""Start-up to the first answered update, echo and ours in turns, with the steps of ours' start.

    .venv/bin/python bench/startup.py                  # 5 rounds: echo, ours (from the content cache), in turns
    .venv/bin/python bench/startup.py --rounds 9 --bot-python /srv/venv/bin/python

Each start is a fresh process on its own fake Bot API (``bench/run.py``'s ``running_bot``), with the content cache
the bot leaves after its first start, timed from the spawn to the first answer of a ``/start`` offered before the
process exists. Ours writes the wall-clock time of its steps (``BENCH_MARKS``, ``bench/bot_process.py``): the
interpreter up, the imports done, the application built (content, storage), ``post_init`` over; what follows is
PTB's start, the first ``getUpdates`` and the answer. The order alternates every round and the load average is
printed beside every start, since this 2-core machine is shared: read the medians, and echo's start as the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.plan import QUICK, SPECS  # noqa: E402
from bench.run import running_bot  # noqa: E402

TARGET_S = 1.0
STEPS = ("interpreter", "imports", "built", "post_init")


def read_marks(path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """Wall-clock time of each step, and the bot's CPU time then (``bench/bot_process.py``'s ``mark``)."""
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, *values = line.split()
        wall.setdefault(name, float(values[0]))
        if len(values) > 1:
            cpu.setdefault(name, float(values[1]))
    return wall, cpu


async def one_start(key: str, workdir: Path, attempt: int, bot_python: str | None) -> tuple[float, dict[str, float]]:
    plan = QUICK
    async with running_bot(SPECS[key], plan, workdir, attempt=attempt, bot_python=bot_python) as bot:
        startup = bot.result.startup_s
        marks_file = bot.folder / "marks.txt"
        marks, cpu = read_marks(marks_file) if marks_file.exists() else ({}, {})
    steps: dict[str, float] = {}
    if "spawn" in marks:
        previous = marks["spawn"]
        for name in STEPS:
            if name in marks:
                steps[name] = marks[name] - previous
                previous = marks[name]
        steps["first answer"] = marks["spawn"] + startup - previous
    if "post_init" in cpu:
        steps["cpu to post_init"] = cpu["post_init"]
    return startup, steps


async def run(rounds: int, keys: list[str], bot_python: str | None) -> int:
    starts: dict[str, list[float]] = {key: [] for key in keys}
    steps: dict[str, list[dict[str, float]]] = {key: [] for key in keys}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        for number in range(rounds):
            order = keys if number % 2 == 0 else list(reversed(keys))
            for key in order:
                startup, split = await one_start(key, Path(tmp), number + 1, bot_python)
                starts[key].append(startup)
                steps[key].append(split)
                detail = "  ".join(f"{name} {value * 1000:.0f}" for name, value in split.items())
                print(f"round {number + 1} {key:14} {startup:6.3f} s  (load {os.getloadavg()[0]:.2f})"
                      + (f"  ms: {detail}" if detail else ""), flush=True)
    print()
    print(f"start-up to the first answer, median of {rounds} (min–max); target < {TARGET_S:g} s for ours:")
    for key in keys:
        values = starts[key]
        print(f"  {key:14} {statistics.median(values):6.3f} s  ({min(values):.3f}–{max(values):.3f})")
        names = [name for name in (*STEPS, "first answer", "cpu to post_init") if all(name in s for s in steps[key])]
        for name in names:
            print(f"      {name:14} {statistics.median(s[name] for s in steps[key]) * 1000:6.0f} ms")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="echo,ours-nolimit", help="bots from bench/plan.py, in turns")
    parser.add_argument("--bot-python", default=None, help="run the bots with this interpreter")
    args = parser.parse_args(argv)
    return asyncio.run(run(args.rounds, args.only.split(","), args.bot_python))


if __name__ == "__main__":
    sys.exit(main())
