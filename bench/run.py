"""Performance benchmark: our bot against a bare PTB echo bot, on the same synthetic stream and fake Bot API.

    .venv/bin/python bench/run.py             # the full run, about three minutes; prints the tables
    .venv/bin/python bench/run.py --quick     # a short run with the same tables (smaller, noisier numbers)
    .venv/bin/python bench/run.py --profile   # our bot under pyinstrument at saturation; prints the top entries
    .venv/bin/python bench/run.py --repeat 3  # every bot three times, interleaved: medians (for docs/measurements.md)
    .venv/bin/python bench/run.py --only echo,ours-nolimit --stalls --api-latency-ms 50   # diagnostics, see --help
    .venv/bin/python bench/run.py --only ours-independent --tracemalloc                  # what the Python heap holds
    .venv/bin/python bench/run.py --quick --only ours-nolimit --tracemalloc-served       # what serving left in it
    .venv/bin/python bench/run.py --only echo,ours-nolimit --cpu-profile                 # CPU (not wall) profile

Each bot runs in its own subprocess (one after another, so they never share the CPU), talking to a fake Bot API
on 127.0.0.1 served from this process (``bench/fake_api.py``). Per bot: start-up to the first answered update,
a short unmeasured warm-up, then the load shapes of ``bench/load.py``: saturation (throughput, CPU per update)
and a fixed offered rate (latency without queueing). Our bot also runs with 100,000 known users in its SQLite
database, and with a content reload (a touched file, then SIGHUP) under the fixed rate. The bots are listed in
``bench/plan.py``; the tables come from ``bench/report.py``. Everything listens on 127.0.0.1 only, every loop is
bounded by the plan's durations, and the bots are stopped (SIGINT, then SIGKILL after a grace period) at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.fake_api import FakeApi, Record  # noqa: E402
from bench.load import Driver, Phase, Users  # noqa: E402
from bench.measure import (  # noqa: E402
    PhaseStats,
    ProcessWatch,
    largest_gap_ms,
    latencies_between,
    memory_by_kind,
    percentile,
    phase_stats,
    table,
)
from bench.plan import (  # noqa: E402
    FULL,
    MIX_USERS,
    QUICK,
    QUICK_SKIPS,
    SATURATION,
    SPECS,
    BotSpec,
    Plan,
    with_postgres,
)
from bench.report import BotResult, ReloadStats, load_average, merge_runs, report  # noqa: E402
from bench.stream import INDEPENDENT_QUESTIONS_FILE, QUESTIONS_FILE, UpdateFactory, load_questions, user  # noqa: E402

TOKEN = "123456:BENCH-not-a-real-token"
STAFF_CHAT_ID = -1001234567890
WEBHOOK_SECRET = "bench-secret-at-least-32-characters-long"
_BOT_VARIABLES = ("TELEGRAM_", "BOT_DATA_DIR", "DATABASE_URL", "STAFF_", "CONTENT_", "WEBHOOK_", "PORT",
                  "LOG_LEVEL", "FLOOD_", "LEAD_", "MAX_APPLICATIONS", "BENCH_")


def _not_limited() -> frozenset[str]:
    from bot.ratelimit import UNLIMITED

    return frozenset(method.lower() for method in UNLIMITED)


_NOT_LIMITED = _not_limited()


class BotFailed(Exception):
    """The bot process did not start or did not answer; the message carries the end of its log."""


# --- one bot ---------------------------------------------------------------------------------------------------

CPU_PROFILE: list[bool] = []
"""``--cpu-profile``: non-empty when our bots run under cProfile with the CPU clock (``bench/cpu_profile.py``)."""
TRACEMALLOC: list[str] = []
"""``--tracemalloc`` ("all") or ``--tracemalloc-served`` ("served", from the end of start-up): non-empty when our
bots trace their Python allocations (``bench/bot_process.py``)."""
POSTGRES: dict[str, str] = {}
"""``--database postgres``: the server's URL (``url``), started by ``main`` for the run."""
ECHO_CLIENT: list[str] = []
"""``--echo-client ours``: the echo bot sends through our HTTP client (``bot.http``) instead of PTB's httpx."""


def new_postgres_database(name: str) -> str:
    import psycopg

    base = POSTGRES["url"]
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + f"/{name}"


def postgres_transactions(database_url: str) -> int:
    """Transactions the server has counted in this database so far: each lone statement of an autocommit
    connection is one, and so is each BEGIN ... COMMIT (its statements inside it are not counted again)."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES["url"], autocommit=True) as admin:
        row = admin.execute("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
                            (name,)).fetchone()
    return int(row[0]) if row else 0


def prefill(data_dir: Path, count: int, database_url: str | None = None) -> float:
    """Create the bot's database with ``count`` known users (their language chosen), as the bot would."""
    from bot.storage.db import Database, SQLiteDatabase, utcnow
    from bot.storage.users import UserStore

    started = time.perf_counter()
    if database_url:
        from bot.storage.postgres import PostgresDatabase

        db: Database = PostgresDatabase.open(database_url)
    else:
        db = SQLiteDatabase.open(data_dir)
    try:
        store, now = UserStore(db), utcnow()
        with db.transaction():
            for index in range(count):
                who = user(index)
                store.set_language(who.id, who.lang, now)
    finally:
        db.close()
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(spec: BotSpec, api: FakeApi, folder: Path, content_dir: Path, profile: Path | None,
                 stalls: Path | None, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_BOT_VARIABLES)}
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url, BOT_DATA_DIR=str(folder / "data"),
               STAFF_CHAT_ID=str(STAFF_CHAT_ID), CONTENT_DIR=str(content_dir), CONTENT_POLL_SECONDS="1",
               LOG_LEVEL="INFO", PYTHONUNBUFFERED="1")
    if spec.ours and not spec.limiter:
        env["BENCH_RATE_LIMIT"] = "off"
    if spec.webhook:
        port = _free_port()
        env.update(WEBHOOK_URL=f"http://127.0.0.1:{port}/bench-hook", WEBHOOK_SECRET=WEBHOOK_SECRET, PORT=str(port))
    if profile is not None:
        env["BENCH_PROFILE"] = str(profile)
    if stalls is not None and spec.ours:
        env["BENCH_STALLS"] = str(stalls)
    if TRACEMALLOC and spec.ours:
        env["BENCH_TRACEMALLOC"] = str(folder / "tracemalloc.txt")
        if TRACEMALLOC[0] == "served":
            env["BENCH_TRACEMALLOC_FROM"] = "served"
    if spec.ours:
        env["BENCH_MARKS"] = str(folder / "marks.txt")
    if CPU_PROFILE and not spec.webhook:
        env["BENCH_CPROFILE"] = str(folder / "cpu.prof")
    if ECHO_CLIENT and not spec.ours:
        env["BENCH_ECHO_CLIENT"] = ECHO_CLIENT[0]
    return env


async def _wait_answered(record: Record, process: asyncio.subprocess.Process, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not record.first:
        if process.returncode is not None:
            raise BotFailed(f"the bot exited with code {process.returncode} before answering")
        if time.perf_counter() > deadline:
            raise BotFailed(f"the bot did not answer its first update within {timeout:g}s")
        await asyncio.sleep(0.002)


async def _stop(process: asyncio.subprocess.Process, grace_s: float = 20) -> None:
    """SIGINT (PTB shuts down cleanly), then SIGKILL after ``grace_s``: only our own child, by its pid."""
    if process.returncode is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(process.wait(), grace_s)
    except TimeoutError:
        process.kill()
        await process.wait()


@dataclass
class RunningBot:
    """One bot process answering its own fake Bot API, warmed up and ready for load phases."""

    spec: BotSpec
    label: str
    folder: Path
    content_dir: Path
    api: FakeApi
    driver: Driver
    process: asyncio.subprocess.Process
    watch: ProcessWatch
    result: BotResult
    population: int


def compile_bytecode(bot_python: str | None) -> None:
    """Write the bot's bytecode first, as an installed bot has it (``scripts/bootstrap.sh``): with
    PYTHONDONTWRITEBYTECODE set, as in many containers, every start would otherwise compile its ~150 modules from
    source again (about 0.2 s of CPU here), which no deployed start pays."""
    subprocess.run([bot_python or sys.executable, "-m", "compileall", "-q", str(REPO / "bot")], check=True,
                   stdout=subprocess.DEVNULL)


@contextlib.asynccontextmanager
async def running_bot(spec: BotSpec, plan: Plan, workdir: Path, *, profile: Path | None = None, attempt: int = 1,
                      stalls: bool = False, api_latency_s: float = 0.0,
                      bot_python: str | None = None) -> AsyncIterator[RunningBot]:
    """Start ``spec``'s bot on its own fake API, wait for its first answer, warm it up; stop it at the end."""
    folder = workdir / f"{spec.key}-{attempt}"
    folder.mkdir(parents=True)
    compile_bytecode(bot_python)
    population = plan.large_population if spec.large else plan.small_population
    label = spec.label.format(n=f"{population:,}")
    content_dir = folder / "content"
    shutil.copytree(REPO / "content", content_dir)
    database_url = new_postgres_database(f"bench_{spec.key.replace('-', '_')}_{attempt}") if spec.postgres else None
    prefill_s = prefill(folder / "data", population, database_url) if spec.ours else 0.0
    if spec.ours and spec.cold:  # an earlier start's cache folder, but nothing for these files (edited meanwhile)
        (folder / "data" / "cache").mkdir(parents=True, exist_ok=True)
    if spec.ours and not spec.cold:  # the compiled content cache, as the bot leaves it after its first start
        subprocess.run([bot_python or sys.executable, "-m", "bot.livebuild", str(content_dir),
                        str(folder / "data" / "cache")], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    questions = INDEPENDENT_QUESTIONS_FILE if spec.mix == "independent" else QUESTIONS_FILE
    factory = UpdateFactory(load_questions(questions))
    async with FakeApi(TOKEN, staff_chat_id=STAFF_CHAT_ID, latency_s=api_latency_s) as api:
        saturation_users = plan.limited_users if spec.limiter else plan.saturation_users
        if spec.mix in MIX_USERS:
            saturation_users = MIX_USERS[spec.mix]
        driver = Driver(api, Users(population, saturation_users, plan.saturation_think_s, spec.mix), factory)
        probe = driver.offer_one(driver.users.borrow(), "/start")
        log = (folder / "bot.log").open("wb")
        (folder / "marks.txt").write_text(f"spawn {time.time():.6f}\n", encoding="utf-8")
        started = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            bot_python or sys.executable, str(REPO / "bench" / spec.script), cwd=folder, stdout=log, stderr=log,
            env=_environment(spec, api, folder, content_dir, profile, folder / "stalls.json" if stalls else None,
                             database_url))
        watch = ProcessWatch(process.pid)
        result = BotResult(spec, label, population, 0.0, 0.0, prefill_s=prefill_s)
        transactions_before = postgres_transactions(database_url) if database_url else 0
        try:
            await _wait_answered(probe, process, 60)
            result.startup_s = probe.first - started
            await driver.saturate("warm-up", plan.warmup_s, plan.drain_s)
            yield RunningBot(spec, label, folder, content_dir, api, driver, process, watch, result, population)
        except BotFailed as exc:
            log.flush()
            tail = (folder / "bot.log").read_text(errors="replace")[-3000:]
            raise BotFailed(f"{label}: {exc}\n--- end of its log ({folder / 'bot.log'}) ---\n{tail}") from None
        finally:
            await _stop(process, 20 if profile is None and not CPU_PROFILE else 180)  # writing a profile takes a while
            log.close()
        result.calls = api.stats.calls
        result.updates = driver.offered
        result.kinds = driver.kinds
        if database_url:  # the bot's sessions have ended, so the server has counted all they did
            await asyncio.sleep(1.0)
            result.db_transactions = postgres_transactions(database_url) - transactions_before


def steady_users(spec: BotSpec, plan: Plan, population: int) -> Users:
    """The users of the fixed-rate phases."""
    return Users(population, MIX_USERS.get(spec.mix, plan.steady_users), plan.steady_think_s, spec.mix)


async def run_bot(spec: BotSpec, plan: Plan, workdir: Path, *, profile: Path | None = None,
                  shapes: tuple[str, ...] = (SATURATION, "steady"), attempt: int = 1,
                  stalls: bool = False, api_latency_s: float = 0.0, bot_python: str | None = None) -> BotResult:
    async with running_bot(spec, plan, workdir, profile=profile, attempt=attempt, stalls=stalls,
                           api_latency_s=api_latency_s, bot_python=bot_python) as bot:
        driver, watch, result, label = bot.driver, bot.watch, bot.result, bot.label
        for shape in shapes:
            if shape == SATURATION and not spec.webhook:  # the warm-up's users go on
                result.phases[SATURATION] = await _measure(driver, watch, label, SATURATION, plan)
            elif shape == "steady":
                driver.users = steady_users(spec, plan, bot.population)
                result.phases[plan.steady] = await _measure(driver, watch, label, plan.steady, plan)
        result.peak_rss_mb = watch.peak_rss_mb()
        result.memory = memory_by_kind(bot.process.pid)
        for stats in result.phases.values():
            stats.peak_rss_mb = result.peak_rss_mb
        if spec.reload and profile is None:
            driver.users = steady_users(spec, plan, bot.population)
            result.reloads = await _reloads(driver, bot.process, bot.content_dir, plan, watch)
            result.reload_peak_rss_mb = watch.peak_rss_mb()
            result.reload_peak_tree_rss_mb = watch.peak_tree_rss_mb()
            result.reload_peak_tree_pss_mb = watch.peak_tree_pss_mb()
    if stalls and spec.ours:
        result.stalls = _stall_summaries(bot.folder / "stalls.json", result)
    return result


def _stall_summaries(path: Path, result: BotResult) -> list[tuple[str, dict[str, float]]]:
    import json

    from bench.stalls import summarize

    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    windows = [(name, stats.window) for name, stats in result.phases.items()]
    windows += [(f"reload ({r.trigger})", r.window) for r in result.reloads]
    return [(name, summarize(data, *window)) for name, window in windows]


async def _measure(driver: Driver, watch: ProcessWatch, label: str, name: str, plan: Plan) -> PhaseStats:
    harness = ProcessWatch(os.getpid())
    calls_before = Counter(driver.api.stats.calls)
    watch.sample()
    before, harness_before = watch.cpu(), harness.cpu()
    if name == SATURATION:
        phase = await driver.saturate(name, plan.saturation_s, plan.drain_s)
    else:
        phase = await driver.steady(name, plan.rate, plan.steady_s, plan.drain_s)
    cpu = await _settle(driver, watch.cpu) - before  # the phase's own tail is its cost, not the next phase's
    watch.sample()
    stats = phase_stats(label, phase, cpu, latency=name != SATURATION)
    calls = driver.api.stats.calls - calls_before
    stats.requests = sum(n for method, n in calls.items() if method != "getupdates")
    stats.limited = sum(n for method, n in calls.items() if method not in _NOT_LIMITED)
    stats.harness_cpu_percent = 100 * (harness.cpu() - harness_before) / max(phase.drained - phase.started, 1e-9)
    return stats


SETTLE_QUIET_S = 0.3
SETTLE_LIMIT_S = 10.0


async def _settle(driver: Driver, cpu: Callable[[], float]) -> float:
    """Wait until the bot sends nothing but getUpdates for ``SETTLE_QUIET_S`` (at most ``SETTLE_LIMIT_S``); the
    bot's CPU time (``cpu()``) when its last request was seen.

    A phase is over when every update has its first answer, but at saturation the second requests of many (the
    edit after an answered callback) are still queued then: on a loaded machine a few hundred of them ran into the
    fixed-rate phase that followed, which then measured the saturation's backlog (p99 of 100-290 ms and up to 3.4
    requests per update where its own updates make 1.0-1.5). The phase's CPU is read when the bot's last request
    was seen, so that work stays counted in the phase that caused it, and the quiet wait (idle polling) is not."""
    started = last_change = time.perf_counter()
    at_last = cpu()
    seen = sum(n for method, n in driver.api.stats.calls.items() if method != "getupdates")
    while (now := time.perf_counter()) - last_change < SETTLE_QUIET_S and now - started < SETTLE_LIMIT_S:
        await asyncio.sleep(0.02)
        count = sum(n for method, n in driver.api.stats.calls.items() if method != "getupdates")
        if count != seen:
            seen, last_change, at_last = count, time.perf_counter(), cpu()
    return at_last


RELOAD_WAIT_S = 120.0
"""How long the reload phase waits, after its fixed rate, for reloads still building."""


async def _reloads(driver: Driver, process: asyncio.subprocess.Process, content_dir: Path,
                   plan: Plan, watch: ProcessWatch) -> list[ReloadStats]:
    """Reloads under the fixed rate: a touched content file (the watcher notices it), then, once that reload has
    been reported to the staff chat, SIGHUP. --quick: SIGHUP only. A reload still building when the fixed rate
    ends (a loaded machine: the builder runs at a low priority) is waited for, up to ``RELOAD_WAIT_S``, so the
    memory peak covers the whole build; its latency figures cover the loaded part only."""
    triggers: list[tuple[str, float]] = []
    api = driver.api

    async def script() -> None:
        await asyncio.sleep(1.0 if plan.reload_s < 5 else 2.0)
        if plan.reload_s >= 5:
            reports = len(api.stats.staff)
            os.utime(content_dir / "ja" / "faq.yaml")
            triggers.append(("file touched", time.perf_counter()))
            while len(api.stats.staff) == reports:
                await asyncio.sleep(0.01)
            await asyncio.sleep(1.0)
        process.send_signal(signal.SIGHUP)
        triggers.append(("SIGHUP", time.perf_counter()))

    async def memory() -> None:
        while True:
            watch.sample_tree()
            await asyncio.sleep(0.05)

    loop = asyncio.get_running_loop()
    tasks = [loop.create_task(script()), loop.create_task(memory())]
    try:
        phase = await driver.steady("reload", plan.rate, plan.reload_s, plan.drain_s)
        deadline = time.perf_counter() + RELOAD_WAIT_S
        while time.perf_counter() < deadline and not (
                tasks[0].done() and sum(1 for m in api.stats.staff if m.time > triggers[0][1]) >= len(triggers)):
            await asyncio.sleep(0.05)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return _reload_stats(api, phase, triggers)


def _reload_stats(api: FakeApi, phase: Phase, triggers: list[tuple[str, float]]) -> list[ReloadStats]:
    times = api.stats.answer_times
    found = []
    claimed: set[int] = set()
    for trigger, at in triggers:
        report = next((m for m in api.stats.staff if m.time > at and id(m) not in claimed), None)
        if report is not None:
            claimed.add(id(report))
        end = report.time if report is not None else phase.ended
        span = end - at
        loaded = min(end, phase.ended)  # a reload that outlasted the fixed rate: answers and gaps while loaded
        quiet = (phase.started + 0.1, triggers[0][1])  # before the first reload
        during = latencies_between(phase.records, at, end, phase.drained)
        before = latencies_between(phase.records, *quiet, phase.drained)
        found.append(ReloadStats(
            trigger=trigger,
            reload_s=None if report is None else span,
            swapped=report is not None and report.text.startswith("✅"),
            largest_gap_ms=largest_gap_ms(times, at, loaded) if loaded > at else None,
            baseline_gap_ms=largest_gap_ms(times, *quiet),
            p99_ms=percentile(during, 99) if during else None,
            baseline_p99_ms=percentile(before, 99) if before else None,
            answered_per_s=sum(1 for r in phase.records if at <= r.first <= loaded) / max(loaded - at, 1e-9)
            if loaded > at else None,
            window=(at, end),
        ))
    return found


# --- command line --------------------------------------------------------------------------------------------

async def run(plan: Plan, keys: list[str], workdir: Path, repeat: int = 1, stalls: bool = False,
              api_latency_s: float = 0.0, bot_python: str | None = None) -> dict[str, BotResult]:
    runs: dict[str, list[BotResult]] = {key: [] for key in keys}
    for attempt in range(1, repeat + 1):
        for key in keys:
            print(f"... {key}" + (f" ({attempt}/{repeat})" if repeat > 1 else ""), file=sys.stderr, flush=True)
            runs[key].append(await run_bot(SPECS[key], plan, workdir, attempt=attempt, stalls=stalls,
                                           api_latency_s=api_latency_s, bot_python=bot_python))
    return {key: merge_runs(found) for key, found in runs.items()}


async def run_profile(plan: Plan, workdir: Path, out: Path, top: int) -> str:
    """Our bot (no limiter) under pyinstrument: start-up, then warm-up and the saturation phase."""
    import json

    from bench.profiling import cut, function_table, group_table

    result = await run_bot(SPECS["ours-nolimit"], plan, workdir, profile=out, shapes=(SATURATION,))
    summary = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    header = ("group", "own s", "own ms/update", "own %", "inclusive s")
    parts = [f"updates handled while profiling: {result.updates:,} (saturation: "
             f"{result.phases[SATURATION].throughput:.1f}/s under the profiler)", ""]
    for name in ("start-up", "run time"):
        if name in summary:
            updates = result.updates if name == "run time" else 1
            parts += [f"== {name}: time by package ({summary[name]['total']['seconds']:.2f} s sampled; "
                      f"{'per update' if updates > 1 else 'once'}) ==",
                      table(header, group_table(summary[name], updates)), "",
                      f"== {name}: our functions (with the libraries they call, not PTB or HTTP) ==",
                      table(("function", "s", "ms/update" if updates > 1 else "s once"),
                            function_table(summary[name], updates)), ""]
    parts.append(cut(out.read_text(encoding="utf-8"), ("start-up: call tree", "run time: call tree",
                                                        "run time: functions"), top))
    return "\n".join(parts)


PAIRED_GROUPS = (("echo", "ours-nolimit"), ("echo-typed", "ours-typed"), ("echo-independent", "ours-independent"))
"""``--paired`` without ``--only``: each mix's echo and ours, measured in turns."""


async def run_paired(keys: list[str], plan: Plan, workdir: Path, rounds: int, slice_s: float, stalls: bool,
                     bot_python: str | None) -> str:
    from bench.paired import report as paired_report
    from bench.paired import run_group

    group = await run_group(keys, plan, workdir / "-".join(keys), rounds, slice_s, running_bot, stalls=stalls,
                            bot_python=bot_python)
    return paired_report(group, plan, slice_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short phases, 10,000 instead of 100,000 users")
    parser.add_argument("--repeat", type=int, default=1, help="run every bot N times, interleaved (medians)")
    parser.add_argument("--stalls", action="store_true",
                        help="record event-loop stalls and full GC pauses in our bot (bench/stalls.py)")
    parser.add_argument("--api-latency-ms", type=float, default=0.0,
                        help="delay every Bot API answer, like the round trip to Telegram (default 0: loopback)")
    parser.add_argument("--bot-python", help="run the bots with this interpreter, e.g. a production install's "
                        "(pip install -e . without the test extras: no trio, which selenium brings and httpcore "
                        "then imports); default: this one")
    parser.add_argument("--only", help=f"comma-separated bots out of: {', '.join(SPECS)}")
    parser.add_argument("--paired", type=int, metavar="ROUNDS", default=0,
                        help="latency only: start echo and ours together and offer the fixed rate to each in turn, "
                             "ROUNDS rounds of short slices (bench/paired.py); --only gives one group, echo first")
    parser.add_argument("--slice-s", type=float, default=4.0, help="--paired: seconds per slice (default 4)")
    parser.add_argument("--profile", action="store_true", help="profile our bot at saturation with pyinstrument")
    parser.add_argument("--profile-out", type=Path, help="where to write the whole profile (default: a temp file)")
    parser.add_argument("--top", type=int, default=70, help="lines of the profile to print")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (bot logs, databases)")
    parser.add_argument("--cpu-profile", action="store_true",
                        help="our bots under cProfile with the CPU clock (not wall time: a blocking fsync is not "
                             "counted); prints CPU by package and our functions (bench/cpu_profile.py)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="our bots trace their Python allocations; prints what each still holds at exit (slower: "
                             "read its memory figures, not its CPU)")
    parser.add_argument("--tracemalloc-served", action="store_true",
                        help="as --tracemalloc, traced from the end of start-up: what serving left in the heap "
                             "(caches, per-chat state), by line too")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite",
                        help="postgres: each of our bots also on PostgreSQL (a private server on 127.0.0.1, as the "
                             "tests start it), its figures beside SQLite's")
    parser.add_argument("--echo-client", choices=("ptb", "ours"), default="ptb",
                        help="ours: the echo bot sends through bot.http's aiohttp client, as our bot does (the ratio "
                             "then compares the rest of the work, transport for transport)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.echo_client == "ours":
        ECHO_CLIENT.append("ours")
    if args.tracemalloc or args.tracemalloc_served:
        TRACEMALLOC.append("served" if args.tracemalloc_served else "all")
    if args.cpu_profile:
        CPU_PROFILE.append(True)
    keys = [k.strip() for k in args.only.split(",")] if args.only else \
        [k for k in SPECS if not (args.quick and k in QUICK_SKIPS)]
    if args.paired and not args.only:
        keys = [k for group in PAIRED_GROUPS for k in group]
    unknown = [k for k in keys if k not in SPECS]
    if unknown:
        parser.error(f"unknown bot(s) {', '.join(unknown)}; choose from {', '.join(SPECS)}")
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    command = " ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    server = None
    if args.database == "postgres":
        from tests.pgserver import NoServer, PgServer

        try:
            server = PgServer().start()
        except NoServer as exc:
            print(f"--database postgres needs a PostgreSQL server: {exc}", file=sys.stderr)
            return 2
        POSTGRES["url"] = server.url
        keys = with_postgres(keys)
    try:
        if args.profile:
            import importlib.util

            if importlib.util.find_spec("pyinstrument") is None:
                print("--profile needs pyinstrument: .venv/bin/pip install pyinstrument", file=sys.stderr)
                return 2
            out = args.profile_out or workdir / "profile.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            text = asyncio.run(run_profile(replace(plan, saturation_s=plan.saturation_s * 2), workdir, out,
                                           args.top))
            print(f"command: {command}\nprofile of our bot (no limiter), whole file: {out}\n\n{text}")
            return 0
        if args.paired:
            groups = [keys] if args.only else [list(g) for g in PAIRED_GROUPS]
            if args.database == "postgres" and not args.only:  # --only's keys have their twins already
                groups = [with_postgres(g) for g in groups]
            print(f"command: {command}\nload average at the start: {load_average()}\n")
            for group in groups:
                print(asyncio.run(run_paired(group, plan, workdir, args.paired, args.slice_s, args.stalls,
                                             args.bot_python)), flush=True)
            return 0
        load_before = load_average()
        results = asyncio.run(run(plan, keys, workdir, max(args.repeat, 1), args.stalls,
                                  args.api_latency_ms / 1000, args.bot_python))
        print(report(results, plan, command, load_before))
        for key, result in results.items() if CPU_PROFILE else []:
            from bench.cpu_profile import summary

            for path in sorted(workdir.glob(f"{key}-*/cpu.prof")):
                print(f"\nCPU PROFILE ({path.parent.name}, cProfile with the CPU clock)\n"
                      + summary(path, result.updates // max(result.runs, 1)))
        for path in sorted(workdir.glob("*/tracemalloc.txt")) if TRACEMALLOC else []:
            lines = path.read_text(encoding="utf-8").splitlines()
            by_line = lines[lines.index("by line:"):][:26] if "by line:" in lines else []
            print(f"\nPYTHON MEMORY HELD AT EXIT ({path.parent.name}, tracemalloc)\n" +
                  "\n".join(lines[:30] + by_line))
        return 0
    except BotFailed as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.stop()
        if args.keep or (args.profile_out is None and args.profile):
            print(f"working folder kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
