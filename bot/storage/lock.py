"""One bot process per data directory: a second ``python -m bot run`` on the same ``BOT_DATA_DIR`` is refused.

Two processes on one database would both poll Telegram (each ending the other's getUpdates with 409 Conflict)
and both deliver lead cards. The lock is ``flock`` on ``<data_dir>/bot.lock``: the kernel releases it when the
process ends in any way (crash, SIGKILL, power loss), so a stale lock file never keeps the bot from starting.
The file holds the owner's process id, only to name it in the message.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from bot.storage.db import FILE_MODE, StorageError, make_private_dir

LOCK_NAME = "bot.lock"

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock (the bot is deployed on Linux)
    fcntl = None  # type: ignore[assignment]


class DataDirLock:
    """Held from ``acquire`` until ``release`` (or the end of the process)."""

    def __init__(self, path: Path, descriptor: int | None) -> None:
        self.path = path
        self._descriptor = descriptor

    @classmethod
    def acquire(cls, data_dir: Path) -> DataDirLock:
        """Take the lock or raise ``StorageError`` saying which process holds it and what to do."""
        path = data_dir / LOCK_NAME
        try:
            make_private_dir(data_dir)
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as exc:
            from bot.storage.db import not_writable_advice

            raise StorageError(not_writable_advice(data_dir, exc)) from exc
        if fcntl is None:
            return cls(path, descriptor)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(descriptor)
            raise StorageError(
                f"Another bot process (pid {holder}) is already running with BOT_DATA_DIR={data_dir}. Only one may "
                "run at a time: two would fight over Telegram's updates and both send every lead to the staff "
                "chat. Stop the other one first (for example `systemctl stop clinic-bot`), or give this one its "
                "own BOT_DATA_DIR."
            ) from None
        os.fchmod(descriptor, FILE_MODE)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        return cls(path, descriptor)

    def release(self) -> None:
        if self._descriptor is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._descriptor, 0)
        os.close(self._descriptor)  # closing the descriptor releases the flock
        self._descriptor = None
