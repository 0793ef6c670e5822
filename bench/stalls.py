"""Where the event loop stalls: a lag monitor and the garbage collector's full collections, recorded in the bot.

Enabled in a bot subprocess by BENCH_STALLS=PATH (``bench/run.py --stalls``). A task sleeps ``TICK_S`` again and
again and records every wake-up that came more than ``LAG_MS`` late; ``gc.callbacks`` record every collection of
the oldest generation. Both use ``time.perf_counter()``, the same clock as the fake API in the parent process, so
the parent can line stalls up with its phases. The JSON is written at exit.
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import json
import time
from pathlib import Path
from typing import Any

TICK_S = 0.005
LAG_MS = 15.0


class StallRecorder:
    """Records loop lags and full GC pauses of this process; ``start_monitor`` needs the running loop."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lags: list[tuple[float, float]] = []
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
        while True:
            before = time.perf_counter()
            await asyncio.sleep(TICK_S)
            late_ms = (time.perf_counter() - before - TICK_S) * 1000
            if late_ms > LAG_MS:
                self.lags.append((before, late_ms))

    def write(self) -> None:
        self.path.write_text(json.dumps({"lags": self.lags, "gc": self.collections}), encoding="utf-8")


def summarize(data: dict[str, list[list[float]]], start: float, end: float) -> dict[str, float]:
    """Counts between ``start`` and ``end``: stalls over 15 / 50 ms, the longest, full GCs and their pauses, and
    how many stalls over 50 ms had a full GC inside them."""
    lags = [(t, ms) for t, ms in data.get("lags", []) if start <= t <= end]
    collections = [(t, ms) for t, ms in data.get("gc", []) if start <= t <= end]
    long = [(t, ms) for t, ms in lags if ms > 50]
    with_gc = sum(1 for t, ms in long if any(t <= g <= t + (ms / 1000) + TICK_S for g, _ in collections))
    return {
        "stalls_15": len(lags),
        "stalls_50": len(long),
        "longest_ms": max((ms for _, ms in lags), default=0.0),
        "full_gcs": len(collections),
        "longest_gc_ms": max((ms for _, ms in collections), default=0.0),
        "stalls_50_with_gc": with_gc,
    }
