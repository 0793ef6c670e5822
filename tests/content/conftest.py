"""A small, valid content tree copied into tmp_path, for tests that break one thing at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

MINIMAL = Path(__file__).parent / "minimal"


class ContentTree:
    """The copied tree, with helpers to edit one file the way staff would."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def edit(self, relative: str, change: Callable[[str], str]) -> None:
        path = self.root / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> None:
        def change(text: str) -> str:
            assert old in text, f"{old!r} not in {relative}"
            return text.replace(old, new)

        self.edit(relative, change)


@pytest.fixture
def tree(tmp_path: Path) -> ContentTree:
    root = tmp_path / "content"
    shutil.copytree(MINIMAL, root)
    return ContentTree(root)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped content tree, for tests that edit it or build its cache."""
    target = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", target)
    return target
