"""The strings a pattern cannot match without: right for every shipped pattern, and none when none is known."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.content.required_text import required_strings

REPO = Path(__file__).resolve().parents[2]


def strings(source: str, flags: int = 0) -> set[str]:
    return set(required_strings(re.compile(source, flags)))


def test_a_literal_run_every_match_passes_through() -> None:
    assert strings(r"\b(won't|will not|never) regret\b") == {" regret"}
    assert strings(r"\bno[\s-]+side[\s-]+effects\b") == {"effects"}
    assert strings(r"(?:^|(?<=[。]))(?:(?!tms)[^。])*?(韓国|海外|米国)[^。]{0,10}承認") == {"承認"}


def test_one_run_from_every_branch_or_nothing() -> None:
    assert strings(r"\b(guaranteed|promised) results?\b") == {"guaranteed", "promised"}  # rarer than " result"
    assert strings(r"\bcure\w*|\bheal\w*") == {"cure", "heal"}
    assert strings(r"\bcure\w*|\bno\b") == set()  # "no" is in nearly every text: that branch requires nothing rare


def test_optional_parts_lookarounds_and_ignored_case_require_nothing() -> None:
    assert strings(r"(?:always)?\s*works") == {"works"}
    assert strings(r"(?:always)?\s*x") == set()
    assert strings(r"(?=always)\w+") == set()
    assert strings(r"always", re.IGNORECASE) == set()


def test_every_match_of_a_shipped_pattern_holds_one_of_its_strings() -> None:
    sources = []
    for lang in ("ja", "en"):
        data = yaml.safe_load((REPO / "content" / lang / "claims.yaml").read_text(encoding="utf-8"))
        sources += [p if isinstance(p, str) else p["pattern"]
                    for group in data["categories"].values() for p in group.get("patterns", [])]
    cases = yaml.safe_load((REPO / "bench" / "data" / "claims_eval.yaml").read_text(encoding="utf-8"))
    texts = [t.casefold() for lang in cases.values() for kind in lang.values() for t in kind]
    checked = 0
    for source in sources:
        pattern = re.compile(source.casefold(), 0 if re.search(r"[^\x00-\x7f]", source) else re.ASCII)
        required = required_strings(pattern)
        for text in texts:
            if required and pattern.search(text):
                assert any(s in text for s in required), (source, text)
                checked += 1
    assert checked > 100
