"""The shipped content, loaded and checked once per test session (about 2 s each time otherwise).

``ContentBase`` and ``Live`` are not changed after loading, so tests that only read the shipped content share
them; a test that edits content works on its own copy (``tests/content/conftest.py``'s ``tree``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.content.base import ContentBase
from bot.content.loader import load_content
from bot.content.problems import Problems
from bot.live import Live, LiveContent

SHIPPED_CONTENT = Path(__file__).resolve().parents[1] / "content"


@cache
def shipped_content() -> tuple[ContentBase | None, Problems]:
    return load_content(SHIPPED_CONTENT)


@cache
def shipped_live() -> Live:
    return LiveContent.open(SHIPPED_CONTENT).current


def shipped_live_content() -> LiveContent:
    """A fresh holder of the shared snapshot (a reload replaces the holder's snapshot, never the shared one)."""
    return LiveContent(SHIPPED_CONTENT, shipped_live())
