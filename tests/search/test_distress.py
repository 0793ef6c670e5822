"""The distress acknowledgement's screen (bot.search.distress) on the shipped distress.yaml, and its content check."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.problems import Problems
from bot.content.schema import Distress
from bot.content.yamldoc import parse_yaml
from bot.search.distress import DistressHit, DistressScreen, check_distress
from tests.search.conftest import REPO


def shipped() -> DistressScreen:
    import yaml

    return DistressScreen.build({lang: Distress(**yaml.safe_load((REPO / "content" / lang / "distress.yaml")
                                                                 .read_text(encoding="utf-8")))
                                 for lang in ("ja", "en")})


@pytest.mark.parametrize("text", ["毎日つらい", "眠れなくて学校に行けない", "ｼﾝﾄﾞｲです", "I feel hopeless",
                                  "I can't sleep", "My son won't go to school", "everything feels HOPELESS"])
def test_distress_is_seen_in_every_spelling(text: str) -> None:
    assert shipped().screen(text).statement


@pytest.mark.parametrize("text", ["TMSの治療はつらいですか？", "Is TMS tiring?", "TMSの費用はいくら", "tms"])
def test_questions_about_treatment_are_not_a_statement_of_distress(text: str) -> None:
    assert not shipped().screen(text).statement


def test_a_question_and_a_statement_are_told_apart() -> None:
    assert shipped().screen("眠れない日が続いています。TMSは不眠にも効きますか？") == DistressHit(True, True)
    assert shipped().screen("眠れないときはどうすればいいですか？") == DistressHit(False, True)


def test_the_checker_tries_every_example(tmp_path: Path) -> None:
    text = "message: m\nfooter: f\nphrases: [つらい]\nexamples:\n  - 毎日つらい\n  - 眠れない\n"
    problems = Problems()
    doc = parse_yaml(text, "content/ja/distress.yaml", problems)
    assert doc is not None
    check_distress({"ja": Distress(**doc.data)}, {"ja": doc}, problems)
    assert [str(p) for p in problems.errors] == [
        "content/ja/distress.yaml:6: examples[1]: '眠れない' is not recognised as distress: add a phrase it "
        "contains to 'phrases'"]
