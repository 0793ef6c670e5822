"""A message that tells of distress and asks something gets both: the acknowledgement, then the answer or, when the
matcher is unsure, the likely questions as buttons (never the acknowledgement alone, which dropped the question)."""

from __future__ import annotations

from bot.i18n import t
from tests.conversation.conftest import BotUnderTest


async def test_a_parent_gets_the_carer_acknowledgement_and_the_answer_to_the_question(quick_bot: BotUnderTest) -> None:
    parent = quick_bot.user("ja")
    replies = await parent.send("中2の息子が不登校で、TMSを受けさせたいのですが何歳からできますか")
    assert "ご家族のことを伝えてくださって" in replies.text and "つらいお気持ちを伝えて" not in replies.text
    assert "18歳未満の方へのTMSは承認の範囲外" in replies.text  # the age answer itself, after the acknowledgement
    assert t("ja", "Did you mean one of these?") not in replies.text


async def test_distress_with_an_unsure_question_offers_the_likely_questions(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    replies = await user.send("I can't sleep at all and I'm exhausted. How long is it?")  # which treatment?
    assert "Thank you for telling me how you are feeling" in replies.text
    assert t("en", "Did you mean one of these?") in replies.text


async def test_distress_alone_gets_no_did_you_mean(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    replies = await user.send("毎日つらいです")
    assert "伝えてくださって" in replies.text and t("ja", "Did you mean one of these?") not in replies.text
