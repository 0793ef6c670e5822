"""The analysers the crisis screen and the matcher share live in ``bot.text``: one of each per process, and the
matcher's distress phrases no longer reach into ``bot.safety``."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.safety import japanese as crisis_japanese
from bot.search.distress import dictionary_forms
from bot.text import japanese

BOT = Path(__file__).resolve().parents[2] / "bot"


def test_the_crisis_screen_and_the_distress_phrases_read_one_japanese_tokenizer() -> None:
    crisis_japanese.tokens("死にたいです。")
    assert dictionary_forms("眠れませんでした") == dictionary_forms("眠れない") + "た"  # 眠る, ない, た
    assert japanese._tokenizer.cache_info().currsize == 1
    assert not hasattr(crisis_japanese, "_tokenizer")


def test_the_matcher_imports_no_crisis_module_and_bot_text_imports_neither() -> None:
    def imported(path: Path) -> set[str]:
        return {node.module or "" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom)} | {alias.name for node in ast.walk(ast.parse(
                    path.read_text(encoding="utf-8"))) if isinstance(node, ast.Import) for alias in node.names}

    assert not {m for m in imported(BOT / "search" / "distress.py") if m.startswith("bot.safety")}
    for path in (BOT / "text").glob("*.py"):
        assert not {m for m in imported(path) if m.startswith(("bot.safety", "bot.search"))}, path


def test_a_long_text_is_analysed_in_chunks_and_a_dialect_wish_is_read_as_tai() -> None:
    text = "眠れない。" * 400  # 2,000 characters: two chunks, cut after a sentence end
    assert [len(c) for c in japanese.chunks(text)] == [1000, 1000]
    assert japanese.prepare("死にとうなる") == "死にたくなる"
