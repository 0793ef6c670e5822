"""/unanswered end to end: grouped questions with weekly counts, and one tap that makes a question an example."""

from __future__ import annotations

import yaml

from tests.conversation.conftest import BotUnderTest

QUESTION = "自転車はとめられますか"
NO_ANSWER = "そのご質問には、ここではお答えできません"


async def test_staff_add_an_unanswered_question_to_an_entry_in_one_tap(bot: BotUnderTest) -> None:
    user, staff = bot.user("ja"), bot.staff()
    await user.send("/start")
    first = await user.send(QUESTION)
    assert NO_ANSWER in first.text
    await user.send(QUESTION)

    listing = await staff.send("/unanswered")
    assert "答えられなかった質問（似たものをまとめて、多い順）" in listing.text
    assert f"1. [ja] {QUESTION}（計 2 件: 2 / 0 / 0 / 0）" in listing.text
    add = next(label for label in listing.labels if label.startswith("1. ➕ "))
    entry_id = add.removeprefix("1. ➕ ").removesuffix(" の例文に")

    replies = await staff.press(add)
    assert f"{entry_id} の例文に追加しました。" in replies.alerts
    await staff.wait_for("コンテンツを更新しました")
    entries = yaml.safe_load((bot.content_dir / "ja" / "faq.yaml").read_text(encoding="utf-8"))["entries"]
    assert next(e for e in entries if e["id"] == entry_id)["questions"][-1] == QUESTION

    again = await staff.send("/unanswered")
    assert again.text == "答えられなかった質問はまだありません。"
    answer = await user.send(QUESTION)
    assert NO_ANSWER not in answer.text

