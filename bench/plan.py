"""What a benchmark run does: the durations and sizes of its phases, and the bots it runs.

    echo            bench/echo_bot.py, the framework's floor
    ours            bench/bot_process.py, as shipped: AIORateLimiter caps sending at 30 requests/s
    ours-nolimit    the same with the limiter's limits switched off (BENCH_RATE_LIMIT=off), 1,000 known users,
                    and the content reloads under load
    ours-large      ours-nolimit with 100,000 known users (10,000 with --quick), started with no usable cache
    echo-typed, ours-typed        the second mix: typed text and button presses from 300 users (no limiter)
    echo-independent, ours-independent
                    the independent mix: other questions, other pages, the application with typed answers,
                    from 400 users (no limiter)
    echo-webhook, ours-webhook    the fixed rate again, with updates POSTed to a webhook

Our bot starts with its compiled content cache in place (as after its first start), except ``ours-large``, which
starts without one (as the very first start or after a content or code change).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

SATURATION = "saturation"


@dataclass(frozen=True)
class Plan:
    """Durations (seconds) and sizes of one run."""

    saturation_s: float
    steady_s: float
    warmup_s: float
    reload_s: float
    rate: float
    saturation_users: int
    """Active users at saturation: enough that the fastest bot never runs out of work."""
    limited_users: int
    """Active users at saturation for the rate-limited bot (its queue drains in seconds, not minutes)."""
    steady_users: int
    small_population: int
    large_population: int
    drain_s: float
    saturation_think_s: float = 0.05
    """A user's pause after an answer; short at saturation (a session of at most 6 steps stays inside the flood
    guard's burst of 8, and a user comes back only after the whole population had its turn)."""
    steady_think_s: float = 0.2

    @property
    def steady(self) -> str:
        return f"rate {self.rate:g}/s"


FULL = Plan(saturation_s=8, steady_s=10, warmup_s=1.5, reload_s=12, rate=100, saturation_users=200,
            limited_users=30, steady_users=100, small_population=1000, large_population=100_000, drain_s=20)
# reload_s: the reload builds in its own process (about 5 s on the 2-core machine without a cache hit), so a
# shorter window ends before the staff chat hears whether it swapped
QUICK = Plan(saturation_s=1, steady_s=1, warmup_s=0.3, reload_s=7, rate=100, saturation_users=200,
             limited_users=30, steady_users=100, small_population=1000, large_population=10_000, drain_s=6)


@dataclass(frozen=True)
class BotSpec:
    key: str
    label: str
    script: str
    ours: bool
    limiter: bool = False
    large: bool = False
    webhook: bool = False
    reload: bool = False
    postgres: bool = False
    """Our bot on PostgreSQL (``--database postgres``) instead of SQLite in its data folder."""
    mix: str = "project"
    """``project`` (bench/stream.py SESSIONS), ``typed`` (TYPED_SESSIONS, 300 users) or ``independent``
    (INDEPENDENT_SESSIONS, 400 users)."""
    cold: bool = False
    """Start with no usable content cache (an earlier start's folder, other files): the builder process makes one."""


SPECS = {s.key: s for s in (
    BotSpec("echo", "echo", "echo_bot.py", ours=False),
    BotSpec("ours", "ours (limiter 30/s)", "bot_process.py", ours=True, limiter=True),
    BotSpec("ours-nolimit", "ours (no limiter)", "bot_process.py", ours=True, reload=True),
    BotSpec("ours-large", "ours (no limiter, {n} users, no cache)", "bot_process.py", ours=True, large=True,
            cold=True),
    BotSpec("echo-typed", "echo, typed mix", "echo_bot.py", ours=False, mix="typed"),
    BotSpec("ours-typed", "ours (no limiter), typed mix", "bot_process.py", ours=True, mix="typed"),
    BotSpec("echo-independent", "echo, independent mix", "echo_bot.py", ours=False, mix="independent"),
    BotSpec("ours-independent", "ours (no limiter), independent mix", "bot_process.py", ours=True,
            mix="independent"),
    BotSpec("echo-webhook", "echo, webhook", "echo_bot.py", ours=False, webhook=True),
    BotSpec("ours-webhook", "ours (no limiter), webhook", "bot_process.py", ours=True, webhook=True),
)}
QUICK_SKIPS = ("echo-webhook", "ours-webhook")


def with_postgres(keys: list[str]) -> list[str]:
    """``--database postgres``: after each of our bots, the same bot on PostgreSQL (key ``...-pg``), so every
    figure has its SQLite twin beside it."""
    for key in [k for k in keys if SPECS[k].ours]:
        spec = SPECS[key]
        # every field copied (the typed mix's twin once ran the ordinary mix), only these changed:
        SPECS[f"{key}-pg"] = replace(spec, key=f"{key}-pg", label=spec.label + ", PostgreSQL", reload=False,
                                     postgres=True)
    return [k2 for k in keys for k2 in ((k, f"{k}-pg") if SPECS[k].ours else (k,))]

TYPED_USERS = 300
"""Active users of the typed mix, at saturation and at the fixed rate."""
MIX_USERS = {"typed": TYPED_USERS, "independent": 400}
"""Active users of the second and third mixes, at saturation and at the fixed rate."""
