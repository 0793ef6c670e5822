"""Smoke test of the paired latency run: echo and ours started together, the fixed rate offered in turns."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from pathlib import Path

import pytest

from bench.plan import QUICK
from bench.run import run_paired

pytestmark = pytest.mark.bench  # run by scripts/test.sh after the suite: pytest -m bench

TINY = replace(QUICK, warmup_s=0.1, steady_users=50, small_population=200, drain_s=5)


def test_a_paired_run_prints_each_round_and_the_split_by_kind(tmp_path: Path) -> None:
    text = asyncio.run(run_paired(["echo", "ours-nolimit"], TINY, tmp_path, 2, 0.3, True, None))

    table = text.split("\n\n", 1)[0].splitlines()
    assert re.split(r"\s{2,}", table[1]) == ["round", "load avg", "echo p50 / p99 ms", "ours-nolimit p50 / p99 ms",
                                             "ours-nolimit − echo p99"]
    assert [re.split(r"\s{2,}", line)[0] for line in table[3:]] == ["1", "2"]
    assert "\necho  " in text and "\nours-nolimit  " in text
    assert "ours-nolimit: latency by kind of update" in text
    assert "ours-nolimit: event-loop stalls in its slices" in text
