"""The questionnaire's guardian path follows the clinic's policy (content/settings.yaml policy.guardian_path_under_age):
an age band whose applicants the policy sends to the guardian path is exactly a band that hands over to a parent."""

from __future__ import annotations

from bot.intake.conditions import alternatives, expected_ids
from tests.shipped import shipped_content

OLDEST_IN_BAND = {"under15": 14, "teen15_17": 17, "age18_19": 19, "age20s": 29, "age30s": 39, "age40s": 49,
                  "age50s": 59, "age60plus": 120}
"""The oldest age of each band of the ``age`` question (its labels say so: 15歳未満, 15〜17歳 ...)."""


def test_the_bands_that_hand_over_to_a_parent_are_those_the_policy_names() -> None:
    content, problems = shipped_content()
    assert content is not None, problems.report()
    policy = content.settings.policy
    for lang in content.languages:
        questions = {q.id: q for q in content.lang(lang).intake.questions}
        assert [c.id for c in questions["age"].choices] == list(OLDEST_IN_BAND)
        handover = [cid for condition in alternatives(questions["guardian_needed"].when)
                    if expected_ids(condition.get("applicant", [])) == ["self"]
                    for cid in expected_ids(condition.get("age", []))]
        by_policy = [band for band, oldest in OLDEST_IN_BAND.items() if oldest < policy.guardian_path_under_age]
        assert handover == by_policy, (
            f"content/{lang}/intake.yaml: guardian_needed opens for ages {handover}, but content/settings.yaml "
            f"policy.guardian_path_under_age={policy.guardian_path_under_age} sends {by_policy} to the guardian "
            f"path: change the question's when: to match")
