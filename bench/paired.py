"""Latency at a fixed rate that the machine's other load cannot decide: echo and ours measured in the same minute.

    .venv/bin/python bench/run.py --paired 6                       # echo and ours, project mix, 6 rounds
    .venv/bin/python bench/run.py --paired 6 --only echo-typed,ours-typed --stalls
    .venv/bin/python bench/run.py --paired 6 --database postgres   # echo, ours on SQLite, ours on PostgreSQL

On a shared machine a p99 mostly measures who else ran in that second: the bare echo bot's own p99 at 100 updates/s
went from 13 to 891 ms between runs. Here every bot of a group is started at once (each on its own fake Bot API),
and the fixed rate is offered to one at a time in short slices, in turns, the order rotating every round. Each
round's slices are seconds apart, so they see the same machine; what ours adds beyond echo is read per round
(ours' p99 minus echo's) and over the rounds. Each latency is split in two: waiting to be fetched (offered until
the bot's ``getUpdates`` took it) and handling (taken until the first answer), by kind of update, so what adds the
latency shows. With ``--stalls`` ours also records its event-loop stalls and full collections in its slices.
"""

from __future__ import annotations

import contextlib
import json
import statistics
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.load import Phase
from bench.measure import fmt, percentile, table
from bench.plan import SPECS, Plan
from bench.report import load_average

if TYPE_CHECKING:
    from bench.run import RunningBot

TARGET_P99_MS = 50.0


@dataclass
class Slice:
    bot: str
    round: int
    load: float
    phase: Phase
    cpu_s: float

    def latencies(self) -> list[float]:
        return [((r.first or self.phase.drained) - r.offered) * 1000 for r in self.phase.records]

    def p99(self) -> float:
        values = self.latencies()
        return percentile(values, 99) if values else 0.0


@dataclass
class Group:
    keys: list[str]
    slices: list[Slice] = field(default_factory=list)
    stalls: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    """Per key: the windows of its slices, for the stall recorder's file."""
    stall_files: dict[str, Path] = field(default_factory=dict)


async def run_group(keys: list[str], plan: Plan, workdir: Path, rounds: int, slice_s: float,
                    start: Callable[..., AbstractAsyncContextManager[RunningBot]], *, stalls: bool,
                    bot_python: str | None) -> Group:
    """Start every bot of ``keys`` with ``start`` (``bench.run.running_bot``, passed in: the module run as a script
    holds the run's settings), then offer the fixed rate to each in turn for ``rounds`` rounds."""
    import os

    from bench.run import steady_users

    group = Group(keys)
    async with contextlib.AsyncExitStack() as stack:
        bots: list[RunningBot] = []
        for key in keys:
            bots.append(await stack.enter_async_context(start(SPECS[key], plan, workdir, attempt=1, stalls=stalls,
                                                              bot_python=bot_python)))
        for number in range(1, rounds + 1):
            shift = (number - 1) % len(bots)
            for bot in bots[shift:] + bots[:shift]:
                bot.driver.users = steady_users(bot.spec, plan, bot.population)
                before = bot.watch.cpu()
                phase = await bot.driver.steady(f"round {number}", plan.rate, slice_s, plan.drain_s)
                group.slices.append(Slice(bot.spec.key, number, os.getloadavg()[0], phase,
                                          bot.watch.cpu() - before))
        for bot in bots:
            if bot.spec.ours and stalls:
                group.stall_files[bot.spec.key] = bot.folder / "stalls.json"
    return group


def _split(slices: list[Slice]) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """By kind of update: (whole latency, waiting to be fetched, handling), in ms."""
    out: dict[str, tuple[list[float], list[float], list[float]]] = {}
    for one in slices:
        for r in one.phase.records:
            if not r.first:
                continue
            whole, fetch, handle = out.setdefault(r.kind, ([], [], []))
            whole.append((r.first - r.offered) * 1000)
            fetch.append((max(r.handed, r.offered) - r.offered) * 1000 if r.handed else 0.0)
            handle.append((r.first - max(r.handed, r.offered)) * 1000 if r.handed else whole[-1])
    return out


def report(group: Group, plan: Plan, slice_s: float) -> str:
    keys = group.keys
    base = keys[0]
    rounds = sorted({s.round for s in group.slices})
    by = {(s.bot, s.round): s for s in group.slices}
    header = ("round", "load avg", *(f"{k} p50 / p99 ms" for k in keys), *(f"{k} − {base} p99" for k in keys[1:]))
    rows = []
    for number in rounds:
        here = [by[(k, number)] for k in keys]
        cells = [f"{fmt(percentile(s.latencies(), 50))} / {fmt(s.p99())}" for s in here]
        diffs = [fmt(s.p99() - here[0].p99(), 1) for s in here[1:]]
        rows.append((str(number), f"{statistics.mean(s.load for s in here):.1f}", *cells, *diffs))
    lines = [f"PAIRED FIXED RATE: {plan.rate:g} updates/s, slices of {slice_s:g} s in turns, {len(rounds)} rounds, "
             f"the order rotating (load average now {load_average()})", table(header, rows), ""]
    summary = []
    for key in keys:
        mine = [by[(key, n)] for n in rounds]
        pooled = [v for s in mine for v in s.latencies()]
        answered = sum(len(s.phase.answered) for s in mine)
        cpu_ms = 1000 * sum(s.cpu_s for s in mine) / max(answered, 1)
        under = sum(1 for s in mine if s.p99() < TARGET_P99_MS)
        gaps = [by[(key, n)].p99() - by[(base, n)].p99() for n in rounds]
        summary.append((key, fmt(percentile(pooled, 99) if pooled else None),
                        fmt(statistics.median(s.p99() for s in mine)), f"{under} of {len(mine)}",
                        "-" if key == base else fmt(statistics.median(gaps)), f"{cpu_ms:.2f}",
                        str(sum(s.phase.skipped for s in mine))))
    lines += [table(("bot", "p99 pooled ms", "median round p99", f"rounds p99 < {TARGET_P99_MS:g} ms",
                     f"median (p99 − {base}'s)", "CPU ms/update", "offers skipped"), summary), ""]
    for key in keys[1:]:
        split = _split([s for s in group.slices if s.bot == key])
        rows = [(kind, str(len(w)), fmt(percentile(w, 50)), fmt(percentile(w, 99)), fmt(percentile(f, 99)),
                 fmt(percentile(h, 50)), fmt(percentile(h, 99)))
                for kind, (w, f, h) in sorted(split.items(), key=lambda item: -percentile(item[1][0], 99))]
        lines += [f"{key}: latency by kind of update (fetch: offered until getUpdates took it; handling: until the "
                  "first answer)", table(("kind", "updates", "p50 ms", "p99 ms", "fetch p99", "handling p50",
                                          "handling p99"), rows), ""]
    base_split = _split([s for s in group.slices if s.bot == base])
    fetch = [v for _, f, _ in base_split.values() for v in f]
    handle = [v for _, _, h in base_split.values() for v in h]
    if fetch:
        lines += [f"{base}: fetch p99 {fmt(percentile(fetch, 99))} ms, handling p50 / p99 "
                  f"{fmt(percentile(handle, 50))} / {fmt(percentile(handle, 99))} ms", ""]
    for key, path in group.stall_files.items():
        lines.append(_stalls(key, path, [s for s in group.slices if s.bot == key]))
    return "\n".join(lines)


def _stalls(key: str, path: Path, slices: list[Slice]) -> str:
    from bench.stalls import summarize

    if not path.is_file():
        return f"{key}: no stall record"
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for one in slices:
        found = summarize(data, one.phase.started, one.phase.drained)
        late = found["late_ms"]
        rows.append((str(one.round), fmt(one.p99()), str(int(found["stalls_15"])), str(int(found["stalls_50"])),
                     fmt(found["longest_ms"]), str(int(found["full_gcs"])), fmt(found["longest_gc_ms"]),
                     f"{100 * found['cpu_ms'] / late:.0f}" if late else "-",
                     f"{100 * found['waited_ms'] / late:.0f}" if late else "-", str(int(found["busy_50"])),
                     fmt(found["longest_busy_ms"])))
    return (f"{key}: event-loop stalls in its slices (a 5 ms tick woken late; of the stalls' time: the loop's own "
            "CPU, and waiting for a CPU while other processes had it; busy: stalls with over 50 ms of own CPU)\n"
            + table(("round", "p99 ms", "stalls > 15 ms", "> 50 ms", "longest ms", "full GCs", "longest GC ms",
                     "own CPU %", "waiting %", "busy > 50 ms", "longest busy ms"), rows) + "\n")
