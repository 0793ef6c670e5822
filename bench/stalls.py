"""Where the event loop stalls: a lag monitor and the garbage collector's full collections, recorded in the bot.

Enabled in a bot subprocess by BENCH_STALLS=PATH (``bench/run.py --stalls``). A task sleeps ``TICK_S`` again and
again and records every wake-up that came more than ``LAG_MS`` late; ``gc.callbacks`` record every collection of
the oldest generation. Each late wake-up is split by the kernel's account of the loop's thread
(``/proc/thread-self/schedstat``): CPU it used meanwhile (our code, PTB, the libraries: work that held the loop) and
time it waited for a CPU while runnable (other processes of a loaded machine had it); the rest is time blocked in
the kernel (a disk write, a lock). So a stall the bot caused is told from one the machine's load caused.
Both use ``time.perf_counter()``, the same clock as the fake API in the parent process, so
the parent can line stalls up with its phases. The JSON is written at exit.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import json
import os
import time
from pathlib import Path
from typing import Any

TICK_S = 0.005
LAG_MS = 15.0


class StallRecorder:
    """Records loop lags and full GC pauses of this process; ``start_monitor`` needs the running loop."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lags: list[tuple[float, float, float, float]] = []
        """(started, ms late, ms of the loop thread's CPU, ms waiting for a CPU); the last two -1 when unknown."""
        self.collections: list[tuple[float, float]] = []
        self._gc_started = 0.0
        self._task: asyncio.Task[None] | None = None
        gc.callbacks.append(self._on_gc)
        atexit.register(self.write)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.collections.append((self._gc_started, (time.perf_counter() - self._gc_started) * 1000))

    def start_monitor(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        try:
            schedstat = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:  # not Linux: lateness only
            schedstat = -1

        def scheduled() -> tuple[int, int]:
            """Nanoseconds this thread ran on a CPU, and waited runnable for one."""
            if schedstat < 0:
                return (-1, -1)
            ran, waited = os.pread(schedstat, 128, 0).split()[:2]
            return int(ran), int(waited)

        while True:
            before, (ran, waited) = time.perf_counter(), scheduled()
            await asyncio.sleep(TICK_S)
            late_ms = (time.perf_counter() - before - TICK_S) * 1000
            if late_ms > LAG_MS:
                ran_after, waited_after = scheduled()
                known = schedstat >= 0
                self.lags.append((before, late_ms, (ran_after - ran) / 1e6 if known else -1.0,
                                  (waited_after - waited) / 1e6 if known else -1.0))

    def write(self) -> None:
        self.path.write_text(json.dumps({"lags": self.lags, "gc": self.collections}), encoding="utf-8")


def summarize(data: dict[str, list[list[float]]], start: float, end: float) -> dict[str, float]:
    """Counts between ``start`` and ``end``: stalls over 15 / 50 ms, the longest, full GCs and their pauses, how
    many stalls over 50 ms had a full GC inside them, and how the stalls' time divides: the loop's own CPU
    (``cpu_ms``), waiting for a CPU (``waited_ms``), the rest blocked; ``busy_50``: stalls over 50 ms of which the
    loop's own CPU was over 50 ms (the bot held the loop; the machine's load cannot make those)."""
    lags = [(row[0], row[1], *(row[2:4] if len(row) >= 4 else (-1.0, -1.0)))
            for row in data.get("lags", []) if start <= row[0] <= end]
    collections = [(t, ms) for t, ms in data.get("gc", []) if start <= t <= end]
    long = [(t, ms) for t, ms, _, _ in lags if ms > 50]
    with_gc = sum(1 for t, ms in long if any(t <= g <= t + (ms / 1000) + TICK_S for g, _ in collections))
    known = [row for row in lags if row[2] >= 0]
    return {
        "stalls_15": len(lags),
        "stalls_50": len(long),
        "longest_ms": max((ms for _, ms, _, _ in lags), default=0.0),
        "full_gcs": len(collections),
        "longest_gc_ms": max((ms for _, ms in collections), default=0.0),
        "stalls_50_with_gc": with_gc,
        "late_ms": sum(ms + TICK_S * 1000 for _, ms, _, _ in known),  # each stall's whole interval, tick included
        "cpu_ms": sum(min(cpu, ms + TICK_S * 1000) for _, ms, cpu, _ in known),
        "waited_ms": sum(min(waited, ms + TICK_S * 1000) for _, ms, _, waited in known),
        "busy_50": sum(1 for _, _, cpu, _ in known if cpu > 50),
        "longest_busy_ms": max((cpu for _, _, cpu, _ in known), default=0.0),
    }
