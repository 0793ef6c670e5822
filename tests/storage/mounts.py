"""Small tmpfs mounts for faults a plain folder cannot show to root: a full disk, a read-only data directory.

Root ignores file permissions, so as root the faults need a real file system; without root a read-only folder
is made with chmod, and a full disk cannot be made at all (the test is then skipped, saying why).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return done.returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True)


@contextlib.contextmanager
def small_disk(target: Path, size_kib: int = 2048) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` at ``target`` (root only); skips the test with the reason otherwise."""
    if os.geteuid() != 0:
        pytest.skip("a full disk needs a small tmpfs, and mounting one needs root (run the tests as root)")
    if not _mount(target, f"size={size_kib}k,mode=0700"):
        pytest.skip("mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?): cannot make a small disk")
    try:
        yield target
    finally:
        _umount(target)


def fill(directory: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to free the space)."""
    filler = directory / "filler"
    with filler.open("wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    with contextlib.suppress(OSError), filler.open("ab") as handle:  # the last partial block
        for _ in range(64):
            handle.write(b"\0" * 1024)
            handle.flush()
    return filler


@contextlib.contextmanager
def read_only(directory: Path) -> Iterator[Path]:
    """``directory`` as a read-only folder: a read-only tmpfs as root, chmod 0500 otherwise."""
    if os.geteuid() == 0:
        if not _mount(directory, "size=64k,ro"):
            pytest.skip("mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?): cannot make a read-only disk")
        try:
            yield directory
        finally:
            _umount(directory)
        return
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o500)
    try:
        yield directory
    finally:
        directory.chmod(0o700)
