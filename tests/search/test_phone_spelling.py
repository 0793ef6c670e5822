"""How patients type on a phone, read as the content's words: chat signs, abbreviations, run-together words, the
typos the example questions carry on purpose, and a child's age next to the child."""

from __future__ import annotations

import pytest

from bot.search import FaqIndex
from bot.search.analyzer import Analyzer, _typo_spellings
from bot.search.english import does_typed_dose
from bot.search.synonyms import Synonyms


@pytest.mark.parametrize(("typed", "written"), [
    ("any tx w/o meds?", "any treatment without medication"),
    ("ok if preg?", "ok if pregnant"),
    ("exosomesapproved?", "exosome approved"),
    ("can my 13 yr old son get tms?", "can my 13 year old son get tms"),
    ("My 14-year-old son", "my 14 year old son"),
    ("tms side fx?", "tms side effects"),
    ("howdoideletemydata", "how do i delete my data"),
    ("HOWMANYTIMESAWEEKISTMS", "how many times a week is tms"),
    ("how lomg is a tms session", "how long is a tms session"),  # one letter of four changed
    ("clinic addr pls", "clinic address please"),
    ("shld i stop meds b4 tms", "should i stop meds before tms"),
    ("do i hav 2 stop my meds", "do i have 2 stop my meds"),
    ("exo drip how many mths", "exo drip how many months"),
    ("how long is each sesh", "how long is each session"),
])
def test_phone_spellings_read_as_the_words_they_stand_for(index: FaqIndex, typed: str, written: str) -> None:
    assert index.features(typed) == index.features(written)


def test_an_age_beside_a_son_is_both_an_age_and_a_child(index: FaqIndex) -> None:
    assert index.features("13 year old son").keys() >= index.features("how old").keys() | index.features("son").keys()


def test_a_typo_the_examples_carry_counts_for_the_word_it_misspells() -> None:
    questions = ["how long is a session", "is a session painful", "session length", "sessions per week",
                 "how long is a tms sesion", "what does metal do", "metal implant", "metal plate", "metal in head",
                 "is it bad for mental health"]
    typos = _typo_spellings(questions, Synonyms([]))
    assert typos == {"sesion": "session"}  # "mental" has a letter more than "metal": a word, not a typo
    analyzer = Analyzer(Synonyms([]))
    analyzer.learn(questions)
    assert analyzer.features("tms sesion") == analyzer.features("tms session")


def test_a_word_the_answers_use_is_never_taken_for_a_typo() -> None:
    questions = ["session"] * 5 + ["sesion"]
    assert _typo_spellings(questions, Synonyms([]), proper={"sesion"}) == {}


@pytest.mark.parametrize("typed", ["bitcoinpricetoday", "bestramenintokyo"])
def test_words_run_together_about_something_else_still_find_nothing(index: FaqIndex, typed: str) -> None:
    assert index.match(typed).status == "none"


@pytest.mark.parametrize(("text", "read"), [
    ("how much dose it cost", "how much does it cost"),
    ("Dose TMS hurt?", "does TMS hurt?"),
    ("dose the treatment work for teens", "does the treatment work for teens"),
    ("what dose of exosomes do you give", "what dose of exosomes do you give"),
    ("the dose is how much", "the dose is how much"),
])
def test_dose_before_a_subject_is_does_typed_with_two_letters_swapped(text: str, read: str) -> None:
    assert does_typed_dose(text) == read


def test_a_cost_question_with_dose_for_does_is_about_the_cost(index: FaqIndex) -> None:
    assert index.match("how much dose it cost").candidates[0][0] == "costs"
