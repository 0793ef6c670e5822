"""The index on the shipped content: confident answers, choices, honest "none", languages, rebuilding."""

from __future__ import annotations

import pytest

from bot.content.schema import Faq, FaqEntry
from bot.search import FaqIndex, Match


def _answer(index: FaqIndex, text: str) -> str | None:
    found = index.match(text)
    return found.entry_id if found.status == "answer" else None


@pytest.mark.parametrize(("text", "entry_id"), [
    ("TMSって痛いですか？", "tms_pain"),
    ("how often is the infusion?", "exo_interval"),
    ("ＴＭＳの副作用は？", "tms_side_effects"),
    ("エクソソームって何ですか", "exo_what"),
    ("えくそそーむってなに", "exo_what"),  # written in hiragana
    ("What are exosomes?", "exo_what"),
    ("BDNFとは", "bdnf"),
    ("Where is the clinic located", "clinic_location"),
    ("how much does it cost", "costs"),
    ("モニターに応募したい", "apply"),
])
def test_clear_questions_are_answered(index: FaqIndex, text: str, entry_id: str) -> None:
    assert _answer(index, text) == entry_id


@pytest.mark.parametrize(("text", "entry_id"), [
    ("how many sesions a week", "tms_frequency"),  # English typo
    ("exosme infusion interval", "exo_interval"),
    ("エクソソムの点滴の間隔", "exo_interval"),  # long vowel left out
    ("ｴｸｿｿｰﾑとは", "exo_what"),  # half-width katakana
    ("tms side effects", "tms_side_effects"),  # keywords only
])
def test_typos_and_variants_still_find_the_answer(index: FaqIndex, text: str, entry_id: str) -> None:
    found = index.match(text)  # answered, or offered first when the decision is not confident enough
    assert found.status != "none" and found.candidates[0][0] == entry_id


def test_question_language_decides_the_answer_language(index: FaqIndex) -> None:
    assert index.match("TMSの副作用は？").lang == "ja"
    assert index.match("TMS side effects?").lang == "en"
    assert index.match("what is エクソソーム").lang == "ja"
    assert index.match("what is エクソソーム").entry_id == "exo_what"


def test_entry_looks_up_by_language_and_id(index: FaqIndex) -> None:
    assert index.languages == ("ja", "en")
    assert "小胞" in index.entry("ja", "exo_what").answer
    assert "vesicle" in index.entry("en", "exo_what").answer
    with pytest.raises(KeyError):
        index.entry("ja", "no_such_entry")


@pytest.mark.parametrize("text", ["TMS", "tms", "エクソソーム", "exosome"])
def test_a_lone_topic_word_offers_choices(index: FaqIndex, text: str) -> None:
    found = index.match(text)
    assert found.status == "choices"
    assert 2 <= len(found.candidates) <= 3


@pytest.mark.parametrize("text", ["ですか", "について", "what is the", "is it", "教えてください", "何ですか", "how"])
def test_generic_words_alone_are_never_answered(index: FaqIndex, text: str) -> None:
    assert index.match(text).status != "answer"


@pytest.mark.parametrize("text", ["？", "", "   ", "😊", "ですか", "is it"])
def test_nothing_to_match_is_none(index: FaqIndex, text: str) -> None:
    assert index.match(text).status == "none"


OFF_TOPIC = [
    "ラーメンのおすすめ教えて", "明日の天気は？", "株価はどうなりますか", "あなたの名前は？",
    "おすすめの映画は？", "今夜のサッカーの結果", "新幹線の時刻表", "パスタの作り方を教えて",
    "彼女へのプレゼント何がいい", "宝くじが当たる方法",
    "What's the weather tomorrow", "stock prices today", "what's your name", "tell me a joke",
    "recommend a ramen shop", "who is the president of the USA", "how do I bake bread", "convert 10 dollars to yen",
    "best smartphone to buy", "what time is the football match", "bitcoin price today",
]


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_off_topic_is_never_answered_confidently(index: FaqIndex, text: str) -> None:
    found = index.match(text)
    assert found.status != "answer", found


def test_near_tie_offers_the_top_choices(index: FaqIndex) -> None:
    found = index.match("TMSの効果")
    assert found.status in ("answer", "choices")
    found = index.match("エクソソームの効果")
    ids = [entry_id for entry_id, _ in found.candidates]
    assert found.status == "answer" or "exo_status" in ids


def _faq(*entries: FaqEntry, synonyms: list[list[str]] | None = None) -> Faq:
    return Faq(synonyms=synonyms or [], entries=list(entries))


def test_close_entries_give_choices_and_clear_ones_an_answer() -> None:
    faq = _faq(
        FaqEntry(id="tms_price", questions=["How much is TMS?", "TMS price"], answer="Ask the clinic."),
        FaqEntry(id="exo_price", questions=["How much is an exosome infusion?", "exosome price"], answer="Ask."),
        FaqEntry(id="hours", questions=["What are your opening hours?", "when are you open"], answer="9-17."),
    )
    index = FaqIndex.build({"en": faq})
    assert index.match("opening hours please").entry_id == "hours"
    choices = index.match("price")
    assert choices.status == "choices"
    assert {entry_id for entry_id, _ in choices.candidates} == {"tms_price", "exo_price"}
    assert index.match("ramen recipe").status == "none"


def test_match_of_a_language_without_content_is_none() -> None:
    index = FaqIndex.build({"en": _faq(FaqEntry(id="hours", questions=["opening hours"], answer="9-17."))})
    assert index.match("診療時間は？") == Match("ja", "none", [])


def test_rebuilding_gives_the_same_matches(shipped_faqs: dict[str, Faq], index: FaqIndex) -> None:
    again = FaqIndex.build(shipped_faqs)
    for text in ["TMSって痛いですか？", "how often is the infusion?", "TMS", "ラーメン"]:
        assert again.match(text) == index.match(text)


def test_rebuilding_picks_up_edited_content(shipped_faqs: dict[str, Faq]) -> None:
    ja = shipped_faqs["ja"]
    extra = FaqEntry(id="parking", questions=["駐輪場はありますか", "自転車を停められますか"],
                     answer="クリニックにお問い合わせください。")
    edited = ja.model_copy(update={"entries": [*ja.entries, extra]})
    index = FaqIndex.build({"ja": edited, "en": shipped_faqs["en"]})
    # a new entry of two examples, neither written as the question: found first; answered outright once it has
    # more examples near the question (the confidence counts how many of the nearest examples are its own)
    found = index.match("自転車を停める場所はありますか")
    assert found.candidates[0][0] == "parking" and found.status in ("answer", "choices")
    assert index.match("駐輪場はありますか").entry_id == "parking"


def test_every_shipped_entry_answers_its_own_first_question(index: FaqIndex, shipped_faqs: dict[str, Faq]) -> None:
    """An entry that cannot be reached with its own example is shadowed by another one: reword one of them."""
    unreachable = []
    for lang, faq in shipped_faqs.items():
        for entry in faq.entries:
            found = index.match(entry.questions[0])
            if entry.id not in [entry_id for entry_id, _ in found.candidates[:3]] or found.lang != lang:
                unreachable.append(f"{lang}:{entry.id}: {entry.questions[0]!r} -> {found.status} {found.candidates}")
    assert unreachable == []


@pytest.mark.parametrize(("text", "first", "also"), [
    ("TMSの副作用について知りたいです。それと、エクソソーム点滴は何週間おきですか？",
     "tms_side_effects", "exo_interval"),
    ("What are the side effects of TMS? Also, how often is the exosome drip?", "tms_side_effects", "exo_interval"),
    # "in that case" points back at the story, which says what it asks about: answered first now
    ("We're trying for a baby at the moment. Is TMS okay in that case? And what would it cost?",
     "tms_pregnancy", "costs"),
])
def test_a_message_asking_two_things_answers_the_first_and_offers_the_other(index: FaqIndex, text: str, first: str,
                                                                            also: str) -> None:
    found = index.match(text)
    assert (found.status, found.entry_id, found.also) == ("answer", first, (also,))


@pytest.mark.parametrize(("text", "first", "also"), [
    ("I've been reading about exosome infusions online and some articles say they're dangerous. What do we actually "
     "know about their safety? And what's the price?", "costs", "exo_safety"),
])
def test_a_first_question_only_offered_is_the_button_beside_the_later_one_answered(index: FaqIndex, text: str,
                                                                                  first: str, also: str) -> None:
    found = index.match(text)  # the question asked first is not lost because the second one was surer
    assert (found.status, found.entry_id, found.also) == ("answer", first, (also,))


def test_a_story_around_the_question_is_not_taken_for_a_second_question(index: FaqIndex) -> None:
    found = index.match("息子が高校生で、ずっと薬を飲んでいますがあまり良くなりません。TMSは何歳から受けられますか？")
    assert found.candidates[0][0] == "tms_age" and found.also == ()


@pytest.mark.parametrize("text", [
    "ネットでエクソソームの記事を読みました。日本で承認されているんですか？副作用も気になります。",
    "I read an article about exosomes online. Are they approved in Japan? I'm also worried about side effects.",
])
def test_a_question_that_leaves_its_topic_to_the_story_is_read_with_the_story(index: FaqIndex, text: str) -> None:
    found = index.match(text)  # the question alone asks about an approval; the story says of which treatment
    assert found.status != "none" and "exo_status" in [c for c, _ in found.candidates]
    shown = [c for c, _ in found.candidates][: 1 if found.status == "answer" else None]  # an answer shows one
    assert all(index.entry(found.lang, c).treatment != "tms" for c in shown)


def test_a_story_that_does_not_change_the_entry_does_not_weaken_the_answer(index: FaqIndex) -> None:
    found = index.match("仕事しながら通えるか心配です。TMSは週何回通う必要がありますか？")
    assert (found.status, found.entry_id) == ("answer", "tms_frequency")


def test_a_message_whose_parts_find_nothing_sure_offers_the_question_s_choices(index: FaqIndex) -> None:
    found = index.match("I saw a blog post about exosomes. Are they allowed in Japan? "
                        "I'm also worried about side effects.")  # the whole message scores under the choices' floor
    assert found.status == "choices" and "exo_status" in [c for c, _ in found.candidates]


@pytest.mark.parametrize(("text", "entry_id"), [
    ("てぃーえむえすの ふくさよう おしえて", "tms_side_effects"),  # the letters of TMS typed in hiragana
    ("ティーエムエスは何歳から受けられますか", "tms_age"),
])
def test_tms_spelt_in_kana_is_tms(index: FaqIndex, text: str, entry_id: str) -> None:
    found = index.match(text)
    assert found.status != "none" and found.candidates[0][0] == entry_id


@pytest.mark.parametrize(("text", "entry_id"), [
    ("is the stem cell drip covered by insurance", "insurance"),
    ("幹細胞の点滴は保険きく？", "insurance"),
    ("how much is the exosome iv", "costs"),
])
def test_the_topic_asked_about_outweighs_the_treatment_named(index: FaqIndex, text: str, entry_id: str) -> None:
    found = index.match(text)  # the exosome entries all say "stem cell" and "drip"; only one says insurance
    assert found.candidates[0][0] == entry_id


def test_a_later_question_of_a_message_keeps_the_treatment_an_earlier_one_named(index: FaqIndex) -> None:
    found = index.match("エクソソーム点滴は1回どのくらい時間がかかる？何回通う？")
    assert found.candidates and all(index.entry("ja", c).treatment != "tms" for c, _ in found.candidates)


@pytest.mark.parametrize(("text", "entry_id"), [
    ("躁うつって言われてる娘でも磁気の治療いける？", "tms_bipolar"),  # 躁うつ is bipolar, not うつ with a kanji
    ("頭に磁石みたいなのをあてるやつって何分かかるの？", "tms_session_length"),
])
def test_lay_words_find_the_entry_they_mean(index: FaqIndex, text: str, entry_id: str) -> None:
    assert index.match(text).candidates[0][0] == entry_id


@pytest.mark.parametrize(("text", "yardstick"), [
    ("TMSもエクソソームみたいに未承認なの？", "exosome"),
    ("TMSじゃなくてエクソソームの副作用が知りたい", "tms"),
    ("TMSって注射もするの？", "exosome"),  # the topic is TMS; the injection is what it asks TMS involves
    ("does the exosome drip cause seizures like TMS can?", "tms"),
    ("instead of TMS, what are the side effects of the exosome drip", "tms"),
])
def test_a_treatment_named_only_to_compare_with_is_not_the_one_asked_about(index: FaqIndex, text: str,
                                                                          yardstick: str) -> None:
    found = index.match(text)  # both treatments are named; the grammar says which one is the yardstick
    assert found.candidates and index.entry(found.lang, found.candidates[0][0]).treatment != yardstick


@pytest.mark.parametrize("text", [
    "18歳未満でもモニターになれますか",
    "高校生でもモニターになれますか",
    "is there an age limit for the monitor programme",
    "can a 16 year old take part in the monitor scheme?",
])
def test_who_may_join_the_monitor_programme_by_age_is_the_age_policy_not_an_application(index: FaqIndex,
                                                                                       text: str) -> None:
    found = index.match(text)
    assert found.candidates[0][0] == "monitor_age"


@pytest.mark.parametrize(("text", "entry_id"), [
    ("what age can you have tms", "tms_age"),  # a treatment named: its own age entry, not the programme's
    ("TMSは何歳から？", "tms_age"),
    ("I want to apply for my son", "apply"),
    ("息子のことで応募したいのですが", "apply"),
])
def test_age_questions_about_a_treatment_and_wishes_to_apply_keep_their_entries(index: FaqIndex, text: str,
                                                                               entry_id: str) -> None:
    assert _answer(index, text) == entry_id


def test_what_a_monitor_is_asked_to_do_is_a_question_not_a_wish_to_apply(index: FaqIndex) -> None:
    found = index.match("モニターになったら何をお願いされるんですか？")
    assert found.candidates[0][0] != "apply"


@pytest.mark.parametrize(("text", "entry_id"), [
    ("My meds gave me awful side effects and insurance covered none of the other stuff I tried. "
     "I was wondering how long each TMS session takes", "tms_session_length"),
    ("The side effects of my antidepressants have been rough and my doctor wants to change the dose again, "
     "so I'd like to know if TMS hurts", "tms_pain"),
    ("長文ですみません。去年から休職していて、薬も3種類試しましたが合わず、家族も心配しています。"
     "磁気の治療って痛いんでしょうか", "tms_pain"),
])
def test_the_question_at_the_end_of_a_long_story_is_answered(index: FaqIndex, text: str, entry_id: str) -> None:
    assert _answer(index, text) == entry_id  # the story's words (side effects, insurance) do not pull it away


def test_a_later_question_keeps_the_treatment_an_earlier_question_named_over_the_story_s(index: FaqIndex) -> None:
    found = index.match("Coming in every weekday for TMS is impossible for me. Could I have only the exosome drip? "
                        "and does it really help depression")
    assert found.candidates and index.entry("en", found.candidates[0][0]).treatment != "tms"


@pytest.mark.parametrize(("text", "entry_ids"), [
    ("my daughter gets fits, can she have the magnet treatment", {"tms_seizure", "tms_epilepsy"}),
    ("had a fit once as a kid, is brain zapping ok", {"tms_seizure", "tms_epilepsy"}),
    ("she's 16, is the stem cell drip ok for her", {"exo_age"}),  # an age told as a bare number
    ("my son turned 15, can he have the magnet thing", {"tms_age"}),
    ("幹細胞のやつ、子どもでもいける？", {"exo_age"}),
    ("頭に磁石のやつって副作用ある？", {"tms_side_effects"}),
])
def test_lay_words_for_fits_and_ages_told_in_passing_find_their_entry(index: FaqIndex, text: str,
                                                                      entry_ids: set[str]) -> None:
    assert index.match(text).candidates[0][0] in entry_ids


@pytest.mark.parametrize(("text", "entry_id"), [
    ("Are these treatments covered by health insurance?", "insurance"),
    ("治療を始める前にどんな確認がありますか？", "tms_screening"),
    ("ふくさようってある？", "tms_side_effects"),
])
def test_a_right_entry_the_model_is_fairly_sure_of_is_answered(index: FaqIndex, text: str, entry_id: str) -> None:
    # confidence 0.86 since round 13 (bench/calibrate.py --fit, 1.0 % confident wrong on the fitted data): these
    # were "did you mean" with the right entry first at 0.90
    assert index.match(text).entry_id == entry_id


@pytest.mark.parametrize("text", ["How do I get from Nagoya Station to Sakae?", "bitcoin price today",
                                  "「おはよう」を英語にして", "電車の料金はいくら？"])
def test_off_topic_questions_stay_unanswered_at_the_lower_confidence(index: FaqIndex, text: str) -> None:
    assert index.match(text).status != "answer"
