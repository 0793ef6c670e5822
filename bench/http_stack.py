"""The HTTP stack under concurrency: CPU per Bot API request through PTB's HTTPXRequest (httpx, form-encoded) or
ours (``bot.http.AiohttpRequest``: aiohttp, one JSON body), by connection pool size and number of requests in
flight, with and without ``sniffio`` installed (httpx only).

    .venv/bin/python bench/http_stack.py                          # this interpreter
    .venv/bin/python bench/http_stack.py --python /srv/venv/bin/python --python /tmp/plain/bin/python
    .venv/bin/python bench/http_stack.py --clients form,ours --body page --pools 8 --concurrency 1,32
                                                                  # PTB's HTTPXRequest against ours

The fake Bot API (``bench/fake_api.py``) runs in this process; each measurement runs the client in a fresh
subprocess of the given interpreter (python-telegram-bot, and aiohttp for ours, installed there), which sends
``sendMessage`` from ``--concurrency`` tasks at once through one ``Bot`` and reports its own CPU time per request.
It also counts the imports that failed while it sent (a finder placed last on ``sys.meta_path`` sees exactly
those): httpcore asks for ``sniffio`` each time it sets up a lock or an event, several times per request, and
without the package every attempt walks ``sys.path`` again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TOKEN = "123456:BENCH-not-a-real-token"
TARGET_RATIO = 1.1
"""CPU per request of a pool size against the best measured, as the per-request target of bench/run.py."""

_CLIENT = r"""
import asyncio, importlib.abc, json, sys, time
failed = []

class Last(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        failed.append(name)
        return None

async def main(base_url, pool, concurrency, requests, client, body):
    from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
    from telegram.request import HTTPXRequest
    if client == "ours":
        from bot.http import AiohttpRequest as Request
    else:
        Request = HTTPXRequest
    bot = Bot("TOKEN", base_url=base_url, request=Request(connection_pool_size=pool, pool_timeout=30))
    if body == "page":  # one of our pages: Japanese HTML with a keyboard
        text = "<b>TMS治療とは</b>\n" + "TMS（経頭蓋磁気刺激）治療は、頭に当てたコイルから磁気を送り、" \
            "脳の働きを整える治療です。" * 8
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("📖 もっと詳しく", callback_data="p:tms:1")],
                                         [InlineKeyboardButton("安全性", callback_data="p:tms_safety"),
                                          InlineKeyboardButton("費用", callback_data="p:costs")],
                                         [InlineKeyboardButton("🏠 メニュー", callback_data="a:home")]])
    else:  # what the echo bot sends
        text, keyboard = "an answer of ordinary length for a patient's question", None
    async with bot:
        await bot.send_message(1, "warm-up")
        per_task = requests // concurrency
        async def one_task():
            for _ in range(per_task):
                await bot.send_message(700000001, text, parse_mode="HTML" if keyboard else None,
                                       reply_markup=keyboard)
        sys.meta_path.append(Last())
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(one_task() for _ in range(concurrency)))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        sys.meta_path.pop()
    sent = per_task * concurrency
    print(json.dumps({"cpu_ms": 1000 * cpu / sent, "per_s": sent / wall, "failed": len(failed) / sent,
                      "names": sorted(set(failed))}))

asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]))
""".replace("TOKEN", TOKEN)


def has_sniffio(python: str) -> bool:
    return subprocess.run([python, "-c", "import sniffio"], capture_output=True, check=False).returncode == 0


async def measure(python: str, base_url: str, pool: int, concurrency: int, requests: int, client: str = "form",
                  body: str = "short") -> dict[str, float]:
    process = await asyncio.create_subprocess_exec(python, "-c", _CLIENT, base_url, str(pool), str(concurrency),
                                                   str(requests), client, body, stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.PIPE, cwd=REPO)
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{python}: the client failed:\n{err.decode(errors='replace')[-2000:]}")
    result: dict[str, float] = json.loads(out)
    return result


async def run(pythons: list[str], pools: list[int], concurrencies: list[int], requests: int,
              repeat: int, clients: tuple[str, ...] = ("form",), body: str = "short") -> list[list[str]]:
    from bench.fake_api import FakeApi

    rows: list[list[str]] = []
    async with FakeApi(TOKEN) as api:
        for python in pythons:
            label = f"{python} ({'with' if has_sniffio(python) else 'WITHOUT'} sniffio)"
            for concurrency in concurrencies:
                found: dict[tuple[str, int], dict[str, float]] = {}
                for pool in pools:
                    for _ in range(repeat):  # the clients interleaved, so load on the machine hits both alike
                        for client in clients:
                            got = await measure(python, api.base_url, pool, concurrency, requests, client, body)
                            if (client, pool) not in found or got["cpu_ms"] < found[client, pool]["cpu_ms"]:
                                found[client, pool] = got
                lowest = min(r["cpu_ms"] for r in found.values())
                for (client, pool), best in found.items():
                    rows.append([label, client, str(concurrency), str(pool), f"{best['cpu_ms']:.3f}",
                                 f"{best['cpu_ms'] / lowest:.2f}x", f"{best['per_s']:.0f}", f"{best['failed']:.1f}",
                                 ",".join(best.get("names", [])) or "-"])  # type: ignore[arg-type]
    return rows


def main(argv: list[str] | None = None) -> int:
    from bench.measure import table

    parser = argparse.ArgumentParser(prog="bench/http_stack.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", action="append", help="interpreter(s) to measure (default: this one)")
    parser.add_argument("--pools", default="1,4,8,16,32,64,256", help="connection pool sizes")
    parser.add_argument("--concurrency", default="1,32", help="requests in flight at once")
    parser.add_argument("--requests", type=int, default=2048, help="requests per measurement")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell (the lowest CPU is shown)")
    parser.add_argument("--clients", default="form",
                        help="form: PTB's HTTPXRequest (httpx); ours: bot.http.AiohttpRequest; both: form,ours")
    parser.add_argument("--body", choices=("short", "page"), default="short",
                        help="short: a short ASCII text (what echo sends); page: Japanese HTML with a keyboard")
    args = parser.parse_args(argv)
    rows = asyncio.run(run(args.python or [sys.executable], [int(p) for p in args.pools.split(",")],
                           [int(c) for c in args.concurrency.split(",")], args.requests, args.repeat,
                           tuple(args.clients.split(",")), args.body))
    print(table(("client interpreter", "request", "in flight", "pool", "CPU ms/request",
                 f"vs best (target {TARGET_RATIO}x)",
                 "requests/s", "failed imports/request", "failed names"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
