"""The packages that read content register their checks; the checker runs every one of them."""

from __future__ import annotations

from pathlib import Path

from bot.content import checker  # noqa: F401  (loads the packages that register checks)
from bot.content.loader import read_content
from bot.content.registry import _CHECKS, register

CONTENT = Path(__file__).resolve().parent / "minimal"
"""A small valid tree in both languages: every registered check runs on it as on the shipped content."""


def test_each_package_that_reads_content_registers_its_checks() -> None:
    assert set(_CHECKS) >= {"intake", "crisis", "faq", "distress"}


def test_a_registered_check_runs_with_the_others() -> None:
    seen: list[list[str]] = []

    @register("test-probe")
    def probe(raws, problems) -> None:
        seen.append(sorted(raws))

    try:
        read_content(CONTENT)
    finally:
        from bot.content import registry

        registry._CHECKS.pop("test-probe", None)
    assert seen == [["en", "ja"]]
