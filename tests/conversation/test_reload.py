"""Live content reload: good changes go live without a restart, broken ones never take the bot down."""

from __future__ import annotations

from pathlib import Path

from bot.app import build_application
from tests.botapi.app_runner import AnyApp, AppHost
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser
from tests.conversation.conftest import STAFF_CHAT_ID, BotUnderTest, settings_for


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


async def test_reload_command_swaps_in_checked_content(bot: BotUnderTest) -> None:
    user, staff = bot.user("ja"), bot.staff()
    await user.send("/start")
    edit(bot.content_dir / "ja" / "pages" / "tms.md", "title: ", "title: 【更新】")
    await staff.send("/reload")
    await staff.wait_for("コンテンツを更新しました")
    replies = await user.press("TMS治療とは")
    assert "【更新】" in replies.text


async def test_broken_edit_keeps_old_content_and_reports_to_staff(bot: BotUnderTest) -> None:
    user, staff = bot.user("en"), bot.staff()
    edit(bot.content_dir / "en" / "pages" / "tms.md", "links: [", "links: [tms_efect, ")
    await staff.send("/reload")
    replies = await staff.wait_for("反映していません")
    assert "content/en/pages/tms.md:" in replies.text and "no page 'tms_efect' (did you mean 'tms_effect'?)" \
        in replies.text
    replies = await user.send("/start")
    replies = await user.press("About TMS")
    assert "magnetic" in replies.text


async def test_reload_from_anyone_else_is_an_unknown_command(bot: BotUnderTest) -> None:
    replies = await bot.user("en").send("/reload")
    assert replies.text == "Sorry, I don't know that command. /help lists what I can do."


async def test_file_watch_picks_up_changes_without_a_command(bot_api: FakeBotApi, tmp_path: Path,
                                                             content_dir: Path) -> None:
    def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
        return build_application(settings_for(api, data_dir, content_dir, content_poll_seconds=0.2))

    async with AppHost(bot_api, factory, tmp_path / "data"):
        staff = FakeUser(bot_api, user_id=9001, chat_id=STAFF_CHAT_ID, is_private=False)
        user = FakeUser(bot_api, user_id=77, language_code="en")
        summary = content_dir / "en" / "pages" / "clinic.md"
        summary.write_text(summary.read_text(encoding="utf-8") + "\n\nA fresh paragraph.\n", encoding="utf-8")
        await staff.wait_for("コンテンツを更新しました.file change")
        await user.send("/start")
        replies = await user.press("Clinic info and costs")
        assert "A fresh paragraph." in replies.text


async def test_application_in_progress_keeps_its_questions_after_reload(bot: BotUnderTest) -> None:
    user, staff = bot.user("en"), bot.staff()
    await user.send("/apply")
    await user.press("Start the application")
    first = await user.press("I agree")
    assert "Question 1 of" in first.text
    intake = bot.content_dir / "en" / "intake.yaml"
    edit(intake, "text: Who is applying?", "text: CHANGED Who is applying?")
    await staff.send("/reload")
    await staff.wait_for("コンテンツを更新しました")
    again = await user.send("/apply")
    assert "CHANGED" not in again.text and "Question 1 of" in again.text
    fresh = bot.user("en")
    await fresh.send("/apply")
    await fresh.press("Start the application")
    assert "CHANGED" in (await fresh.press("I agree")).text


async def test_staff_add_an_faq_entry_and_a_synonym_and_it_works_after_reload(bot: BotUnderTest) -> None:
    user, staff = bot.user("en"), bot.staff()
    before = await user.send("Is there parking for cars at the clinic?")
    assert "Free parking next door" not in before.text
    for lang, answer in (("en", "Free parking next door."), ("ja", "となりに駐車場があります。")):
        faq = bot.content_dir / lang / "faq.yaml"
        entry = ("  - id: parking\n"
                 "    questions: [\"Is there parking?\", \"駐車場はありますか\"]\n"
                 f"    answer: {answer}\n")
        edit(faq, "entries:\n", "entries:\n" + entry)
        edit(faq, "synonyms:\n", "synonyms:\n  - [parking, car park, 駐車場, パーキング]\n")
    await staff.send("/reload")
    await staff.wait_for("コンテンツを更新しました")
    assert "Free parking next door." in await answer_or_first_offer(user, "Can I use the car park?")
    assert "となりに駐車場" in await answer_or_first_offer(bot.user("ja"), "パーキングある？")


async def answer_or_first_offer(user: FakeUser, text: str) -> str:
    """The answer, or the answer behind the first "did you mean" button: a new entry with two examples is found,
    but the matcher answers outright only when it is confident."""
    replies = await user.send(text)
    offered = next((r for r in replies if r.buttons and ("Did you mean" in r.text or "お探しの内容" in r.text)), None)
    if offered is not None:
        return replies.text + "\n" + (await user.press(offered.buttons[0][0])).text
    return replies.text
