"""The off-topic guard's figures (bot.search.offtopic) on the shipped content: a telling word the best entry never
uses, against the same question asked of the clinic's own subject."""

from __future__ import annotations

from bot.search import FaqIndex
from bot.search.decision import Thresholds, off_topic
from bot.search.offtopic import explained
from bot.search.scoring import CoverageIndex


def _off(index: FaqIndex, text: str) -> bool:
    found = index.match(text)
    assert found.signals is not None
    return off_topic(found.signals, Thresholds())


def test_a_telling_word_the_best_entry_never_uses_marks_the_question_off_topic(index: FaqIndex) -> None:
    assert _off(index, "does insurance cover braces for teens")
    assert _off(index, "can I get the covid vaccine while pregnant")
    assert _off(index, "歯医者の治療は保険きく？")


def test_the_same_questions_about_the_clinic_s_treatments_are_not_off_topic(index: FaqIndex) -> None:
    assert not _off(index, "is TMS covered by insurance")
    assert not _off(index, "Can I have TMS while pregnant?")
    assert not _off(index, "TMSは保険がききますか")


def test_explained_reads_shared_and_foreign_words_by_weight() -> None:
    coverage = CoverageIndex([{"insurance": 1.0}, {"insurance": 1.0, "braces": 1.0}, *[{"age": 1.0}] * 10])
    weights = coverage.weigh({"insurance": 1.0, "braces": 1.0})
    about = explained(weights, 0, coverage)  # the first entry uses insurance but not braces
    assert about.specific == weights["insurance"] and about.foreign == weights["braces"]
    assert explained(weights, 1, coverage).foreign == 0.0  # the second uses both
    assert explained(weights, 2, coverage).specific == 0.0  # the third shares nothing
    common = CoverageIndex([{"insurance": 1.0}, *[{"insurance": 1.0, "braces": 1.0}] * 3, *[{"age": 1.0}] * 8])
    # a word a quarter of the entries use tells nothing of a question: it is no foreign word
    assert explained(common.weigh({"insurance": 1.0, "braces": 1.0}), 0, common).foreign == 0.0
