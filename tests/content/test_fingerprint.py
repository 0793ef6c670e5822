"""The fingerprint that picks the content cache, and start-up reading that cache without the loader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.content import loader
from bot.content.fingerprint import content_fingerprint


def test_fingerprint_follows_names_sizes_and_times(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    first = content_fingerprint(tmp_path)
    assert content_fingerprint(tmp_path) == first
    (tmp_path / "a.yaml").write_text("x: 12\n", encoding="utf-8")
    assert content_fingerprint(tmp_path) != first


def test_loader_still_offers_the_same_function() -> None:
    assert loader.content_fingerprint is content_fingerprint


def test_serving_imports_no_checker() -> None:
    """The loader and checker (claims lint, intake and crisis checks) are for building: importing the bot to serve
    from the cache must not import them, they cost start-up CPU the first answer does not need."""
    code = ("import sys, bot.app; print(sorted(m for m in sys.modules if m in "
            "{'bot.content.loader', 'bot.content.checker', 'bot.content.claims'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "[]"
