"""An update handled a second time: Telegram sends an update again when its webhook did not answer (the instance
that took it died mid-update, ``test_instances``), and the other instance handles it from the stored state. The
button's first handling may already have answered the press; Telegram then refuses a second answer ("query is
too old"). That refusal must not end the handling: the applicant is shown where the application stands and goes
on, instead of an error message and a lost application."""

from __future__ import annotations

from tests.conversation.conftest import JA_SHORT, Applicant, BotUnderTest, quick_bot, quick_bots  # noqa: F401

ERROR_TEXT = "申し訳ありません。こちらで問題が起きました"


async def test_a_press_handled_again_after_its_answer_shows_where_the_application_stands(
    quick_bot: BotUnderTest,  # noqa: F811 (fixture)
) -> None:
    user = quick_bot.user()
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    first = applicant.position()
    pressed = user.last_bot_message()
    assert pressed is not None
    data = next(b.callback_data for row in pressed.buttons for b in row
                if b.text == applicant.label(first, str(JA_SHORT[first])))
    await applicant.answer(first, JA_SHORT[first])
    second = applicant.position()
    assert second != first

    assert data is not None
    await user.press_data(data, pressed.message_id, wait=False)  # the same press, sent again by Telegram
    for query in quick_bot.api.world.callbacks.values():  # its answer was given by the first handling
        query.answered = True
    await user.wait_quiet()

    assert ERROR_TEXT not in user.screen()
    assert applicant.position() == second
    await applicant.fill(JA_SHORT)  # and the application goes on to the review
