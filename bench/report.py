"""The printed report: what each bot run measured, several runs merged, and the tables with the targets.

Several runs of the same bot (``--repeat``) merge into one result: medians of rates, CPU and start-up time, the
latencies of all runs pooled before taking percentiles, peaks at their maximum, every reload listed.
"""

from __future__ import annotations

import os
import platform
import statistics
from collections import Counter
from dataclasses import dataclass, field

from bench.measure import LOAD_HEADER, PhaseStats, fmt, load_row, merge_phases, percentile, ratio, table
from bench.plan import SATURATION, BotSpec, Plan
from bench.stream import MIXES, SESSIONS


@dataclass
class ReloadStats:
    trigger: str
    reload_s: float | None
    """Trigger to the staff chat's report (None: no report came)."""
    swapped: bool
    largest_gap_ms: float | None
    baseline_gap_ms: float
    """The largest gap in answers in an equally long stretch before any reload."""
    p99_ms: float | None
    """p99 latency of the updates offered during the reload."""
    baseline_p99_ms: float | None
    answered_per_s: float | None
    """Updates answered per second during the reload (the offered rate is the plan's)."""
    window: tuple[float, float] = (0.0, 0.0)


@dataclass
class BotResult:
    spec: BotSpec
    label: str
    population: int
    startup_s: float
    peak_rss_mb: float
    """Before any reload (a reload holds the old and the new content for a moment)."""
    phases: dict[str, PhaseStats] = field(default_factory=dict)
    reloads: list[ReloadStats] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    updates: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    prefill_s: float = 0.0
    runs: int = 1
    stalls: list[tuple[str, dict[str, float]]] = field(default_factory=list)
    """Event-loop stalls and full GCs per phase (``--stalls``)."""
    startups: list[float] = field(default_factory=list)
    """Every run's start-up time, when several runs were merged."""
    reload_peak_rss_mb: float = 0.0
    reload_peak_tree_rss_mb: float = 0.0
    reload_peak_tree_pss_mb: float = 0.0
    """The same with shared pages counted once (proportional set size)."""
    """The bot and its children (the content builder) together, during the reloads."""
    db_transactions: int = 0
    """On PostgreSQL: transactions the server counted from the bot's start to its end (lone statements included)."""
    memory: dict[str, float] = field(default_factory=dict)
    """Resident MB by kind at the end of the load phases (``bench.measure.memory_by_kind``); with several runs,
    the run with the largest peak."""


def merge_runs(runs: list[BotResult]) -> BotResult:
    """Runs of one bot as one result (see the module docstring)."""
    first = runs[0]
    if len(runs) == 1:
        return first
    merged = BotResult(first.spec, first.label, first.population,
                       startup_s=statistics.median(r.startup_s for r in runs),
                       peak_rss_mb=max(r.peak_rss_mb for r in runs), runs=len(runs),
                       prefill_s=statistics.median(r.prefill_s for r in runs),
                       reload_peak_rss_mb=max(r.reload_peak_rss_mb for r in runs),
                       reload_peak_tree_rss_mb=max(r.reload_peak_tree_rss_mb for r in runs),
                       reload_peak_tree_pss_mb=max(r.reload_peak_tree_pss_mb for r in runs))
    merged.startups = [r.startup_s for r in runs]
    merged.memory = max(runs, key=lambda r: r.peak_rss_mb).memory
    merged.reloads = [s for r in runs for s in r.reloads]
    merged.stalls = [s for r in runs for s in r.stalls]
    merged.updates = sum(r.updates for r in runs)
    merged.db_transactions = sum(r.db_transactions for r in runs)
    for r in runs:
        merged.calls.update(r.calls)
        merged.kinds.update(r.kinds)
    for name in first.phases:
        merged.phases[name] = merge_phases([r.phases[name] for r in runs if name in r.phases])
    return merged


def _postgres_table(results: dict[str, BotResult], plan: Plan) -> str:
    rows = []
    for key, result in results.items():
        twin = results.get(key.removesuffix("-pg")) if result.spec.postgres else None
        if twin is None:
            continue
        for name, stats in result.phases.items():
            base = twin.phases.get(name)
            if base is None:
                continue
            p99 = stats.latency(99)
            cpu_ratio = stats.cpu_ms_per_update / base.cpu_ms_per_update if base.cpu_ms_per_update else None
            met = (cpu_ratio is not None and cpu_ratio <= 1.3
                   and (name != plan.steady or (p99 is not None and p99 < 50)))
            per_update = result.db_transactions / result.updates if result.updates else None
            rows.append([result.label, name, fmt(base.cpu_ms_per_update, 2), fmt(stats.cpu_ms_per_update, 2),
                         ratio(stats.cpu_ms_per_update, base.cpu_ms_per_update), fmt(base.latency(99)), fmt(p99),
                         fmt(per_update, 2), "yes" if met else "NO"])
    header = ("bot", "load", "SQLite CPU ms/update", "PostgreSQL CPU ms/update", "ratio", "SQLite p99 ms",
              "PostgreSQL p99 ms", "server transactions/update (whole run)", "target met")
    return table(header, rows, left=2) if rows else ""


def report(results: dict[str, BotResult], plan: Plan, command: str, load_before: str = "") -> str:
    import telegram

    parts = [
        f"command: {command}",
        f"load average before the run: {load_before or load_average()} (other work on the machine skews every "
        "figure; compare runs made on a quiet machine)",
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"python-telegram-bot {telegram.__version__}; bots run one at a time, the fake API in the parent process",
        f"stream: {', '.join(f'{k} {v}' for k, v in SESSIONS.items())}",
        *(f"{mix} mix: {', '.join(f'{k} {v}' for k, v in MIXES[mix].items())}"
          for mix in dict.fromkeys(r.spec.mix for r in results.values()) if mix != "project"),
        f"saturation: {plan.saturation_s:g}s, {plan.saturation_users} active users ({plan.limited_users} for the "
        f"rate-limited bot), {plan.saturation_think_s:g}s think time; {plan.steady}: {plan.steady_s:g}s, "
        f"{plan.steady_users} users; warm-up {plan.warmup_s:g}s not measured",
        "latency: offer to the first answering request (answerCallbackQuery / sendMessage / editMessageText / "
        "sendPhoto; not sendChatAction); '>' marks a lower bound (some updates were never answered)",
        *_repeat_note(results),
        "",
        "LOAD",
        table(LOAD_HEADER, [load_row(s) for r in results.values() for s in r.phases.values()], left=2),
    ]
    parts += ["", "RATIOS TO ECHO (same load and transport)", _ratio_table(results)]
    postgres = _postgres_table(results, plan)
    if postgres:
        parts += ["", f"POSTGRESQL BESIDE SQLITE (target: CPU per update within 1.3x of SQLite's, p99 < 50 ms at "
                  f"{plan.steady})", postgres]
    kinds = _kind_table(results, plan)
    if kinds:
        parts += ["", f"LATENCY BY KIND OF UPDATE at {plan.steady} (ms, offer to first answer)", kinds]
    parts += ["", "START-UP (process start to the first answered update, content loaded and checked)",
              table(("bot", "known users", "content cache", "start-up s", "every run"),
                    [[r.label, f"{r.population:,}" if r.spec.ours else "-",
                      ("none" if r.spec.cold else "yes") if r.spec.ours else "-", fmt(r.startup_s, 2),
                      " ".join(f"{s:.2f}" for s in r.startups) or "-"] for r in results.values()])]
    memory = [r for r in results.values() if r.memory]
    if memory:
        memory_kinds = list(memory[0].memory)
        parts += ["", "MEMORY (resident MB at the end of the load phases, by kind; the analyser's dictionary is a "
                  "memory-mapped file, shared between processes and reclaimable)",
                  table(("bot", "peak RSS MB", *memory_kinds),
                        [[r.label, fmt(r.peak_rss_mb), *(fmt(r.memory.get(k)) for k in memory_kinds)]
                         for r in memory])]
    scale = _scale_table(results, plan)
    if scale:
        parts += ["", "KNOWN USERS (users prefilled in the bot's SQLite database)", scale]
    reloads = [(r, s) for r in results.values() for s in r.reloads]
    if reloads:
        parts += ["", f"CONTENT RELOAD under {plan.steady} (figures 'during' run from the trigger to the staff chat's "
                      "report; 'before' is the stretch before the first reload)",
                  table(("bot", "trigger", "reload s", "swapped", "largest gap ms", "gap before", "p99 ms",
                         "p99 before", "answered/s", "peak RSS MB"),
                        [[r.label, s.trigger, fmt(s.reload_s, 2), "yes" if s.swapped else "NO",
                          fmt(s.largest_gap_ms), fmt(s.baseline_gap_ms), fmt(s.p99_ms), fmt(s.baseline_p99_ms),
                          fmt(s.answered_per_s), fmt(r.reload_peak_rss_mb)] for r, s in reloads])]
    stalls = [(r, name, found) for r in results.values() for name, found in r.stalls]
    if stalls:
        parts += ["", "EVENT-LOOP STALLS in our bot (--stalls: a 5 ms timer waking late; full = generation-2 GC; "
                      "of the stalls' time: the loop's own CPU, waiting for a CPU (the machine's load); busy >50 ms: "
                      "stalls with over 50 ms of the loop's own CPU)",
                  table(("bot", "phase", "late >15 ms", "late >50 ms", "longest ms", "full GCs", "longest GC ms",
                         ">50 ms with a GC inside", "own CPU %", "waiting %", "busy >50 ms", "longest busy ms"),
                        [[r.label, name, str(int(f["stalls_15"])), str(int(f["stalls_50"])), fmt(f["longest_ms"]),
                          str(int(f["full_gcs"])), fmt(f["longest_gc_ms"]), str(int(f["stalls_50_with_gc"])),
                          _share(f, "cpu_ms"), _share(f, "waited_ms"), str(int(f.get("busy_50", 0))),
                          fmt(f.get("longest_busy_ms"))]
                         for r, name, f in stalls], left=2)]
    parts += ["", "REQUESTS PER 100 UPDATES (all phases; the mix offered is below)", _calls_table(results)]
    for result in results.values():
        total = max(sum(result.kinds.values()), 1)
        mix = ", ".join(f"{kind} {100 * n / total:.0f}%" for kind, n in result.kinds.most_common())
        parts.append(f"mix offered to {result.label}: {mix} ({total:,} updates)")
    parts += ["", "TARGETS", _targets(results, plan)]
    return "\n".join(parts)


def _share(found: dict[str, float], part: str) -> str:
    """``part`` of the stalls' time in percent ("-" when the kernel's account was not read)."""
    late = found.get("late_ms", 0.0)
    return f"{100 * found.get(part, 0.0) / late:.0f}" if late > 0 else "-"


def _repeat_note(results: dict[str, BotResult]) -> list[str]:
    runs = max((r.runs for r in results.values()), default=1)
    if runs == 1:
        return []
    return [f"repeats: every bot ran {runs} times, interleaved; rates, CPU and start-up are medians, latencies of "
            "all runs pooled, peaks the largest"]


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _ratio_table(results: dict[str, BotResult]) -> str:
    rows = []
    for result in results.values():
        if not result.spec.ours:
            continue
        echo = _echo_for(results, result)
        if echo is None:
            continue
        for name, ours in result.phases.items():
            base = echo.phases.get(name)
            if base is None:
                continue
            rows.append([result.label, name, ratio(ours.throughput, base.throughput),
                         ratio(ours.latency(99), base.latency(99)),
                         ratio(ours.cpu_ms_per_update, base.cpu_ms_per_update),
                         ratio(ours.cpu_ms_per_request, base.cpu_ms_per_request),
                         ratio(ours.peak_rss_mb, base.peak_rss_mb)])
    return table(("bot", "load", "answered/s", "p99", "CPU/update", "CPU/request", "peak RSS"), rows, left=2)


def _echo_for(results: dict[str, BotResult], result: BotResult) -> BotResult | None:
    """The echo run with the same transport and mix."""
    for echo in results.values():
        if not echo.spec.ours and echo.spec.webhook == result.spec.webhook and echo.spec.mix == result.spec.mix:
            return echo
    return None


def _kind_table(results: dict[str, BotResult], plan: Plan) -> str:
    shown = [r for k, r in results.items() if k in ("echo", "ours-nolimit") and plan.steady in r.phases]
    if not shown:
        return ""
    kinds = sorted({kind for r in shown for kind in r.phases[plan.steady].by_kind})
    header = ["kind", *(f"{r.label} {q}" for r in shown for q in ("n", "p50", "p99", "max"))]
    rows = []
    for kind in kinds:
        row = [kind]
        for result in shown:
            values = result.phases[plan.steady].by_kind.get(kind, [])
            row += [str(len(values)), *(fmt(percentile(values, q)) if values else "-" for q in (50, 99, 100))]
        rows.append(row)
    return table(header, rows)


def _scale_table(results: dict[str, BotResult], plan: Plan) -> str:
    small, large = results.get("ours-nolimit"), results.get("ours-large")
    if small is None or large is None:
        return ""
    rows = []
    for name in (SATURATION, plan.steady):
        a, b = small.phases.get(name), large.phases.get(name)
        if a and b:
            rows.append([name, "CPU ms/update", fmt(a.cpu_ms_per_update, 2), fmt(b.cpu_ms_per_update, 2),
                         ratio(b.cpu_ms_per_update, a.cpu_ms_per_update)])
            rows.append([name, "p50 ms" if name != SATURATION else "answered/s",
                         fmt(a.latency(50) if name != SATURATION else a.throughput),
                         fmt(b.latency(50) if name != SATURATION else b.throughput),
                         ratio(b.latency(50), a.latency(50)) if name != SATURATION
                         else ratio(b.throughput, a.throughput)])
    rows.append(["-", "peak RSS MB", fmt(small.peak_rss_mb), fmt(large.peak_rss_mb),
                 ratio(large.peak_rss_mb, small.peak_rss_mb)])
    rows.append(["-", "prefill s", fmt(small.prefill_s, 2), fmt(large.prefill_s, 2), "-"])
    return table(("load", "figure", f"{small.population:,} users", f"{large.population:,} users", "ratio"), rows,
                 left=2)


def _calls_table(results: dict[str, BotResult]) -> str:
    methods = sorted({m for r in results.values() for m in r.calls if m != "getupdates"})
    header = ("method", *(r.label for r in results.values()))
    rows = [[m, *(fmt(100 * r.calls[m] / max(r.updates, 1)) for r in results.values())] for m in methods]
    rows.append(["getupdates (calls)", *(str(r.calls["getupdates"]) for r in results.values())])
    return table(header, rows)


TARGET_CPU_PER_UPDATE = 1.5
TARGET_CPU_PER_REQUEST = 1.1
TARGET_P99_MS = 50.0
TARGET_STARTUP_S = 1.0
TARGET_RSS_MB = 150.0
TELEGRAM_CEILING = 30.0
"""Messages a second Telegram allows a bot overall; the default limiter should send at (not far under) it."""


def _targets(results: dict[str, BotResult], plan: Plan) -> str:
    rows: list[list[str]] = []

    def add(target: str, measured: float | None, met: bool, shown: str, note: str = "") -> None:
        verdict = "not measured" if measured is None else ("met" if met else "MISSED")
        rows.append([target, "-" if measured is None else shown, verdict, note])

    for bot in (r for r in results.values() if r.spec.ours and not r.spec.limiter and not r.spec.large):
        echo = _echo_for(results, bot)
        if echo is None:
            continue
        for name in (SATURATION, plan.steady):
            if name not in bot.phases or name not in echo.phases:
                continue
            ours, base = bot.phases[name], echo.phases[name]
            value = ours.cpu_ms_per_update / max(base.cpu_ms_per_update, 1e-9)
            add(f"CPU/update <= {TARGET_CPU_PER_UPDATE:g}x echo [{bot.label}, {name}]", value,
                value <= TARGET_CPU_PER_UPDATE, f"{value:.2f}x",
                f"{ours.cpu_ms_per_update:.2f} vs {base.cpu_ms_per_update:.2f} ms")
            value = ours.cpu_ms_per_request / max(base.cpu_ms_per_request, 1e-9)
            add(f"CPU/request <= {TARGET_CPU_PER_REQUEST:g}x echo [{bot.label}, {name}]", value,
                value <= TARGET_CPU_PER_REQUEST, f"{value:.2f}x",
                f"{ours.cpu_ms_per_request:.2f} vs {base.cpu_ms_per_request:.2f} ms; "
                f"{ours.requests_per_update:.2f} requests/update")
        if plan.steady in bot.phases:
            stats = bot.phases[plan.steady]
            p99 = stats.latency(99)
            add(f"p99 < {TARGET_P99_MS:g} ms at {plan.steady} [{bot.label}]", p99,
                p99 is not None and p99 < TARGET_P99_MS, fmt(p99, lower_bound=stats.is_lower_bound(p99)) + " ms",
                f"answered {stats.throughput:.1f}/s of {plan.rate:g}/s offered")
    limited = results.get("ours")
    if limited and SATURATION in limited.phases:
        stats = limited.phases[SATURATION]
        add(f"default limiter sends at Telegram's ceiling (>= 90 % of {TELEGRAM_CEILING:g}/s) [{limited.label}]",
            stats.limited_per_s, stats.limited_per_s >= 0.9 * TELEGRAM_CEILING, f"{stats.limited_per_s:.1f}/s",
            f"counted requests (callback answers are not); {stats.throughput:.1f} updates/s answered")
    free, large = results.get("ours-nolimit"), results.get("ours-large")
    if free and large and SATURATION in free.phases and SATURATION in large.phases:
        value = large.phases[SATURATION].cpu_ms_per_update / free.phases[SATURATION].cpu_ms_per_update
        add(f"cost with {large.population:,} users <= 1.2x with {free.population:,}", value, value <= 1.2,
            f"{value:.2f}x", "CPU/update at saturation")
    ours_runs = [r for r in results.values() if r.spec.ours]
    if ours_runs:
        worst = max(ours_runs, key=lambda r: r.peak_rss_mb)
        add(f"peak RSS < {TARGET_RSS_MB:g} MB (largest of our runs)", worst.peak_rss_mb,
            worst.peak_rss_mb < TARGET_RSS_MB, f"{worst.peak_rss_mb:.1f} MB", worst.label)
    for bot in (r for r in ours_runs if r.reload_peak_tree_rss_mb):
        add(f"memory < {TARGET_RSS_MB:g} MB during a reload, bot + builder process, PSS [{bot.label}]",
            bot.reload_peak_tree_pss_mb, bot.reload_peak_tree_pss_mb < TARGET_RSS_MB,
            f"{bot.reload_peak_tree_pss_mb:.1f} MB", f"RSS summed {bot.reload_peak_tree_rss_mb:.1f} MB (shared pages "
            f"twice); the bot alone {bot.reload_peak_rss_mb:.1f} MB")
    warm = [r for r in ours_runs if not r.spec.cold]
    if warm:
        worst = max(warm, key=lambda r: r.startup_s)
        add(f"start-up to first answer < {TARGET_STARTUP_S:g} s (slowest of our runs with the content cache)",
            worst.startup_s, worst.startup_s < TARGET_STARTUP_S, f"{worst.startup_s:.2f} s", worst.label)
    for cold in (r for r in ours_runs if r.spec.cold):
        add("start-up without the content cache < 2 s (first start, or after an edit while stopped)",
            cold.startup_s, cold.startup_s < 2.0, f"{cold.startup_s:.2f} s", cold.label)
    for reload in (free.reloads if free else []):
        add(f"p99 < {TARGET_P99_MS:g} ms during a content reload [{reload.trigger}]", reload.p99_ms,
            reload.p99_ms is not None and reload.p99_ms < TARGET_P99_MS, f"{fmt(reload.p99_ms, 0)} ms",
            f"{fmt(reload.baseline_p99_ms, 0)} ms before; largest gap {fmt(reload.largest_gap_ms, 0)} ms; reload "
            f"{fmt(reload.reload_s, 2)} s")
    return table(("target", "measured", "verdict", "note"), rows)
