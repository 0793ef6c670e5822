"""Questions typed in kana or romaji, long messages and the treatment named: the index's fallbacks."""

from __future__ import annotations

import pytest

from bot.search import FaqIndex
from bot.search.readings import Readings, romaji_to_kana


def test_romaji_is_read_as_japanese_and_english_is_not() -> None:
    assert romaji_to_kana("hoken wa tsukaemasu ka") == "ほけんはつかえますか"
    assert romaji_to_kana("TMS wa itai desu ka") == "TMSはいたいですか"
    assert romaji_to_kana("what is the price of TMS") is None
    assert romaji_to_kana("I need a dentist") is None


@pytest.mark.skipif(not Readings.available(), reason="SudachiPy's dictionary is not installed")
def test_kanji_are_read_in_hiragana() -> None:
    with Readings() as reader:
        assert reader.read("保険は使えますか") == "ほけんはつかえますか"
        assert reader.read("TMSの副作用") == "TMSのふくさよう"
    assert reader.read("保険") == "保険"  # closed after the build: nothing is read any more


@pytest.mark.parametrize(("text", "entry_id"), [
    ("ほけんはつかえますか", "insurance"), ("hoken wa tsukaemasu ka", "insurance"),
    ("そうきょくせいしょうがいでもうけられる？", "tms_bipolar"),
])
def test_kana_and_romaji_find_kanji_entries(index: FaqIndex, text: str, entry_id: str) -> None:
    found = index.match(text)
    assert (found.lang, found.entry_id) == ("ja", entry_id)


def test_a_question_naming_one_treatment_never_gets_the_others_entry(index: FaqIndex) -> None:
    assert index.match("エクソソームは国の承認を受けていますか").candidates[0][0] == "exo_status"
    assert index.match("TMSは厚労省に承認されていますか").candidates[0][0] == "tms_approval"
    assert index.match("Can children get exosome infusions?").candidates[0][0] == "exo_age"
    for text in ("エクソソーム点滴の副作用は？", "What are the side effects of exosome infusions?"):
        assert index.match(text).candidates[0][0] != "tms_side_effects"


def test_a_long_message_is_answered_by_the_part_that_asks(index: FaqIndex) -> None:
    found = index.match("以前てんかんの発作を起こしたことがあって、今は薬で落ち着いています。"
                        "それでもTMSは受けられますか")
    assert found.status != "none" and found.candidates[0][0] == "tms_epilepsy"


def test_itai_typed_in_kana_is_pain_not_a_wish_ending(index: FaqIndex) -> None:
    # 「いたいですか」 is 痛いですか: the wish ending たいです is grammar only after a verb's kanji (使いたいです)
    for text in ("TMSはいたいですか", "てぃーえむえすっていたいですか", "TMS wa itai desu ka"):
        found = index.match(text)
        assert (found.status, found.entry_id) == ("answer", "tms_pain"), text
    assert "たい" not in " ".join(index.features("TMSを使いたいです"))
