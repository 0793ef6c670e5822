"""Smoke test of the performance benchmark: a very short run prints every table (figures are not checked)."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bench.plan import QUICK
from bench.report import report
from bench.run import run

pytestmark = pytest.mark.bench  # run by scripts/test.sh after the suite: pytest -m bench

TINY = replace(QUICK, saturation_s=0.3, steady_s=0.3, warmup_s=0.1, reload_s=2.5, saturation_users=50,
               limited_users=10, steady_users=50, small_population=200, large_population=400, drain_s=5)


def test_a_short_run_prints_every_table(tmp_path: Path) -> None:
    results = asyncio.run(run(TINY, ["echo", "ours-nolimit"], tmp_path))
    text = report(results, TINY, "python bench/run.py --quick")

    for heading in ("LOAD", "RATIOS TO ECHO", "LATENCY BY KIND", "START-UP", "CONTENT RELOAD", "REQUESTS PER 100",
                    "MEMORY", "TARGETS"):
        assert f"\n{heading}" in text
    load = text.split("\nLOAD\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert re.split(r"\s{2,}", load[0]) == ["bot", "load", "offered/s", "answered/s", "p50 ms", "p95 ms", "p99 ms",
                                            "CPU ms/update", "requests/update", "CPU ms/request", "peak RSS MB",
                                            "unanswered", "fake API CPU %"]
    rows = [re.split(r"\s{2,}", line)[:2] for line in load[2:]]
    assert rows == [["echo", "saturation"], ["echo", "rate 100/s"], ["ours (no limiter)", "saturation"],
                    ["ours (no limiter)", "rate 100/s"]]
    assert "CPU/update <= 1.5x echo [ours (no limiter), saturation]" in text
    assert "CPU/request <= 1.1x echo [ours (no limiter), rate 100/s]" in text
    assert "start-up to first answer < 1 s (slowest of our runs with the content cache)" in text
    assert "p99 < 50 ms during a content reload [SIGHUP]" in text
    assert all(r.startup_s > 0 for r in results.values())
