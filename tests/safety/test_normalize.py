"""Normalisation for the crisis screen: which spellings count as the same text."""

from __future__ import annotations

import pytest

from bot.safety.normalize import (
    MAX_SCREEN_CHARS,
    english_views,
    english_words,
    fold,
    has_japanese,
    japanese_key,
    spellings,
)
from bot.safety.sentences import english_text


def english(text: str) -> str:
    return english_views(fold(text))[0]


# --- fold -------------------------------------------------------------------------------------------------------

def test_fold_unifies_width_and_case() -> None:
    assert fold("ＴＭＳ　ＯＫ？") == "tms　ok？"  # full-width letters become ASCII; punctuation is left for later
    assert fold("ｼﾆﾀｲ") == "シニタイ"
    assert fold("ﾀﾞﾒ") == "ダメ"  # half-width voicing mark composes
    assert fold("𝓈𝓊𝒾𝒸𝒾𝒹𝑒") == "suicide"  # "fancy font" letters
    assert fold("I Want") == "i want"


def test_fold_reads_the_small_katakana_of_the_phonetic_extensions_as_katakana() -> None:
    assert fold("ㇱにたぃ") == "シにたぃ"  # U+31F1, which NFKC leaves alone
    assert fold("ㇰㇿ") == "クロ"


def test_fold_cuts_long_text() -> None:
    assert len(fold("あ" * (MAX_SCREEN_CHARS + 500))) == MAX_SCREEN_CHARS


def test_has_japanese() -> None:
    assert has_japanese("TMSは痛い?")
    assert has_japanese("ｼﾆﾀｲ")
    assert not has_japanese("Is TMS painful?")


# --- Japanese keys ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["死にたい", "死 に た い", "死にたーい", "死にたぁい", "死にたぃ", "死に、たい！！😢",
                                  "死にた〜い"])
def test_japanese_key_ignores_spacing_punctuation_and_stretching(text: str) -> None:
    assert japanese_key(text) == "死にたい"


@pytest.mark.parametrize("text", ["しにたい", "シニタイ", "ｼﾆﾀｲ", "シ ニ タ イ", "ｼﾆﾀｰｲ"])
def test_japanese_key_reads_katakana_and_half_width_as_hiragana(text: str) -> None:
    assert japanese_key(text) == "しにたい"


def test_japanese_key_keeps_repeats_and_enlarges_small_kana() -> None:
    assert japanese_key("死んだ方がいい") != japanese_key("死んだ方がいる")
    assert japanese_key("命を絶った") == "命を絶つた"
    assert japanese_key("リスカ") == "りすか"


def test_spellings_of_kanji() -> None:
    assert spellings("死にた")[0] == "死にた"
    assert {"しにた", "氏にた", "4にた", "四にた", "〇にた", "たひにた", "死にだ", "死似た"} <= set(spellings("死にた"))
    assert "市にた" not in spellings("死にた")  # 市に対して
    assert "じさつ" in spellings("自殺")


def test_shinde_is_not_spelt_in_kana() -> None:
    """楽しんでもいい must not look like 死んでもいい."""
    assert not any(s.startswith("しん") for s in spellings("死んでもいい"))


# --- English views ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "view"), [
    ("I don't wanna live!!", " i do not want to live "),
    ("I dont want 2 live", " i do not want to live "),
    ("I’m done", " i am done "),
    ("I'll end it", " i will end it "),
    ("k i l l myself", " kill myself "),
    ("kill my self", " kill myself "),
    ("su1cide", " suicide "),
    ("k!ll mys3lf", " kill myself "),
    ("5uicide", " suicide "),
    ("i want to di3", " i want to die "),
    ("ＳＵＩＣＩＤＥ", " suicide "),
    ("self-harm", " self harm "),
    ("I OD'd", " i od "),
    ("ODしました", " od "),
])
def test_english_view(text: str, view: str) -> None:
    assert english(text) == view


@pytest.mark.parametrize(("text", "view"), [
    ("10 kms at 3pm for $500!", " 10 kms at 3pm for 500 "),  # numbers, times and prices stay
    ("help!", " help "),
    ("odd question", " odd question "),
])
def test_english_view_leaves_numbers_and_ordinary_words(text: str, view: str) -> None:
    assert english(text) == view


@pytest.mark.parametrize(("text", "view"), [
    ("iwanttodie", " i want to die "),
    ("IWANTTODIE", " i want to die "),
    ("wan2die", " want to die "),
    ("i want to take my ownlife", " i want to take my own life "),
    ("endmylife", " end my life "),
    ("i sh'd again", " i self harmed again "),
    ("i want to dye", " i want to die "),
    ("gonna dye tonight", " going to die tonight "),
])
def test_chat_spellings_of_a_phone_are_read_apart(text: str, view: str) -> None:
    assert english(text) == view


@pytest.mark.parametrize(("text", "view"), [
    ("he'll jump", " he will jump "),
    ("she'd rather die", " she would rather die "),
    ("we're fine", " we are fine "),
    ("she'll", " she will "),
])
def test_a_pronoun_with_an_apostrophe_is_no_other_word(text: str, view: str) -> None:
    assert english(text) == view  # not hell, shed, were


@pytest.mark.parametrize(("text", "view"), [
    ("studied hard", " studied hard "),
    ("my lifeline", " my lifeline "),
    ("dieting", " dieting "),
    ("i want to dye my hair", " i want to dye my hair "),
    ("i want to dye it blue", " i want to dye it blue "),
])
def test_ordinary_words_are_not_cut_apart(text: str, view: str) -> None:
    assert english(text) == view


@pytest.mark.parametrize(("text", "view"), [
    ("wanna d!e", " want to die . "),
    ("s.u.i.c.i.d.a.l", " suicidal . "),
    ("k-i-l-l myself", " kill myself . "),
    ("help! me", " help . me . "),
])
def test_marks_inside_a_spelt_word_end_no_sentence(text: str, view: str) -> None:
    assert english_text(fold(text))[0] == view


def test_one_inside_a_word_gives_two_views() -> None:
    assert english_views(fold("ki11 myse1f")) == (" kii myseif ", " kill myself ")  # three letters read as two


def test_no_latin_letter_no_english_view() -> None:
    assert english_views(fold("死にたい")) == ()


def test_english_words_of_a_phrase() -> None:
    assert english_words("don't want* to live") == [
        ("do", False), ("not", False), ("want", True), ("to", False), ("live", False)]
    assert english_words("kill* my self") == [("kill", True), ("myself", False)]
    assert english_words("suicid *") == [("suicid", True)]


@pytest.mark.parametrize(("text", "view"), [
    ("I'll be dying my hair next week", " i will be dyeing my hair next week "),
    ("died my roots pink", " dyed my roots pink "),
    ("i want to die my hair is a mess", " i want to die my hair is a mess "),  # the noun goes on as a subject
    ("i am dying", " i am dying "),
])
def test_dyeing_spelt_dying_is_read_as_dyeing(text: str, view: str) -> None:
    assert english_views(fold(text))[0] == view
