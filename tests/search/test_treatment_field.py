"""Every FAQ entry says which treatment it is about, and the matcher keeps questions about one treatment away from
entries about the other; lay and family words and common typos find the entry they mean."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from bot.content.schema import Faq
from bot.search import FaqIndex
from bot.search.distress import DistressScreen

from .conftest import REPO


@pytest.fixture(scope="module")
def distress(evaluation: ModuleType) -> DistressScreen:
    screen: DistressScreen = evaluation.load_distress_screen(REPO / "content")
    return screen

_NAMES = {"tms": re.compile(r"TMS|磁気"), "exosome": re.compile(r"(?i)exosome|エクソソーム|infusion|点滴")}


def _named(answer: str) -> set[str]:
    return {treatment for treatment, pattern in _NAMES.items() if pattern.search(answer)}


def test_an_answer_about_one_treatment_only_has_that_treatment_field(shipped_faqs: dict[str, Faq]) -> None:
    """An entry left without ``treatment`` is never pushed down for a question about the other treatment: the
    children entry (TMS under 18 only) stood beside the exosome age entry for
    「中学生の息子にエクソソームを使えますか」."""
    unmarked = [(lang, entry.id) for lang, faq in shipped_faqs.items() for entry in faq.entries
                if entry.treatment is None and len(_named(entry.answer)) == 1]
    assert unmarked == []


def test_an_entry_about_a_treatment_names_it_in_its_answer(shipped_faqs: dict[str, Faq]) -> None:
    wrong = [(lang, entry.id) for lang, faq in shipped_faqs.items() for entry in faq.entries
             if entry.treatment in _NAMES and _named(entry.answer) == {"tms", "exosome"} - {entry.treatment}]
    assert wrong == []


@pytest.mark.parametrize("text", [
    "can my 15 year old son have the exosome drip?",
    "中学生の娘にエクソソーム点滴はできますか",
])
def test_a_child_and_the_exosome_is_not_answered_with_the_tms_age_entries(index: FaqIndex, text: str) -> None:
    found = index.match(text)
    assert found.candidates and found.candidates[0][0] == "exo_age"


@pytest.mark.parametrize(("text", "entry_id"), [
    ("is the combo deal expensive? how much", "costs"),
    ("the head coil thing, does it hurt", "tms_pain"),
    ("頭にコイルのやつ、痛い？", "tms_pain"),
    ("メンテの通院って必要？", "tms_maintenance"),
    ("これって自腹になりますか", "insurance"),
    ("TMSは保健きく？", "insurance"),
    ("what is an exosone", "exo_what"),
    ("is it covered by insurrance", "insurance"),
])
def test_lay_words_and_typos_find_their_entry(index: FaqIndex, text: str, entry_id: str) -> None:
    assert index.match(text).candidates[0][0] == entry_id


def test_the_school_nurse_s_room_is_not_insurance(index: FaqIndex) -> None:
    """保健 alone was an insurance typo, so 「保健室登校」 (going only to the nurse's room) read as insurance."""
    found = index.match("保健室登校の娘にTMSはできますか")
    assert "insurance" not in [entry_id for entry_id, _ in found.candidates[:1]]


@pytest.mark.parametrize("text", [
    "I hate that I can't make myself try anymore",
    "I'm sick of everything",
    "getting up in the morning is unbearable",
    "my 12 year old keeps getting stomach aches every morning",
    "頑張りたいのに体が動きません",
])
def test_not_managing_and_being_fed_up_are_distress(distress: DistressScreen, text: str) -> None:
    assert distress.screen(text).statement


@pytest.mark.parametrize("text", ["is the pain unbearable?", "are the side effects unbearable"])
def test_asking_whether_a_treatment_is_unbearable_is_a_question(distress: DistressScreen, text: str) -> None:
    assert not distress.screen(text).statement
