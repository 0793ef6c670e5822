"""The clinic's policies for minors, end to end: settings.yaml ``policy: ... yes`` brings the choices back, and a
change made by /reload reaches applications in progress.

The shipped content (policies ``undecided``) is played by ``tests/transcripts/minor_treatment_policy_*.yaml``; the
transcripts under ``tests/transcripts/policy_yes/`` run here on a copy whose settings say ``yes`` to all three
(TMS, exosome infusion and the combined protocol for under-18s).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app import build_application
from bot.content.loader import content_fingerprint, load_content
from bot.live import Live, LiveContent
from tests.botapi.app_runner import AnyApp
from tests.botapi.server import FakeBotApi
from tests.botapi.transcript import run_transcript
from tests.conversation.conftest import SHIPPED_CONTENT, BotUnderTest, settings_for, staff_group

POLICY_YES = sorted((Path(__file__).resolve().parents[1] / "transcripts" / "policy_yes").glob("*.yaml"))
UNDECIDED = ("exosome_for_under_18: undecided", "combined_for_under_18: undecided")
ALL = ("tms_for_under_18", "exosome_for_under_18", "combined_for_under_18")


def say_yes(content_dir: Path, *names: str) -> None:
    settings = content_dir / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    for name in names:
        assert f"{name}: undecided" in text
        text = text.replace(f"{name}: undecided", f"{name}: yes")
    settings.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def content_yes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Live]:
    """A copy of the shipped content whose clinic said yes to the three policies, loaded and checked once."""
    target = tmp_path_factory.mktemp("policy-yes") / "content"
    shutil.copytree(SHIPPED_CONTENT, target)
    say_yes(target, *ALL)
    content, problems = load_content(target)
    assert content is not None, problems.report()
    assert content.settings.policy.decisions() == dict.fromkeys(ALL, "yes")
    return target, Live.build(content, content_fingerprint(target))


@pytest.mark.parametrize("path", POLICY_YES, ids=[p.stem for p in POLICY_YES])
async def test_policy_yes_transcript(path: Path, tmp_path: Path, content_yes: tuple[Path, Live]) -> None:
    content_dir, live = content_yes

    def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
        return build_application(settings_for(api, data_dir, content_dir), live=LiveContent(content_dir, live))

    async def before(api: FakeBotApi) -> None:
        staff_group(api)

    await run_transcript(path, factory, data_dir=tmp_path / "data", before=before)


async def test_a_yes_given_by_reload_reaches_the_parent_at_the_question(bot: BotUnderTest) -> None:
    user, staff = bot.user("en"), bot.staff()
    await user.send("/apply")
    await user.press("Start the application")
    await user.press("I agree")
    await user.press("A parent or guardian (for a child)")
    asked = await user.press("Under 15")
    assert "Exosome infusion" not in asked.labels and "patients under 18 are not offered" in asked.text
    say_yes(bot.content_dir, "exosome_for_under_18")
    await staff.send("/reload")
    await staff.wait_for("コンテンツを更新しました")
    again = await user.send("/apply")  # resumes where the parent stopped
    assert "Exosome infusion" in again.labels and "TMS and exosome infusion combined" not in again.labels
    assert "not offered “TMS” or “TMS and exosome infusion combined”." in again.text
    recorded = await user.send("the drip")
    assert "✓ Recorded: Exosome infusion" in recorded.text


async def test_a_yes_taken_back_asks_the_question_again_before_sending(bot: BotUnderTest) -> None:
    user, staff = bot.user("ja"), bot.staff()
    say_yes(bot.content_dir, "exosome_for_under_18", "combined_for_under_18")
    await staff.send("/reload")
    await staff.wait_for("コンテンツを更新しました")
    await user.send("/apply")
    await user.press("応募をはじめる")
    await user.press("同意して進む")
    await user.press("保護者の方（お子さんについて）")
    await user.press("15〜17歳")
    await user.press("エクソソーム点滴")
    settings = bot.content_dir / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("exosome_for_under_18: yes",
                                                                     UNDECIDED[0]), encoding="utf-8")
    await staff.send("/reload")
    await staff.wait_for("コンテンツを更新しました")
    again = await user.send("/apply")  # the parent was at the next question: the one no longer offered comes first
    assert "ご興味のある治療はどれですか" in again.text and "エクソソーム点滴" not in again.labels
    assert "TMS治療とエクソソーム点滴の併用" in again.labels
    assert "18歳未満の方への「TMS治療」「エクソソーム点滴」は行っていません" in again.text
    back = await user.press("TMS治療とエクソソーム点滴の併用")
    assert "うつ病と診断されたことはありますか" in back.text  # and then where the parent had stopped


async def test_an_old_button_of_a_choice_no_longer_offered_records_nothing(bot: BotUnderTest) -> None:
    user = bot.user("en")
    await user.send("/apply")
    await user.press("Start the application")
    await user.press("I agree")
    await user.press("A parent or guardian (for a child)")
    asked = await user.press("20s")
    old = asked.last.message_id  # the treatment question with all four buttons, left in the chat
    await user.send("not sure yet")  # typed: the next question comes as a new message
    await user.press("◀ Back")
    await user.press("◀ Back")
    await user.press("Under 15")
    replies = await user.press("Exosome infusion", old)
    assert "ℹ️ This choice cannot be recorded for this application. The reason is given under the question." \
        in replies.text
    assert "patients under 18 are not offered" in replies.text and "✓ Recorded" not in replies.text
    review = await user.send("/apply")
    assert "Which treatment are you interested in" in review.text  # still asked, nothing kept
