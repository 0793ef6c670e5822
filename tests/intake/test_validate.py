"""What people type, accepted and normalised, or refused with the right message and bounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bot.content.schema import Choice, Intake, Question
from bot.intake.engine import IntakeEngine
from bot.intake.validate import (
    Rejected,
    clean_text,
    format_phone,
    match_choice,
    parse_date,
    parse_email,
    parse_number,
    parse_phone,
)
from tests.intake.conftest import NOW, TODAY


def rejected(call: Callable[..., str], *args: object) -> tuple[str, object, object]:
    with pytest.raises(Rejected) as info:
        call(*args)
    return info.value.error, info.value.min, info.value.max


@pytest.mark.parametrize(("typed", "stored", "shown"), [
    ("052-123-4567", "+81521234567", "052-123-4567"),
    ("090-1234-5678", "+819012345678", "090-1234-5678"),
    ("０９０－１２３４－５６７８", "+819012345678", "090-1234-5678"),
    ("０９０ー１２３４ー５６７８", "+819012345678", "090-1234-5678"),
    ("090 1234 5678", "+819012345678", "090-1234-5678"),
    ("+81 90 1234 5678", "+819012345678", "090-1234-5678"),
    ("+81-52-123-4567", "+81521234567", "052-123-4567"),
    ("(052) 123-4567", "+81521234567", "052-123-4567"),
    ("+1 415 555 2671", "+14155552671", "+1 415-555-2671"),
])
def test_phone_numbers(typed: str, stored: str, shown: str) -> None:
    assert parse_phone(typed) == stored
    assert format_phone(stored) == shown


@pytest.mark.parametrize("typed", ["12345", "090-1234", "phone me", "090-1234-5678 evenings", "1" * 10_000])
def test_not_phone_numbers(typed: str) -> None:
    assert rejected(parse_phone, typed) == ("phone", None, None)


def test_empty_phone_is_empty() -> None:
    assert rejected(parse_phone, "  ") == ("empty", None, None)


@pytest.mark.parametrize(("typed", "stored"), [
    ("taro@example.com", "taro@example.com"),
    (" Taro.Yamada@Example.COM ", "Taro.Yamada@example.com"),
    ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
])
def test_email_addresses(typed: str, stored: str) -> None:
    assert parse_email(typed) == stored


@pytest.mark.parametrize("typed", ["taro", "taro@", "taro@example", "taro@@example.com", "a b@example.com",
                                   "x" * 10_000 + "@example.com"])
def test_not_email_addresses(typed: str) -> None:
    assert rejected(parse_email, typed)[0] == "email"


@pytest.mark.parametrize(("typed", "iso"), [
    ("2026-12-03", "2026-12-03"),
    ("2026/12/3", "2026-12-03"),
    ("12/3", "2026-12-03"),
    ("１２／３", "2026-12-03"),
    ("12月3日", "2026-12-03"),
    ("１２月３日（木）", "2026-12-03"),
    ("2026年12月3日", "2026-12-03"),
    ("3 December", "2026-12-03"),
    ("Dec 3, 2026", "2026-12-03"),
    ("1/5", "2027-01-05"),  # without a year: the next such date
])
def test_dates(typed: str, iso: str) -> None:
    assert parse_date(typed, TODAY) == iso


@pytest.mark.parametrize("typed", ["2/30", "13/1", "tomorrow", "2026-12", "12月", "3 Smarch", "2026-1-1-1"])
def test_not_dates(typed: str) -> None:
    assert rejected(parse_date, typed, TODAY) == ("date", None, None)


def test_dates_out_of_range_name_the_bounds() -> None:
    bounds = (dt.date(2026, 11, 28), dt.date(2027, 2, 25))
    assert rejected(parse_date, "2026-11-27", TODAY, 1, 90) == ("date", *bounds)  # today, but tomorrow at the earliest
    assert rejected(parse_date, "2027-03-01", TODAY, 1, 90) == ("date", *bounds)
    assert parse_date("11/28", TODAY, 1, 90) == "2026-11-28"
    assert parse_date("2027年2月25日", TODAY, 1, 90) == "2027-02-25"


@pytest.mark.parametrize(("typed", "stored"), [("42", "42"), ("４２", "42"), ("1,000", "1000"), ("2.50", "2.5"),
                                               (" -3 ", "-3")])
def test_numbers(typed: str, stored: str) -> None:
    assert parse_number(typed) == stored


def test_numbers_out_of_range_or_not_numbers() -> None:
    assert rejected(parse_number, "17", 18, 120) == ("number", "18", "120")
    assert rejected(parse_number, "121", 18.0, 120.0) == ("number", "18", "120")
    assert rejected(parse_number, "forty", None, None) == ("number", None, None)
    assert rejected(parse_number, "4e2", None, None) == ("number", None, None)
    assert parse_number("18", 18, 120) == "18"


def test_text_is_trimmed_and_limited() -> None:
    typed = "  夕方が助かります\n よろしくお願いします \x00"
    assert clean_text(typed, 500) == "夕方が助かります / よろしくお願いします"
    assert rejected(clean_text, " \n\t ", 500) == ("empty", None, None)
    assert rejected(clean_text, "あ" * 10_000, 500) == ("text_too_long", None, 500)


@pytest.mark.parametrize("blank", [
    "\u200b", "\u200b\u200c\u200d", "\ufeff \u2060", "\u3164", "\u115f\u1160", "\u2800\u2800", "\u202e\u202d",
    "\u0301", " \u200b\n\u200b ",
])
def test_a_name_made_only_of_invisible_characters_is_refused(blank: str) -> None:
    assert rejected(clean_text, blank, 100) == ("empty", None, None)


def test_bidi_controls_and_zero_width_spaces_are_removed_joiners_kept() -> None:
    # U+202E would show staff "山田 5678-4321-090" reversed; U+2066..2069 isolate, U+200E/F marks
    assert clean_text("山田\u202e 0901234\u202c \u2066x\u2069\u200e\u200f", 100) == "山田 0901234 x"
    assert clean_text("Ha\u200bna\u00adko", 100) == "Hanako"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji made with zero-width joiners
    assert clean_text(family, 100) == family


@pytest.mark.parametrize("typed", [
    "山田\n状態: 対応終了", "山田\r\n🆘 危機的な言葉あり", "山田\u2028受付: 2025年1月1日", "山田\u2029\u0085x"
])
def test_a_line_break_in_an_answer_cannot_fake_a_line_of_the_card(typed: str) -> None:
    cleaned = clean_text(typed, 100)
    assert len(cleaned.splitlines()) == 1 and cleaned.startswith("山田 / ")
    assert clean_text("山田\x0b\x0cx", 100) == "山田x"  # vertical tab and form feed are control characters


def test_choice_typed_as_text_must_match_a_label_exactly() -> None:
    choices = [Choice(id="yes", label="はい"), Choice(id="weekday_am", label="Weekday mornings")]
    assert match_choice("はい", choices) == "yes"
    assert match_choice("  ＷＥＥＫＤＡＹ   mornings ", choices) == "weekday_am"
    assert match_choice("はいはい", choices) is None
    assert match_choice("weekday", choices) is None


# --- the same errors through the engine, with bounds formatted for the message ----------------------------------

def small_engine(question: Question) -> IntakeEngine:
    """An intake of one question, to reach the kinds the shipped questionnaire does not use."""
    errors = {name: name for name in ("choice", "text_too_long", "empty", "phone", "email", "date", "number",
                                      "not_text")}
    intake = Intake.model_validate({
        "version": "t", "intro": "i", "start": "s", "review": "r", "submit": "s", "thanks": "{{ lead_id }}",
        "consent": {"version": "c", "text": "t", "agree": "a", "decline": "d", "declined": "x"},
        "questions": [question.model_dump(exclude_unset=True)], "errors": errors,
    })
    return IntakeEngine({"ja": intake, "en": intake}, today=lambda: TODAY)


def test_engine_formats_date_bounds_in_the_draft_language() -> None:
    engine = small_engine(Question(id="visit", kind="date", text="When?", label="Visit", min=1, max=60))
    draft = engine.start("ja")
    engine.open_consent(draft)
    engine.accept_consent(draft, NOW)
    outcome = engine.answer_text(draft, "2026-11-27")
    assert (outcome.kind, outcome.error, dict(outcome.params)) == (
        "error", "date", {"min": "2026年11月28日", "max": "2027年1月26日"})
    engine.switch_language(draft, "en")
    outcome = engine.answer_text(draft, "1/30")
    assert dict(outcome.params) == {"min": "November 28, 2026", "max": "January 26, 2027"}
    assert engine.answer_text(draft, "12月3日").accepted
    assert draft.answers["visit"] == "2026-12-03"
    assert engine.review_items(draft) == [("visit", "Visit", "December 3, 2026")]
    assert engine.review_items(draft, "ja") == [("visit", "Visit", "2026年12月3日")]


def test_engine_number_and_text_errors() -> None:
    engine = small_engine(Question(id="age", kind="number", text="Age?", label="Age", min=18, max=120))
    draft = engine.start("en")
    engine.open_consent(draft)
    engine.accept_consent(draft, NOW)
    outcome = engine.answer_text(draft, "１５")
    assert (outcome.error, dict(outcome.params)) == ("number", {"min": "18", "max": "120"})
    assert engine.answer_text(draft, "３５").accepted
    assert draft.answers["age"] == "35"

    engine = small_engine(Question(id="note", kind="text", text="Note?", label="Note", max_length=20))
    draft = engine.start("en")
    engine.open_consent(draft)
    engine.accept_consent(draft, NOW)
    outcome = engine.answer_text(draft, "x" * 10_000)
    assert (outcome.error, dict(outcome.params)) == ("text_too_long", {"min": "", "max": "20"})
    outcome = engine.answer_text(draft, "   ")
    assert outcome.error == "empty"
    assert draft.stage == "question"
