"""Telling a part of a message that asks from one that tells (bot.search.sentences)."""

from __future__ import annotations

import pytest

from bot.search.sentences import looks_like_question, looks_like_request


@pytest.mark.parametrize("text", [
    "I was wondering how long each session takes",
    "so I'd like to know if TMS hurts",
    "anyway, my question is whether the drip is covered",
    "ok so what i want to know is the price",
])
def test_a_request_after_a_lead_in_asks(text: str) -> None:
    assert looks_like_request(text)


@pytest.mark.parametrize("text", [
    "so how long does a session take",
    "and do they actually work for depression",
    "anyway can kids have it",
])
def test_a_question_opening_after_a_lead_in_asks(text: str) -> None:
    assert looks_like_question(text)


@pytest.mark.parametrize("text", [
    "so I have been depressed for years",
    "anyway my son is 16",
    "well",   # a lead-in alone is not a question opening
    "so can",
])
def test_a_story_after_a_lead_in_still_only_tells(text: str) -> None:
    assert not looks_like_question(text) and not looks_like_request(text)
