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


@pytest.mark.parametrize("text", [
    "なんで磁気で気分が変わるのか全然わからない",
    "いくらかかるのか知りたい",
    "I don't understand how a magnet changes your mood",
    "I'm not sure whether my son can have it",
    "no idea how long it takes",
])
def test_not_knowing_something_asks_it(text: str) -> None:
    assert looks_like_request(text)


@pytest.mark.parametrize("text", [
    "どうしていいかわからない",            # not knowing about one's own life is distress
    "なんでこんなにつらいのかわからない",
    "何もわからない",
    "i cry every night and dont know why",
    "I dont know what to do anymore",
    "no idea why I feel like this",
    "I am not sure",
])
def test_not_knowing_about_oneself_asks_nothing(text: str) -> None:
    assert not looks_like_request(text)
