"""The labelled crisis sets (bench/data/crisis_dev.yaml, crisis_holdout8.yaml) and the crisis replies themselves.

The development set is tuned on, so the figures asserted here are development figures; the held-out set is only
checked for its shape (never its results, which ``bench/crisis_eval.py`` prints apart).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.safety.crisis import CrisisScreen
from tests.shipped import shipped_content

REPO = Path(__file__).resolve().parents[2]
CATEGORIES_SELF = {"direct", "indirect", "passive", "slang", "spelling", "dialect", "in_treatment_question",
                   "self_harm", "plan_means", "farewell", "burden"}
CATEGORIES_NONE = {"side_effects", "idioms", "word_traps", "topic", "history", "symptoms", "treatment", "greetings"}


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


@pytest.fixture(scope="module")
def dev_scores(bench: ModuleType) -> object:
    return bench.score(CrisisScreen.build(bench.load_crisis()), bench.load_cases(bench.DEV_SET))


def test_sets_are_big_bilingual_labelled_and_apart(bench: ModuleType) -> None:
    dev, holdout = bench.load_cases(bench.DEV_SET), bench.load_cases(bench.HOLDOUT_SET)
    assert len(dev) + len(holdout) >= 1000
    for cases in (dev, holdout):
        texts = [c.text for c in cases]
        assert len(texts) == len(set(texts)), f"{len(texts) - len(set(texts))} sentences are listed twice"
        for lang in ("ja", "en"):
            mine = [c for c in cases if c.lang == lang]
            assert {c.category for c in mine if c.who == "self"} == CATEGORIES_SELF, lang
            assert {c.category for c in mine if c.who == "none"} == CATEGORIES_NONE, lang
            assert any(c.who == "other" for c in mine), lang
    for path in bench.HOLDOUT_SETS:  # a count: held-out sentences are never shown
        shared = len({c.text for c in dev} & {c.text for c in bench.load_cases(path)})
        assert not shared, f"{shared} sentences of {path.name} are in the development set"


def test_development_figures(bench: ModuleType, dev_scores: object) -> None:
    """Development targets (the held-out ones are the issue's; these keep tuning from sliding back)."""
    def ratio(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1]

    scores = dev_scores
    assert ratio(scores.any_help()) >= 0.97, [m for m in scores.misses() if m[2] == "no help"]  # type: ignore[attr-defined]
    assert ratio(scores.full_reply()) >= 0.90  # type: ignore[attr-defined]
    assert ratio(scores.ordinary_alarm()) <= 0.01  # type: ignore[attr-defined]
    assert ratio(scores.ordinary_check_in()) <= 0.05  # type: ignore[attr-defined]


def test_bench_prints_figures_per_set_and_tier(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    bench.main([str(bench.DEV_SET), "--repeat", "1"])
    out = capsys.readouterr().out
    assert "any crisis help on risk (self + other)" in out and "check-in on ordinary messages" in out
    assert "self/plan_means" in out and "ja check_in" in out
    assert "10,000-character messages" in out


def test_bench_never_lists_held_out_cases(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    bench.main([str(bench.HOLDOUT_SET), "--misses", "--repeat", "1"])
    out = capsys.readouterr().out
    assert "held-out: never tuned on" in out and "targets:" in out
    assert "MISS" not in out


def test_bench_lists_development_misses(bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "set.yaml"
    data.write_text('cases:\n  - {lang: en, who: self, category: direct, text: "the weather is nice"}\n',
                    encoding="utf-8")
    bench.main([str(data), "--misses", "--repeat", "1"])
    assert "MISS [en self/direct] no help (none:-): the weather is nice" in capsys.readouterr().out


# --- the crisis replies themselves ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def texts() -> dict[str, dict[str, str]]:
    content, problems = shipped_content()  # the process's one load of the shipped content, shared
    assert content is not None, problems.report()
    return {lang: {k: re.sub(r"<[^>]+>", "", v) for k, v in c.texts.items() if k.startswith("crisis.")}
            for lang, c in content.languages.items()}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_crisis_reply_is_brief_and_has_every_line_with_hours(texts: dict[str, dict[str, str]], lang: str) -> None:
    text = texts[lang]["crisis.message"]
    assert len(text) < 900
    for number in ("119", "110", "0120-783-556", "0120-279-338", "0120-0-78310", "0120-99-7777", "telljp.com"):
        assert number in text, number
    assert ("24時間" if lang == "ja" else "24 hours") in text and "16" in text and "21" in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_carer_reply_puts_emergency_first_and_gives_the_young_peoples_lines(
        texts: dict[str, dict[str, str]], lang: str) -> None:
    text = texts[lang]["crisis.carer_message"]
    assert text.index("119") < text.index("0120")
    for number in ("0120-0-78310", "0120-99-7777"):
        assert number in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_check_in_always_carries_a_hotline(texts: dict[str, dict[str, str]], lang: str) -> None:
    assert re.search(r"0120-\d{3}-\d{3}", texts[lang]["crisis.check_in.footer"])


def test_every_development_batch_is_trained_and_cross_validated_on(bench: ModuleType) -> None:
    """A blind batch joins the development data once tuned on, so ``--cv`` covers it (its file stays apart)."""
    spec = importlib.util.spec_from_file_location("train_crisis_model", REPO / "bench" / "train_crisis_model.py")
    assert spec is not None and spec.loader is not None
    trainer = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_crisis_model", trainer)
    spec.loader.exec_module(trainer)
    assert [p.name for p in trainer.DEV_SETS] == [p.name for p in bench.DEV_SETS if p not in bench.UNTRAINED]
    assert all(f"crisis_dev{n}.yaml" in trainer.DEV_NAME for n in (5, 6, 7, 8))
    data = trainer.load_data()
    trained = [c.text for c, faq in zip(data.cases, data.faq, strict=True) if not faq]
    assert len(trained) == len(set(trained)), "a sentence repeated in two batches is trained and judged twice"
    assert len(trained) > len(bench.load_cases(bench.DEV_SET)) + 500
