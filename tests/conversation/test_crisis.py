"""The crisis screen's tiers end to end through the real bot: the crisis reply, the carer reply and the check-in,
in both languages, with their buttons; a "no" never switches screening off; staff hear of an applicant in crisis."""

from __future__ import annotations

from tests.conversation.conftest import EN_SELF_EMAIL, JA_SELF_PHONE, Applicant, BotUnderTest

YORISOI = "0120-279-338"
CHILDREN = "0120-0-78310"


async def test_crisis_reply_with_buttons_and_continue_back_to_the_menu_ja(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    await user.send("/start")
    replies = await user.send("もう死にたい")
    assert len(replies) == 1 and YORISOI in replies.text and "119" in replies.text and CHILDREN in replies.text
    assert replies.labels == ["📞 相談先の一覧", "▶ 続ける", "🏠 メニュー"]
    menu = await user.press("▶ 続ける", replies.last.message_id)
    assert menu.labels and "▶ 続ける" not in menu.labels  # back to the menu: never a dead end
    page = await user.press("📞 相談先の一覧", replies.last.message_id)
    assert "0120-783-556" in page.text


async def test_crisis_reply_in_english(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    await user.send("/start")
    replies = await user.send("honestly i just want to kill myself")
    assert "119" in replies.text and YORISOI in replies.text and CHILDREN in replies.text
    assert replies.labels == ["📞 All places to call", "▶ Continue", "🏠 Menu"]
    menu = await user.press("▶ Continue")
    assert menu.labels and "▶ Continue" not in menu.labels


async def test_carer_reply_for_someone_else_ja_and_en(quick_bot: BotUnderTest) -> None:
    parent = quick_bot.user("ja")
    replies = await parent.send("中学生の娘が「死にたい」と言っています。どうしたらいいですか")
    text = replies.text
    assert "そばにいる方にお願いしたいこと" in text and text.index("119") < text.index(CHILDREN)
    assert "▶ 続ける" in replies.labels
    friend = quick_bot.user("en")
    replies = await friend.send("My best friend says he wants to die")
    assert "If you are with them" in replies.text and "0120-99-7777" in replies.text


async def test_reports_in_the_third_person_and_an_addressee_reach_the_right_reply(quick_bot: BotUnderTest) -> None:
    """"nobody would miss him" gets the carer reply; 「親には言えないけど」 is still the writer's own risk; an
    injury told with an everyday task asks first instead of the full alarm."""
    carer = await quick_bot.user("en").send("Worried about my dad, he keeps saying nobody would miss him.")
    assert "If you are with them" in carer.text and carer.text.index("119") < carer.text.index(CHILDREN)
    own = await quick_bot.user("ja").send("親には言えないけど、死にたい気持ちが止まらない")
    assert own.labels == ["📞 相談先の一覧", "▶ 続ける", "🏠 メニュー"]
    assert "そばにいる方にお願いしたいこと" not in own.text
    asked = await quick_bot.user("en").send("I cut myself shaving this morning, is that a problem for TMS?")
    assert asked.labels == ["Yes, I am", "No, I'm not"] and YORISOI in asked.text


async def test_check_in_no_answers_the_question_and_screening_stays_on(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    asked = await user.send("Does TMS have side effects like suicidal thoughts?")
    assert "are you having thoughts of ending your life or hurting yourself right now?" in asked.text
    assert asked.labels == ["Yes, I am", "No, I'm not"] and YORISOI in asked.text
    answered = await user.press("No, I'm not")
    assert "Thank you for letting me know." in answered.text
    as_usual = "headache" in answered.text.lower() or "What are the side effects of TMS?" in answered.labels
    assert as_usual and "119" not in answered.text  # the question, answered (or its choices offered) as usual
    crisis = await user.send("actually I do want to kill myself")
    assert "119" in crisis.text and "▶ Continue" in crisis.labels  # a "no" never turns the screen off


async def test_check_in_in_japanese_then_no(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    asked = await user.send("抗うつ薬で死にたい気持ちが強くなることはありますか？")
    assert "いま、死にたい気持ちや、自分を傷つけたい気持ちがありますか" in asked.text and YORISOI in asked.text
    assert asked.labels == ["はい、あります", "いいえ、ありません"]
    answered = await user.press("いいえ、ありません")
    assert "教えてくださって、ありがとうございます" in answered.text and "119" not in answered.text


async def test_check_in_yes_gives_the_full_reply_in_english(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    asked = await user.send("Can people with suicidal thoughts have TMS?")
    assert "are you having thoughts of ending your life or hurting yourself right now?" in asked.text
    assert YORISOI in asked.text  # the footer: numbers are never withheld
    full = await user.press("Yes, I am")
    assert "119" in full.text and CHILDREN in full.text and "▶ Continue" in full.labels


async def test_a_bare_word_of_risk_asks_first_in_both_languages_and_yes_gives_the_full_reply(
    quick_bot: BotUnderTest
) -> None:
    """「しぬ」 and "im done" alone: too short for the rules to read, never ignored."""
    user = quick_bot.user("ja")
    asked = await user.send("しぬ")
    assert "いま、死にたい気持ちや、自分を傷つけたい気持ちがありますか" in asked.text and YORISOI in asked.text
    full = await user.press("はい、あります")
    assert "119" in full.text and CHILDREN in full.text and "▶ 続ける" in full.labels
    asked = await quick_bot.user("en").send("im done")
    assert "are you having thoughts of ending your life or hurting yourself right now?" in asked.text
    assert asked.labels == ["Yes, I am", "No, I'm not"] and YORISOI in asked.text


async def test_an_old_check_in_button_is_answered_kindly(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    await user.send("Can people with suicidal thoughts have TMS?")
    replies = await user.press_data("k:n:deadbeef")
    assert "please type it again" in replies.text and replies.labels == ["🏠 Menu"]


async def test_staff_hear_at_once_when_an_applicant_gets_the_crisis_reply(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.apply(JA_SELF_PHONE)
    await staff.wait_for("モニター申込 A-000001")
    await user.send("やっぱりもう消えてしまいたい")
    notice = await staff.wait_for("🆘 A-000001 の申込者に")
    assert "チャットで危機対応の返信" in notice.last.text and "消えてしまいたい" not in notice.last.text
    other = bot.user("ja")
    await other.send("死にたい")  # someone without a lead: nothing reaches staff
    await staff.wait_quiet()
    notices = [m for m in staff.log.visible() if m.from_bot and m.text.startswith("🆘")]
    assert len(notices) == 1


async def test_half_width_katakana_from_an_english_user_gets_the_japanese_reply(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    replies = await user.send("ｼﾆﾀｲ")
    assert "いのちの電話" in replies.text and "▶ 続ける" in replies.labels


async def test_english_from_a_japanese_user_gets_english_help_and_romaji_the_japanese(quick_bot: BotUnderTest) -> None:
    """The reply follows the language the person writes in, through the check-in and its "no" too."""
    user = quick_bot.user("ja")
    full = await user.send("i want to kill myself")
    assert "Please talk to someone now" in full.text and "▶ Continue" in full.labels
    asked = await user.send("Does TMS have side effects like suicidal thoughts?")
    assert asked.labels == ["Yes, I am", "No, I'm not"]
    answered = await user.press("No, I'm not")
    assert "Thank you for letting me know." in answered.text
    romaji = await quick_bot.user("ja").send("mou shinitai")
    assert "いのちの電話" in romaji.text and "▶ 続ける" in romaji.labels


async def test_a_typed_answer_at_a_button_question_is_not_read_by_the_model(quick_bot: BotUnderTest) -> None:
    """"I have never had one" answers the seizure question; the learned layer, which scores it high, stays out."""
    user = quick_bot.user("en")
    applicant = Applicant(quick_bot, user, "en")
    await applicant.begin()
    await applicant.fill(EN_SELF_EMAIL, until="seizure")
    replies = await user.send("I have never had one")
    assert "right now?" not in replies.text and "119" not in replies.text
    crisis = await user.send("honestly I want to kill myself")  # phrases and rules still read every answer
    assert "119" in crisis.text
