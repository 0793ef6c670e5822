"""Rows read once per update: the handlers of one update that each ask for the user's row get the first read.

A button press in the questionnaire read the same ``users`` row up to three times (the language, the application in
progress, the handler after it), each a round trip on PostgreSQL. ``one_update()`` (entered by
``bot.ordering`` around each update) opens a memo that ``UserStore`` fills on its first read and empties for a
user whenever it writes that user's row, so a read after a write still sees the write. Nothing else is kept: the
memo ends with the update, and a task the update started that outlives it reads the database again. Updates of one
chat never overlap (``bot.ordering``, and ``UpdateGate`` across instances), so what an update read stays what
it last wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_MISSING = object()


class UpdateReads:
    """The rows read during one update, by key; nothing is kept or returned once it is closed."""

    __slots__ = ("_rows", "open")

    def __init__(self) -> None:
        self._rows: dict[Any, Any] = {}
        self.open = True

    def get(self, key: Any) -> Any:
        """The row remembered for ``key`` (None is a row too: "no such row"), else ``MISSING``."""
        return self._rows.get(key, _MISSING) if self.open else _MISSING

    def put(self, key: Any, row: Any) -> None:
        if self.open:
            self._rows[key] = row

    def forget(self, key: Any) -> None:
        self._rows.pop(key, None)

    def forget_all(self) -> None:
        self._rows.clear()

    def close(self) -> None:
        self.open = False
        self._rows.clear()


MISSING = _MISSING
_current: ContextVar[UpdateReads | None] = ContextVar("update_reads", default=None)


def current() -> UpdateReads | None:
    """The memo of the update being handled, or None (jobs, scripts, tests of a store alone)."""
    return _current.get()


@contextmanager
def one_update() -> Iterator[UpdateReads]:
    """A memo for the update handled inside the block (in this task's context only)."""
    reads = UpdateReads()
    token = _current.set(reads)
    try:
        yield reads
    finally:
        _current.reset(token)
        reads.close()
