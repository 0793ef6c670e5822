"""Romaji told from English by the Japanese content's words, and answered in the language the user set."""

from __future__ import annotations

from bot.search import FaqIndex
from bot.search.romaji import RomajiReader
from bot.search.typed_reply import reply_language

READER = RomajiReader.build(["ほけんはつかえますか", "TMSはいたいですか", "エクソソームのふくさよう"],
                            english=lambda word: word in {"hoken", "made", "the", "a"})


def test_romaji_of_the_contents_words_is_read_in_hiragana() -> None:
    assert READER.read("tms wa itai desu ka") == "tmsはいたいですか"
    assert READER.read("hoken wa tsukaemasu ka") == "ほけんはつかえますか"  # "hoken": English-known
    assert READER.read("ekusosoomu no fukusayou") == "えくそそーむのふくさよう"  # spelt as the content does


def test_english_that_reads_as_syllables_is_not_romaji() -> None:
    assert READER.read("I feel like a failure") is None
    assert READER.read("give me a pasta recipe") is None
    assert READER.read("he went to the shop") is None  # particles alone prove nothing


def test_romaji_is_answered_in_the_language_the_user_set(index: FaqIndex) -> None:
    found = index.match("tms wa itai desu ka")
    assert (found.lang, found.entry_id, found.romaji) == ("ja", "tms_pain", True)
    assert reply_language(found, "tms wa itai desu ka", "en") == "en"
    assert reply_language(found, "tms wa itai desu ka", "ja") == "ja"
    english = index.match("Does TMS hurt?")
    assert not english.romaji and reply_language(english, "Does TMS hurt?", "ja") == "en"
