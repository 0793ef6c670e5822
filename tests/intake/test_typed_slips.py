"""Typed answers that name nothing as typed but do as meant (bot.intake.typos), things the form has no word for,
and pictographs: one family of phrasings per test, with look-alikes that must not be read into a choice."""

from __future__ import annotations

import pytest

from bot.content.schema import Intake, Question
from bot.intake.typed import Reading, read_choice
from bot.intake.typos import mend_typos


def variants(intakes: dict[str, Intake], question_id: str, lang: str) -> list[Question]:
    order = [lang, *(other for other in intakes if other != lang)]
    return [q for other in order for q in intakes[other].questions if q.id == question_id]


def read(intakes: dict[str, Intake], question_id: str, text: str) -> Reading:
    return read_choice(text, variants(intakes, question_id, "en" if text.isascii() else "ja"))


# --- slips of the finger ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "expected"), [
    ("applicant", "本任です", ("self",)), ("applicant", "自文です", ("self",)),  # 本人, 自分: the same sound
    ("applicant", "保護車です", ("guardian",)),
    ("call_times", "mornigns on weekdays", ("weekday_am",)), ("call_times", "saterdays", ("saturday",)),
    ("call_times", "evenigs", ("weekday_evening",)), ("treatments", "anti depressents", ("antidepressants",)),
    ("treatments", "counceling", ("psychotherapy",)), ("treatments", "accupuncture", ("other",)),
    ("contact_method", "telegarm", ("telegram",)),
])
def test_a_word_typed_with_one_slip_names_its_choice(intakes: dict[str, Intake], question: str, text: str,
                                                     expected: tuple[str, ...]) -> None:
    assert read(intakes, question, text) == Reading("choice", expected)


def test_short_words_and_words_of_the_question_are_never_mended(intakes: dict[str, Intake]) -> None:
    """One letter off a short word is often another word ("bother" is no "other"), and a word a choice uses stays."""
    treatments = variants(intakes, "treatments", "en")
    assert mend_typos("nevr", treatments) is None
    assert mend_typos("other things", treatments) is None
    assert mend_typos("mornings", variants(intakes, "call_times", "en")) is None
    assert read(intakes, "seizure", "nevr heard").kind != "choice"


# --- pictographs ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("📞", "phone"), ("☎️", "phone"), ("📱 please", "phone"), ("📞でお願いします", "phone"), ("📧", "email"),
    ("✉️", "email"), ("💬", "telegram"),
])
def test_a_pictograph_names_the_contact_method(intakes: dict[str, Intake], text: str, expected: str) -> None:
    assert read(intakes, "contact_method", text) == Reading("choice", (expected,))


def test_two_pictographs_ask_which(intakes: dict[str, Intake]) -> None:
    assert read(intakes, "contact_method", "📞 or 📧") == Reading("unclear", ("phone", "email"))


# --- treatments and medicines the form has no button for -----------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "expected"), [
    ("treatments", "鍼灸とか", ("other",)), ("treatments", "整体とヨガ", ("other",)),
    ("treatments", "yoga and massage", ("other",)), ("treatments", "counselling and meditation",
                                                    ("psychotherapy", "other")),
    ("medication", "only ibuprofen lol", ("no",)), ("medication", "ロキソニンだけ", ("no",)),
    ("medication", "my son takes Concerta from his psychiatrist", ("yes",)), ("medication", "コンサータ", ("yes",)),
])
def test_a_treatment_or_medicine_without_a_button_is_placed(intakes: dict[str, Intake], question: str, text: str,
                                                            expected: tuple[str, ...]) -> None:
    assert read(intakes, question, text) == Reading("choice", expected)


@pytest.mark.parametrize("text", ["St John's wort", "セントジョーンズワート", "antidepressants and St John's wort"])
def test_a_remedy_that_may_be_one_treatment_or_another_is_offered(intakes: dict[str, Intake], text: str) -> None:
    reading = read(intakes, "treatments", text)
    assert reading.kind == "unclear" and {"antidepressants", "other"} <= set(reading.choice_ids)


@pytest.mark.parametrize("text", ["St John's wort", "セントジョーンズワートを飲んでます", "taking St Johns wort"])
def test_a_remedy_that_may_count_as_medication_asks(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "medication", text) == Reading("unclear", ("yes", "no"))


def test_a_remedy_said_with_a_no_places_nothing(intakes: dict[str, Intake]) -> None:
    reading = read(intakes, "treatments", "never tried St John's wort, only counselling")
    assert "psychotherapy" in reading.choice_ids and "antidepressants" not in reading.choice_ids


# --- undecided between two ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("still deciding", ("undecided",)), ("どれがいいか先生に決めてほしい", ("undecided",)),
    ("まだ決まってないです", ("undecided",)),
])
def test_not_having_decided_is_undecided(intakes: dict[str, Intake], text: str, expected: tuple[str, ...]) -> None:
    assert read(intakes, "interest", text) == Reading("choice", expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("between tms and the combo", {"tms", "combined"}), ("torn between exosome and tms", {"tms", "exosome"}),
    ("still deciding, tms or the combo", {"tms", "combined", "undecided"}),
])
def test_deciding_between_two_asks_which(intakes: dict[str, Intake], text: str, expected: set[str]) -> None:
    reading = read(intakes, "interest", text)
    assert reading.kind == "unclear" and set(reading.choice_ids) == expected
