"""Synonym groups: every member becomes the same feature, in either language, and groups sharing a word merge."""

from __future__ import annotations

from bot.content.schema import Faq
from bot.search import FaqIndex
from bot.search.analyzer import Analyzer
from bot.search.normalize import normalize
from bot.search.synonyms import Synonyms


def _group_features(analyzer: Analyzer, text: str) -> set[str]:
    return {f for f in analyzer.features(text) if f.startswith("§")}


def test_members_of_a_group_become_one_feature_in_both_languages() -> None:
    analyzer = Analyzer(Synonyms([["TMS", "rTMS", "経頭蓋磁気刺激", "磁気刺激", "magnetic stimulation"]]))
    spellings = ["TMS", "ｒＴＭＳ", "経頭蓋磁気刺激", "磁気刺激", "magnetic stimulation", "Magnetic Stimulation"]
    features = [_group_features(analyzer, text) for text in spellings]
    assert features[0] == {"§0"}
    assert all(f == features[0] for f in features)


def test_japanese_members_match_inside_sentences_longest_first() -> None:
    synonyms = Synonyms([["抗うつ薬", "antidepressant"], ["薬", "medication"]])
    rewritten = synonyms.rewrite_text(normalize("抗うつ薬と薬"))
    assert rewritten.text == "\ue000と\ue001"
    assert rewritten.scripts == "PHP"


def test_latin_members_need_word_boundaries_in_japanese_text() -> None:
    synonyms = Synonyms([["IV", "点滴"]])
    assert synonyms.rewrite_text(normalize("点滴")).text == "\ue000"
    assert "\ue000" not in synonyms.rewrite_text(normalize("ivy")).text


def test_english_phrases_match_stemmed_words() -> None:
    synonyms = Synonyms([["side effect", "副作用"]])
    assert synonyms.rewrite_words(["the", "side", "effect"]) == ["the", 0]
    analyzer = Analyzer(synonyms)
    assert _group_features(analyzer, "side effects of TMS") == {"§0"}
    assert _group_features(analyzer, "TMSの副作用") == {"§0"}


def test_groups_sharing_a_member_are_merged() -> None:
    synonyms = Synonyms([["費用", "cost"], ["料金", "price"], ["値段", "費用"]])
    assert len(synonyms.groups) == 2
    assert synonyms.groups[0] == ["費用", "cost", "値段"]


def test_index_takes_synonyms_from_every_language(shipped_faqs: dict[str, Faq]) -> None:
    """A group listed only in the English file still joins Japanese spellings."""
    ja = shipped_faqs["ja"].model_copy(update={"synonyms": []})
    index = FaqIndex.build({"ja": ja, "en": shipped_faqs["en"]})
    assert index.features("経頭蓋磁気刺激とは") == index.features("TMSとは")


def test_an_age_told_as_a_bare_number_counts_as_age() -> None:
    analyzer = Analyzer(Synonyms([["age", "years old", "年齢"]]))
    age = next(f for f in analyzer.query("age") if f.startswith("§"))
    assert age in analyzer.query("she's 16, is the drip ok for her")
    assert age in analyzer.query("my son turned 15, can he do it")
    assert age not in analyzer.query("the course is 30 sessions")  # a number, but nobody's age
    assert age not in analyzer.query("she is 20 minutes away")


def test_trials_research_stage_and_animal_studies_are_three_senses(index: FaqIndex) -> None:
    def groups(text: str) -> set[str]:
        return {f for f in index.features(text) if f.startswith("§") and "+" not in f}

    trial, stage, animals = groups("治験"), groups("研究段階"), groups("動物実験")
    assert trial and stage and animals
    assert trial.isdisjoint(stage) and stage.isdisjoint(animals) and trial.isdisjoint(animals)
    assert groups("clinical trial") == trial and groups("only in mice") == animals


def test_responding_is_not_the_group_of_treatments_that_did_not_work(index: FaqIndex) -> None:
    not_working = {f for f in index.features("効かなかった") if f.startswith("§")}
    assert not_working <= set(index.features("I did not respond to antidepressants"))
    assert not_working.isdisjoint(index.features("what percentage of people respond to TMS"))
