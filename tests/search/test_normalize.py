"""Normalisation and language detection: the variants patients type must look alike to the matcher."""

from __future__ import annotations

import pytest

from bot.search.english import is_stopword, stem
from bot.search.normalize import detect_language, fold, normalize


@pytest.mark.parametrize(("typed", "expected"), [
    ("ＴＭＳ", "tms"),  # full-width letters
    ("ｴｸｿｿｰﾑ", "えくそそむ"),  # half-width katakana, long-vowel mark
    ("エクソソーム", "えくそそむ"),
    ("えくそそーむ", "えくそそむ"),  # hiragana spelling of a katakana word
    ("エクソソム", "えくそそむ"),  # long vowel left out
    ("3ヶ月", "3か月"),
    ("3カ月", "3か月"),
    ("TMSって痛い？！😣", "tmsって痛い"),  # punctuation and emoji dropped
    ("  side-effects,  please ", "side effects please"),
])
def test_variants_fold_to_one_spelling(typed: str, expected: str) -> None:
    assert normalize(typed).text == expected


def test_scripts_label_every_character() -> None:
    norm = normalize("TMSの副作用とエクソソーム")
    assert norm.text == "tmsの副作用とえくそそむ"
    assert norm.scripts == "LLLHKKKHTTTTT"
    assert [(script, run) for script, run, _ in norm.runs()] == [
        ("L", "tms"), ("H", "の"), ("K", "副作用"), ("H", "と"), ("T", "えくそそむ")]


def test_nani_alone_is_the_kana_word_but_not_in_compounds() -> None:
    assert normalize("TMSって何？").text == "tmsってなに"
    assert normalize("何回通うの").text.startswith("何回")
    assert normalize("何分かかる").text.startswith("何分")


@pytest.mark.parametrize(("typed", "expected"), [
    ("What's TMS?", "what is tms?"),
    ("It hasn’t helped", "it has not helped"),  # curly apostrophe
    ("I can't come, I'd like online", "i can not come, i would like online"),
    ("I'm 17", "i am 17"),
])
def test_english_contractions_are_spelt_out(typed: str, expected: str) -> None:
    assert fold(typed) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("TMSって痛いですか？", "ja"),
    ("ＢＤＮＦとは", "ja"),
    ("how often is the infusion?", "en"),
    ("what is エクソソーム", "ja"),  # any kana or kanji: the answer follows in Japanese
    ("ｴｸｿｿｰﾑ", "ja"),  # half-width katakana
    ("TMS", "en"),
    ("", "en"),
    ("😊", "en"),
])
def test_language_of_the_question(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("word", "expected"), [
    ("sessions", "session"),
    ("session", "session"),
    ("therapies", "therapy"),
    ("effective", "effect"),
    ("effectiveness", "effect"),
    ("effects", "effect"),
    ("treatment", "treat"),
    ("treating", "treat"),
    ("stopped", "stop"),
    ("does", "do"),
    ("tms", "tms"),
])
def test_stemmer_makes_inflections_meet(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_stemmer_is_consistent_for_plural_and_singular() -> None:
    for singular, plural in [("exosome", "exosomes"), ("infusion", "infusions"), ("seizure", "seizures"),
                             ("week", "weeks"), ("headache", "headaches")]:
        assert stem(singular) == stem(plural)


def test_generic_english_words_are_stopwords_but_topic_question_words_are_not() -> None:
    for word in ("what", "is", "the", "please", "exactly", "how"):
        assert is_stopword(stem(word))
    for word in ("where", "when", "why", "long", "often", "many", "much", "who"):
        assert not is_stopword(stem(word))
