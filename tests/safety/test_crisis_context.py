"""The context layer by mechanism: whose risk a finding is (the writer's own words around someone else's risk),
and whether it is told of a past the message keeps there. It routes or downgrades, never silences. Phrases, rules
and context only (``learned=False``) unless said otherwise, so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen
from tests.safety.test_crisis import shipped


@pytest.mark.parametrize("text", [
    "My 16 yo said 'I wish I was dead' at dinner",            # an age for the person, the quoted "I" is theirs
    "my 12yo hits his head against the wall until it bleeds",
    "Our 13 year old said I want to disappear forever",
    "I found fresh cuts on my 14-year-old's arms.",            # "I found": the one who noticed
    "I'm worried about my mum, she said she doesn't want to live anymore",
    "My daughter is 16. Been cutting for months.",             # the person of the sentence before
    "うちのオカンが「もう死にたいわ」ってずっと言うとる。",   # うちの: the owner, not the one at risk
    "母が「私なんか死にたい」と言う。どうしたらいいですか",
    "父が、俺なんか死んだ方がましだ、とよく言っていて心配です",
    "友達が自分で手首を切ったと言っていた",                 # 自分 after the friend: the reflexive, theirs
])
def test_the_writers_own_words_around_someone_elses_risk(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", text


@pytest.mark.parametrize("text", [
    "I called my grandma tonight to say goodbye, I'm going to kill myself",  # grandma is the one called
    "My son is asleep and I want to die",
    "I'm worried I will kill myself tonight",
    "My boyfriend left me and I want to kill myself",
    "子どもがいるけど、もう死にたい",                        # a bare たい is the writer's own
    "息子が寝ている間に死のうと思う",
    "母親ですが、死にたいと思っているのは私自身です",
    "母に「死にたい」と言ったら怒られた。本当に死にたい",
])
def test_the_writer_at_risk_beside_someone_else_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", text


@pytest.mark.parametrize("text", [
    "my mum has been researching ways online, I saw her tabs",
    "my partner is in the bathroom with a knife and won't open the door",
    "彼氏が「俺なんか消えた方がいい」ってLINEしてくる",
])
def test_a_check_in_about_someone_else_with_the_writers_words_around_it_is_the_carer_reply(text: str) -> None:
    screen = CrisisScreen.build(shipped())
    assert screen.assess(text).tier == "carer", text


def test_a_japanese_wish_told_through_hearsay_is_someone_elses(rules: CrisisScreen) -> None:
    for text in ("娘が死にたいらしい", "娘は死にたいようです", "息子が死にたいと言っています"):
        assert rules.assess(text).tier == "carer", text


@pytest.mark.parametrize("text", [
    "Back in college I thought about dying a lot. Now I just have low energy",
    "In 2019 I was hospitalized after an overdose. Does that affect if I can do TMS?",
    "Is it OK to apply if I've had suicidal thoughts before?",
    "The last time I hurt myself was when I was 14. I'm 30 now.",
    "大学のころはよく死ぬことを考えていました。今は気力がないだけです",
    "2019年にODで入院したことがあります。TMSを受けるのに影響しますか",
    "rTMSを受けてから死にたい気持ちがなくなりました、ありがとうございます",  # the feeling has ended
])
def test_a_finding_told_of_a_past_kept_there_asks_instead_of_alarming(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert (found.tier, found.routed_by) in {("check_in", "past_resolved"), ("check_in", "topic")}, text


@pytest.mark.parametrize("text", [
    "I tried to kill myself in 2019 and I want to do it again",
    "Back in college I overdosed. Now I'm saving pills again.",
    "I was hospitalized after an overdose years ago. Can TMS help? I still think about dying every day",
    "I attempted in 2020. Can TMS help me stop wanting to die?",
    "高校のころ死にたいと思っていました。今もまた死にたいです",
    "昔ODで入院しました。最近また薬をためています",
    "死にたい気持ちがなくならない",
    "My daughter swallowed a whole packet of paracetamol about an hour ago. Is this an emergency?",
])
def test_a_past_brought_into_the_present_keeps_its_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("definite", "carer"), text


def test_a_denied_act_asks_and_is_not_routed_to_the_carer_reply(rules: CrisisScreen) -> None:
    for text in ("息子が昼まで寝ていて無気力です。自傷はしていません。",
                 "My son sleeps until noon and seems unmotivated; no signs of self-harm though.",
                 "息子は学校に行っていますが、自傷はしていない"):
        assert rules.assess(text).tier == "check_in", text


def test_a_japanese_full_width_question_mark_asks(rules: CrisisScreen) -> None:
    found = rules.assess("9月1日は子どもの自殺が多いって先生が言ってたけどほんと？")
    assert (found.tier, found.routed_by) == ("check_in", "topic")


@pytest.mark.parametrize("text", [
    "In the novel the main character wants to kill himself, and we discussed it in class",
    "The film shows a girl who cuts herself to cope",
    "The news said a student jumped in front of a train yesterday",
    "小説の主人公が自殺を考える場面を授業で読みました",
    "映画で主人公が手首を切るシーンがあってつらかった",
    "ニュースで中学生が飛び降りたと見ました",
])
def test_a_story_or_the_news_about_strangers_is_a_topic(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert (found.tier, found.routed_by) == ("check_in", "topic"), text


@pytest.mark.parametrize(("text", "tier"), [
    ("My friend sent me a news article and said she wants to kill herself", "carer"),
    ("娘がドラマを見てから死にたいと言うようになりました", "carer"),
    ("映画の主人公みたいに手首を切りたい", "definite"),
    ("ニュースを見て、私も飛び降りたいと思った", "definite"),
    ("I watched a film where a girl cuts herself and now I want to do it too", "definite"),
])
def test_a_story_beside_someone_known_or_the_writers_own_wish_keeps_its_reply(rules: CrisisScreen, text: str,
                                                                             tier: str) -> None:
    assert rules.assess(text).tier == tier, text


def test_a_parent_who_will_be_angry_is_an_idiom() -> None:
    screen = CrisisScreen.build(shipped())
    assert screen.assess("寝坊したらお母さんに殺される").tier == "none"
    assert screen.assess("I'll be dying my hair next week, is that ok before the session?").tier == "none"


@pytest.mark.parametrize("text", [
    "A girl in my class says she wants to die",                  # "my class": where she is from
    "Someone in my group chat keeps talking about ctb.",
    "My daughter is in the exosome trial and told me she's been thinking of suicide.",  # a trial is no topic here
    "娘は主治医から自殺のリスクが高いと言われています",
    "先月自殺未遂をした17歳の娘に併用プロトコルを考えています",  # a clause that describes her
])
def test_someone_known_told_of_beside_a_topic_word_is_the_carer_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "carer", text


@pytest.mark.parametrize("text", [
    "My friend said she read that antidepressants raise suicide risk. Is that true?",
    "娘が学校で自殺予防の授業があったと言っていました",
    "My mother told me suicide rates are rising in Japan",
])
def test_the_topic_told_by_someone_known_stays_a_topic(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert (found.tier, found.routed_by) == ("check_in", "topic"), text


def test_a_measure_of_embarrassment_asks_and_pain_keeps_the_full_reply() -> None:
    screen = CrisisScreen.build(shipped())
    found = screen.assess("消えてしまいたいくらい恥ずかしい")
    assert (found.tier, found.routed_by) == ("check_in", "degree")
    assert screen.assess("死にたいくらいつらい").tier == "definite"


def test_an_everyday_change_asks_instead_of_alarming(rules: CrisisScreen) -> None:
    for text in ("I wrote my will after buying the house, just adulting",
                 "I'm saying goodbye to my old job, starting a new one Monday"):
        assert rules.assess(text).tier == "check_in", text  # the context downgrades, never silences


@pytest.mark.parametrize("text", [
    "死にたいとは思わないけど、消えたい",
    "死にたいと思わない日はない",
    "死にたい気持ちがないわけではありません",
    "No thoughts of suicide, I just want to go to sleep and never wake up",
    "出張の飛行機が落ちても、正直ほっとするかもしれない",  # かもしれない is no denial
    "死んでしまいたい、それしか考えられない",              # しか…ない affirms it
])
def test_a_denial_beside_a_wish_or_a_double_negation_still_gets_help(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier != "none", text
