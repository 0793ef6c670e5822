"""The whole application through the engine with the shipped questionnaire, in both languages."""

from __future__ import annotations

import json

import pytest

from bot.intake.draft import Draft
from bot.intake.engine import IntakeEngine
from tests.intake.conftest import ADULT, NOW, consented, walk


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_whole_flow_of_a_typical_adult(engine: IntakeEngine, lang: str) -> None:
    draft = engine.start(lang)
    assert (draft.stage, draft.version) == ("intro", "2026-12-02")
    assert engine.current_question(draft) is None
    assert engine.open_consent(draft).accepted
    assert draft.stage == "consent"
    assert engine.accept_consent(draft, NOW).accepted
    assert draft.consent is not None
    assert draft.consent.to_dict() == {"version": "2026-12-02", "lang": lang, "time": "2026-11-27T03:30:05Z"}

    asked = walk(engine, draft, ADULT)

    assert draft.stage == "review"
    assert asked == ["applicant", "age", "interest", "depression", "duration", "medication", "treatments",
                     "seizure", "head_metal", "cochlear", "implant", "pregnancy", "head_injury", "fainting",
                     "name", "name_kana", "contact_method", "notes"]
    assert 14 <= len(asked) <= 18
    assert engine.progress(draft) == (18, 18)
    assert engine.flags(draft) == []
    assert list(engine.lead_answers(draft, "en")) == list(ADULT)
    assert engine.submit(draft).accepted
    assert draft.stage == "done"
    assert engine.submit(draft).kind == "stale"  # a second press of Send


def test_review_shows_labels_in_each_language(engine: IntakeEngine) -> None:
    draft = consented(engine, "ja")
    walk(engine, draft, ADULT)
    ja = {item.question_id: (item.label, item.value) for item in engine.review_items(draft)}
    en = {item.question_id: (item.label, item.value) for item in engine.review_items(draft, "en")}
    assert ja["treatments"] == ("これまでの治療", "抗うつ薬、カウンセリング・精神療法")
    assert en["treatments"] == ("Past treatment", "Antidepressants, Counselling or psychotherapy")
    assert ja["age"] == ("ご本人の年齢", "30代")
    assert en["contact_method"] == ("Contact by", "This Telegram chat")
    assert ja["notes"] == ("そのほかのご連絡事項", "—")
    assert list(ja) == list(en)


def test_language_switch_keeps_answers(engine: IntakeEngine) -> None:
    draft = consented(engine, "ja")
    walk(engine, draft, {"applicant": "self", "age": "age20s", "interest": "combined"})
    assert engine.current_question(draft).text == "うつ病と診断されたことはありますか？"  # type: ignore[union-attr]
    engine.switch_language(draft, "en")
    question = engine.current_question(draft)
    assert question is not None and question.text == "Has a doctor ever diagnosed depression?"
    assert draft.answers == {"applicant": "self", "age": "age20s", "interest": "combined"}
    assert engine.display_answer(draft, "interest") == "TMS and exosome infusion combined"
    assert engine.display_answer(draft, "interest", "ja") == "TMS治療とエクソソーム点滴の併用"
    assert engine.progress(draft) == (4, 17)
    with pytest.raises(ValueError, match="no intake in language 'fr'"):
        engine.switch_language(draft, "fr")


def test_typed_label_answers_a_choice_question(engine: IntakeEngine) -> None:
    draft = consented(engine, "en")
    assert engine.answer_text(draft, "  the PERSON considering treatment ").accepted
    assert draft.answers["applicant"] == "self"
    outcome = engine.answer_text(draft, "thirty")
    assert (outcome.kind, outcome.error) == ("error", "choice")
    assert draft.current == "age"


def test_typed_label_in_full_width_toggles_a_multi_choice(engine: IntakeEngine) -> None:
    draft = consented(engine, "en")
    walk(engine, draft, {k: ADULT[k] for k in ("applicant", "age", "interest", "depression", "duration",
                                                "medication")})
    assert draft.current == "treatments"
    assert engine.answer_text(draft, "ＴＭＳ").accepted
    assert engine.selected(draft) == ["tms"]
    assert engine.finish_multi(draft, "treatments").accepted
    assert draft.current == "prior_tms"


def test_non_text_message_gets_the_not_text_error(engine: IntakeEngine) -> None:
    draft = consented(engine)
    outcome = engine.answer_non_text(draft)
    assert (outcome.kind, outcome.error, dict(outcome.params)) == ("error", "not_text", {"min": "", "max": ""})
    assert engine.answer_non_text(engine.start("ja")).kind == "stale"


def test_draft_json_round_trip_mid_application(engine: IntakeEngine) -> None:
    draft = consented(engine)
    walk(engine, draft, {k: ADULT[k] for k in ("applicant", "age", "interest", "depression", "duration",
                                                "medication")})
    engine.toggle_multi(draft, "treatments", "psychotherapy")
    saved = json.loads(json.dumps(draft.to_dict()))
    restored = Draft.from_dict(saved)
    assert restored == draft
    assert engine.selected(restored) == ["psychotherapy"]
    assert engine.finish_multi(restored, "treatments").accepted
    assert restored.answers["treatments"] == ["psychotherapy"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(format=2), "unknown draft format 2"),
    (lambda d: d.update(stage="limbo"), "unknown stage 'limbo'"),
    (lambda d: d.update(consent=None), "stage 'question' needs a consent record"),
    (lambda d: d["answers"].update(age=3), "answer to 'age' must be text, a list of ids or null"),
    (lambda d: d.update(history="applicant"), "history must be a list of ids"),
])
def test_malformed_saved_draft_is_refused(engine: IntakeEngine, change, message: str) -> None:
    data = consented(engine).to_dict()
    data["answers"] = {"applicant": "self"}
    change(data)
    with pytest.raises(ValueError, match=message):
        Draft.from_dict(data)


def test_the_age_answered_is_known_to_later_questions(engine: IntakeEngine) -> None:
    draft = consented(engine, "ja")
    assert engine.answered_age(draft) is None
    walk(engine, draft, {k: ADULT[k] for k in ("applicant", "age", "interest")})
    assert engine.answered_age(draft) == (30.0, 40.0)
