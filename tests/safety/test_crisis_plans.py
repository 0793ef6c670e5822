"""The plan layer (bot/safety/signals.py) and the context words that keep ordinary messages from the full reply:
everyday occasions, supposed cases, losses told. Rules only (``learned=False``), so each test fails when its
mechanism is taken away; the pure decision (``raise_by_plan``) is tested on its own too."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen
from bot.safety.signals import raise_by_plan
from bot.safety.tiers import NO_RISK, Assessment
from tests.safety.test_crisis import shipped


@pytest.mark.parametrize("text", ["Everything is arranged for Friday.",
                                  "I've picked Saturday. My parents will be at my aunt's.",
                                  "両親と妹に手紙を書いた。机の引き出しに入れてある",
                                  "サブスクも全部解約して、カードも払って、身辺整理は終わりました",
                                  "土曜日にやると決めた。親は留守にする。"])
def test_a_plan_told_through_arrangements_gets_the_full_reply(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert (found.tier, found.layer) == ("definite", "signals"), found.reason()


def test_the_reason_keeps_the_kinds_and_the_finding_it_raised(rules: CrisisScreen) -> None:
    assert rules.assess("Everything is arranged for Friday.").reason() == \
        "signals:plan:preparation+time>rules:en.rules.farewell_soft"


@pytest.mark.parametrize("text", ["We booked a hotel room by the sea for Friday.",
                                  "Everything's ready. I just have to wait until everyone is asleep.",
                                  "Sorry for all the trouble. Bye."])
def test_two_weak_kinds_alone_ask_first(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "check_in", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["We booked a hotel room by the sea for our holiday on Friday.",
                                  "What time does the last train leave from the bridge?",
                                  "bye for now, I'll message again tomorrow",
                                  "金曜日に予約したいです", "旅行の準備は全部できました"])
def test_an_occasion_a_question_or_talking_again_keeps_the_plan_layer_out(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["We're going up to the roof terrace for the fireworks tonight",
                                  "友達と橋の上から花火を見ました",
                                  "朝コーヒー飲みすぎて手が震える、カフェインのODかも"])
def test_an_everyday_occasion_asks_instead_of_alarming(rules: CrisisScreen, text: str) -> None:
    """Never silence: the finding stays, as a check-in."""
    found = rules.assess(text)
    assert (found.tier, found.routed_by) == ("check_in", "everyday"), found.reason()


@pytest.mark.parametrize("text", ["What does the clinic do if a patient says they want to die during a session?",
                                  "what should i say if a friend ever tells me they're thinking of ending their life",
                                  "友達が死にたいと言ったらどう接すればいいですか"])
def test_a_supposed_case_in_a_question_asks(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert (found.tier, found.routed_by) == ("check_in", "hypothetical"), found.reason()


def test_a_parent_telling_of_a_child_still_gets_the_carer_reply(rules: CrisisScreen) -> None:
    assert rules.assess("My son says he wants to die, what should I do?").tier == "carer"
    assert rules.assess("my brother tried to kill himself yesterday").tier == "carer"


@pytest.mark.parametrize("text", ["My grandfather died by suicide when I was a child; is depression hereditary?",
                                  "My uncle killed himself last year and I'm scared it runs in families",
                                  "祖父が自殺で亡くなりました。遺伝しますか"])
def test_a_loss_told_asks_gently(rules: CrisisScreen, text: str) -> None:
    found = rules.assess(text)
    assert (found.tier, found.routed_by) == ("check_in", "bereaved"), found.reason()


def test_a_loss_beside_the_writers_own_wish_is_the_full_reply(rules: CrisisScreen) -> None:
    assert rules.assess("She killed herself and now I want to die too").tier == "definite"


@pytest.mark.parametrize("text", ["I'm on the roof of my apartment building", "いまマンションの屋上にいます",
                                  "I punched the wall and then kept punching my own legs", "またカミソリ使った"])
def test_where_the_writer_is_now_and_harm_to_a_part_of_the_body(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


def test_the_plan_layer_only_raises() -> None:
    plan = frozenset({"means", "time", "finality"})

    def raised(found: Assessment, **kwargs: bool) -> Assessment:
        options = {"someone_else": False, "exception": False, **kwargs}
        return raise_by_plan(found, plan, asks=lambda: bool(kwargs.get("asks")), someone_else=options["someone_else"],
                             exception=options["exception"])

    definite = Assessment("definite", "rules", "en.rules.x")
    assert raised(definite) is definite
    topic = Assessment("check_in", "context", "suicid*", "topic")
    assert raised(topic) is topic  # a context decision stands
    assert raised(NO_RISK, exception=True) is NO_RISK  # a staff not_risk phrasing stands
    assert raised(NO_RISK, asks=True) is NO_RISK
    assert raised(NO_RISK).tier == "definite"
    assert raised(Assessment("check_in", "learned", "help>=0.8"), someone_else=True).tier == "carer"
    assert raise_by_plan(NO_RISK, frozenset({"time", "preparation"}), asks=lambda: False, someone_else=False,
                         exception=False) is NO_RISK  # no strong kind


@pytest.mark.parametrize("text", ["親友が今夜死ぬってLINEしてきて既読つかない、どうしよう",
                                  "ルームメイトが包丁を持ってトイレに閉じこもってる",
                                  "息子が線路の近くにいる写真を送ってきました",
                                  "A friend from school says she's going to jump. She sent me her location."])
def test_a_check_in_about_someone_else_only_is_the_carer_reply(text: str) -> None:
    """The learned layer's check-in, in a message that names someone else and never the writer: routed as third
    person, or given by the learned *other* head itself when it is sure."""
    found = CrisisScreen.build(shipped()).assess(text)
    assert found.tier == "carer", found.reason()
    assert found.routed_by == "third_person" or found.reason().startswith("learned:other>="), found.reason()


def test_a_particle_read_as_he_names_nobody(rules: CrisisScreen) -> None:
    """The small dictionary normalises か in 何もかも to 彼 ("he"); the writer is still the one at risk."""
    assert rules.read("もう何もかもやめてしまいたい").names_other is False


@pytest.mark.parametrize("text", ["ブロン何箱か買ってきた", "メジコン大量に飲んだ",
                                  "I've been planning how to end things"])
def test_over_the_counter_brands_in_quantity_and_planning_how_to_end_are_plans(rules: CrisisScreen,
                                                                                 text: str) -> None:
    assert rules.assess(text).tier == "definite", rules.assess(text).reason()


@pytest.mark.parametrize("text", ["パブロンを1箱買いました、風邪で", "planning how to end the meeting early"])
def test_one_box_for_a_cold_and_ending_a_meeting_are_ordinary(rules: CrisisScreen, text: str) -> None:
    assert rules.assess(text).tier == "none", rules.assess(text).reason()
