"""The compiled content cache: exact regex round trips, a start from the cache that screens exactly like a fresh
load, misses on any edit or an unreadable file (reloads built by the builder process: test_reload_builder.py)."""

from __future__ import annotations

import _sre
import logging
import re
import sys
import threading
import types
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content import cache
from bot.content.loader import content_fingerprint
from bot.live import ContentRefused, LiveContent, build_cache
from tests.shipped import seed_cache, shipped_live_content

REPO = Path(__file__).resolve().parents[2]


def test_patterns_come_back_compiled_exactly() -> None:
    patterns = [re.compile(r"(?P<word>死[\W_ー死]*に)(たい)?", re.IGNORECASE), re.compile(rb"\d+(?=px)"),
                re.compile(r"^\s*$", re.MULTILINE), re.compile("(?x) a  b # comment")]

    restored = cache.loads(cache.dumps({"patterns": patterns}))["patterns"]

    assert restored == patterns  # equality compares source, flags and the compiled program
    assert restored[0].groupindex == {"word": 1}
    assert restored[0].match("シにたい") is None and restored[0].match("死 にたい").group("word") == "死 に"


def test_a_pattern_is_stored_with_its_program_not_compiled_again(monkeypatch: pytest.MonkeyPatch) -> None:
    data = cache.dumps(re.compile(r"[\W_ー]+x"))
    compiled: list[str] = []
    real = re._compile  # type: ignore[attr-defined]

    def recording_compile(pattern: str, flags: int) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "_compile", recording_compile)

    assert cache.loads(data).pattern == r"[\W_ー]+x"
    assert compiled == []


def test_patterns_compiled_while_a_build_keeps_programs_are_saved_without_a_second_compile(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    with cache.programs_kept():
        patterns = [re.compile(r"(?P<kept>保存[\W_ー]*され)る?", re.IGNORECASE), re.compile(rb"kept\d+(?=px)")]
        parsed: list[object] = []
        real_parse = _parser.parse

        def noting_parse(*args: Any) -> Any:
            parsed.append(args)
            return real_parse(*args)

        monkeypatch.setattr(_parser, "parse", noting_parse)
        data = cache.dumps(patterns)
        monkeypatch.undo()

    assert parsed == []  # the programs came from the compile above, not from parsing the sources again
    assert _compiler._sre is __import__("_sre")  # the compiler is as it was once the build is over
    assert cache.loads(data) == patterns
    assert cache.loads(data)[0].match("保存 される").group("kept") == "保存 され"

def test_a_python_without_the_compiler_module_keeps_no_programs_and_still_saves_patterns() -> None:
    pattern = re.compile(r"(?P<plain>無[\W_ー]*い)ver")  # before: re itself needs the module to compile

    with pytest.MonkeyPatch.context() as patch:
        patch.delattr(re, "_compiler")
        patch.setitem(sys.modules, "re._compiler", None)  # as on a Python before 3.11: the import fails
        with cache.programs_kept():
            assert cache._programs is None and cache._swapped_compiler is None
            data = cache.dumps([pattern])

    assert cache.loads(data) == [pattern]  # stored the ordinary way, compiled again on loading
    assert not cache._keeping_threads


def test_a_compiler_swapped_by_something_else_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    other = types.SimpleNamespace(**{name: getattr(_sre, name) for name in dir(_sre)})
    monkeypatch.setattr(_compiler, "_sre", other)

    with cache.programs_kept():
        assert _compiler._sre is other and cache._programs is None
        pattern = re.compile(r"left[\W_]*alone\d")

    assert _compiler._sre is other
    assert cache.loads(cache.dumps(pattern)) == pattern


def test_another_thread_compiling_meanwhile_is_not_noted_nor_does_its_leaving_end_the_build() -> None:
    from re import _compiler  # type: ignore[attr-defined]

    entered, compiled, leave = threading.Event(), threading.Event(), threading.Event()
    results: dict[str, re.Pattern[str]] = {}

    def other_thread() -> None:
        results["plain"] = re.compile(r"other[\W_]*thread\d+plain")
        with cache.programs_kept():
            entered.set()
            results["inside"] = re.compile(r"other[\W_]*thread\d+inside")
            compiled.set()
            leave.wait()

    with cache.programs_kept():
        worker = threading.Thread(target=other_thread)
        worker.start()
        compiled.wait()
        assert entered.is_set()
        leave.set()
        worker.join()
        assert _compiler._sre is cache._KEEPING_SRE  # the other thread left first; this build still keeps
        mine = re.compile(r"this[\W_]*thread\d+kept")
        kept = dict(cache._programs or {})

    assert (str, mine.pattern, mine.flags) in kept
    assert (str, results["inside"].pattern, results["inside"].flags) in kept  # it was inside a build itself
    assert (str, results["plain"].pattern, results["plain"].flags) not in kept
    assert results["plain"] == re.compile(results["plain"].pattern) and _compiler._sre is _sre
    assert cache._programs is None and not cache._keeping_threads


def test_a_start_from_the_cache_screens_exactly_like_a_fresh_load(content: Path, tmp_path: Path) -> None:
    fresh = shipped_live_content()  # the copy's files, loaded once per session as LiveContent.open(content) would
    assert fresh.current.fingerprint == content_fingerprint(content)
    key, problems = build_cache(content, tmp_path / "cache")
    assert key is not None and not problems.errors

    cached = LiveContent.open(content, cache_dir=tmp_path / "cache")

    assert cached.source == "cache" and not cached.cache_stale
    assert cached.current.fingerprint == fresh.current.fingerprint
    texts = [case["text"] for path in sorted((REPO / "bench" / "data").glob("crisis_*.yaml"))
             if "holdout" not in path.name  # the held-out sets are only ever measured, by bench/crisis_eval.py
             for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    assert len(texts) > 3000
    assert [cached.current.crisis.assess(t) for t in texts] == [fresh.current.crisis.assess(t) for t in texts]
    for text in ("TMSの費用はいくらですか", "what does exosome therapy cost", "予約したい"):
        assert cached.current.faq.match(text) == fresh.current.faq.match(text)
    assert cached.current.content.page("ja", "tms") == fresh.current.content.page("ja", "tms")
    assert cached.current.content.render("en", "**{{ clinic.name }}**") == \
        fresh.current.content.render("en", "**{{ clinic.name }}**")


def test_any_edit_misses_the_cache(content: Path, tmp_path: Path) -> None:
    """A miss, whatever its cause, starts the builder process: test_a_stale_cache_is_built_again_... below."""
    key = seed_cache(tmp_path / "cache", content)  # what build_cache writes (tested above), built once per session
    assert cache.read(tmp_path / "cache", cache.content_key(content)) is not None
    page = content / "en" / "pages" / "tms.md"
    page.write_text(page.read_text(encoding="utf-8").replace("TMS", "TMS ", 1), encoding="utf-8")

    assert cache.content_key(content) != key
    assert cache.read(tmp_path / "cache", cache.content_key(content)) is None


async def test_the_very_first_start_loads_here_and_reloads_in_a_thread(content: Path, tmp_path: Path) -> None:
    opened = LiveContent.open(content, cache_dir=tmp_path / "cache")
    assert opened.source == "files" and opened.cache_stale
    assert opened.current.crisis.assess("死にたい").tier == "definite"
    page = content / "en" / "pages" / "clinic.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nA fresh paragraph.\n", encoding="utf-8")

    swapped, _ = await opened.reload()

    assert swapped and opened.cache_stale and not (tmp_path / "cache").exists()  # no builder process ran


def test_a_stale_cache_is_built_again_by_the_builder_process_at_start(content: Path, tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()  # an earlier start's folder, its copy for other files
    opened = LiveContent.open(content, cache_dir=tmp_path / "cache")

    assert opened.source == "builder" and not opened.cache_stale
    assert opened.current.crisis.assess("死にたい").tier == "definite"
    assert LiveContent.open(content, cache_dir=tmp_path / "cache").source == "cache"


def test_content_with_errors_is_refused_at_start_with_the_full_report(content: Path, tmp_path: Path) -> None:
    page = content / "en" / "pages" / "tms.md"
    page.write_text(page.read_text(encoding="utf-8").replace("links: [", "links: [tms_efect, ", 1), encoding="utf-8")

    (tmp_path / "cache").mkdir()
    with pytest.raises(ContentRefused) as refused:
        LiveContent.open(content, cache_dir=tmp_path / "cache")

    with pytest.raises(ContentRefused) as in_process:
        LiveContent.open(content)
    assert refused.value.report == in_process.value.report
    assert "content/en/pages/tms.md:" in refused.value.report


def test_an_unreadable_cache_file_is_a_logged_miss(content: Path, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    """The miss then starts the builder process, as every miss does (test_a_stale_cache_is_built_again_...)."""
    key = seed_cache(tmp_path / "cache", content)
    (tmp_path / "cache" / f"content-{key}.pickle").write_bytes(b"not a pickle")

    with caplog.at_level(logging.WARNING, logger="bot.content.cache"):
        assert cache.read(tmp_path / "cache", key) is None

    assert caplog.messages[0] == f"content cache content-{key}.pickle unreadable (UnpicklingError); loading the " \
        "content files instead"
