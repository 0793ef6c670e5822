"""The labelled evaluation set (bench/data/crisis_eval.yaml) against the shipped crisis.yaml files."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.content.loader import load_content
from bot.safety.crisis import CrisisScreen

REPO = Path(__file__).resolve().parents[2]


def bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crisis_eval", REPO / "bench" / "crisis_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("crisis_eval", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return bench_module()


def test_eval_set_is_big_enough_and_bilingual(bench: ModuleType) -> None:
    cases = bench.load_cases()
    assert sum(c.risk for c in cases) >= 80
    assert sum(not c.risk for c in cases) >= 120
    for lang in ("ja", "en"):
        assert sum(c.risk for c in cases if c.lang == lang) >= 40, lang
        assert sum(not c.risk for c in cases if c.lang == lang) >= 60, lang
    texts = [c.text for c in cases]
    assert len(texts) == len(set(texts)), "a sentence is listed twice"


def test_every_risk_sentence_is_caught_and_false_alarms_stay_under_5_percent(bench: ModuleType) -> None:
    screen = CrisisScreen.build(bench.load_crisis())
    scores = bench.score(screen, bench.load_cases())
    assert [c.text for c in scores.misses] == []
    for lang in ("ja", "en"):
        assert scores.false_alarm_rate(lang) < bench.MAX_FALSE_ALARM_RATE, [c.text for c in scores.false_alarms]
    assert scores.passed()


def test_bench_prints_figures_and_exits_0(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert "ja: recall 100.0%" in out and "en: recall 100.0%" in out
    assert "Time for a 10,000-character message" in out


def test_bench_exits_1_on_a_miss(bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    eval_set = tmp_path / "eval.yaml"
    eval_set.write_text("risk:\n  en:\n    odd: [the weather is nice]\nno_risk:\n  en:\n    ok: [\"What is TMS?\"]\n",
                        encoding="utf-8")
    assert bench.main([str(eval_set), "--repeat", "2"]) == 1
    out = capsys.readouterr().out
    assert "Misses: 1\n  [en/odd] the weather is nice\n" in out
    assert out.rstrip().endswith("FAIL: recall must be 100% and false alarms under 5% per language")


# --- the crisis message itself ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_crisis_message_is_brief_and_has_the_resources(lang: str) -> None:
    content, problems = load_content(REPO / "content")
    assert content is not None, problems.report()
    html = content.languages[lang].texts["crisis.message"]
    text = re.sub(r"<[^>]+>", "", html)
    assert len(text) < 700
    for number in ("119", "110", "0120-783-556", "0120-279-338", "0570-064-556", "telljp.com"):
        assert number in text, number
    assert "TMS" in text  # TMS is not an emergency treatment
    assert "please ask the clinic" not in text and "お問い合わせください" not in text  # phone unknown: left out
