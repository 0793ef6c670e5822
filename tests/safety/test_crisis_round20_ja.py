"""Round 20 Japanese families of the crisis screen, each with the ordinary look-alikes that must keep their answer.
Phrases, rules and context only (``learned=False``), so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "壁に頭をぶつけてしまう",
    "壁に頭ぶつけるの止まらなくて、おでこが腫れてる",
    "イライラすると頭を何度も壁にぶつける",
])
def test_a_head_hit_on_a_wall_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "寝ぼけて壁に頭をぶつけた、痛い",
    "電車が揺れて壁に頭をぶつけた",
])
def test_a_head_hit_by_accident_only_asks(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "ドアに頭をぶつけてしまった",
    "壁にポスターを貼りたい",
    "壁に頭をもたれて寝てしまった",
    "人は誰でもいつか死にます",
    "このままだと金魚が死にます",
    "この仕事はもう全部終わりにします",
    "今日で治療を終わりにします",
    "最後の連絡は先週でした",
    "最後の連絡をしたのはいつですか",
    "今日の最後のメッセージです、また明日連絡します。",
    "これが最後の質問です",
    "それまで体力がもつか心配です",
    "キャンプ用のロープとナイフを買いに行くので、予約を午後にずらせますか",
    "息子が縄跳びの練習で足を痛めて、予約の日に行けないかもしれません",
    "もう学校に行けない",
])
def test_look_alikes_of_the_round_20_families_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "明日死にます",
    "今夜死にます",
    "人生を終わりにします",
    "もう何もかも終わりにします",
    "生きてる意味がありません",
    "生きる意味がありません",
    "死ぬしかありません",
    "消えた方がましです",
    "おらなんかいねぐなった方がいいべ",
    "いねぐなりてぇ",
    "おらんようになりたい",
])
def test_polite_endings_and_dialect_get_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "もう消えます",
    "最後の連絡です",
    "これが最後の投稿になります",
    "それまでもつ自信がないです",
    "それまでもつ気がしない",
])
def test_a_last_message_and_doubt_of_lasting_ask_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "痛みはもう消えますか",
    "添付文書に自殺念慮と書いてあった",
    "先生から抗うつ薬で死にたくなることがあると聞きました",
    "薬の説明書に「自殺念慮があらわれることがある」と書いてあって不安です。よくあることですか",
])
def test_a_medicine_warning_read_or_heard_asks_and_never_alarms(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "薬を飲み始めてから死にたくなった",
    "最近、薬を飲むと死にたくなる",
])
def test_the_writers_own_wish_beside_a_medicine_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "昨日、先生に死にたいって言ってしまった",
    "カウンセラーに死にたいって言った",
    "友達に死にたいって言っちゃった。引かれたかも",
])
def test_words_the_writer_told_someone_are_the_writers_own(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "娘が先生に死にたいと話したそうです",
    "娘が薬を飲んだら死にたくなったと聞いた",
    "娘に死にたいと言われたらどう声をかければいいですか",
    "うちの子が死にたいって言ったら、どう声をかければいいですか",
    "息子に「死にたい」と言われたらどう接すればいいですか",
])
def test_a_known_child_in_a_parents_question_gets_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "私が死にたいと言ったら娘はどう思うでしょうか",
    "もし友達に死にたいと言われたらどうすればいいですか",
    "子どもが「死にたい」と言ったら、親はどう対応すべきですか?もしもの時のために知っておきたいです",
    "死にたいと思う人って、どんな気持ちなんでしょう",
    "死にたいって思う人は多いんですか",
    "消えたいと思う人ってどうしたらいいですか",
])
def test_a_supposed_case_and_a_kind_of_person_ask_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "死にたいと思う人間です",
    "併用プロトコルって、毎日死にたいと思ってる人にも効きますか。私のことです",
])
def test_a_kind_of_person_that_is_the_writer_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "自ら命を絶ちたいという気持ちが止まりません",
    "少しずつ量を増やして、どれくらいで意識がなくなるか試してる",
    "このまま溶けていなくなれたらいいのに",
    "私がいない方が家族はきっと楽になる",
    "存在ごとリセットしたい",
    "3ヶ月やめてたのに今日やっちゃった",
    "氏に鯛",
])
def test_a_named_feeling_a_potential_and_a_broken_stretch_get_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "スマホを初期化してリセットしたい",
    "痛みがなくなるまで何日かかりますか",
])
def test_a_reset_phone_and_pain_going_away_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


def test_her_named_feeling_stays_hers(rules: CrisisScreen) -> None:
    assert rules.assess("娘が死にたいという気持ちを話してくれました").tier == "carer"
