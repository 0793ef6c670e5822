"""A reload built by the builder process: it keeps (and does not build again) the parts whose inputs did not change,
refuses a broken edit, and a builder that fails is reported once while the content served stays.

Apart from tests/content/test_cache.py so the two halves run on different test workers (each builds the shipped
content several times)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot import live as live_module
from bot.content import cache
from bot.live import BUILDER_FAILED, PARTS, LiveContent, build_cache
from tests.shipped import seed_cache


async def test_a_reload_is_built_in_a_process_and_keeps_the_parts_that_did_not_change(content: Path,
                                                                                      tmp_path: Path) -> None:
    seed_cache(tmp_path / "cache", content)
    live = LiveContent.open(content, cache_dir=tmp_path / "cache")
    assert live.source == "cache"
    before = live.current
    page = content / "en" / "pages" / "clinic.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nA fresh paragraph.\n", encoding="utf-8")

    swapped, report = await live.reload()

    assert swapped, report
    after = live.current
    clinic = after.content.page("en", "clinic")
    assert clinic is not None and "A fresh paragraph." in "".join([*clinic.messages, *sum(clinic.more, ())])
    assert after.crisis is before.crisis and after.faq is before.faq and after.intake is before.intake
    assert after.content is not before.content
    assert set(after.digests) == set(PARTS)
    assert not live.changed_on_disk()
    assert LiveContent.open(content, cache_dir=tmp_path / "cache").source == "cache"  # written for the next start


def test_a_reload_build_copies_the_parts_whose_inputs_did_not_change(content: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    key = seed_cache(tmp_path / "cache", content)
    saved = cache.read(tmp_path / "cache", key)
    assert saved is not None
    page = content / "en" / "pages" / "clinic.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nA fresh paragraph.\n", encoding="utf-8")

    built: list[str] = []
    real = live_module.build_part

    def recording(name: str, *args: Any) -> Any:
        built.append(name)
        return real(name, *args)

    monkeypatch.setattr(live_module, "build_part", recording)
    build_cache(content, tmp_path / "other")  # without the snapshot served now, every part is built
    assert built == list(PARTS)
    built.clear()
    new_key, problems = build_cache(content, tmp_path / "cache", previous=key)

    assert built == ["content"]
    assert new_key is not None and new_key != key and not problems.errors
    parts = cache.read(tmp_path / "cache", new_key)
    assert parts is not None
    assert [name for name in PARTS if parts[name] == saved[name]] == ["faq", "crisis", "distress", "intake"]
    assert "A fresh paragraph." in str(cache.loads(parts["content"][1])[0].page("en", "clinic"))
    held = cache.read(tmp_path / "cache", new_key, known={name: digest for name, (digest, _) in saved.items()})
    assert held is not None and held["content"] == parts["content"]  # what the bot reads back: the changed part only
    assert [name for name in PARTS if held[name] == (parts[name][0], b"")] == ["faq", "crisis", "distress", "intake"]


async def test_a_broken_edit_is_refused_by_the_builder_process(content: Path, tmp_path: Path) -> None:
    seed_cache(tmp_path / "cache", content)
    live = LiveContent.open(content, cache_dir=tmp_path / "cache")
    before = live.current
    page = content / "en" / "pages" / "tms.md"
    page.write_text(page.read_text(encoding="utf-8").replace("links: [", "links: [tms_efect, ", 1), encoding="utf-8")

    swapped, report = await live.reload()

    assert not swapped
    assert "no page 'tms_efect'" in report
    assert live.current.content is before.content
    assert not live.changed_on_disk()  # the broken state is remembered: the watcher does not report it again


async def test_a_failed_builder_is_reported_once_and_the_content_stays(content: Path, tmp_path: Path) -> None:
    seed_cache(tmp_path / "cache", content)
    live = LiveContent.open(content, cache_dir=tmp_path / "cache")
    assert live.source == "cache"
    live.cache_dir = tmp_path / "not-a-folder"  # the builder cannot write there
    live.cache_dir.write_text("a file where the cache folder should be", encoding="utf-8")
    before = live.current
    page = content / "en" / "pages" / "clinic.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nA fresh paragraph.\n", encoding="utf-8")

    swapped, report = await live.reload()

    assert (swapped, report) == (False, BUILDER_FAILED)
    assert live.current.content is before.content
    assert not live.changed_on_disk()
