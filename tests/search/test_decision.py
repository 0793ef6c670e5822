"""The decision step (bot.search.decision): answer only when confident, "did you mean" when close, none when far."""

from __future__ import annotations

from dataclasses import replace

from bot.search.decision import INPUTS, Confidence, Signals, Thresholds, decide, off_topic, sure


def signals(score: float, runner_up: float, evidence: float = 8.0, unknown: float = 0.0,
            mass: float = 10.0, heavy: float = 1.0, votes: float = 1.0, second_dice: float = 0.6) -> Signals:
    """A ranking whose best entry has a second example near the question too (as a right one mostly has)."""
    return Signals(score, runner_up, evidence, unknown, mass, heavy=heavy, votes=votes, second_dice=second_dice,
                   second_near=0.5)


def test_a_clear_lead_is_answered_and_a_close_race_is_offered_as_choices() -> None:
    limits, model = Thresholds(), Confidence()
    assert decide(signals(0.95, 0.3), limits, model)[0] == "answer"
    assert decide(signals(0.6, 0.58), limits, model)[0] == "choices"


def test_nothing_near_is_none_and_mostly_unknown_words_are_never_answered() -> None:
    limits, model = Thresholds(), Confidence()
    assert decide(None, limits, model) == ("none", 0.0)
    assert decide(signals(0.2, 0.1), limits, model)[0] == "none"
    assert decide(signals(0.95, 0.3, unknown=0.6), limits, model)[0] == "choices"


def test_confidence_rises_with_the_lead_and_falls_with_unknown_words() -> None:
    model = Confidence()
    assert model(signals(0.9, 0.3)) > model(signals(0.9, 0.8))
    assert model(signals(0.9, 0.3)) > model(signals(0.9, 0.3, unknown=0.4))
    assert 0.0 < model(signals(0.5, 0.5)) < 1.0


def test_confidence_falls_when_the_best_entry_misses_the_question_s_telling_words() -> None:
    model = Confidence()  # 「子どもでも受けられる？」 answered with an entry that never says 子ども or 年齢
    assert model(signals(0.8, 0.4, heavy=1.0)) > model(signals(0.8, 0.4, heavy=0.3))


def test_the_confidence_needed_decides_between_answer_and_choices() -> None:
    model = Confidence()
    middling = signals(0.7, 0.45)
    p = model(middling)
    assert decide(middling, Thresholds(confidence=p - 0.01, lead=1.0), model)[0] == "answer"
    assert decide(middling, Thresholds(confidence=p + 0.01, lead=1.0), model)[0] == "choices"


def test_a_clear_lead_on_the_question_s_own_words_is_answered_under_the_confidence() -> None:
    model = Confidence()
    led = replace(signals(0.6, 0.5, heavy=1.0, votes=0.6), specific=5.0)
    unsure = Thresholds(confidence=model(led) + 0.01, lead=0.08)
    assert decide(led, unsure, model)[0] == "answer" and not sure(led, unsure, model(led))
    assert decide(replace(led, runner_up=0.55), unsure, model)[0] == "choices"  # the lead is too small
    assert decide(replace(led, votes=0.2), unsure, model)[0] == "choices"  # the nearest examples do not agree
    assert decide(replace(led, unknown=0.3), unsure, model)[0] == "choices"  # mostly words no entry explains
    assert decide(replace(led, heavy=0.5), unsure, model)[0] == "choices"  # it misses the telling words


def test_the_off_topic_guard_keeps_a_lead_from_answering_an_unexplained_or_generic_match() -> None:
    model = Confidence()
    led = replace(signals(0.6, 0.5, heavy=1.0, votes=0.6), specific=5.0, foreign=2.0)
    unsure = Thresholds(confidence=model(led) + 0.01, lead=0.08)
    assert decide(led, unsure, model)[0] == "answer" and not off_topic(led, unsure)  # a light word left over
    assert off_topic(replace(led, foreign=4.0), unsure)  # a telling word as heavy as the one shared
    assert decide(replace(led, foreign=4.0), unsure, model)[0] == "choices"
    assert off_topic(replace(led, specific=1.5, foreign=0.0), unsure)  # only a word most entries use is shared
    assert not off_topic(replace(led, foreign=4.0), replace(unsure, foreign=0.0))  # the guard turned off
    sure_one = signals(0.95, 0.3)
    assert decide(replace(sure_one, foreign=9.0), Thresholds(), model)[0] == "answer"  # the model's own answers


def test_an_exact_example_and_a_single_plausible_entry_raise_the_confidence() -> None:
    model = Confidence()
    alone = Signals(0.7, 0.45, 8.0, 0.0, 10.0, near=0.4, runner_near=0.4, agree=1.0, plausible=1)
    crowded = Signals(0.7, 0.45, 8.0, 0.0, 10.0, near=0.4, runner_near=0.4, agree=1.0, plausible=3)
    written = Signals(0.7, 0.45, 8.0, 0.0, 10.0, near=1.0, runner_near=0.4, agree=1.0, plausible=3)
    assert model(alone) > model(crowded)
    assert model(written) > model(crowded)


def test_signals_that_disagree_lower_the_confidence() -> None:
    model = Confidence()  # the nearest examples mostly the best entry's, or one near example among others'
    agreed = Signals(0.7, 0.45, 8.0, 0.0, 10.0, votes=0.8, second_dice=0.5)
    split = Signals(0.7, 0.45, 8.0, 0.0, 10.0, votes=0.2, second_dice=0.1)
    assert model(agreed) > model(split)


def test_the_treatment_named_and_the_entry_s_agree_or_lower_the_confidence() -> None:
    model = Confidence()
    same = Signals(0.7, 0.45, 8.0, 0.0, 10.0, treated=1.0)
    other = Signals(0.7, 0.45, 8.0, 0.0, 10.0, treated=-1.0)
    assert model(same) > model(other)


def test_the_model_has_one_weight_per_input() -> None:
    assert len(Confidence().weights) == len(Signals(0.5, 0.2, 1.0, 0.0, 1.0).vector()) == len(INPUTS)


def test_a_question_naming_the_best_entry_s_treatment_is_answered_at_the_lower_confidence() -> None:
    model = Confidence()
    named = Signals(0.6, 0.45, 8.0, 0.0, 10.0, treated=1.0)
    unnamed = replace(named, treated=0.0)
    both = replace(named, treated=0.5)  # the best entry is about both treatments
    between = Thresholds(lead=1.0, confidence=model(named) + 0.01, named_confidence=model(both) - 0.01)
    assert decide(named, between, model)[0] == "answer"
    assert decide(both, between, model)[0] == "answer"
    assert decide(unnamed, replace(between, named_confidence=model(unnamed) - 0.01), model)[0] == "choices"
    assert decide(named, replace(between, named_margin=0.2), model)[0] == "choices"  # the lead is too small
    assert decide(named, replace(between, named_confidence=1.0), model)[0] == "choices"  # the rule off


def test_the_treatment_both_best_entries_agree_with_does_not_tell_them_apart() -> None:
    model = Confidence()  # "brain zapping, is it safe?": the pregnancy and the side-effect entries are both TMS's
    alone = Signals(0.6, 0.53, 8.0, 0.0, 10.0, treated=1.0)
    shared = replace(alone, runner_treated=1.0)
    limits = Thresholds(lead=1.0, confidence=1.0, named_confidence=min(model(alone), model(shared)) - 0.01)
    assert decide(alone, limits, model)[0] == "answer"
    assert decide(shared, limits, model)[0] == "choices"
    assert decide(replace(shared, runner_up=0.45), limits, model)[0] == "answer"  # a lead of the shared margin
