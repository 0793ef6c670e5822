"""A message that asks two things: the first answered, the second offered as a button (``Match.also``)."""

from __future__ import annotations

import pytest

from bot.search import FaqIndex
from bot.search.index import _parts, refers_back


@pytest.mark.parametrize(("text", "entry_id", "also"), [
    ("does tms hurt and how long is each session", "tms_pain", "tms_session_length"),
    ("whats the price per session and how many sessions in total?", "costs", "tms_course_length"),
    ("エクソソームってそもそも何？安全なの？", "exo_what", "exo_safety"),   # the second only offered alone
    ("ペースメーカーが入ってる父でも大丈夫？年齢の上限とかある？", "tms_metal", "tms_age"),
])
def test_the_second_question_is_offered_beside_the_first(index: FaqIndex, text: str, entry_id: str,
                                                         also: str) -> None:
    found = index.match(text)
    assert (found.status, found.entry_id, found.also) == ("answer", entry_id, (also,))


@pytest.mark.parametrize("text", [
    "I read about TMS and how it helps people with depression",   # "and how" that asks nothing
    "my son is 16 and what he needs is rest",
    "TMS and exosomes",
])
def test_and_before_a_question_word_does_not_always_start_a_question(text: str) -> None:
    assert _parts(text) == []


def test_a_sentence_of_two_questions_is_also_kept_whole() -> None:
    text = "What happens to that information and how long is it kept?"
    assert [part for part, _ in _parts(text)] == ["What happens to that information", "how long is it kept?", text]


@pytest.mark.parametrize("text", [
    "Would TMS be a problem for someone like that?",
    "Is TMS okay in that case?",
    "こういう人でも対象になる？",
    "その場合でも受けられますか",
])
def test_a_question_that_points_back_at_the_story(text: str) -> None:
    assert refers_back(text)


@pytest.mark.parametrize("text", [
    "What is TMS like?",            # "like" alone points at nothing
    "Do you like the results?",
    "どういう治療ですか",             # asks what kind, not about the story
    "この治療は痛いですか",
])
def test_a_question_that_stands_alone(text: str) -> None:
    assert not refers_back(text)
