"""Conditions, flags, Back, editing from the review, Skip, stale buttons, consent and declining."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.intake.display import SKIPPED
from bot.intake.draft import Draft
from bot.intake.engine import ConsentRequired, IntakeEngine
from tests.intake.conftest import ADULT, NOW, consented, walk

GUARDIAN = {**ADULT, "applicant": "guardian", "age": "teen15_17", "guardian_name": "山田 花子",
            "guardian_kana": None, "patient_name": "山田 次郎", "interest": "undecided"}
"""A parent applying for a 16-year-old: TMS (approved for adults) waits for the clinic's tms_for_under_18."""


# --- conditions and flags ---------------------------------------------------------------------------------------

def test_guardian_path_asks_both_names_and_flags_minor(engine: IntakeEngine) -> None:
    draft = consented(engine)
    asked = walk(engine, draft, GUARDIAN)
    assert draft.stage == "review"
    assert "name" not in asked
    assert asked[asked.index("fainting") + 1:] == ["guardian_name", "guardian_kana", "patient_name", "contact_method",
                                                   "notes"]
    assert engine.flags(draft) == ["guardian", "minor"]
    items = {i.question_id: i.value for i in engine.review_items(draft)}
    assert (items["guardian_name"], items["patient_name"]) == ("山田 花子", "山田 次郎")


def test_a_child_under_15_applying_alone_hands_over_to_the_guardian_path(engine: IntakeEngine) -> None:
    draft = consented(engine)
    asked = walk(engine, draft, {"applicant": "self", "age": "under15"})
    assert asked == ["applicant", "age"] and draft.current == "guardian_needed"
    question = engine.current_question(draft)
    assert question is not None and [c.id for c in question.choices] == ["handed_over"]  # no way round it
    assert "保護者の方にお願いしています" in question.text
    asked = walk(engine, draft, {**ADULT, "age": "under15", "interest": "undecided", "guardian_needed": "handed_over",
                                 "guardian_name": "佐藤 恵子", "guardian_kana": "さとう けいこ",
                                 "patient_name": "佐藤 陽太"})
    assert draft.stage == "review"
    assert "name" not in asked and "guardian_phone" not in asked
    assert asked[asked.index("fainting") + 1:] == ["guardian_name", "guardian_kana", "patient_name",
                                                   "contact_method", "notes"]
    assert engine.flags(draft) == ["guardian", "minor"]
    answers = engine.lead_answers(draft, "ja")
    assert answers["guardian_needed"] == {"label": "保護者の方への交代",
                                          "value": "保護者です。内容を確認して入力します",
                                          "section": "お申し込みについて", "health": False, "flag": "guardian",
                                          "kind": "choice"}
    assert engine.skip(draft, "guardian_name").kind == "stale"  # required on this path


def test_a_teenager_applying_alone_gives_a_guardian_phone_and_says_whether_they_agree(engine: IntakeEngine) -> None:
    draft = consented(engine)
    asked = walk(engine, draft, {**ADULT, "age": "teen15_17", "interest": "undecided",
                                 "guardian_phone": "090-1111-2222", "guardian_agrees": "unsure"})
    assert draft.stage == "review"
    assert asked[asked.index("fainting") + 1:] == ["name", "name_kana", "guardian_phone", "guardian_agrees",
                                                   "contact_method", "notes"]
    items = {i.question_id: i.value for i in engine.review_items(draft)}
    assert (items["guardian_phone"], items["guardian_agrees"]) == ("090-1111-2222", "わからない")
    assert engine.flags(draft) == ["minor"]


def test_an_unsure_safety_answer_is_stored_as_unsure_with_its_flag(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {**ADULT, "seizure": "unsure"})
    answer = engine.lead_answers(draft, "ja")["seizure"]
    assert (answer["value"], answer["flag"], answer["health"], answer["section"]) == \
        ("わからない", "screening", True, "安全確認")


def test_screening_answers_flag_the_lead(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {**ADULT, "pregnancy": "unsure", "cochlear": "yes"})
    assert engine.flags(draft) == ["screening"]


def test_no_depression_skips_the_duration_question(engine: IntakeEngine) -> None:
    draft = consented(engine)
    asked = walk(engine, draft, {**ADULT, "depression": "no"})
    assert "duration" not in asked and draft.stage == "review"


def test_earlier_tms_opens_the_follow_up_and_none_clears_other_ticks(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {k: ADULT[k] for k in ("applicant", "age", "interest", "depression", "duration",
                                                "medication")})
    engine.toggle_multi(draft, "treatments", "tms")
    engine.toggle_multi(draft, "treatments", "antidepressants")
    assert engine.selected(draft) == ["antidepressants", "tms"]  # in the order of the buttons
    engine.toggle_multi(draft, "treatments", "none")
    assert engine.selected(draft) == ["none"]
    engine.toggle_multi(draft, "treatments", "tms")
    assert engine.selected(draft) == ["tms"]
    engine.toggle_multi(draft, "treatments", "tms")
    assert engine.selected(draft) == []
    outcome = engine.finish_multi(draft, "treatments")
    assert (outcome.kind, outcome.error) == ("error", "empty")
    engine.toggle_multi(draft, "treatments", "tms")
    assert engine.finish_multi(draft, "treatments").accepted
    assert draft.current == "prior_tms"
    assert engine.answer_choice(draft, "prior_tms", "yes").accepted
    assert engine.flags(draft) == ["screening"]


def test_contact_by_phone_asks_number_and_times_and_stores_e164(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {**ADULT, "contact_method": "phone"})
    assert draft.current == "phone"
    outcome = engine.answer_text(draft, "０９０－１２３４－５６７８")
    assert outcome.accepted
    assert draft.answers["phone"] == "+819012345678"
    assert draft.current == "call_times"
    assert walk(engine, draft, {"call_times": ["weekday_evening", "saturday"], "discreet": ["no_voicemail"],
                                "notes": "夕方以降だと助かります"}) == ["call_times", "discreet", "notes"]
    items = {i.question_id: i.value for i in engine.review_items(draft)}
    assert items["phone"] == "090-1234-5678"
    assert items["call_times"] == "平日の夕方以降（17時ごろから）、土曜日"
    assert items["discreet"] == "留守番電話にメッセージを残さないでほしい"
    assert items["notes"] == "夕方以降だと助かります"


def test_progress_counts_questions_that_apply_and_sections_start_with_a_heading(engine: IntakeEngine) -> None:
    draft = consented(engine)
    assert engine.progress(draft) == (1, 15)
    assert engine.is_new_section(draft)
    walk(engine, draft, {"applicant": "guardian"})
    assert engine.progress(draft) == (2, 18)  # the two names and a reading now apply
    assert not engine.is_new_section(draft)
    walk(engine, draft, {"age": "under15", "interest": "undecided"})
    assert engine.current_question(draft).section == "体調とこれまでの治療"  # type: ignore[union-attr]
    assert engine.is_new_section(draft)


# --- back ---------------------------------------------------------------------------------------------------------

def test_back_returns_to_the_previous_answered_question(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {"applicant": "self", "age": "age40s", "interest": "tms", "depression": "no"})
    assert draft.current == "medication"  # duration does not apply
    assert engine.back(draft).accepted
    assert draft.current == "depression"
    assert engine.back(draft).accepted and engine.back(draft).accepted and engine.back(draft).accepted
    assert draft.current == "applicant"
    assert engine.back(draft).kind == "unchanged"
    assert draft.answers["age"] == "age40s"  # kept, shown again when the question comes back


def test_back_from_the_review_and_answering_again_returns_to_the_review(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, ADULT)
    assert engine.back(draft).accepted
    assert draft.current == "notes"
    assert engine.answer_text(draft, "特にありません").accepted
    assert draft.stage == "review"


def test_back_button_from_another_step_is_stale(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {"applicant": "self", "age": "age20s"})
    assert engine.position(draft) == "interest"
    assert engine.back(draft, at="applicant").kind == "stale"
    assert engine.back(draft, at="review").kind == "stale"
    assert draft.current == "interest"
    assert engine.back(draft, at="interest").accepted
    assert engine.position(draft) == "age"


def test_back_from_consent_goes_to_the_intro(engine: IntakeEngine) -> None:
    draft = engine.start("en")
    assert engine.back(draft).kind == "unchanged"
    engine.open_consent(draft)
    assert engine.back(draft).accepted
    assert draft.stage == "intro"


def test_changing_an_answer_forgets_answers_that_no_longer_apply(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, GUARDIAN)
    assert engine.edit(draft, "applicant").accepted
    assert engine.answer_choice(draft, "applicant", "self").accepted
    assert "guardian_name" not in draft.answers and "patient_name" not in draft.answers
    assert draft.current == "name"  # newly applicable, asked before returning to the review
    assert walk(engine, draft, {"name": "山田 次郎", "name_kana": None, "guardian_phone": "090-1111-2222",
                                "guardian_agrees": "not_told"}) == ["name", "name_kana", "guardian_phone",
                                                                    "guardian_agrees"]
    assert draft.stage == "review"
    assert engine.flags(draft) == ["minor"]


# --- edit from the review ---------------------------------------------------------------------------------------

def test_edit_returns_to_the_review_after_one_answer(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, ADULT)
    assert engine.edit(draft, "age").accepted
    assert (draft.stage, draft.current, draft.editing) == ("question", "age", True)
    assert engine.progress(draft) == (2, 18)
    assert engine.answer_choice(draft, "age", "age50s").accepted
    assert (draft.stage, draft.editing) == ("review", False)
    assert draft.answers["age"] == "age50s"


def test_edit_that_opens_a_conditional_question_asks_it_first(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, ADULT)
    assert engine.edit(draft, "contact_method").accepted
    assert engine.answer_choice(draft, "contact_method", "email").accepted
    assert (draft.stage, draft.current) == ("question", "email")
    outcome = engine.answer_text(draft, "taro.yamada@example")
    assert (outcome.kind, outcome.error) == ("error", "email")
    assert engine.answer_text(draft, "Taro.Yamada＠Example.COM").accepted
    assert draft.stage == "review"
    assert draft.answers["email"] == "Taro.Yamada@example.com"
    assert engine.progress(draft) == (19, 19)


def test_back_while_editing_returns_to_the_review_unchanged(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, ADULT)
    engine.edit(draft, "treatments")
    assert engine.selected(draft) == ["antidepressants", "psychotherapy"]
    engine.toggle_multi(draft, "treatments", "none")
    assert engine.back(draft).accepted
    assert draft.stage == "review"
    assert draft.answers["treatments"] == ["antidepressants", "psychotherapy"]


def test_edit_of_a_question_that_does_not_apply_is_stale(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, ADULT)
    assert engine.edit(draft, "phone").kind == "stale"
    assert engine.edit(draft, "nonsense").kind == "stale"
    assert draft.stage == "review"


# --- skip and stale buttons -------------------------------------------------------------------------------------

def test_skip_only_for_optional_questions(engine: IntakeEngine) -> None:
    draft = consented(engine)
    assert engine.skip(draft, "applicant").kind == "stale"
    walk(engine, draft, {k: v for k, v in ADULT.items() if k != "notes"})
    assert draft.current == "notes"
    assert engine.skip(draft, "notes").accepted
    assert draft.stage == "review"
    assert draft.answers["notes"] is None
    assert engine.lead_answers(draft, "en")["notes"]["value"] == SKIPPED  # staff see it was skipped


def test_stale_buttons_change_nothing(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {"applicant": "self", "age": "age20s"})
    before = draft.to_dict()
    assert engine.answer_choice(draft, "applicant", "guardian").kind == "stale"  # an earlier question's button
    assert engine.answer_choice(draft, "interest", "gardening").kind == "stale"  # not a choice of this question
    assert engine.toggle_multi(draft, "interest", "tms").kind == "stale"  # not a multi question
    assert engine.finish_multi(draft, "treatments").kind == "stale"
    assert engine.open_consent(draft).kind == "stale"
    assert engine.accept_consent(draft, NOW).kind == "stale"
    assert engine.decline_consent(draft).kind == "stale"
    assert engine.edit(draft, "age").kind == "stale"
    assert engine.submit(draft).kind == "stale"
    assert draft.to_dict() == before


# --- consent ----------------------------------------------------------------------------------------------------

def test_no_question_before_consent(engine: IntakeEngine) -> None:
    draft = engine.start("ja")
    assert engine.answer_choice(draft, "applicant", "self").kind == "stale"
    assert engine.answer_text(draft, "本人").kind == "stale"
    engine.open_consent(draft)
    assert engine.current_question(draft) is None
    assert engine.answer_choice(draft, "applicant", "self").kind == "stale"
    assert draft.answers == {}


def test_health_question_without_consent_raises(engine: IntakeEngine) -> None:
    forged = Draft(version="2026-11-27", lang="ja", stage="question", current="seizure")
    with pytest.raises(ConsentRequired, match="health question 'seizure' reached without consent"):
        engine.current_question(forged)
    with pytest.raises(ConsentRequired):
        engine.answer_choice(forged, "seizure", "no")
    assert forged.answers == {}


def test_consent_time_must_be_timezone_aware(engine: IntakeEngine) -> None:
    draft = engine.start("en")
    engine.open_consent(draft)
    with pytest.raises(ValueError, match="timezone-aware"):
        engine.accept_consent(draft, dt.datetime(2026, 11, 27, 12, 0))


def test_decline_keeps_nothing(engine: IntakeEngine) -> None:
    draft = engine.start("ja")
    engine.open_consent(draft)
    assert engine.decline_consent(draft).accepted
    assert (draft.stage, draft.consent, draft.answers, draft.current) == ("declined", None, {}, None)
    assert engine.accept_consent(draft, NOW).kind == "stale"
    assert engine.back(draft).kind == "stale"


# --- content changed under a draft ------------------------------------------------------------------------------

def test_resume_moves_off_a_question_that_no_longer_applies(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {"applicant": "self", "age": "age20s", "interest": "tms", "depression": "no"})
    draft.current = "removed_question"
    assert engine.current_question(draft) is None
    assert engine.answer_text(draft, "x").kind == "stale"
    assert engine.resume(draft).accepted
    assert draft.current == "medication"
    assert engine.resume(draft).kind == "unchanged"
