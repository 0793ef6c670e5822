"""The nearest example as written (bot.search.nearest): the small words the analyser drops tell entries apart."""

from __future__ import annotations

import pytest

from bot.search import FaqIndex
from bot.search.nearest import NearestExamples, surface


def test_english_keeps_small_words_and_word_pairs() -> None:
    assert surface("How does TMS work?") == {"how", "does", "tms", "work", "how does", "does tms", "tms work"}


def test_japanese_is_read_as_character_pairs_across_scripts() -> None:
    features = surface("TMSって痛い？")
    assert {"tms", "って", "sっ", "痛い"} <= features


def test_an_example_written_as_asked_is_nearest() -> None:
    nearest = NearestExamples([(0, "Does TMS work?"), (1, "How does TMS work?"), (1, "mechanism of TMS")])
    asked = surface("how does tms work")
    assert nearest.best(1, asked) == 1.0
    assert nearest.best(0, asked) < 1.0
    assert nearest.best(2, asked) == 0.0
    assert nearest.best(1, frozenset()) == 0.0


@pytest.mark.parametrize(("text", "entry_id"), [
    ("How does TMS work?", "tms_how"),  # "Does TMS work?" is about the effect: same features, other small words
    ("WHAT IS AN EXOSOME", "exo_what"),  # not "what is in an exosome"
])
def test_a_question_written_as_one_example_is_answered_with_its_entry(index: FaqIndex, text: str,
                                                                       entry_id: str) -> None:
    found = index.match(text)
    assert (found.status, found.entry_id) == ("answer", entry_id)
