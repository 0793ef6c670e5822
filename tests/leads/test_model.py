from __future__ import annotations

import typing

import pytest

from bot.content.schema import Choice
from bot.leads.model import FLAGS, lead_ref, normalise_answers, normalise_flags, parse_lead_ref


def test_lead_numbers_read_back_in_every_form_people_type() -> None:
    assert lead_ref(123) == "A-000123"
    assert lead_ref(1234567) == "A-1234567"
    for text in ("A-000123", "a000123", " A 123 ", "Ａ－０００１２３", "123", "１２３"):
        assert parse_lead_ref(text) == 123, text
    for text in ("", "A-", "B-000123", "A-0", "12a"):
        assert parse_lead_ref(text) is None, text


def test_flags_match_the_content_schema_and_are_ordered_by_urgency() -> None:
    assert set(FLAGS) == set(typing.get_args(typing.get_args(Choice.model_fields["flag"].annotation)[0]))
    assert normalise_flags(["guardian", "crisis", "minor", "crisis"]) == ("crisis", "minor", "guardian")
    with pytest.raises(ValueError, match=r"unknown lead flag\(s\) \['vip'\]"):
        normalise_flags(["vip"])


def test_a_malformed_answer_is_refused_without_quoting_its_value() -> None:
    with pytest.raises(ValueError) as caught:
        normalise_answers({"phone": {"label": "電話", "value": 9012345678}})
    assert str(caught.value) == "answer 'phone' needs string 'label' and 'value'"
