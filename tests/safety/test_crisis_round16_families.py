"""Round 16 families of the crisis screen, each with the ordinary look-alikes that must keep their answer. Phrases,
rules and context only (``learned=False``), so each test fails when its mechanism is taken away."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen


@pytest.mark.parametrize("text", [
    "前回の入院の時は死にたい気持ちがありましたが、今はありません",
    "転職後はずっと死にたかったけど、通院してかなり良くなりました",
    "前回のうつでは消えたい気持ちがあったけど、治療で消えました",
    "20代の頃は毎晩死にたかった。今はそう思わなくなりました",
    "リスカをやめて3年になります",
    "高校の頃は毎日死にたいと思ってた。今はそんなことはないです",
    "I used to think about killing myself, but the meds helped and those thoughts are gone",
])
def test_a_japanese_past_told_as_over_asks_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "昔は元気だったけど、また死にたくなってきた",          # again: the past has come back
    "前回は治療で消えたけど、また死にたくなってきた",
    "中学の頃は落ち着いてたのに、また切ってしまった",
    "リスカをやめて2年になるけど、また切りたい",
    "離婚後はずっと死にたい。元気なふりをしてるだけ",
    "前回うつの時は大丈夫だったけど、今は死にたい",
    "薬で消えると思ってたのに、今も死にたい",
])
def test_a_past_that_has_come_back_or_a_present_wish_keeps_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "ロープを自分の部屋に持ってきた",
    "剃刀をリュックに入れて家を出ました",
    "布団の下にカッターを置いてある",
    "カッターを自分に使うことばかり考えてる",
    "延長コードでやろうと思う",
    "姉の部屋にある練炭を使うつもり",            # a means kept in someone's room, to be used by the writer
    "I think to kill me tonight",
])
def test_means_made_ready_or_a_learners_intent_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "子供が寝るのを待ってからお風呂に入る",
    "包丁を台所に持っていって野菜を切った",
    "ナイフをリュックに入れてキャンプに出かけた",
    "カッターを自分で使うのは危ないですか",
    "I think my mom will kill me when she sees my grades",
    "waiting for the kids to fall asleep so I can watch a movie",
])
def test_ordinary_look_alikes_of_means_and_waiting_stay_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", [
    "準備はできた。両親が寝静まるのを待ってる",
    "Everything is ready. Just waiting for my parents to fall asleep.",
])
def test_means_ready_and_waiting_for_the_house_to_sleep_is_a_plan(text: str) -> None:
    from tests.safety.test_crisis import shipped
    screen = CrisisScreen.build(shipped())
    assert screen.assess(text).tier == "definite", screen.assess(text).reason()


@pytest.mark.parametrize("text", ["兄の車に練炭が積んであった。本人は何も言わない",
                                  "夫の車からロープが出てきました。キャンプなんてしない人です"])
def test_means_found_in_someone_elses_place_stays_about_them(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier in ("carer", "check_in"), rules.assess(text).reason()


@pytest.mark.parametrize("text", ["Had an overdose of coffee this morning, so jittery",
                                  "pretty sure that was a caffeine overdose, my hands are shaking"])
def test_too_much_coffee_is_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["I took an overdose of my pills", "OD of my pills",
                                  "I had an overdose of coffee and my sleeping pills"])
def test_an_overdose_of_medicine_beside_coffee_keeps_its_help(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).hit, rules.assess(text).reason()


def test_see_you_never_asks_first(rules: CrisisScreen) -> None:
    assert rules.assess("ok. see you never 👋").tier == "check_in"


@pytest.mark.parametrize("text", ["see you next week", "I never see you at the clinic"])
def test_ordinary_see_you_stays_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["I'm going to OD on caffeine pills", "overdose of caffeine pills",
                                  "I'll take 50 caffeine pills"])
def test_caffeine_pills_are_a_means_though_coffee_is_not(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).hit, rules.assess(text).reason()


@pytest.mark.parametrize("text", ["I take 2 caffeine pills before exams", "I overdosed on coffee today lol"])
def test_a_caffeine_pill_or_a_coffee_told_plainly_stays_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()
