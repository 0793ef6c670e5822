"""A content copy with two seeded mistakes, and the preview built from it once per test module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.preview import BuildResult, build_site

SHIPPED_CONTENT = Path(__file__).resolve().parents[2] / "content"
SEEDED_WORD = "必ず"
"""A claims-lint word (guarantee) put into the Japanese TMS page."""
MISSING_PAGE = "drug_free"
"""An English page removed."""


def seed_mistakes(target: Path) -> Path:
    shutil.copytree(SHIPPED_CONTENT, target)
    page = target / "ja" / "pages" / "tms.md"
    text = page.read_text(encoding="utf-8")
    assert "非侵襲的" in text
    page.write_text(text.replace("非侵襲的", f"{SEEDED_WORD}治る非侵襲的", 1), encoding="utf-8")
    (target / "en" / "pages" / f"{MISSING_PAGE}.md").unlink()
    return target


@pytest.fixture(scope="module")
def seeded_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("preview")
    return build_site(seed_mistakes(root / "content"), root / "site")


def shipped_page_ids() -> list[str]:
    return sorted(p.stem for p in (SHIPPED_CONTENT / "ja" / "pages").glob("*.md"))
