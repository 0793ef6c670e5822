"""The claims lint's leave-one-set-out estimate takes out exactly what only the left-out set needs."""

from __future__ import annotations

import yaml

from bench import claims_eval
from bot.content.claims import ClaimsLint
from bot.content.schema import Claims

LISTS = """
categories:
  guarantee:
    why: x
    words: [必ず, guaranteed]
    families:
      - {name: 保証＋結果, terms: [[確実, 絶対], [治る, 改善]]}
negations_before: [hardly]
"""


def test_without_takes_out_words_family_terms_and_cues() -> None:
    model = Claims.model_validate(yaml.safe_load(LISTS))
    removed = {("entry", "guarantee", "必ず"), ("term", "guarantee", "保証＋結果", "0:確実"),
               ("cue", "negations_before", "hardly")}
    (left,) = claims_eval._without([model], removed)
    lint = ClaimsLint(left)
    assert lint.findings("必ず良くなります。") == []
    assert [f.word for f in lint.findings("確実に治ります。")] == []
    assert [f.word for f in lint.findings("絶対に治ります。")] == ["保証＋結果"]
    assert [f.word for f in lint.findings("It is hardly guaranteed.")] == ["guaranteed"]
    assert [f.word for f in ClaimsLint(model).findings("It is hardly guaranteed.")] == []


def test_cues_needed_names_the_sets_whose_honest_sentences_need_them() -> None:
    model = Claims.model_validate(yaml.safe_load(LISTS))
    sets = {"a.yaml": {"en": {"honest": ["It is hardly guaranteed."], "prohibited": []}},
            "b.yaml": {"en": {"honest": ["Nothing here."], "prohibited": ["Guaranteed."]}}}
    assert claims_eval._cues_needed([model], sets) == {("cue", "negations_before", "hardly"): {"a.yaml"}}
