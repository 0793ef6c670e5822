"""The monitor application end to end (issue 4): the real bot over HTTP, the fake Bot API, a real SQLite file.

Interface strings are compared through ``t()`` (their catalogs are translated separately); content strings
(questions, errors, thank-you) come from content/ja|en/intake.yaml and are pinned where they matter.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import t
from bot.intake.conditions import applicable
from tests.botapi.user import normalize
from tests.conversation.conftest import (
    EN_SELF_EMAIL,
    JA_GUARDIAN_MINOR,
    JA_SELF_PHONE,
    Applicant,
    BotUnderTest,
    QuickBots,
    Script,
    lead_cards,
    read_db,
)

JST = ZoneInfo("Asia/Tokyo")


def leads(bot: BotUnderTest) -> list[dict[str, object]]:
    return [dict(row) for row in read_db(bot, "SELECT * FROM leads ORDER BY id")]


def draft(bot: BotUnderTest, user_id: int) -> dict[str, Any] | None:
    rows = read_db(bot, "SELECT draft FROM users WHERE user_id = ?", (user_id,))
    return json.loads(rows[0]["draft"])["draft"] if rows and rows[0]["draft"] else None


def draft_answers(bot: BotUnderTest, user_id: int) -> dict[str, Any]:
    saved = draft(bot, user_id)
    assert saved is not None, "no application in progress"
    return dict(saved["answers"])


def japan_time(db_time: object) -> str:
    moment = datetime.strptime(str(db_time), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(JST).strftime("%Y年%-m月%-d日 %-H:%M")


def progress(lang: str, applicant: Applicant, script: Script, question_id: str) -> str:
    """``Question n of N`` as the bot should show it, with N counted from the answers given before it."""
    questions = applicant.intake.questions
    answers: dict[str, str | list[str] | None] = {}
    for q in questions:
        if q.id == question_id:
            break
        if q.id in script:
            answers[q.id] = script[q.id]
    shown = [q.id for q in applicable(questions, answers)]
    return t(lang, "Question {n} of {total}", n=shown.index(question_id) + 1, total=len(shown))


# --- whole applications ------------------------------------------------------------------------------------------

async def test_full_application_in_japanese(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")

    intro = await user.send("/apply")
    assert "モニター募集へのお申し込み" in intro.text and "お申し込みのあとの流れ" in intro.text
    consent = await user.press(applicant.intake.start)
    assert "個人情報の取り扱いについて" in consent.text and "要配慮個人情報" in consent.text
    replies = await user.press(applicant.intake.consent.agree)
    assert "どなたがお申し込みになりますか" in replies.text
    asked = []
    while (here := applicant.position()) != "review":  # every question says where it stands
        assert progress("ja", applicant, JA_GUARDIAN_MINOR, here) in replies.text, here
        asked.append(here)
        replies = await applicant.answer(here, JA_GUARDIAN_MINOR[here])
    assert asked == list(JA_GUARDIAN_MINOR)  # each question once, in order, none skipped over
    review = replies
    assert "ご回答の確認" in review.text
    for line in ("お申し込みの方: 保護者の方（お子さんについて）", "ご本人の年齢: 15〜17歳",
                 "これまでの治療: 受けたことはない", "保護者の方のお名前: 佐藤 恵子",
                 "お子さんのお名前: 佐藤 陽太", "ご連絡の方法: このTelegramのチャット",
                 "そのほかのご連絡事項: 夕方以降が助かります"):
        assert line in review.text

    thanks = await applicant.submit()

    # The lead is on disk by the time the thank-you is on screen.
    stored = leads(bot)
    assert len(stored) == 1 and stored[0]["user_id"] == user.id
    answers = json.loads(str(stored[0]["answers"]))
    assert answers["guardian_name"] == {"label": "保護者の方のお名前", "value": "佐藤 恵子", "section": "ご連絡先",
                                        "kind": "text"}
    assert answers["seizure"]["flag"] == "screening" and answers["seizure"]["value"] == "わからない"
    assert json.loads(str(stored[0]["flags"])) == ["screening", "minor", "guardian"]
    assert draft(bot, user.id) is None
    assert len(thanks) == 1
    assert "受付番号は A-000001 です" in thanks.text
    assert "このあとの流れ" in thanks.text and "クリニックのスタッフからご連絡します" in thanks.text
    assert "医師があらためて確認します" in thanks.text  # the flagged note: screening and minor answers
    assert thanks.last.buttons == ((t("ja", "🏠 Menu"),),)

    cards = await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_quiet()
    assert len(lead_cards(bot)) == 1
    card = cards.last.text
    lines = card.splitlines()
    assert lines[:7] == [
        "モニター申込 A-000001", "状態: 新規", "保護者の方のお名前: 佐藤 恵子（さとう けいこ）",
        "お子さんのお名前: 佐藤 陽太", "ご連絡の方法: このTelegramのチャット", f"Telegram: Hanako · ID {user.id}",
        "↩️ このカードに返信すると、ご本人にクリニックからのメッセージとして届きます"
        "（/reply A-000001 本文 でも送れます）。"]
    assert lines[7:9] == ["お申し込みの方: 保護者の方（お子さんについて）", "ご本人の年齢: 15〜17歳"]
    flags = lines.index("⚠️ 安全確認に医師の確認が必要な回答あり（てんかん・けいれん: わからない）")
    assert lines[flags + 1:flags + 3] == ["⚠️ 未成年（18歳未満）（ご本人の年齢: 15〜17歳）",
                                          "👪 保護者からの申込（お申し込みの方: 保護者の方（お子さんについて））"]
    assert "「はい」" not in card
    assert f"受付: {japan_time(stored[0]['created_at'])}" in card
    assert "状態: 新規" in card and "言語: 日本語" in card
    for line in ("保護者の方のお名前: 佐藤 恵子", "お子さんのお名前: 佐藤 陽太", "てんかん・けいれん: わからない"):
        assert line in card
    assert [label for row in cards.last.buttons for label in row] == [
        "● 新規", "連絡済み", "予約済み", "対象外", "対応終了"]
    bot.api.assert_clean()


async def test_full_application_in_english(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("en")
    applicant = Applicant(bot, user, "en")

    await user.send("/apply")
    await user.press(applicant.intake.start)
    first = await user.press(applicant.intake.consent.agree)
    assert "Question 1 of" in first.text and "Who is applying?" in first.text
    review = await applicant.fill(EN_SELF_EMAIL)
    for line in ("Applicant: The person considering treatment", "Name: Emily Carter", "Contact by: E-mail",
                 "E-mail: emily.carter@example.com", "Anything else: Evenings are best."):
        assert line in review.text
    thanks = await applicant.submit()

    stored = leads(bot)
    assert len(stored) == 1 and stored[0]["lang"] == "en" and json.loads(str(stored[0]["flags"])) == []
    assert "Your application number is A-000001" in thanks.text and "What happens next" in thanks.text
    assert "The doctor will look again" not in thanks.text  # nothing flagged

    card = (await staff.wait_for("モニター申込 A-000001")).last.text
    assert card.startswith("モニター申込 A-000001")  # no flags: the number comes first
    assert "言語: 英語" in card and "メールアドレス: emily.carter@example.com" in card
    assert "お名前: Emily Carter" in card  # staff read the answers in Japanese labels
    await bot.api.wait_quiet()
    assert len(lead_cards(bot)) == 1
    bot.api.assert_clean()


async def test_lead_survives_a_failed_thank_you_and_submit_again_shows_it(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE)
    bot.api.fail("editMessageText", user.chat_id, status=500)
    bot.api.fail("sendMessage", user.chat_id, status=500)

    after = await applicant.submit()

    assert "A-000001" not in after.text  # Telegram lost the thank-you ...
    assert [row["id"] for row in leads(bot)] == [1]  # ... but the lead was stored before it was sent
    assert draft(bot, user.id) is None
    await staff.wait_for("モニター申込 A-000001")
    again = await applicant.submit()  # the review is still on screen; pressing Send again shows the number
    assert "受付番号は A-000001 です" in again.text
    assert [row["id"] for row in leads(bot)] == [1]
    await bot.api.wait_quiet()
    assert len(lead_cards(bot)) == 1


async def test_double_submit_makes_one_lead_and_one_card(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE)
    review = user.last_bot_message()
    assert review is not None
    submit = next(b.callback_data for row in review.buttons for b in row if b.text == applicant.intake.submit)
    assert submit is not None

    await user.press_data(submit, review.message_id, wait=False)
    await user.press_data(submit, review.message_id, wait=False)  # the same tap again, before any answer
    await user.wait_quiet()
    await user.press_data(submit, review.message_id)  # and once more, after the thank-you

    assert [row["id"] for row in leads(bot)] == [1]
    assert "受付番号は A-000001 です" in user.screen()  # the thank-you was not replaced
    await staff.wait_for("モニター申込 A-000001")
    await bot.api.wait_quiet()
    assert len(lead_cards(bot)) == 1
    bot.api.assert_clean()  # every tap answered, and no edit that changes nothing


# --- answers that are not accepted -------------------------------------------------------------------------------

async def test_phone_number_errors_then_full_width_digits_are_accepted(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="phone")

    for wrong in ("abc", "12345", "090-1234-567890123"):
        replies = await user.send(wrong)
        assert replies[0].text.startswith("⚠️ 電話番号として読み取れませんでした")
        assert "お電話番号を教えてください" in replies.last.text  # the question again, under the error
        assert applicant.position() == "phone"
    replies = await user.send("０９０−１２３４−５６７８")
    assert applicant.position() == "call_times"
    review = await applicant.fill(JA_SELF_PHONE)
    assert "電話番号: 090-1234-5678" in review.text
    assert draft_answers(bot, user.id)["phone"] == "+819012345678"
    bot.api.assert_clean()


async def test_email_error(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    applicant = Applicant(quick_bot, user, "en")
    await applicant.begin()
    await applicant.fill(EN_SELF_EMAIL, until="email")

    for wrong in ("emily.carter", "emily@", "emily carter@example.com"):
        replies = await user.send(wrong)
        assert replies[0].text.startswith("⚠️ That does not look like an e-mail address.")
        assert applicant.position() == "email"
    await user.send("Emily.Carter@EXAMPLE.com")
    assert applicant.position() == "notes"


async def test_ten_thousand_characters_are_refused_kindly(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="name")

    replies = await user.send("あ" * 10_000)

    assert replies[0].text == "⚠️ 100文字以内でお願いします。長くなる内容は、診察のときに直接お伝えください。"
    assert applicant.position() == "name"
    await user.send("山田 花子")
    assert applicant.position() == "name_kana"
    quick_bot.api.assert_clean()  # nothing over Telegram's 4096 characters was sent


async def test_sticker_or_photo_instead_of_text_repeats_the_question(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="name")

    for send in (user.send_sticker, user.send_photo):
        replies = await send()
        assert replies[0].text == "⚠️ 文字で入力するか、ボタンから選んでください。画像やスタンプは読み取れません。"
        assert "お名前（フルネーム）を教えてください" in replies.last.text
        assert applicant.position() == "name"
    await user.send("山田 花子")
    assert applicant.position() == "name_kana"


async def test_typed_text_where_a_button_is_expected(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()

    replies = await user.send("あいうえお")  # names no choice, says neither yes nor no, asks nothing
    assert replies[0].text.startswith("⚠️ 下のボタンから選んでください。")
    assert "どなたがお申し込みになりますか" in replies.last.text
    assert applicant.position() == "applicant"
    replies = await user.send("治療を検討している本人")  # a button's label typed out is accepted
    assert replies.last.text.startswith("✓ 「治療を検討している本人」と記録しました。")
    assert applicant.position() == "age"
    assert draft_answers(quick_bot, user.id) == {"applicant": "self"}


# --- moving around -----------------------------------------------------------------------------------------------

async def test_progress_and_back(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    first = await applicant.begin()
    assert progress("ja", applicant, JA_SELF_PHONE, "applicant") in first.text
    second = await applicant.answer("applicant", "self")
    assert progress("ja", applicant, JA_SELF_PHONE, "age") in second.text
    third = await applicant.answer("age", "age30s")
    assert progress("ja", applicant, JA_SELF_PHONE, "interest") in third.text
    assert re.search(r"質問 3 / \d+", normalize(third.text))

    back = await user.press(t("ja", "◀ Back"))
    assert applicant.position() == "age" and "年齢を教えてください" in back.text
    # the kept answer (30代) already opens the name and its reading, so the total is that of the next question
    assert progress("ja", applicant, JA_SELF_PHONE, "interest").replace("3 /", "2 /") in back.text
    await user.press(t("ja", "◀ Back"))
    assert applicant.position() == "applicant"
    await applicant.answer("applicant", "guardian")  # a different path from here on
    assert applicant.position() == "age"
    review = (await applicant.fill(JA_GUARDIAN_MINOR)).text.splitlines()
    assert "お申し込みの方: 保護者の方（お子さんについて）" in review and "保護者の方のお名前: 佐藤 恵子" in review
    assert not any(line.startswith("お名前: ") for line in review)  # the applicant's own name is not asked now
    quick_bot.api.assert_clean()


async def test_back_from_the_review_and_on_the_first_question(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    nothing = await user.press(t("ja", "◀ Back"))  # the first question: nowhere to go back to
    assert applicant.position() == "applicant"
    assert nothing == []
    await applicant.fill(JA_SELF_PHONE)
    await user.press(t("ja", "◀ Back"))
    assert applicant.position() == "notes"
    quick_bot.api.assert_clean()


async def test_cancel_command_discards_the_answers(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="name")
    assert draft(quick_bot, user.id) is not None

    replies = await user.send("/cancel")

    assert replies.text == t("ja", "The application was cancelled and your answers were discarded.")
    assert draft(quick_bot, user.id) is None
    again = await user.send("/cancel")
    assert again.text == t("ja", "There is no application in progress.")
    restart = await user.send("/apply")
    assert "モニター募集へのお申し込み" in restart.text  # a fresh start at the intro, not the old question
    assert leads(quick_bot) == []


async def test_cancel_button(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("en")
    applicant = Applicant(quick_bot, user, "en")
    await applicant.begin()
    await applicant.fill(EN_SELF_EMAIL, until="medication")

    replies = await user.press(t("en", "✖ Cancel"))

    assert replies.last.edited
    assert replies.text == t("en", "The application was cancelled and your answers were discarded.")
    assert draft(quick_bot, user.id) is None
    stale = await user.press_data("i:c:medication:yes", replies.last.message_id)
    assert t("en", "This application is no longer open.") in stale.alerts
    assert draft(quick_bot, user.id) is None


async def test_edit_an_answer_from_the_review(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE)

    question = await user.press(t("ja", "✏️ {label}", label="お名前"))
    assert "お名前（フルネーム）を教えてください" in question.text
    assert t("ja", "Current answer: {value}", value="山田 花子") in question.text
    review = await user.send("山田 太郎")
    assert applicant.position() == "review"
    assert "お名前: 山田 太郎" in review.text and "山田 花子" not in review.text

    # Changing the contact method asks what the new one needs, then returns to the review.
    await user.press(t("ja", "✏️ {label}", label="ご連絡の方法"))
    await applicant.answer("contact_method", "email")
    assert applicant.position() == "email"
    review = await user.send("taro@example.com")
    assert applicant.position() == "review"
    assert "メールアドレス: taro@example.com" in review.text and "電話番号" not in review.text
    await applicant.submit()
    answers = json.loads(str(leads(quick_bot)[0]["answers"]))
    assert answers["name"]["value"] == "山田 太郎" and "phone" not in answers
    quick_bot.api.assert_clean()


async def test_switching_language_keeps_the_answers(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="medication")

    await user.send("/language")
    question = await user.press("English")
    assert "Are you currently taking medication" in question.text
    assert "Question 6 of" in question.text
    applicant.lang = "en"
    review = await applicant.fill(JA_SELF_PHONE)
    for line in ("Applicant: The person considering treatment", "Age of the person: 30s",
                 "How long symptoms have lasted: 1 to 2 years", "Name: 山田 花子", "Phone: 090-1234-5678"):
        assert line in review.text

    await user.send("/language")
    review = await user.press("日本語")  # at the review: the review comes back in Japanese
    assert "ご回答の確認" in review.text and "ご本人の年齢: 30代" in review.text
    applicant.lang = "ja"
    thanks = await applicant.submit()
    assert "受付番号は A-000001 です" in thanks.text
    quick_bot.api.assert_clean()


async def test_consent_declined(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await user.send("/apply")
    await user.press(applicant.intake.start)

    replies = await user.press(applicant.intake.consent.decline)

    assert "承知しました。健康に関するご質問はせず、お答えもお預かりしていません。" in replies.text
    assert not re.search(r"質問 \d+ / \d+", normalize(replies.text))
    assert not any(q.text.strip() in replies.text for q in applicant.intake.questions)
    assert draft(quick_bot, user.id) is None and leads(quick_bot) == []
    # A consent button pressed again on the old message changes nothing and asks nothing.
    stale = await user.press_data("i:agree", replies.last.message_id)
    assert not any(q.text.strip() in stale.text for q in applicant.intake.questions)
    assert draft(quick_bot, user.id) is None
    intro = await user.send("/apply")
    assert "モニター募集へのお申し込み" in intro.text


async def test_restart_in_the_middle_continues_at_the_same_question(quick_bot: BotUnderTest) -> None:
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="medication")

    await bot.host.restart()

    replies = await applicant.answer("medication", "yes")  # the button on screen still works
    assert applicant.position() == "treatments"
    assert progress("ja", applicant, JA_SELF_PHONE, "treatments") in replies.text
    await bot.host.restart()
    resumed = await user.send("/apply")
    assert t("ja", "You have an application in progress. Let's continue where you left off.") in resumed.text
    assert "これまでに受けたことのある治療" in resumed.last.text
    review = await applicant.fill(JA_SELF_PHONE)
    assert "ご本人の年齢: 30代" in review.text and "精神科のお薬: はい" in review.text
    await applicant.submit()
    await staff.wait_for("モニター申込 A-000001")


async def test_daily_limit(quick_bots: QuickBots) -> None:
    bot = await quick_bots.start(max_applications_per_day=1)
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.apply(JA_SELF_PHONE)

    refused = await user.send("/apply")

    assert refused.text == t("ja", "We have received several applications from you today. The clinic will "
                                   "contact you; please wait for their reply.")
    assert draft(bot, user.id) is None
    assert len(leads(bot)) == 1
    other = bot.user("ja")  # the limit is per person
    assert "モニター募集へのお申し込み" in (await other.send("/apply")).text


async def test_crisis_words_in_the_middle_keep_the_application(quick_bot: BotUnderTest) -> None:
    """Typed at a text question, the message is kept as that answer; "continue" asks the same question again."""
    bot = quick_bot
    staff = bot.staff()
    user = bot.user("ja")
    applicant = Applicant(bot, user, "ja")
    await applicant.begin()
    await applicant.fill(JA_SELF_PHONE, until="name")

    crisis = await user.send("もう死にたい")

    assert len(crisis) == 1 and "0120-783-556" in crisis.text and "119" in crisis.text
    assert crisis.labels == ["📞 相談先の一覧", "▶ 続ける", "🏠 メニュー"]
    saved = draft(bot, user.id)
    assert saved is not None and saved["current"] == "name" and saved["answers"]["name"] == "もう死にたい"
    again = await user.press("▶ 続ける")
    assert "現在の回答：もう死にたい" in again.last.text and applicant.position() == "name"
    assert "この回答のまま進む ✓" in again.labels
    await user.send("山田 花子")
    assert applicant.position() == "name_kana"
    await applicant.fill(JA_SELF_PHONE)
    thanks = await applicant.submit()
    assert "医師があらためて確認します" in thanks.text
    assert json.loads(str(leads(bot)[0]["flags"])) == ["crisis"]
    card = (await staff.wait_for("モニター申込 A-000001")).last.text
    lines = card.splitlines()
    flag = lines.index("🆘 危機対応の返信あり（申込前30日以内）")
    assert lines[flag + 1].startswith("　・") and lines[flag + 1].endswith("申込の回答「お名前」で：危機対応の返信")
    assert "もう死にたい" not in card


async def test_a_question_typed_at_a_button_question_is_answered_then_asked_again(quick_bot: BotUnderTest) -> None:
    user = quick_bot.user("ja")
    applicant = Applicant(quick_bot, user, "ja")
    await applicant.begin()
    position = applicant.position()

    replies = await user.send("TMSの副作用はありますか？")

    assert "頭痛" in replies.text and "⚠️" not in replies.text
    assert applicant.position() == position
    assert "質問 1 /" in replies.last.text
