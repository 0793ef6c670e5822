"""Spans that only name a yardstick or something set aside (bot.search.compared)."""

from __future__ import annotations

import pytest

from bot.search.compared import compared_spans, topic_spans


@pytest.mark.parametrize(("text", "span"), [
    ("TMSもエクソソームみたいに未承認なの？", "エクソソーム"),  # the run before みたいに, not the topic before も
    ("エクソソームもTMSと同じで毎日通うの？", "tms"),
    ("TMSじゃなくてエクソソームだけ受けたい", "tms"),
    ("does the drip hurt like with TMS?", "with tms"),
    ("side effects of the exosome drip, same as TMS?", "tms"),
    ("instead of TMS, is the infusion an option", "tms"),
])
def test_a_yardstick_or_what_is_set_aside_is_found(text: str, span: str) -> None:
    assert span in compared_spans(text)


@pytest.mark.parametrize("text", [
    "I would like TMS",          # a wish, not a comparison
    "I'd like the exosome drip",
    "what does TMS feel like",   # nothing after the marker
    "TMSの副作用は？",
])
def test_wishes_and_plain_questions_compare_nothing(text: str) -> None:
    assert compared_spans(text) == []


@pytest.mark.parametrize(("text", "topics"), [
    ("TMSって点滴するんですか", ["tms"]),
    ("エクソソーム点滴はTMSの後ですか", ["エクソソーム点滴"]),
    ("TMSは週5回ですがエクソソームは何回？", ["tms", "エクソソーム"]),
    ("TMSって注射もするの？", ["tms"]),  # も is "also" here, not a topic
])
def test_the_topic_a_japanese_question_marks_is_found(text: str, topics: list[str]) -> None:
    assert topic_spans(text) == topics
