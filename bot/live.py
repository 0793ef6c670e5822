"""The content the bot serves right now, and its safe replacement when staff change the files.

A ``Live`` snapshot bundles the checked content with everything derived from it (search index, crisis screen,
questionnaire engine), so a reload swaps all of it in one assignment: an update never sees new pages with an old
index.

Start-up reads the compiled content cache (``bot.content.cache``) when the files are unchanged, so the crisis screen
is ready in tens of milliseconds; otherwise the builder process (``bot.livebuild``) checks and compiles the files
into the cache first, and the bot reads that (if the builder fails, or on the very first start, when there is no
cache folder yet, the bot loads the files itself and writes the cache after start-up). A reload is
built the same way, beside the bot; the bot then reads back only the parts whose inputs changed (a page edit keeps
the crisis screen and the search index as they are), so answering never competes with the checker for the
interpreter. A bot that loaded its content itself (no cache folder yet: the very first start, every test on a fresh
data folder) reloads in a worker thread as before, and so does one without a cache directory (scripts).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.content import cache
from bot.content.base import ContentBase
from bot.content.fingerprint import content_fingerprint
from bot.content.problems import Problems
from bot.intake.engine import IntakeEngine
from bot.safety.crisis import CrisisScreen
from bot.search.distress import DistressScreen
from bot.search.index import FaqIndex

log = logging.getLogger(__name__)

RELOAD_SWITCH_INTERVAL = 0.0005
BUILDER_TIMEOUT_S = 120
BUILDER_FAILED = ("内容を確認できませんでした（確認用のプロセスが止まりました）。ボットのログに理由があります。"
                  "ファイルを直して保存し直すか、/reload でもう一度確認してください。")
CACHE_UNREADABLE = ("内容は確認できましたが、確認済みの写しを読めませんでした（ボットのログに理由があります）。"
                    "/reload でもう一度確認してください。")


class ContentRefused(Exception):
    """The content has errors; ``report`` is the checker's text for staff."""

    def __init__(self, report: str) -> None:
        super().__init__("content has errors")
        self.report = report


@dataclass(frozen=True)
class Live:
    content: ContentBase
    faq: FaqIndex
    crisis: CrisisScreen
    distress: DistressScreen
    intake: IntakeEngine
    intake_key: str
    """Identifies the questionnaire (both languages); drafts remember it to keep their question set."""
    intake_json: str
    fingerprint: str
    digests: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Digest of each part's inputs (``PARTS``), when the snapshot went through the cache: a reload keeps the
    parts whose digest did not change."""

    @property
    def policies(self) -> dict[str, str]:
        """The clinic's yes/no decisions of settings.yaml, which the questionnaire follows (``bot.intake.policy``)."""
        return self.content.settings.policy.decisions()

    @classmethod
    def build(cls, content: ContentBase, fingerprint: str) -> Live:
        return cls.from_values({name: build_part(name, content, fingerprint) for name in PARTS})

    @classmethod
    def from_values(cls, values: dict[str, Any], digests: dict[str, str] | None = None) -> Live:
        """The snapshot of its parts' values (as ``part`` gives them)."""
        content, intake_key, intake_json, fingerprint = values["content"]
        return cls(content=content, faq=values["faq"], crisis=values["crisis"], distress=values["distress"],
                   intake=values["intake"], intake_key=intake_key, intake_json=intake_json, fingerprint=fingerprint,
                   digests=digests or {})

    def part(self, name: str) -> Any:
        """One part's value as it is cached: "content" is (content, intake key, intake JSON, fingerprint)."""
        if name == "content":
            return self.content, self.intake_key, self.intake_json, self.fingerprint
        return getattr(self, name)


PARTS = ("content", "faq", "crisis", "distress", "intake")
"""The parts a snapshot is cached in; each is rebuilt from its own inputs only."""


def build_part(name: str, content: ContentBase, fingerprint: str) -> Any:
    """One part of a snapshot, built from ``content``; ``content`` itself is (content, intake key, intake JSON,
    fingerprint)."""
    if name == "content":
        intakes = _per_language(content, "intake")
        intake_json = json.dumps({lang: i.model_dump(mode="json") for lang, i in intakes.items()},
                                 ensure_ascii=False, sort_keys=True)
        return content, hashlib.sha256(intake_json.encode("utf-8")).hexdigest()[:16], intake_json, fingerprint
    builders: dict[str, Any] = {"faq": FaqIndex.build, "crisis": CrisisScreen.build, "distress": DistressScreen.build,
                                "intake": IntakeEngine}
    return builders[name](_per_language(content, name))


def _per_language(content: ContentBase, name: str) -> dict[str, Any]:
    """One field of every language's content, by language: what a part is built from."""
    return {lang: getattr(c, name) for lang, c in content.languages.items()}


def part_digests(content: ContentBase, key: str, code: str) -> dict[str, str]:
    """What each part was built from: the content part from everything (``key``), the others from their files."""
    return {"content": key, **{name: cache.inputs_digest(code, name, _per_language(content, name))
                               for name in PARTS[1:]}}


def to_parts(live: Live, key: str, code: str) -> cache.Parts:
    digests = part_digests(live.content, key, code)
    return {name: (digests[name], cache.dumps(live.part(name))) for name in PARTS}


def from_parts(parts: cache.Parts, keep: Live | None = None) -> Live:
    """The snapshot in ``parts``; parts whose digest matches ``keep``'s are taken from ``keep`` unread."""
    values: dict[str, Any] = {}
    for name in PARTS:
        digest, data = parts[name]
        values[name] = keep.part(name) if keep is not None and keep.digests.get(name) == digest \
            else cache.loads(data)
    return Live.from_values(values, {name: digest for name, (digest, _) in parts.items()})


class FilesChanged(Exception):
    """The content files changed while they were being checked; check them again."""


def build_cache(content_dir: Path, cache_dir: Path, *, previous: str | None = None) -> tuple[str | None, Problems]:
    """Load and check ``content_dir`` and save it in ``cache_dir``; the cache key, or None when it has errors.

    ``previous``: the key of the snapshot the bot serves now (a reload). Its parts whose inputs did not change are
    copied as they were saved instead of built again: a page edit builds neither the search index (whose readings
    touch much of the analyser's dictionary) nor the crisis screen, which keeps the builder's memory and CPU down
    while the bot answers beside it. Everything is checked all the same.

    The key is taken before and after loading: files edited meanwhile raise ``FilesChanged`` instead of being
    saved under the old key."""
    with cache.programs_kept():  # the patterns compiled here are saved without a second compile
        return _build_cache(content_dir, cache_dir, previous)


def _build_cache(content_dir: Path, cache_dir: Path, previous: str | None) -> tuple[str | None, Problems]:
    code = cache.code_key()
    key = cache.content_key(content_dir, code)
    from bot.content.loader import load_content  # the checker and its libraries: only to build, not to serve

    fingerprint = content_fingerprint(content_dir)
    content, problems = load_content(content_dir)
    if content is None:
        return None, problems
    digests = part_digests(content, key, code)
    earlier = (cache.read(cache_dir, previous) if previous else None) or {}
    parts: cache.Parts = {}
    for name in PARTS:
        kept = earlier.get(name)
        if kept is not None and kept[0] == digests[name]:
            parts[name] = kept
        else:
            parts[name] = (digests[name], cache.dumps(build_part(name, content, fingerprint)))
    if cache.content_key(content_dir, code) != key:
        raise FilesChanged(str(content_dir))
    if not cache.write(cache_dir, key, parts):
        raise OSError(f"could not write the content cache in {cache_dir}")
    return key, problems


def load_live(content_dir: Path) -> tuple[Live | None, Problems]:
    from bot.content.loader import load_content

    fingerprint = content_fingerprint(content_dir)
    content, problems = load_content(content_dir)
    if content is None:
        return None, problems
    return Live.build(content, fingerprint), problems


class LiveContent:
    """Holds the current snapshot; ``reload`` replaces it only with content that passed the checker."""

    def __init__(self, content_dir: Path, initial: Live, *, cache_dir: Path | None = None) -> None:
        self.content_dir = content_dir
        self.current = initial
        self.cache_dir = cache_dir
        """Where compiled snapshots are kept; None: no cache, reloads are built in a worker thread."""
        self.source = "files"
        """Where the snapshot came from at start: ``cache`` (unchanged files), ``builder`` (built by the builder
        process, then read from the cache) or ``files`` (loaded in this process)."""
        self.cache_stale = False
        """The cache holds no copy of the current content: ``write_cache`` makes one (app.py, after start-up)."""
        self._lock = asyncio.Lock()

    @property
    def opened_from_cache(self) -> bool:
        return self.source != "files"

    @classmethod
    def open(cls, content_dir: Path, *, cache_dir: Path | None = None) -> LiveContent:
        """The content as it is on disk; from the compiled cache when it matches the files exactly."""
        fingerprint = content_fingerprint(content_dir)  # before the key: an edit in between is reloaded later
        if cache_dir is not None:
            key = cache.content_key(content_dir)
            parts = cache.read(cache_dir, key)
            if parts is not None:
                try:
                    cached = replace(from_parts(parts), fingerprint=fingerprint)
                except Exception as exc:  # a file of an older layout that unpickled: load the files instead
                    log.warning("content cache unusable (%s); loading the content files", type(exc).__name__)
                else:
                    opened = cls(content_dir, cached, cache_dir=cache_dir)
                    opened.source = "cache"
                    return opened
            # A cache folder from an earlier start: the builder makes the new copy (the bot's memory stays low).
            # None yet (the very first start): load here at once and write the copy after start-up.
            built = cls._open_built(content_dir, cache_dir, fingerprint) if cache_dir.is_dir() else None
            if built is not None:
                return built
        loaded, problems = load_live(content_dir)
        if loaded is None:
            raise ContentRefused(problems.report())
        if cache_dir is not None:
            code = cache.code_key()
            loaded = replace(loaded, digests=part_digests(loaded.content, cache.content_key(content_dir, code), code))
        opened = cls(content_dir, loaded, cache_dir=cache_dir)
        opened.cache_stale = cache_dir is not None
        return opened

    @classmethod
    def _open_built(cls, content_dir: Path, cache_dir: Path, fingerprint: str) -> LiveContent | None:
        """No usable cache: the builder process checks and compiles the files, then the cache is read. The heavy
        load (the checker's copies, the search index's readings) then never lands in this process's memory
        (226 MB against 145 MB peak RSS, bench/run.py). None when the builder failed: load here instead."""
        try:
            done = subprocess.run([*_builder_command(content_dir, cache_dir), "--details"], capture_output=True,
                                  env=_builder_environment(), check=False, timeout=BUILDER_TIMEOUT_S)
            answer = json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
        except (OSError, subprocess.TimeoutExpired, ValueError, IndexError) as exc:
            log.warning("the content builder failed (%s); loading the content here", type(exc).__name__)
            return None
        if answer.get("key") is None and answer.get("errors"):
            raise ContentRefused(answer["report"])
        parts = cache.read(cache_dir, answer["key"]) if answer.get("key") else None
        if parts is None:
            return None
        opened = cls(content_dir, replace(from_parts(parts), fingerprint=fingerprint), cache_dir=cache_dir)
        opened.source = "builder"
        return opened

    def changed_on_disk(self) -> bool:
        return content_fingerprint(self.content_dir) != self.current.fingerprint

    async def write_cache(self) -> None:
        """Save the compiled copy for the next start, built by a separate process (the bot keeps answering)."""
        if self.cache_dir is None or not self.cache_stale:
            return
        async with self._lock:
            answer = await self._build(self.cache_dir)
            if answer is not None and answer.get("key"):
                self.cache_stale = False
                log.info("content cache written for the next start")

    async def reload(self) -> tuple[bool, str]:
        """Check the files again; swap them in if they pass. Returns (swapped, checker report)."""
        async with self._lock:
            if self.cache_dir is not None and self.source != "files":
                return await self._reload_in_process(self.cache_dir)
            # While the worker thread loads, the event loop must win the interpreter lock back quickly after each
            # network wake-up; with the default 5 ms switch interval answers queue up behind the loader.
            with _short_switch_interval():
                live, problems = await asyncio.to_thread(load_live, self.content_dir)
            if live is None:
                return self._refused(len(problems.errors), problems.report(details=False))
            self.cache_stale = self.cache_dir is not None
            return self._swap(live, problems.report(details=False))

    async def _build(self, cache_dir: Path) -> dict[str, Any] | None:
        """Run ``bot.livebuild`` and return its answer; None (logged) when it failed."""
        serving = self.current.digests.get("content")  # the cache key of the snapshot served now, if it has one
        builder = await asyncio.create_subprocess_exec(
            *_builder_command(self.content_dir, cache_dir), "--nice", *(["--previous", serving] if serving else []),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=_builder_environment())
        out, err = await builder.communicate()
        try:
            answer: dict[str, Any] = json.loads(out.decode("utf-8").strip().splitlines()[-1])
            return answer
        except (ValueError, IndexError):
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:]
            log.error("the content builder failed (exit %s): %s", builder.returncode, last[0] if last else "-")
            return None

    async def _reload_in_process(self, cache_dir: Path) -> tuple[bool, str]:
        started = time.perf_counter()
        answer = await self._build(cache_dir)
        if answer is None:  # remembered like refused content, so the watcher does not start it every few seconds
            return self._refused(0, BUILDER_FAILED)
        if answer.get("changed"):  # the fingerprint stays old, so the watcher checks the files again
            return False, "確認中にファイルが変わりました。まもなくもう一度確認します。"
        if answer["key"] is None:
            return self._refused(answer["errors"], answer["report"])
        parts = await asyncio.to_thread(functools.partial(cache.read, cache_dir, answer["key"],
                                                          known=self.current.digests))
        if parts is None:
            return self._refused(0, CACHE_UNREADABLE)
        with _short_switch_interval():  # only the parts that changed are read: a page edit reads ~10 ms
            live = await asyncio.to_thread(from_parts, parts, self.current)
        live = replace(live, fingerprint=answer["fingerprint"])
        kept = sum(1 for name in PARTS if self.current.digests.get(name) == live.digests.get(name))
        log.info("content built in %.2f s by a separate process; %d of %d parts unchanged", time.perf_counter()
                 - started, kept, len(PARTS))
        self.cache_stale = False
        return self._swap(live, answer["report"])

    def _refused(self, errors: int, report: str) -> tuple[bool, str]:
        # Remember the broken state so the watcher does not report it again every few seconds.
        self.current = _with_fingerprint(self.current, content_fingerprint(self.content_dir))
        log.warning("content reload refused: %d error(s)", errors)
        return False, report

    def _swap(self, live: Live, report: str) -> tuple[bool, str]:
        self.current = live
        log.info("content reloaded (%s)", live.fingerprint)
        return True, report


@contextlib.contextmanager
def _short_switch_interval() -> Iterator[None]:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(RELOAD_SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def _builder_command(content_dir: Path, cache_dir: Path) -> list[str]:
    return [sys.executable, "-m", "bot.livebuild", str(content_dir), str(cache_dir)]


def _builder_environment() -> dict[str, str]:
    """This process's environment, with the folder holding ``bot`` first on the path (a checkout works too)."""
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _with_fingerprint(live: Live, fingerprint: str) -> Live:
    return replace(live, fingerprint=fingerprint)
