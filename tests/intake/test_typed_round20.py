"""Typed answers at button questions, one family of phrasings per test with the ordinary look-alikes that must not
be read into it: regional negations, whose age a parent gives, who applies for a spouse, a treatment denied in a
tick-all answer, the combined treatment and doubts put as a question."""

from __future__ import annotations

import pytest

from bot.content.schema import Intake, Question
from bot.intake.dialect import standard
from bot.intake.typed import Reading, read_choice


def variants(intakes: dict[str, Intake], question_id: str, lang: str) -> list[Question]:
    order = [lang, *(other for other in intakes if other != lang)]
    return [q for other in order for q in intakes[other].questions if q.id == question_id]


def read(intakes: dict[str, Intake], question_id: str, text: str) -> Reading:
    return read_choice(text, variants(intakes, question_id, "en" if text.isascii() else "ja"))


# --- regional negations (bot.intake.dialect) ----------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text"), [
    ("medication", "飲んでへん"), ("medication", "飲んでひん"), ("medication", "飲まへん"),
    ("medication", "飲んどらん"), ("medication", "飲んどりゃせん"), ("medication", "もらってへん"),
    ("medication", "飲んでまへん"),
    ("seizure", "あらへん"), ("seizure", "なったことあらへん"), ("seizure", "ないだで"), ("seizure", "ありゃせん"),
    ("cochlear", "入ってへん"), ("cochlear", "入っとらん"), ("pregnancy", "妊娠してへん"), ("pregnancy", "しとらんよ"),
    ("fainting", "倒れたことあらへん"),
])
def test_a_regional_negation_is_a_no(intakes: dict[str, Intake], question: str, text: str) -> None:
    assert read(intakes, question, text) == Reading("choice", ("no",))


@pytest.mark.parametrize(("question", "text"), [
    ("medication", "飲んどるよ"), ("medication", "飲んどるでね"), ("medication", "飲んでるで"),
    ("pregnancy", "妊娠しとるで"), ("seizure", "あったで"),
])
def test_a_regional_yes_stays_a_yes(intakes: dict[str, Intake], question: str, text: str) -> None:
    assert read(intakes, question, text) == Reading("choice", ("yes",))


@pytest.mark.parametrize("text", ["たいへんです", "このへんが痛い", "ここらへん", "ひんけつです", "ひんぱんに",
                                  "飲みません", "せんせいに聞いた", "そうですねえ", "オランダに住んでます"])
def test_words_that_only_look_like_a_regional_ending_are_left_as_typed(text: str) -> None:
    assert standard(text) == text


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("seizure", "ちゃう", "no"), ("seizure", "ちゃいます", "no"), ("seizure", "ちゃうちゃう", "no"),
    ("seizure", "せやで", "yes"), ("pregnancy", "妊娠はしてへんと思う", "no"), ("seizure", "ありゃへん", "no"),
    ("guardian_agrees", "まだ言うてへん", "not_told"), ("guardian_agrees", "言ってへん", "not_told"),
    ("medication", "前は飲んでたけど今は飲んでへん", "no"),
])
def test_kansai_words_said_as_the_answer(intakes: dict[str, Intake], question: str, text: str, expected: str) -> None:
    assert read(intakes, question, text) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["飲んじゃう", "食べちゃいます", "せやけど"])
def test_chau_and_seya_inside_a_sentence_are_left_as_typed(text: str) -> None:
    assert standard(text) == text


def test_a_kana_faint_stays_a_yes(intakes: dict[str, Intake]) -> None:
    """「ひんけつで倒れた」 (貧血 typed in kana) keeps its ひん: it fainted."""
    assert read(intakes, "fainting", "ひんけつで倒れたことがある") == Reading("choice", ("yes",))


# --- whose age: a parent's own beside the child's (bot.intake.whose) ---------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("私は45で娘は16です", "teen15_17"), ("私は45歳、息子は13歳です", "under15"), ("母親(45)です。娘は16", "teen15_17"),
    ("16歳の娘の母(45)です", "teen15_17"), ("父親45、息子15", "teen15_17"), ("母です。娘は十六です", "teen15_17"),
    ("I'm 45 and my daughter is 16", "teen15_17"), ("I am 45, my son is twelve", "under15"),
    ("she's 16, I'm her mum (45)", "teen15_17"), ("my 16 year old daughter, I'm 45", "teen15_17"),
    ("I'm 45, applying for my sixteen-year-old son", "teen15_17"),
])
def test_a_parent_giving_both_ages_answers_with_the_childs(intakes: dict[str, Intake], text: str,
                                                            expected: str) -> None:
    assert read(intakes, "age", text) == Reading("choice", (expected,))


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm 45", Reading("choice", ("age40s",))), ("私は45", Reading("choice", ("age40s",))),
    ("my son is 16", Reading("choice", ("teen15_17",))), ("娘は16です", Reading("choice", ("teen15_17",))),
    ("I'm 17 and my mom is 45", Reading("unclear", ("teen15_17", "age40s"))),  # a parent, but no child named
    ("my son is 16 and my daughter is 13", Reading("unclear", ("under15", "teen15_17"))),  # two children: asks
])
def test_one_persons_age_or_two_childrens_is_read_as_before(intakes: dict[str, Intake], text: str,
                                                            expected: Reading) -> None:
    assert read(intakes, "age", text) == expected


# --- a treatment denied inside a tick-all answer --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "not meds, just counselling", "no meds, only therapy", "counselling but not meds",
    "therapy, never tried medication", "never took antidepressants, had some cbt", "just counselling, no pills",
    "薬じゃなくてカウンセリングだけ", "薬は飲んでない、カウンセリングのみ", "カウンセリングだけ、薬はなし",
    "抗うつ薬は使ってない。カウンセリングは受けた", "薬は嫌で飲まなかった、カウンセリングだけです",
])
def test_a_treatment_denied_beside_one_had_is_left_out(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "treatments", text) == Reading("choice", ("psychotherapy",))


@pytest.mark.parametrize("text", ["none", "never had any", "nothing so far", "なし", "受けたことない",
                                  "何も受けていない"])
def test_none_said_alone_is_still_none(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "treatments", text) == Reading("choice", ("none",))


@pytest.mark.parametrize("text", ["薬は飲んでない", "never tried medication"])
def test_a_treatment_only_denied_offers_the_others(intakes: dict[str, Intake], text: str) -> None:
    """Not the medicine, but was there something else? The other choices are offered, "none" among them."""
    assert read(intakes, "treatments", text) == Reading("unclear", ("psychotherapy", "tms", "other", "none"))


def test_two_treatments_had_are_both_ticked(intakes: dict[str, Intake]) -> None:
    assert read(intakes, "treatments", "薬とカウンセリング") == Reading("choice", ("antidepressants", "psychotherapy"))
    assert read(intakes, "treatments", "antidepressants, never therapy") == Reading("choice", ("antidepressants",))


# --- doubts put as a question -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "offered"), [
    ("seizure", "I think so?", ("yes", "unsure")), ("seizure", "そうだと思う？", ("yes", "unsure")),
    ("seizure", "あったと思う？", ("yes", "unsure")), ("seizure", "I don't think so?", ("no", "unsure")),
    ("interest", "both I think?", ("combined", "undecided")), ("interest", "tms I guess?", ("tms", "undecided")),
    ("interest", "TMSかな？", ("tms", "undecided")), ("interest", "両方かな？", ("combined", "undecided")),
    ("medication", "I think so?", ("yes",)),
])
def test_an_answer_doubted_with_a_question_mark_asks_back(intakes: dict[str, Intake], question: str, text: str,
                                                          offered: tuple[str, ...]) -> None:
    assert read(intakes, question, text) == Reading("unclear", offered)


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("seizure", "I think so", Reading("choice", ("yes",))), ("seizure", "maybe?", Reading("choice", ("unsure",))),
    ("seizure", "yes?", Reading("choice", ("yes",))), ("seizure", "what is a seizure?", Reading("question")),
    ("seizure", "てんかんって何ですか？", Reading("question")), ("interest", "can I do both?", Reading("question")),
    ("interest", "TMSでいいのかな？", Reading("question")), ("medication", "is melatonin ok?", Reading("question")),
])
def test_a_plain_answer_or_a_real_question_is_read_as_before(intakes: dict[str, Intake], question: str, text: str,
                                                             expected: Reading) -> None:
    assert read(intakes, question, text) == expected


# --- who applies: an adult's spouse or grown child typing -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "my wife wants it, I'm filling it in", "it's for my wife, I'm just typing", "for my husband",
    "my partner is the patient, I'm helping", "for my mom", "my mum is filling this in for me",
    "妻が受けたいので私が入力しています", "夫のためです", "主人のことです", "妻です",
])
def test_treatment_for_an_adult_relative_is_the_person_considering_treatment(intakes: dict[str, Intake],
                                                                             text: str) -> None:
    """"A parent or guardian (for a child)" is for a child only, and starts the guardian's questions; a husband who
    types for his wife applies for the person considering treatment, as a parent helping an adult does."""
    assert read(intakes, "applicant", text) == Reading("choice", ("self",))


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm his mom", "guardian"), ("I'm her mum", "guardian"), ("for my son", "guardian"), ("母です", "guardian"),
    ("母親です", "guardian"), ("父親です", "guardian"), ("娘のことで、母です", "guardian"),
    ("本人ですが、母と一緒に見ています", "self"), ("me, but my mom is helping me type", "self"),
])
def test_a_parent_for_a_child_and_a_parent_helping_are_read_as_before(intakes: dict[str, Intake], text: str,
                                                                      expected: str) -> None:
    assert read(intakes, "applicant", text) == Reading("choice", (expected,))


# --- the combined treatment --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "両方", "セットで", "TMSとエクソソーム一緒に", "TMSと点滴をセットで", "磁気と点滴の両方", "ふたつとも", "2つとも",
    "both please", "the two of them", "tms plus exosome", "tms with exosome", "magnets + drip",
    "tms and the drip together",
])
def test_the_two_treatments_said_together_are_the_combined_choice(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "interest", text) == Reading("choice", ("combined",))


@pytest.mark.parametrize(("text", "expected"), [
    ("tms or exosome", Reading("unclear", ("tms", "exosome"))),
    ("tms, also thinking about exosome", Reading("unclear", ("tms", "exosome", "combined"))),
    ("TMS、エクソソームも気になる", Reading("unclear", ("tms", "exosome", "combined"))),
    ("両方気になるけど迷ってる", Reading("unclear", ("combined", "undecided"))),
    ("not both, just tms", Reading("choice", ("tms",))), ("両方ではなくTMSだけ", Reading("choice", ("tms",))),
    ("no combo, just exosome", Reading("choice", ("exosome",))), ("tms package", Reading("choice", ("tms",))),
    ("TMSとエクソソームどっちがいい？", Reading("question")),
])
def test_near_misses_of_the_combined_choice(intakes: dict[str, Intake], text: str, expected: Reading) -> None:
    assert read(intakes, "interest", text) == expected


# --- numbers in words ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "expected"), [
    ("age", "seventeen and a half", "teen15_17"), ("age", "twentyfive", "age20s"), ("age", "thirtysomething", "age30s"),
    ("age", "forty something", "age40s"), ("age", "にじゅうだい", "age20s"), ("age", "さんじゅうだい", "age30s"),
    ("age", "よんじゅうだいこうはん", "age40s"), ("duration", "a year and two months", "y1_2"),
    ("duration", "いちねんはん", "y1_2"), ("duration", "ごねんいじょう", "over2y"),
])
def test_a_number_in_words_picks_its_band(intakes: dict[str, Intake], question: str, text: str,
                                          expected: str) -> None:
    assert read(intakes, question, text) == Reading("choice", (expected,))


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("duration", "ごはん", Reading("unclear")), ("age", "ごはん", Reading("unclear")),  # rice, no five and a half
    ("age", "almost eighteen", Reading("unclear", ("teen15_17", "age18_19"))),
    ("duration", "いちねん", Reading("unclear", ("m6_12", "y1_2"))),  # a year is where two bands meet
])
def test_words_that_are_no_number_or_sit_between_bands(intakes: dict[str, Intake], question: str, text: str,
                                                       expected: Reading) -> None:
    assert read(intakes, question, text) == expected


# --- development set 9's families ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "expected"), [
    ("head_metal", "耳にピアスしてるくらい", Reading("choice", ("no",))),  # outside the skull, as fillings are
    ("head_metal", "just earrings", Reading("choice", ("no",))),
    ("pregnancy", "いま8週です", Reading("choice", ("yes",))),
    ("pregnancy", "12 weeks along", Reading("choice", ("yes",))),
    ("pregnancy", "生理が遅れてる", Reading("choice", ("unsure",))),
    ("guardian_agrees", "お母さんはいいって言ったけどお父さんは反対", Reading("unclear", ("yes", "no"))),
    ("seizure", "なかよ", Reading("choice", ("no",))), ("seizure", "なかです", Reading("choice", ("no",))),
    ("duration", "ふたつき", Reading("choice", ("under6m",))),
    ("age", "thirtyish", Reading("unclear", ("age20s", "age30s"))),
    ("interest", "TMSやりながら点滴もしたい", Reading("choice", ("combined",))),
    ("head_injury", "事故のとき一瞬意識飛んだかも", Reading("unclear", ("yes", "unsure"))),
    ("implant", "インスリンポンプつけてる", Reading("unclear", ("yes", "no", "unsure"))),  # may count: asked
])
def test_development_set_9_families(intakes: dict[str, Intake], question: str, text: str, expected: Reading) -> None:
    assert read(intakes, question, text) == expected


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("head_metal", "金属のプレートが入ってる", Reading("choice", ("yes",))),
    ("implant", "ペースメーカー", Reading("choice", ("yes",))),
    ("seizure", "なかなかない", Reading("choice", ("no",))), ("seizure", "あった", Reading("choice", ("yes",))),
    ("head_injury", "意識は飛ばなかった", Reading("choice", ("no",))),
])
def test_look_alikes_of_development_set_9_families(intakes: dict[str, Intake], question: str, text: str,
                                                   expected: Reading) -> None:
    assert read(intakes, question, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("じんこうないじ入れてます", "yes"), ("じんこうないじは入れてない", "no"), ("じんこうないじ", "yes"),
])
def test_a_device_typed_in_kana_beside_kanji_is_the_device(intakes: dict[str, Intake], text: str,
                                                           expected: str) -> None:
    """The ない inside 人工内耳's reading (じんこうないじ) is no negation."""
    assert read(intakes, "cochlear", text) == Reading("choice", (expected,))


@pytest.mark.parametrize("text", ["うつ病ではないと思うけど、気分はずっと落ちてる",
                                  "I don't think it's depression, but I've felt low for months"])
def test_a_belief_that_it_is_not_then_a_low_mood_offers_no_and_the_suspicion(intakes: dict[str, Intake],
                                                                             text: str) -> None:
    assert read(intakes, "depression", text) == Reading("unclear", ("suspected", "no"))


@pytest.mark.parametrize("text", ["診断はないけど、うつ病かもと思ってる", "not diagnosed but I think I have it"])
def test_not_diagnosed_but_suspected_stays_the_suspicion(intakes: dict[str, Intake], text: str) -> None:
    assert read(intakes, "depression", text) == Reading("choice", ("suspected",))


@pytest.mark.parametrize(("text", "expected"), [
    ("賛成…してると思う、たぶん", Reading("unclear", ("yes", "unsure"))),
    ("賛成してます", Reading("choice", ("yes",))), ("はい、賛成です", Reading("choice", ("yes",))),
])
def test_a_guess_at_what_the_parents_think_asks(intakes: dict[str, Intake], text: str, expected: Reading) -> None:
    assert read(intakes, "guardian_agrees", text) == expected
