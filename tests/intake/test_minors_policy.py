"""Choices that wait for a clinic policy (``minors_policy``): not offered to minors until the clinic says yes.

The shipped interest question marks TMS, exosome infusion and the combined protocol with ``tms_for_under_18``
(TMS is approved in Japan for adults), ``exosome_for_under_18`` and ``combined_for_under_18``, all ``undecided`` in
content/settings.yaml (the safe default: not offered through this bot).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from bot.content.schema import Intake
from bot.intake.draft import Draft
from bot.intake.engine import WITHHELD, IntakeEngine
from bot.intake.policy import quoted_labels, settled
from bot.intake.session import Questionnaires
from bot.storage.db import SQLiteDatabase
from bot.storage.snapshots import SnapshotStore
from tests.intake.conftest import ADULT, NOW, consented, walk

UNDECIDED = {"tms_for_under_18": "undecided", "exosome_for_under_18": "undecided", "combined_for_under_18": "undecided"}
BOTH_YES = {"tms_for_under_18": "undecided", "exosome_for_under_18": "yes", "combined_for_under_18": "yes"}
ALL_YES = {"tms_for_under_18": "yes", "exosome_for_under_18": "yes", "combined_for_under_18": "yes"}
PARENT = {**ADULT, "applicant": "guardian", "age": "under15", "guardian_name": "佐藤 恵子", "guardian_kana": None,
          "patient_name": "佐藤 陽太"}
"""A parent applying for a 14-year-old."""


def at_interest(engine: IntakeEngine, age: str = "under15", lang: str = "ja") -> Draft:
    draft = consented(engine, lang)
    walk(engine, draft, {"applicant": "guardian", "age": age})
    assert draft.current == "interest"
    return draft


def offered_ids(engine: IntakeEngine, draft: Draft) -> list[str]:
    question = engine.current_question(draft)
    assert question is not None
    return [c.id for c in engine.offered(draft, question)]


def test_a_minor_is_not_offered_what_the_clinic_has_not_decided(engine: IntakeEngine) -> None:
    engine = engine.with_policies(UNDECIDED)
    for age in ("under15", "teen15_17"):
        draft = at_interest(engine, age)
        assert offered_ids(engine, draft) == ["undecided"]
        question = engine.current_question(draft)
        assert question is not None
        assert [c.id for c in engine.withheld(draft, question)] == ["tms", "exosome", "combined"]


def test_no_decisions_known_is_the_safe_default(engine: IntakeEngine) -> None:
    assert offered_ids(engine, at_interest(engine)) == ["undecided"]


def test_adults_are_offered_every_choice(engine: IntakeEngine) -> None:
    engine = engine.with_policies(UNDECIDED)
    for age in ("age18_19", "age30s"):
        assert offered_ids(engine, at_interest(engine, age)) == ["tms", "exosome", "combined", "undecided"]


def test_each_policy_set_to_yes_brings_its_choice_back(engine: IntakeEngine) -> None:
    tms_only = engine.with_policies({**UNDECIDED, "tms_for_under_18": "yes"})
    assert offered_ids(tms_only, at_interest(tms_only)) == ["tms", "undecided"]
    exosome_only = engine.with_policies({**UNDECIDED, "exosome_for_under_18": "yes"})
    assert offered_ids(exosome_only, at_interest(exosome_only)) == ["exosome", "undecided"]
    assert offered_ids(engine.with_policies(ALL_YES), at_interest(engine)) == ["tms", "exosome", "combined",
                                                                               "undecided"]
    both = engine.with_policies(BOTH_YES)
    draft = at_interest(both)
    assert offered_ids(both, draft) == ["exosome", "combined", "undecided"]
    assert both.answer_choice(draft, "interest", "combined").accepted
    assert draft.answers["interest"] == "combined" and draft.current == "depression"


def test_policy_no_withholds_like_undecided(engine: IntakeEngine) -> None:
    engine = engine.with_policies({"tms_for_under_18": "no", "exosome_for_under_18": "no",
                                   "combined_for_under_18": "no"})
    assert offered_ids(engine, at_interest(engine)) == ["undecided"]


def test_a_withheld_button_or_typed_label_is_refused_and_nothing_recorded(engine: IntakeEngine) -> None:
    engine = engine.with_policies(UNDECIDED)
    draft = at_interest(engine)
    outcome = engine.answer_choice(draft, "interest", "exosome")
    assert (outcome.kind, outcome.error) == ("error", WITHHELD)
    outcome = engine.answer_text(draft, "TMS治療とエクソソーム点滴の併用")
    assert (outcome.kind, outcome.error) == ("error", WITHHELD)
    outcome = engine.answer_text(draft, "TMS治療")
    assert (outcome.kind, outcome.error) == ("error", WITHHELD)
    assert "interest" not in draft.answers and draft.current == "interest"
    assert engine.answer_choice(draft, "interest", "undecided").accepted


def test_back_to_the_age_and_under_18_asks_the_interest_again(engine: IntakeEngine) -> None:
    engine = engine.with_policies(UNDECIDED)
    draft = consented(engine)
    walk(engine, draft, {"applicant": "guardian", "age": "age20s", "interest": "exosome", "depression": "no"})
    assert draft.current == "medication"
    for expected in ("depression", "interest", "age"):
        assert engine.back(draft).accepted and draft.current == expected
    assert engine.answer_choice(draft, "age", "under15").accepted
    assert draft.current == "interest" and "interest" not in draft.answers
    assert offered_ids(engine, draft) == ["undecided"]
    assert engine.answer_choice(draft, "interest", "undecided").accepted
    assert draft.current == "depression"


def test_editing_the_age_from_the_review_asks_the_interest_before_the_review(engine: IntakeEngine) -> None:
    engine = engine.with_policies(UNDECIDED)
    draft = consented(engine)
    walk(engine, draft, {**PARENT, "age": "age20s", "interest": "combined"})
    assert draft.stage == "review"
    assert engine.edit(draft, "age").accepted
    assert engine.answer_choice(draft, "age", "teen15_17").accepted
    assert draft.current == "interest"
    assert engine.submit(draft).kind == "stale"  # not at the review: nothing sent without the interest
    assert all(item.question_id != "interest" for item in engine.review_items(draft))
    assert engine.answer_choice(draft, "interest", "tms").kind == "error"  # TMS is for adults: not offered either
    assert engine.answer_choice(draft, "interest", "undecided").accepted
    assert draft.stage == "review"
    items = {item.question_id: item.value for item in engine.review_items(draft)}
    assert (items["age"], items["interest"]) == ("15〜17歳", "まだ決めていない・相談したい")


def test_a_policy_taken_back_drops_the_answer_from_review_lead_and_asks_again(engine: IntakeEngine) -> None:
    allowed = engine.with_policies(BOTH_YES)
    draft = consented(allowed)
    walk(allowed, draft, {**PARENT, "interest": "exosome"})
    assert draft.stage == "review"
    assert allowed.lead_answers(draft, "ja")["interest"]["value"] == "エクソソーム点滴"
    withdrawn = allowed.with_policies(UNDECIDED)  # the clinic changed its mind while the draft waited
    assert "interest" not in withdrawn.lead_answers(draft, "en")
    assert all(item.question_id != "interest" for item in withdrawn.review_items(draft, "en"))
    assert withdrawn.resume(draft).accepted
    assert (draft.stage, draft.current, draft.editing) == ("question", "interest", True)
    assert withdrawn.answer_choice(draft, "interest", "undecided").accepted
    assert draft.stage == "review"
    assert withdrawn.lead_answers(draft, "en")["interest"]["value"] == "Not decided yet / I'd like advice"


def test_settled_drops_withheld_answers_and_what_depended_on_them(intakes: dict[str, Intake]) -> None:
    questions = intakes["ja"].questions
    answers = {"applicant": "guardian", "age": "under15", "interest": "combined", "depression": "no"}
    assert settled(questions, answers, UNDECIDED) == {"applicant": "guardian", "age": "under15", "depression": "no"}
    assert settled(questions, answers, BOTH_YES) == answers
    adult = {**answers, "age": "age40s"}
    assert settled(questions, adult, UNDECIDED) == adult


def test_the_withheld_labels_read_as_a_list_in_each_language() -> None:
    assert quoted_labels(["エクソソーム点滴", "併用"], "ja") == "「エクソソーム点滴」「併用」"
    assert quoted_labels(["Exosome infusion"], "en") == "“Exosome infusion”"
    assert quoted_labels(["A", "B", "C"], "en") == "“A”, “B” or “C”"


def test_every_engine_handed_out_follows_the_live_decisions(tmp_path: Path, intakes: dict[str, Intake]) -> None:
    db = SQLiteDatabase.open(tmp_path)
    try:
        live = SimpleNamespace(intake=IntakeEngine(intakes), intake_key="k2", intake_json="{}", policies=UNDECIDED)
        snapshots = SnapshotStore(db)
        older = json.dumps({lang: i.model_dump(mode="json") for lang, i in intakes.items()}, ensure_ascii=False)
        snapshots.save_snapshot("k1", older, NOW)
        questionnaires = Questionnaires(lambda: live, snapshots, lambda: NOW)
        for key in ("k1", "k2"):
            engine = questionnaires.get(key)
            assert engine is not None and engine.policies == UNDECIDED
            assert offered_ids(engine, at_interest(engine)) == ["undecided"]
        live.policies = BOTH_YES
        for key in ("k1", "k2"):
            engine = questionnaires.get(key)
            assert engine is not None
            assert offered_ids(engine, at_interest(engine)) == ["exosome", "combined", "undecided"]
        assert questionnaires.get("k2") is questionnaires.current()[1]  # bound once, not per update
    finally:
        db.close()


def test_a_policy_taken_back_mid_way_asks_that_question_first_then_returns(engine: IntakeEngine) -> None:
    allowed = engine.with_policies(BOTH_YES)
    draft = consented(allowed)
    walk(allowed, draft, {"applicant": "guardian", "age": "under15", "interest": "combined", "depression": "no"})
    assert draft.current == "medication"
    withdrawn = allowed.with_policies(UNDECIDED)
    assert withdrawn.resume(draft).accepted and draft.current == "interest"
    assert withdrawn.resume(draft).kind == "unchanged"
    assert withdrawn.answer_choice(draft, "interest", "undecided").accepted
    assert draft.current == "medication" and draft.answers["depression"] == "no"
