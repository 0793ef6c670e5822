"""A content snapshot holds no reference cycles, so after a reload the old one is left to reference counting.

The bot keeps its long-lived objects out of the garbage collector's view (``gc.freeze``). After a reload it no longer
unfreezes them and walks the whole heap, which stalled the event loop for tens to hundreds of milliseconds
(``bot/handlers/reload.py``): the old snapshot is freed by reference counting when the last update using it ends,
frozen or not. A reference cycle in a snapshot would make every reload keep the old one for good; this finds it.
"""

from __future__ import annotations

import gc

from bot.content import cache
from bot.live import from_parts
from tests.shipped import SHIPPED_CONTENT, shipped_cache


def test_a_snapshot_read_back_from_the_cache_is_freed_without_the_collector() -> None:
    parts = cache.read(shipped_cache(), cache.content_key(SHIPPED_CONTENT))
    assert parts is not None
    gc.collect()
    gc.disable()  # no automatic collection may take a cycle away before the count below
    try:
        before = len(gc.get_objects())
        snapshot = from_parts(parts)
        assert len(gc.get_objects()) - before > 10_000  # the whole snapshot is in play: pages, screens, indexes
        assert snapshot.crisis.assess("死にたい").tier == "definite"
        del snapshot
        assert gc.collect() == 0
    finally:
        gc.enable()
