"""Profiling our bot in its benchmark subprocess with pyinstrument: start-up and run time as separate profiles.

The start-up profile runs from process start to the end of ``post_init`` (imports, content load and check,
database, command registration). The run-time profile covers the rest, at whatever load ``bench/run.py`` offers.
pyinstrument samples the main thread's stack (``async_mode="disabled"``, so waiting shows up as the event loop's
``select``, not as time in the handler that awaits). Besides its call tree and flat list, each sample is summed
into groups, so the share of our code, PTB, the HTTP client and idle waiting can be read at a glance:

* own time: the innermost Python frame's package (a C call such as SQLite's ``execute`` counts for its caller);
* inclusive time: every group that appears anywhere on the stack;
* our functions: the innermost function of ``bot/`` on the stack, when no PTB, HTTP or event-loop frame lies
  below it, i.e. the time of our code together with the libraries it calls (SQLite, re, Markdown, Jinja ...).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pyinstrument import Profiler
from pyinstrument.session import Session

INTERVAL_S = 0.001
_LIBRARIES = ("telegram", "httpx", "httpcore", "h11", "anyio", "markdown_it", "jinja2", "yaml", "pydantic",
              "rapidfuzz", "aiolimiter", "tornado", "sqlite3", "json", "re", "logging", "asyncio", "selectors",
              "ssl", "email", "urllib", "pyinstrument")
_HTTP = ("httpx", "httpcore", "h11", "anyio")
_FRAMEWORK = frozenset({"telegram", "HTTP client", "asyncio", "waiting (select)", "pyinstrument", "tornado",
                        "aiolimiter", "ssl", "urllib"})


def group_of(path: str) -> str:
    """``bot/handlers``, ``telegram``, ``HTTP client``, ``asyncio`` ... for a source file path."""
    path = path.replace("\\", "/")
    if "/bot/" in path and "/site-packages/" not in path:
        rest = path.rsplit("/bot/", 1)[1]
        return "bot/" + rest.split("/", 1)[0].removesuffix(".py") if "/" in rest else "bot/" + rest.removesuffix(".py")
    if "/bench/" in path:
        return "bench"
    parts = path.split("/")
    for name in reversed(parts[:-1]):
        if name in _LIBRARIES:
            return "HTTP client" if name in _HTTP else name
    stem = parts[-1].removesuffix(".py")
    if stem in ("selectors", "threading"):
        return "waiting (select)" if stem == "selectors" else stem
    return stem if stem in _LIBRARIES else f"other ({stem})"


def _file_of(identifier: str) -> str:
    return identifier.split("\x00")[1] if "\x00" in identifier else ""


def _function_of(identifier: str) -> str:
    """``bot/handlers/menu.py:open_page`` for a frame identifier."""
    parts = identifier.split("\x00")
    path = parts[1].replace("\\", "/") if len(parts) > 1 else ""
    return "bot/" + path.rsplit("/bot/", 1)[-1] + ":" + parts[0]


def _our_function(stack: Sequence[str]) -> str | None:
    for frame in reversed(stack):
        path = _file_of(frame)
        if not path or path.startswith("<"):
            continue
        group = group_of(path)
        if group.startswith("bot/"):
            return _function_of(frame)
        if group in _FRAMEWORK:
            return None
    return None


def summarize(session: Session) -> dict[str, dict[str, float]]:
    """Seconds per group: ``own`` (innermost Python frame) and ``inclusive`` (anywhere on the stack)."""
    own: dict[str, float] = {}
    inclusive: dict[str, float] = {}
    ours: dict[str, float] = {}
    for stack, seconds in session.frame_records:
        function = _our_function(stack[1:])
        if function is not None:
            ours[function] = ours.get(function, 0.0) + seconds
        files = [f for f in (_file_of(frame) for frame in stack[1:]) if f and not f.startswith("<")]
        if not files:
            continue
        leaf = group_of(files[-1])
        own[leaf] = own.get(leaf, 0.0) + seconds
        for group in {group_of(f) for f in files}:
            inclusive[group] = inclusive.get(group, 0.0) + seconds
    return {"own": own, "inclusive": inclusive, "ours": ours, "total": {"seconds": session.duration}}


class Profiles:
    """Start-up then run-time profiling of this process; ``write`` saves both to ``path``, a JSON summary beside it
    and the raw sessions (``pyinstrument --load PATH.run-time.pyisession`` opens one again, e.g. as HTML)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.startup: Profiler = Profiler(interval=INTERVAL_S, async_mode="disabled")
        self.runtime: Profiler | None = None
        self.startup.start()

    def switch(self) -> None:
        """Start-up is over (called at the end of ``post_init``): profile the run from here."""
        if self.runtime is None:
            self.startup.stop()
            self.runtime = Profiler(interval=INTERVAL_S, async_mode="disabled")
            self.runtime.start()

    def write(self) -> None:
        sections: list[str] = []
        summary: dict[str, Any] = {}
        profilers = [(name, p) for name, p in (("start-up", self.startup), ("run time", self.runtime)) if p is not None]
        for _name, profiler in profilers:  # stop both first, so the write-up is not profiled itself
            if profiler.is_running:
                profiler.stop()
        for name, profiler in profilers:
            session = profiler.last_session
            if session is None:
                continue
            summary[name] = summarize(session)
            session.save(str(self.path.with_suffix(f".{name.replace(' ', '-')}.pyisession")))
            sections.append(f"== {name}: call tree ==\n"
                            + profiler.output_text(unicode=True, color=False, show_all=False))
            sections.append(f"== {name}: functions by own time ==\n"
                            + profiler.output_text(unicode=True, color=False, flat=True))
        self.path.write_text("\n".join(sections), encoding="utf-8")
        self.path.with_suffix(".json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


def group_table(summary: dict[str, dict[str, float]], updates: int, top: int = 14) -> list[tuple[str, ...]]:
    """Rows (group, own s, own ms/update, own %, inclusive s) sorted by own time."""
    total = sum(summary["own"].values()) or 1.0
    rows: list[tuple[str, ...]] = []
    for group, seconds in sorted(summary["own"].items(), key=lambda item: -item[1])[:top]:
        rows.append((group, f"{seconds:.2f}", f"{1000 * seconds / max(updates, 1):.3f}", f"{100 * seconds / total:.1f}",
                     f"{summary['inclusive'].get(group, 0.0):.2f}"))
    return rows


def function_table(summary: dict[str, dict[str, float]], updates: int, top: int = 15) -> list[tuple[str, ...]]:
    """Rows (our function, s, ms/update) sorted by time, with a total line first."""
    ours = summary.get("ours", {})
    total = sum(ours.values())
    rows: list[tuple[str, ...]] = [("(all of our code)", f"{total:.2f}", f"{1000 * total / max(updates, 1):.3f}")]
    for function, seconds in sorted(ours.items(), key=lambda item: -item[1])[:top]:
        rows.append((function, f"{seconds:.2f}", f"{1000 * seconds / max(updates, 1):.3f}"))
    return rows


def cut(text: str, sections: Sequence[str], lines: int) -> str:
    """The first ``lines`` lines of each named section of a written profile."""
    parts = text.split("== ")
    chosen = [p for p in parts if any(p.startswith(name) for name in sections)]
    return "\n".join("== " + "\n".join(p.splitlines()[:lines]) for p in chosen)
