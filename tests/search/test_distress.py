"""The distress acknowledgement's screen (bot.search.distress) on the shipped distress.yaml, and its content check."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.problems import Problems
from bot.content.schema import Distress
from bot.content.yamldoc import parse_yaml
from bot.search.distress import DistressHit, DistressScreen, check_distress
from tests.search.conftest import REPO


def shipped() -> DistressScreen:
    import yaml

    return DistressScreen.build({lang: Distress(**yaml.safe_load((REPO / "content" / lang / "distress.yaml")
                                                                 .read_text(encoding="utf-8")))
                                 for lang in ("ja", "en")})


@pytest.mark.parametrize("text", ["毎日つらい", "眠れなくて学校に行けない", "ｼﾝﾄﾞｲです", "I feel hopeless",
                                  "I can't sleep", "My son won't go to school", "everything feels HOPELESS"])
def test_distress_is_seen_in_every_spelling(text: str) -> None:
    assert shipped().screen(text).statement


@pytest.mark.parametrize("text", ["TMSの治療はつらいですか？", "Is TMS tiring?", "TMSの費用はいくら", "tms"])
def test_questions_about_treatment_are_not_a_statement_of_distress(text: str) -> None:
    assert not shipped().screen(text).statement


def test_a_question_and_a_statement_are_told_apart() -> None:
    assert shipped().screen("眠れない日が続いています。TMSは不眠にも効きますか？") == DistressHit(True, True)
    assert shipped().screen("眠れないときはどうすればいいですか？") == DistressHit(False, True)
    assert shipped().screen("息子がうつっぽいです。TMSは受けられますか？") == DistressHit(True, False, carer=True)


@pytest.mark.parametrize("text", ["i cant sleep", "im so done", "i dont feel like myself anymore",
                                  "havent slept properly in days", "doesnt matter what i do, nothing helps"])
def test_phone_spellings_without_apostrophes_are_read_as_their_words(text: str) -> None:
    assert shipped().screen(text).statement


@pytest.mark.parametrize("text", [
    "Everything is too much right now", "I'm not okay", "I've been in a slump for months", "I feel flat all the time",
    "the meds aren't helping and I still feel heavy every day",
    "we've switched antidepressants and nothing changes",
    "I haven't laughed in months", "I keep waking up in the night", "my mental health is terrible",
    "薬を飲んでもずっと気分が重いままです", "気持ちが晴れません", "抗うつ薬を変えても良くならない",
    "誰とも話したくない",
    "子どもが毎朝腹痛を訴えて登校を嫌がる", "自分が自分じゃないみたい", "休んでも全然回復しない"])
def test_families_reach_past_their_own_words(text: str) -> None:
    assert shipped().screen(text).statement


def test_the_checker_tries_every_example(tmp_path: Path) -> None:
    text = "message: m\nfooter: f\ncarer_message: c\nphrases: [つらい]\nexamples:\n  - 毎日つらい\n  - 眠れない\n"
    problems = Problems()
    doc = parse_yaml(text, "content/ja/distress.yaml", problems)
    assert doc is not None
    check_distress({"ja": Distress(**doc.data)}, {"ja": doc}, problems)
    assert [str(p) for p in problems.errors] == [
        "content/ja/distress.yaml:7: examples[1]: '眠れない' is not recognised as distress: add a phrase it "
        "contains to 'phrases'"]


@pytest.mark.parametrize("text", [
    "my daughter is 15 and hasn't been to school since september, she barely leaves her room",
    "I'm worried sick about my son, he won't get out of bed",
    "my wife has been so down since the baby, she cries every day",
    "he's 16 and can't sleep at all",
    "中2の息子が不登校で、TMSを受けさせたいのですが何歳からできますか",
    "娘のことが心配で、夜も眠れません",
    "夫がずっと落ち込んでいて、仕事にも行けていません",
])
def test_distress_said_of_someone_close_gets_the_carer_reply(text: str) -> None:
    hit = shipped().screen(text)
    assert hit.any and hit.carer


@pytest.mark.parametrize("text", [
    "I feel hopeless", "my husband left and I can't stop crying", "since my mum died I can't sleep",
    "my kids are fine but I'm exhausted", "毎日つらいです", "夫が出ていってから、私が眠れなくなりました",
    "子どもは元気ですが、自分が毎日疲れきっています",
    "i snap at my kids and feel horrible", "子どもに怒ってばかりで、毎日つらいです",  # someone close as an object
])
def test_the_writers_own_distress_is_theirs_even_beside_someone_close(text: str) -> None:
    hit = shipped().screen(text)
    assert hit.any and not hit.carer


def test_the_checker_tries_carer_and_self_examples(tmp_path: Path) -> None:
    text = ("message: m\nfooter: f\ncarer_message: c\nphrases: [眠れない]\nsomeone_else: [息子]\nme: [私]\n"
            "examples: [眠れない]\ncarer_examples:\n  - 私が眠れない\nself_examples:\n  - 息子が眠れない\n")
    problems = Problems()
    doc = parse_yaml(text, "content/ja/distress.yaml", problems)
    assert doc is not None
    check_distress({"ja": Distress(**doc.data)}, {"ja": doc}, problems)
    assert [str(p) for p in problems.errors] == [
        "content/ja/distress.yaml:9: carer_examples[0]: '私が眠れない' is not taken as distress about someone close: "
        "add the person word to 'someone_else' or the phrase to a family",
        "content/ja/distress.yaml:11: self_examples[0]: '息子が眠れない' is not taken as the writer's own distress: "
        "add the writer's word to 'me', or a phrase to a family"]


@pytest.mark.parametrize("text", [
    "I've been feeling really low for weeks",  # a gap phrase: feeling ~ low
    "my son refuses to go to school",
    "I lie awake every night",
    "I'm really worried about my daughter",
    "I have no one to talk to",
    "一日中だるくて何も手につかない",
    "夜中に何度も目が覚めてしまう",
    "娘が学校に行かなくなりました",
    "息子の様子が心配です",
    "仕事と家のことで余裕がなくて、抱えきれません",
])
def test_every_family_of_expressions_is_seen(text: str) -> None:
    assert shipped().screen(text).statement


def test_a_gap_phrase_allows_a_few_words_only() -> None:
    screen = DistressScreen(["feel ~ down", "気分が ~ 沈"], [])
    assert screen.screen("I feel so very down").statement
    assert not screen.screen("I feel that the price of the sessions is going down").statement
    assert screen.screen("気分がずっと沈んでいる").statement
    assert not screen.screen("気分がいいです。沈む夕日がきれい").statement


def test_the_checker_asks_for_an_example_per_family_and_flags_short_and_repeated_phrases(tmp_path: Path) -> None:
    text = ("message: m\nfooter: f\ncarer_message: c\nphrases: [つらい]\nfamilies:\n  sleep:\n    - 眠れない\n"
            "    - 眠\n    - つらい\n  loneliness:\n    - 孤独\nexamples:\n  - 毎日つらい\n  - 眠れない\n")
    problems = Problems()
    doc = parse_yaml(text, "content/ja/distress.yaml", problems)
    assert doc is not None
    check_distress({"ja": Distress(**doc.data)}, {"ja": doc}, problems)
    assert [str(p) for p in problems.errors] == [
        "content/ja/distress.yaml:8: families.sleep[1]: '眠' is too short: it would match inside ordinary words; "
        "write the phrase around it (眠れない, not 眠)",
        "content/ja/distress.yaml:10: families.loneliness: no example in 'examples' uses a phrase of this family: "
        "add a message people write about loneliness to 'examples'"]
    assert [str(p) for p in problems.warnings] == [
        "content/ja/distress.yaml:9: families.sleep[2]: 'つらい' is listed twice (also at phrases[0]): keep one"]


@pytest.mark.parametrize("text", ["昨日も眠れませんでした", "眠れていないです", "ずっと辛かったです",
                                  "I haven't slept in days", "I couldn't sleep again", "she hasn't been sleeping"])
def test_a_phrase_in_its_plain_form_meets_its_conjugations(text: str) -> None:
    screen = DistressScreen(["眠れない", "つらい", "not ~ sleep"], [])
    assert screen.screen(text).statement


def test_not_distress_also_excuses_in_dictionary_forms() -> None:
    screen = DistressScreen(["疲れる"], ["通うのは疲れる"])
    assert not screen.screen("毎日通うのは疲れました").statement
    assert screen.screen("毎日とても疲れました").statement


@pytest.mark.parametrize("text", ["I'm worried about side effects", "TMSの費用はいくらですか", "予約の電話をしたいです",
                                  "How many sessions a week?"])
def test_ordinary_messages_are_not_distress(text: str) -> None:
    assert not shipped().screen(text).any


@pytest.mark.parametrize("text", ["I've been feeling awful", "i havent felt happy in years", "she felt so awful"])
def test_feeling_and_felt_meet_the_plain_feel(text: str) -> None:
    """The lemmatiser reads "feeling" as the noun and leaves "felt": both are the verb here."""
    screen = DistressScreen(["feel ~ awful", "not ~ feel happy"], [])
    assert screen.screen(text).statement


@pytest.mark.parametrize("text", ["I'm tired of waiting, when can I start", "i have depression, can i get tms?"])
def test_questions_with_a_feeling_word_are_not_a_statement(text: str) -> None:
    assert not shipped().screen(text).statement


@pytest.mark.parametrize("text", ["I can't even get out of bed", "i just cant get out of bed",
                                  "honestly whats the point"])
def test_words_that_only_colour_a_phrase_do_not_break_it(text: str) -> None:
    screen = DistressScreen(["can not get out of bed", "what is the point"], [])
    assert screen.screen(text).statement


def test_a_word_of_degree_stays_part_of_its_phrase() -> None:
    """"so worried" is distress; without "so" the phrase would take every "I'm worried about side effects"."""
    screen = DistressScreen(["be so worry", "so done"], [])
    assert screen.screen("I'm so worried").statement
    assert not screen.screen("I'm worried about side effects").any
    assert not screen.screen("how much does it cost").any


@pytest.mark.parametrize("text", ["my mood has been terrible", "I have awful mood swings", "I hate going to school",
                                  "I dread school every morning", "気分の浮き沈みが激しい", "最近気分の波がひどくて"])
def test_a_mood_that_swings_and_a_school_dreaded_are_distress(text: str) -> None:
    assert shipped().screen(text).statement


@pytest.mark.parametrize("text", ["Does TMS help mood swings?", "TMSで気分の浮き沈みは良くなりますか？"])
def test_mood_swings_asked_about_treatment_are_a_question_first(text: str) -> None:
    hit = shipped().screen(text)
    assert hit.in_question and not hit.statement


@pytest.mark.parametrize("text", ["I've been so irritable and snappy", "my grades are dropping and I don't care",
                                  "I keep binge eating at night", "息子が口をきいてくれない", "過食が止まらない"])
def test_temper_eating_grades_and_a_child_who_stops_talking_are_distress(text: str) -> None:
    assert shipped().screen(text).statement


def test_the_same_words_asked_about_treatment_are_a_question_first() -> None:
    for text in ("is TMS ok if I'm irritable?", "TMSで過食は治りますか？"):
        hit = shipped().screen(text)
        assert hit.in_question and not hit.statement, text
