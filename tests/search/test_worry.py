"""A worry stated as a sentence is read as the question it means (bot.search.worry), and only that."""

from __future__ import annotations

import pytest

from bot.search import FaqIndex
from bot.search.worry import worry_core


@pytest.mark.parametrize(("text", "core"), [
    ("けいれんが起きたらどうしようって不安で眠れない", "けいれんが起きたら"),
    ("磁気をあてたら頭がおかしくなりそうで正直こわいです", "磁気をあてたら頭がおかしくなりそう"),
    ("副作用が怖いです", "副作用"),
    ("毎日通うことになったら仕事と両立できない気がする", "毎日通うことになったら仕事と両立できない"),
    ("全部でいくらかかるのか見当もつかなくて踏み出せない", "全部でいくらかかるのか"),
    ("I'm terrified the magnet thing will give me a seizure", "the magnet thing will give me a seizure"),
    ("I'm scared the magnets will hurt", "the magnets will hurt"),
    ("I'm nervous that I'd have to come off my meds first", "i would have to come off my meds first"),
    ("My son is only 15 so I guess he's too young for any of this",
     "my son is only 15 so he is too young for any of this"),
])
def test_the_worry_words_are_left_out(text: str, core: str) -> None:
    assert worry_core(text) == core


@pytest.mark.parametrize("text", [
    "副作用が怖いですか？",          # a question is matched as it is
    "Am I scared of nothing?",
    "不安です",                      # only the worry: nothing left to match, the distress screen's
    "不安で眠れない",
    "I'm so worried",
    "TMSの副作用を教えてください",   # no worry word
    "how much does TMS cost",
])
def test_questions_and_bare_worries_are_not_rewritten(text: str) -> None:
    assert worry_core(text) is None


@pytest.mark.parametrize(("text", "entry_id"), [
    ("けいれんが起きたらどうしようって不安で眠れない", "tms_seizure"),
    ("I'm terrified the magnet thing will give me a seizure", "tms_seizure"),
    ("I'm scared the magnets will hurt", "tms_pain"),
    ("全部でいくらかかるのか見当もつかなくて踏み出せない", "costs"),
])
def test_a_stated_worry_gets_its_answer(index: FaqIndex, text: str, entry_id: str) -> None:
    found = index.match(text)
    assert (found.status, found.entry_id) == ("answer", entry_id)


@pytest.mark.parametrize("text", [
    "I'm worried about my exam tomorrow",   # worries about other things: never answered
    "I'm scared of the dark",
    "I'm worried my car insurance will go up",
    "明日のテストが不安です",
    "地震が怖い",
    "犬の病気が心配です",
])
def test_worries_about_other_things_are_not_answered(index: FaqIndex, text: str) -> None:
    assert index.match(text).status != "answer"
