from tests.conversation.conftest import BotUnderTest


async def test_start_in_japanese_and_read_a_page(bot: BotUnderTest) -> None:
    user = bot.user("ja")
    replies = await user.send("/start")
    print(replies.screen())
    replies = await user.press(replies.labels[0])
    print(replies.screen())
