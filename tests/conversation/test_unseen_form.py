"""A questionnaire the card was never written for (other ids, other order) still reaches the staff chat with the
name and the phone number on the card's first lines."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.app import build_application
from tests.botapi.app_runner import AnyApp, AppHost
from tests.botapi.server import FakeBotApi
from tests.botapi.user import FakeUser
from tests.conversation.conftest import SHIPPED_CONTENT, quicken, settings_for, staff_group

FORM = """\
version: "unseen-1"
intro: 別の申込フォームです。
start: はじめる
consent: {version: u1, text: 回答をお預かりします。, agree: 同意する, decline: 同意しない, declined: 承知しました。}
questions:
  - {id: concern, kind: text, text: ご相談の内容は？, label: ご相談の内容, section: ご相談, health: true}
  - {id: full_name, kind: text, text: 氏名を教えてください。, label: 氏名, section: 連絡先}
  - {id: reading, kind: text, text: 氏名のフリガナは？, label: 氏名のフリガナ, section: 連絡先}
  - {id: tel, kind: phone, text: 電話番号は？, label: 連絡先の電話, section: 連絡先}
review: 確認してください。
submit: 送る
thanks: ありがとうございました。{{ lead_id }}
errors: {choice: c, text_too_long: t, empty: e, phone: p, email: m, date: d, number: n, not_text: x}
"""


async def test_name_and_phone_open_the_card_of_an_unfamiliar_form(bot_api: FakeBotApi, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, content)
    for lang in ("ja", "en"):
        (content / lang / "intake.yaml").write_text(FORM, encoding="utf-8")

    def factory(api: FakeBotApi, data_dir: Path) -> AnyApp:
        return quicken(build_application(settings_for(api, data_dir, content)))

    staff_group(bot_api)
    staff = FakeUser(bot_api, 9001, "Yamada", chat_id=-1001234567890, is_private=False)
    async with AppHost(bot_api, factory, tmp_path / "data"):
        user = FakeUser(bot_api, 5301, "Ichiro")
        await user.send("/apply")
        await user.press("はじめる")
        await user.press("同意する")
        for typed in ("よく眠れません", "鈴木 一郎", "スズキ イチロウ", "090-1111-2222"):
            await user.send(typed)
        await user.press("送る")
        card = (await staff.wait_for("モニター申込 A-000001")).last.text.splitlines()
    assert card[:5] == ["モニター申込 A-000001", "状態: 新規", "氏名: 鈴木 一郎", "氏名のフリガナ: スズキ イチロウ",
                        "連絡先の電話: 090-1111-2222"]
