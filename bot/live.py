"""The content the bot serves right now, and its safe replacement when staff change the files.

A ``Live`` snapshot bundles the checked content with everything derived from it (search index, crisis screen,
questionnaire engine), so a reload swaps all of it in one assignment: an update never sees new pages with an old
index. Loading runs in a worker thread, so answering does not pause while the new content is checked.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from bot.content.base import ContentBase
from bot.content.loader import content_fingerprint, load_content
from bot.content.problems import Problems
from bot.intake.engine import IntakeEngine
from bot.safety.crisis import CrisisScreen
from bot.search.distress import DistressScreen
from bot.search.index import FaqIndex

log = logging.getLogger(__name__)

RELOAD_SWITCH_INTERVAL = 0.0005


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

    @classmethod
    def build(cls, content: ContentBase, fingerprint: str) -> Live:
        intakes = {lang: c.intake for lang, c in content.languages.items()}
        intake_json = json.dumps({lang: i.model_dump(mode="json") for lang, i in intakes.items()},
                                 ensure_ascii=False, sort_keys=True)
        return cls(
            content=content,
            faq=FaqIndex.build({lang: c.faq for lang, c in content.languages.items()}),
            crisis=CrisisScreen.build({lang: c.crisis for lang, c in content.languages.items()}),
            distress=DistressScreen.build({lang: c.distress for lang, c in content.languages.items()}),
            intake=IntakeEngine(intakes),
            intake_key=hashlib.sha256(intake_json.encode("utf-8")).hexdigest()[:16],
            intake_json=intake_json,
            fingerprint=fingerprint,
        )


def load_live(content_dir: Path) -> tuple[Live | None, Problems]:
    fingerprint = content_fingerprint(content_dir)
    content, problems = load_content(content_dir)
    if content is None:
        return None, problems
    return Live.build(content, fingerprint), problems


class LiveContent:
    """Holds the current snapshot; ``reload`` replaces it only with content that passed the checker."""

    def __init__(self, content_dir: Path, initial: Live) -> None:
        self.content_dir = content_dir
        self.current = initial
        self._lock = asyncio.Lock()

    @classmethod
    def open(cls, content_dir: Path) -> LiveContent:
        live, problems = load_live(content_dir)
        if live is None:
            raise ContentRefused(problems.report())
        return cls(content_dir, live)

    def changed_on_disk(self) -> bool:
        return content_fingerprint(self.content_dir) != self.current.fingerprint

    async def reload(self) -> tuple[bool, str]:
        """Check the files again; swap them in if they pass. Returns (swapped, checker report)."""
        async with self._lock:
            # While the worker thread loads, the event loop must win the interpreter lock back quickly after each
            # network wake-up; with the default 5 ms switch interval answers queue up behind the loader.
            interval = sys.getswitchinterval()
            sys.setswitchinterval(RELOAD_SWITCH_INTERVAL)
            try:
                live, problems = await asyncio.to_thread(load_live, self.content_dir)
            finally:
                sys.setswitchinterval(interval)
            if live is None:
                # Remember the broken state so the watcher does not report it again every few seconds.
                self.current = _with_fingerprint(self.current, content_fingerprint(self.content_dir))
                log.warning("content reload refused: %d error(s)", len(problems.errors))
                return False, problems.report(details=False)
            self.current = live
            log.info("content reloaded (%s)", live.fingerprint)
            return True, problems.report(details=False)


def _with_fingerprint(live: Live, fingerprint: str) -> Live:
    return replace(live, fingerprint=fingerprint)
