"""Figures from a run: CPU and memory of a bot process, latency percentiles, answer gaps, and the printed tables.

CPU time is the process's user + system time (psutil) between the start of a phase and the moment its last update
was answered, divided by the updates answered. Peak RSS is the kernel's high-water mark (``VmHWM``), which also
catches peaks between samples; where that is not available the largest sampled RSS is used.
"""

from __future__ import annotations

import contextlib
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.fake_api import Record
from bench.load import Phase


class ProcessWatch:
    """Reads one subprocess's CPU time and memory."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._process = psutil.Process(pid)
        self._max_rss = 0

    def cpu(self) -> float:
        times = self._process.cpu_times()
        return float(times.user + times.system)

    def sample(self) -> None:
        with contextlib.suppress(psutil.Error):
            self._max_rss = max(self._max_rss, self._process.memory_info().rss)

    def sample_tree(self) -> None:
        """The bot and its child processes together (the content builder during a reload): RSS summed, and PSS
        summed (pages shared between them, the memory-mapped dictionary above all, counted once)."""
        with contextlib.suppress(psutil.Error):
            processes = [self._process, *self._process.children(recursive=True)]
            rss = pss = 0
            for process in processes:
                with contextlib.suppress(psutil.Error):
                    info = process.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
            self._max_tree_rss = max(getattr(self, "_max_tree_rss", 0), rss)
            self._max_tree_pss = max(getattr(self, "_max_tree_pss", 0), pss)

    def peak_tree_pss_mb(self) -> float:
        return getattr(self, "_max_tree_pss", 0) / (1024 * 1024)

    def peak_tree_rss_mb(self) -> float:
        return getattr(self, "_max_tree_rss", 0) / (1024 * 1024)

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.pid}/status")
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        self.sample()
        return self._max_rss / (1024 * 1024)


ANALYSER_DICTIONARY = "system.dic"
"""The file name of SudachiPy's memory-mapped dictionary (``sudachidict_small/resources/system.dic``)."""


def memory_by_kind(pid: int) -> dict[str, float]:
    """Resident memory of ``pid`` now, in MB, by kind (from ``/proc/PID/smaps``): the analyser's memory-mapped
    dictionary (file pages, shared and reclaimable), other files (libraries, the interpreter) and anonymous memory
    (the Python heap: objects, caches, arenas), so a peak can be read as what it is made of."""
    kinds = {"analyser dictionary": 0, "other files": 0, "anonymous": 0}
    kind = "anonymous"
    try:
        with open(f"/proc/{pid}/smaps", encoding="utf-8", errors="replace") as smaps:
            for line in smaps:
                fields = line.split()
                if len(fields) >= 5 and "-" in fields[0] and ":" in fields[3]:  # a mapping's header line
                    name = fields[5] if len(fields) > 5 else ""
                    kind = ("analyser dictionary" if name.endswith(ANALYSER_DICTIONARY)
                            else "other files" if name.startswith("/") else "anonymous")
                elif fields and fields[0] == "Rss:":
                    kinds[kind] += int(fields[1])
    except OSError:
        return {}
    return {name: kb / 1024 for name, kb in kinds.items()}


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (``q`` in 0..100)."""
    ordered = sorted(values)
    rank = max(math.ceil(q / 100 * len(ordered)), 1)
    return ordered[rank - 1]


@dataclass
class PhaseStats:
    """The row of one bot in one load phase."""

    bot: str
    phase: str
    offered_rate: float
    throughput: float
    answered: int
    unanswered: int
    latencies_ms: list[float]
    """Offer to first answer; an unanswered update counts with the time it waited (a lower bound)."""
    cpu_ms_per_update: float
    peak_rss_mb: float = 0.0
    shortest_unanswered_ms: float | None = None
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    """Latencies (ms) by kind of update (page button, question ...)."""
    requests: int = 0
    """Bot API requests other than getUpdates made during the phase (answers, edits, typing, staff ...)."""
    limited: int = 0
    """Of those, the requests the shipped rate limiter counts (everything but callback answers and lookups)."""
    window: tuple[float, float] = (0.0, 0.0)
    """From the phase's start to its last answer (``perf_counter``)."""
    harness_cpu_percent: float = 0.0
    """CPU of this process (fake API and load driver) during the phase: near 100 would mean it limits the bot."""

    @property
    def requests_per_update(self) -> float:
        return self.requests / max(self.answered, 1)

    @property
    def limited_per_s(self) -> float:
        """Requests the limiter counts, per second of the phase (Telegram's ceiling is about 30)."""
        return self.limited * self.throughput / max(self.answered, 1)

    @property
    def cpu_ms_per_request(self) -> float:
        """CPU per Bot API request: shows what our own code adds once the number of requests is taken out."""
        return self.cpu_ms_per_update / self.requests_per_update if self.requests else 0.0

    def latency(self, q: float) -> float | None:
        return percentile(self.latencies_ms, q) if self.latencies_ms else None

    def is_lower_bound(self, value: float | None) -> bool:
        """True when ``value`` may be an unanswered update's waiting time (the real latency is larger)."""
        return value is not None and self.shortest_unanswered_ms is not None and value >= self.shortest_unanswered_ms


def phase_stats(bot: str, phase: Phase, cpu_seconds: float, *, latency: bool) -> PhaseStats:
    answered = phase.answered
    in_window = sum(1 for r in answered if r.first <= phase.ended)
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {}
    waited = [(phase.drained - r.offered) * 1000 for r in phase.records if not r.first]
    if latency:
        for record in phase.records:
            value = ((record.first or phase.drained) - record.offered) * 1000
            latencies.append(value)
            by_kind.setdefault(record.kind, []).append(value)
    return PhaseStats(
        bot=bot,
        phase=phase.name,
        offered_rate=len(phase.records) / phase.duration,
        throughput=in_window / phase.duration,
        answered=len(answered),
        unanswered=len(phase.records) - len(answered),
        latencies_ms=latencies,
        by_kind=by_kind,
        cpu_ms_per_update=cpu_seconds * 1000 / max(len(answered), 1),
        shortest_unanswered_ms=min(waited) if waited else None,
        window=(phase.started, phase.drained),
    )


def merge_phases(runs: Sequence[PhaseStats]) -> PhaseStats:
    """One phase measured in several runs: medians of rates and costs, latencies pooled, counts summed."""
    by_kind: dict[str, list[float]] = {}
    for run in runs:
        for kind, values in run.by_kind.items():
            by_kind.setdefault(kind, []).extend(values)
    waited = [r.shortest_unanswered_ms for r in runs if r.shortest_unanswered_ms is not None]
    return PhaseStats(
        bot=runs[0].bot,
        phase=runs[0].phase,
        offered_rate=statistics.median(r.offered_rate for r in runs),
        throughput=statistics.median(r.throughput for r in runs),
        answered=sum(r.answered for r in runs),
        unanswered=sum(r.unanswered for r in runs),
        latencies_ms=[v for r in runs for v in r.latencies_ms],
        cpu_ms_per_update=statistics.median(r.cpu_ms_per_update for r in runs),
        peak_rss_mb=max(r.peak_rss_mb for r in runs),
        shortest_unanswered_ms=min(waited) if waited else None,
        by_kind=by_kind,
        requests=sum(r.requests for r in runs),
        limited=sum(r.limited for r in runs),
        harness_cpu_percent=statistics.median(r.harness_cpu_percent for r in runs),
    )


def largest_gap_ms(times: Sequence[float], start: float, end: float) -> float:
    """The longest stretch without an answer between ``start`` and ``end`` (the stretch from the last answer
    before ``start`` counts from ``start``)."""
    previous = start
    gap = 0.0
    for moment in times:
        if moment <= start:
            continue
        if moment > end:
            break
        gap = max(gap, moment - previous)
        previous = moment
    gap = max(gap, end - previous)
    return gap * 1000


def latencies_between(records: Sequence[Record], start: float, end: float, drained: float) -> list[float]:
    return [((r.first or drained) - r.offered) * 1000 for r in records if start <= r.offered <= end]


# --- printing ------------------------------------------------------------------------------------------------

def fmt(value: float | None, digits: int = 1, *, lower_bound: bool = False) -> str:
    if value is None:
        return "-"
    text = f"{value:,.{digits}f}"
    return (">" + text) if lower_bound else text


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, left: int = 1) -> str:
    """A plain-text table; the first ``left`` columns are left-aligned, the others right-aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) if i < left else str(c).rjust(w) for i, (c, w) in
                         enumerate(zip(cells, widths, strict=True))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


LOAD_HEADER = ("bot", "load", "offered/s", "answered/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/update",
               "requests/update", "CPU ms/request", "peak RSS MB", "unanswered", "fake API CPU %")


def load_row(stats: PhaseStats) -> list[str]:
    cells = [stats.bot, stats.phase, fmt(stats.offered_rate), fmt(stats.throughput)]
    for q in (50, 95, 99):
        value = stats.latency(q)
        cells.append(fmt(value, lower_bound=stats.is_lower_bound(value)))
    return [*cells, fmt(stats.cpu_ms_per_update, 2), fmt(stats.requests_per_update, 2),
            fmt(stats.cpu_ms_per_request, 2), fmt(stats.peak_rss_mb), str(stats.unanswered),
            fmt(stats.harness_cpu_percent, 0)]


def ratio(ours: float | None, base: float | None) -> str:
    if ours is None or base is None or base == 0:
        return "-"
    return f"{ours / base:.2f}x"
