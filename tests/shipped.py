"""The shipped content, loaded and checked once per test process (about 2 s each time otherwise): once per
session, or once per worker under pytest-xdist, each worker with its own cache folder.

``ContentBase`` and ``Live`` are not changed after loading, so tests that only read the shipped content share
them; a test that edits content works on its own copy (``tests/content/conftest.py``'s ``tree``).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from bot.content import cache as content_cache
from bot.content.base import ContentBase
from bot.content.loader import content_fingerprint, load_content
from bot.content.problems import Problems
from bot.live import Live, LiveContent, to_parts

SHIPPED_CONTENT = Path(__file__).resolve().parents[1] / "content"


@cache
def shipped_content() -> tuple[ContentBase | None, Problems]:
    return load_content(SHIPPED_CONTENT)


@cache
def shipped_live() -> Live:
    """The snapshot the bot runs on, built from ``shipped_content`` (one load and check per session, not two)."""
    content, problems = shipped_content()
    assert content is not None, problems.report()
    return Live.build(content, content_fingerprint(SHIPPED_CONTENT))


def shipped_live_content() -> LiveContent:
    """A fresh holder of the shared snapshot (a reload replaces the holder's snapshot, never the shared one)."""
    return LiveContent(SHIPPED_CONTENT, shipped_live())


@cache
def shipped_cache() -> Path:
    """The shipped content compiled once into a cache folder (``bot.content.cache``), removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="shipped-cache-"))
    atexit.register(shutil.rmtree, folder, True)
    code = content_cache.code_key()
    key = content_cache.content_key(SHIPPED_CONTENT, code)
    assert content_cache.write(folder, key, to_parts(shipped_live(), key, code))
    return folder


def seed_cache(cache_dir: Path, content_dir: Path) -> str:
    """``cache_dir`` as ``build_cache`` would leave it for an unchanged copy of the shipped content (the key names
    files by their path inside the folder, so a copy has the shipped key); returns the key."""
    key = content_cache.content_key(content_dir)
    assert key == content_cache.content_key(SHIPPED_CONTENT), f"{content_dir} is not a copy of the shipped content"
    shutil.copytree(shipped_cache(), cache_dir, dirs_exist_ok=True)
    return key


def seed_data_dir(data_dir: Path) -> None:
    """Give a data folder the compiled shipped content, as after the bot's first start: a bot process started on it
    reads its content in milliseconds instead of loading the files (seconds). A folder on a small or read-only disk
    (the full-disk and read-only fault tests) is left as it is."""
    target, existing = data_dir / "cache", data_dir if data_dir.exists() else data_dir.parent
    if target.exists() or shutil.disk_usage(existing).free < SEED_ROOM:
        return
    try:
        shutil.copytree(shipped_cache(), target)
    except OSError:  # a read-only folder where the disk has room (chmod 0500 when not root)
        shutil.rmtree(target, ignore_errors=True)


SEED_ROOM = 64 * 1024 * 1024
"""Free space a disk must have to be seeded (the small disks of the fault tests have a few megabytes at most)."""
