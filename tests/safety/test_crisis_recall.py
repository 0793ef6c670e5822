"""Kinds of risk that reached only a check-in or nothing: a condition whose consequence is an ending, marks and
tools of self-harm, a means in hand, looking up how, chat verbs with "myself", and the writer's own intent as a
plan signal. Rules only (``learned=False``), so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen
from bot.safety.signals import raise_by_plan
from bot.safety.tiers import NO_RISK, Assessment


@pytest.mark.parametrize("text", ["if TMS doesn't work for me i'm done, i mean it",
                                  "if the exosome thing doesn't help, I'm ending it",
                                  "if they turn me down for treatment i'm finished",
                                  "this is my last try, after that i'm done",
                                  "これでダメならもう終わりにします",
                                  "治療がうまくいかなかったら終わりにしようと思ってる"])
def test_a_condition_whose_consequence_is_an_ending_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["if it fails, is there a refund?",
                                  "if TMS doesn't work I'm done with psychiatry, what else is there?",
                                  "TMSが効かなかったら、他の治療はありますか",
                                  "効かなかったら返金してもらえますか"])
def test_a_condition_about_the_treatment_itself_is_no_alarm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", ["relapsed. 14 new cuts",
                                  "i punched the wall till my knuckles broke, i wanted the pain",
                                  "used my compass on my arm in class",
                                  "太ももに根性焼き",
                                  "また腕に線を引いた",
                                  "I'm sitting in the bathroom with a blade",
                                  "I looked up how high a building needs to be",
                                  "I've been researching which medicine would work quickest and how much",
                                  "I've been researching painless ways",
                                  "i'm gonna yeet myself off the car park roof",
                                  "i want to stop waking up",
                                  "bout to dip from this world",
                                  "もうこの世からおさらばしたい",
                                  "東尋坊に来ています",
                                  "i'm planning my exit",
                                  "i don't want to be here no more",
                                  "i've got a new set of lines on my hip",
                                  "手首に新しい傷がある",
                                  "楽になりたい、永遠に"])
def test_acts_marks_tools_means_in_hand_and_chat_verbs_get_the_full_reply(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["My scalp burns a little after rTMS sessions, is that normal?",
                                  "I'll be dying my hair next week, is that ok before the session?",
                                  "I've been researching which medication has the fewest side effects"])
def test_words_of_those_kinds_in_ordinary_messages_stay_quiet(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


def test_the_writers_intent_counts_as_a_plan_kind_only_beside_a_finding() -> None:
    kinds = frozenset({"intent", "place"})

    def raised(found: Assessment) -> Assessment:
        return raise_by_plan(found, kinds, asks=lambda: False, someone_else=False, exception=False)

    check_in = Assessment("check_in", "rules", "en.rules.cannot_go_on")
    assert raised(check_in).tier == "definite"
    assert raised(check_in).reason() == "signals:plan:intent+place>rules:en.rules.cannot_go_on"
    assert raised(NO_RISK) is NO_RISK  # "i'm going to the river" alone says nothing
    learned = Assessment("check_in", "learned", "help>=0.75")
    assert raised(learned) is learned  # beside the learned layer's guess neither: "i'm going to the beach tomorrow"


@pytest.mark.parametrize("text", ["sorted out my bank stuff and gave my cat to a friend. feels calm now",
                                  "職場の近くの橋が高くて、帰りにいつも立ち止まってしまう"])
def test_arrangements_and_lingering_at_a_place_are_plan_signals(rules: CrisisScreen, text: str) -> None:
    """Alone they ask at least; beside a check-in (here the learned layer's) they give the full reply."""
    assert rules.assess(text).hit
    raised = rules.plan(rules.read(text), Assessment("check_in", "learned", "help>=0.75"))
    assert raised.tier == "definite", raised.reason()


@pytest.mark.parametrize("text", ["自殺したさMAX", "死にたさが限界", "消えたさがすごい",
                                  "みんなが寝たら切ろうと思う", "been using a razor blade again",
                                  "Standing on the platform waiting for the express that doesn't stop here",
                                  "この駅に止まらない快速を待ってる"])
def test_a_wish_as_a_noun_cutting_at_a_chance_a_blade_again_and_a_passing_train_get_the_full_reply(
        rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["started using the razor again after 2 years clean",
                                  "broke my streak, 300 days clean and i did it again"])
def test_a_streak_without_self_harm_that_has_ended_asks_at_least(rules: CrisisScreen, text: str) -> None:
    """"Clean" counts the days without it; "again" beside it is a return now, not a history that is over."""
    assert rules.assess(text).tier in ("check_in", "definite"), rules.assess(text).reason()


def test_a_streak_still_going_gets_no_alarm(rules: CrisisScreen) -> None:
    """A history that is over is asked about at most (the issue's check-in for history)."""
    assert rules.assess("I'm 2 years clean from self harm and doing well").tier in ("none", "check_in")


def test_an_urge_to_cut_that_cannot_be_borne_asks(rules: CrisisScreen) -> None:
    assert rules.assess("切りたくてたまらない").tier == "check_in"


@pytest.mark.parametrize("text", ["会いたさが募る", "寝たら電話を切る", "I used my razor again this morning to shave",
                                  "I waited for the train but it does not stop at Kanayama so I was late",
                                  "各駅に止まらない特急を待つより普通が早いですか"])
def test_the_same_words_in_ordinary_messages_give_no_alarm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", ["またやっちゃった、腕が血だらけ",
                                  "1年ぶりにやってしまった、太ももが血だらけ",
                                  "半年がまんできてたのに、またやってしまいました",
                                  "3ヶ月やめてたのに、昨日またやってしまった",
                                  "せっかく止めてたのにまたしてしまった",
                                  "went too deep this time, cant stop the bleeding",
                                  "it's bleeding a lot, I cut deeper than I meant to"])
def test_an_act_left_unnamed_told_by_its_return_marks_or_depth_gets_the_full_reply(rules: CrisisScreen,
                                                                                     text: str) -> None:
    """The act is not named ("did it again"): a return after holding off, blood on a part of the body where people
    cut, or a cut gone deeper than meant tells what it was."""
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


def test_a_part_of_the_body_covered_in_blood_asks_at_least(rules: CrisisScreen) -> None:
    assert rules.assess("手首が血まみれになってる").tier in ("check_in", "definite")


@pytest.mark.parametrize("text", ["半年禁煙できてたのに、またタバコを吸ってしまいました",
                                  "我慢してたのに、またやっちゃった、夜中のラーメン",
                                  "またやっちゃった、寝坊した",
                                  "採血で腕に血がにじんだ", "献血で腕に傷", "鼻血で顔が血だらけ",
                                  "the splinter went too deep and it bled a lot",
                                  "my gums bleed when i brush deeper",
                                  "they took blood from my arm for the test"])
def test_returns_and_blood_of_everyday_life_give_no_alarm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", ["首くくりたい", "身投げしたい", "永眠したい", "天に召されたい", "死に隊",
                                  "この世とバイバイしたい", "もう息するのもやめたい", "呼吸止めたい",
                                  "二度と起きたくない", "寝たまま起きたくない", "飛び込んだろかな"])
def test_death_told_by_a_rarer_verb_a_pun_or_a_western_volitional_gets_the_full_reply(rules: CrisisScreen,
                                                                                        text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["水泳で息を止めたい", "朝起きたくない", "川に飛び込んだろ？", "永眠した祖母の話",
                                  "バイバイしたい"])
def test_the_same_verbs_in_everyday_use_give_no_alarm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", ["熱湯をわざと手にかけた", "熱湯をわざと自分の手にかけた。",
                                  "爪を皮膚に食い込ませて血が出るまでやめられない。",
                                  "太ももなら見えないから切ってる", "罰として三日間何も食べていない。"])
def test_harm_by_scalding_nails_a_hidden_place_or_fasting_as_punishment_gets_the_full_reply(rules: CrisisScreen,
                                                                                              text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["靴が足に食い込んで血が出た", "巻き爪が食い込んで血が出た"])
def test_a_nail_or_shoe_digging_in_gives_no_alarm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


def test_a_plan_check_in_found_alone_is_raised_by_the_full_head(rules: CrisisScreen) -> None:
    """The plan layer's check-in (two kinds, one strong, nothing else found) is a weak finding: the learned *full*
    head at ``full_plan`` gives the full reply, and the reason keeps the plan's kinds."""
    from bot.safety.crisis import raise_plan

    reading = rules.read("ホームドアのない駅を調べた。")
    planned = rules.plan(reading, reading.rules)
    assert (planned.tier, planned.layer) == ("check_in", "signals")
    sure = {"help": 0.9, "self": 0.9, "full": 0.8, "other": 0.0}
    raised = raise_plan(planned, reading, sure, {"full_plan": 0.7})
    assert (raised.tier, raised.reason()) == ("definite", "learned:full>=0.7>signals:plan:place+preparation")
    assert raise_plan(planned, reading, {**sure, "full": 0.6}, {"full_plan": 0.7}) == planned
    assert raise_plan(planned, reading, sure, {}) == planned  # a model without the threshold leaves it


@pytest.mark.parametrize("text", ["今日こそ死ぬ", "自察したい",
                                  "予約は何ヶ月待ちですか？正直そこまで生きていられる気がしません",
                                  "今カッター持ってる", "何階からなら確実か", "目の前のテーブルに薬を全部並べてある"])
def test_resolve_a_typo_doubt_of_surviving_a_blade_in_hand_height_and_pills_laid_out_get_the_full_reply(
        rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["今すごく切りたい", "今日ゲームと漫画を全部弟にあげた。弟は理由を知らない",
                                  "🪦🪦🪦 me soon",
                                  "thanks for trying to help me. it's too late now though. bye"])
def test_an_urge_belongings_given_away_a_death_emoji_and_a_late_goodbye_ask_at_least(rules: CrisisScreen,
                                                                                       text: str) -> None:
    assert rules.assess(text).hit, text


@pytest.mark.parametrize("text", ["今度こそ死ぬ気で頑張る", "今日こそ死ぬほど寝たい", "髪をすごく切りたい",
                                  "薬を全部並べて写真を撮った",
                                  "RIP my phone 🪦", "lmao 💀", "bye for now, it's too late to call the clinic today"])
def test_degree_idioms_hair_a_photo_of_the_medicines_and_laughter_give_no_alarm(rules: CrisisScreen,
                                                                                text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", ["i want to be six feet under", "thinking about eating a bullet",
                                  "i want to be with her in heaven"])
def test_death_told_by_an_idiom_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["i'd rather be six feet under than go to that party", "my grandma is in heaven now"])
def test_the_same_idioms_as_a_degree_or_a_loss_give_no_alarm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", ["消えたすぎる", "この世界からログアウトしたい", "人生にピリオドを打ちたい",
                                  "明日の朝、目が覚めないといいな", "寝たまま目が覚めなくていい",
                                  "治療中に薬やめてもいいですか?実は飲まずに貯めてるんです",
                                  "I keep wishing for an accident",
                                  "the kindest thing I could do for my family is to not exist"])
def test_ends_told_as_a_chat_wish_a_metaphor_not_waking_or_pills_saved_get_the_full_reply(rules: CrisisScreen,
                                                                                            text: str) -> None:
    found = rules.assess(text)
    assert found.tier == "definite", found.reason()


@pytest.mark.parametrize("text", ["誰かに殺されたいと思うことがある", "存在してるのが申し訳ない",
                                  "I wanna go to sleep and never respawn", "i wanna despawn irl",
                                  "mentally i'm at the uninstall life stage",
                                  "dying in my sleep sounds really nice right now",
                                  "I'm so close to giving up on living.",
                                  "Living feels unbearable and I want it to stop",
                                  "I've stopped caring whether I live through the week"])
def test_passive_wishes_gaming_words_and_living_given_up_ask_at_least(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).hit, text


@pytest.mark.parametrize("text", ["夜中に目が覚めないといいな", "お酒を飲まずにお金を貯めてる", "食べすぎた",
                                  "このゲームからログアウトしたい", "my character won't respawn after the update",
                                  "I hope for no accidents on the trip", "スマホの電池が死んでて返信できませんでした"])
def test_sleep_savings_games_and_a_dead_battery_give_no_alarm(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("none", "check_in"), rules.assess(text).reason()
