"""Kanji typos of the same reading (bot.search.homophones), on made-up content and through the shipped index."""

from __future__ import annotations

import pytest

from bot.search.homophones import Homophones
from bot.search.index import FaqIndex
from bot.search.readings import Readings

pytestmark = pytest.mark.skipif(not Readings.available(), reason="SudachiPy's small dictionary is not installed")

CONTENT = ["エクソソーム点滴の副作用は？", "点滴は何分かかりますか", "保険は使えますか", "保険適用ですか",
           "保険証はいりますか", "保険の対象ですか", "全額自己負担ですか", "医療費控除は使えますか",
           "治療費はいくらですか"]


@pytest.mark.parametrize(("typed", "read"), [("点敵は痛いですか", "点滴は痛いですか"),
                                             ("保健はききますか", "保険はききますか")])
def test_a_kanji_of_the_same_reading_is_read_as_the_contents(typed: str, read: str) -> None:
    assert Homophones.learn(CONTENT).correct(typed) == read


@pytest.mark.parametrize("typed", ["医療機関で受けられますか", "治療後に運転できますか", "治験ですか", "期間は？"])
def test_real_words_are_left_as_they_are(typed: str) -> None:
    """Another reading (治療後 ちりょうご is not 治療費 ちりょうひ) or more than one character apart."""
    assert Homophones.learn(CONTENT).correct(typed) == typed


def test_the_contents_own_deliberate_typo_is_a_typo_too() -> None:
    """An example written 「保健は使えますか」 on purpose beside many uses of 保険 does not make 保健 a word."""
    assert Homophones.learn([*CONTENT, "保健は使えますか"]).correct("保健適用？") == "保険適用？"


def test_the_index_reads_a_question_with_a_kanji_typo_as_written_right(index: FaqIndex) -> None:
    typed, right = index.match("治療中は麻睡使いますか？"), index.match("治療中は麻酔使いますか？")
    assert (typed.status, typed.candidates) == (right.status, right.candidates)
