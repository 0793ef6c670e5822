"""A conversation with ``python -m bot chat`` over the page's HTTP interface, as a new user and staff would have
it: the menu, a typed question, a whole application, the lead card and its status buttons in the staff pane, a
content edit picked up live, and a broken edit reported in the staff pane."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.conversation.conftest import EN_SELF_EMAIL, JA_SHORT, Script
from tests.localchat.apply import next_step, position
from tests.localchat.client import SHIPPED_CONTENT, LocalChat, State, bot_says, buttons, summary, texts, visible


@pytest.fixture(scope="module")
def chat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalChat]:
    root = tmp_path_factory.mktemp("localchat")
    shutil.copytree(SHIPPED_CONTENT, root / "content")
    running = LocalChat(content_dir=root / "content", data_dir=root / "data")
    running.root = root  # type: ignore[attr-defined]
    try:
        running.wait_ready()
        yield running
    finally:
        running.close()


def latest_buttons(state: State, pane: str = "patient") -> list[str]:
    keyboards = [m for m in state[pane]["messages"] if m["from_bot"] and m["buttons"]]
    return buttons(keyboards[-1:])


def apply(chat: LocalChat, script: Script) -> State:
    chat.send("/apply")
    state = chat.wait_for(lambda s: "i:start" in latest_buttons(s), "the application's intro")
    while "i:submit" not in latest_buttons(state) or position(latest_buttons(state)) == "review":
        before = state["version"]
        here = position(latest_buttons(state))
        step = next_step(latest_buttons(state), script)
        for data in step.press:
            chat.press(data)
        if step.type is not None:
            chat.send(step.type)
        if here == "review":
            return chat.wait_for(lambda s: "A-0000" in texts(s), "the thank-you with the application number")
        state = chat.wait_for(lambda s, here=here, before=before: s["version"] > before and any(  # type: ignore[misc]
            m["from_bot"] and m["buttons"] for m in s["patient"]["messages"])
            and position(latest_buttons(s)) != here, f"the step after {here}")
    raise AssertionError("unreachable")


def test_a_new_user_in_japanese_applies_and_staff_see_the_lead(chat: LocalChat) -> None:
    chat.send("/start")
    state = chat.wait_for(bot_says("和光医院"), "the welcome")
    first = latest_buttons(state)[0]
    assert first == "p:tms"
    chat.press(first)
    chat.wait_for(bot_says("TMS治療（反復経頭蓋磁気刺激）とは"), "the TMS page")
    chat.send("TMSの副作用はありますか")
    chat.wait_for(bot_says("頭皮の痛みや不快感"), "the FAQ answer")
    thanks = apply(chat, JA_SHORT)
    assert "受付番号は A-000001 です" in texts(thanks), summary(thanks)
    staff = chat.wait_for(bot_says("モニター申込 A-000001", "staff"), "the lead card in the staff pane")
    card = next(m for m in staff["staff"]["messages"] if "モニター申込 A-000001" in visible(m["html"]))
    assert "状態: 新規" in visible(card["html"]) and "山田 花子" in visible(card["html"])
    statuses = buttons([card])
    assert statuses[0].startswith("s:1:") and len(statuses) == 5
    chat.post("/api/press", {"pane": "staff", "message_id": card["id"], "data": statuses[1]})
    edited = chat.wait_for(lambda s: any(
        m["id"] == card["id"] and m["edited"] and "状態: 連絡済み" in visible(m["html"])
        for m in s["staff"]["messages"]),
        "the card edited in place")
    assert len(edited["staff"]["messages"]) == len(staff["staff"]["messages"]), "edited, not sent again"
    chat.send("/export", pane="staff")
    exported = chat.wait_for(lambda s: any(m["kind"] == "document" for m in s["staff"]["messages"]), "the CSV")
    document = next(m for m in exported["staff"]["messages"] if m["kind"] == "document")
    status, csv = chat.get(document["file"])
    assert status == 200 and document["filename"].endswith(".csv") and "山田 花子" in csv.decode("utf-8-sig")


def test_a_new_user_in_english_applies(chat: LocalChat) -> None:
    assert chat.post("/api/patient", {"language": "en"}) == 200
    chat.wait_for(lambda s: s["patient"]["language"] == "en" and not s["patient"]["messages"], "a new patient")
    chat.send("/start")
    chat.wait_for(bot_says("Wako"), "the English welcome")
    thanks = apply(chat, EN_SELF_EMAIL)
    assert "A-000002" in texts(thanks)
    chat.wait_for(bot_says("A-000002", "staff"), "the second lead card")


def test_content_edits_are_live_and_broken_edits_are_reported_to_staff(chat: LocalChat) -> None:
    page = chat.root / "content" / "ja" / "pages" / "tms.md"  # type: ignore[attr-defined]
    original = page.read_text(encoding="utf-8")
    edited_title = "title: TMS治療のご案内（編集の確認）"
    page.write_text(original.replace("title: TMS治療（反復経頭蓋磁気刺激）とは", edited_title), encoding="utf-8")
    chat.wait_for(bot_says("コンテンツを更新しました", "staff"), "the reload report")
    assert chat.post("/api/patient", {"language": "ja"}) == 200
    chat.send("/start")
    chat.press(latest_buttons(chat.wait_for(bot_says("和光医院"), "the welcome"))[0])
    chat.wait_for(bot_says("TMS治療のご案内（編集の確認）"), "the edited page title")
    page.write_text(original.replace("title: TMS治療（反復経頭蓋磁気刺激）とは\n", "title: [unclosed\n"),
                    encoding="utf-8")
    staff = chat.wait_for(bot_says("エラーがあるため、反映していません", "staff"), "the checker's report")
    report = next(visible(m["html"]) for m in reversed(staff["staff"]["messages"]) if "反映していません" in m["html"])
    assert "ja/pages/tms.md" in report
    page.write_text(original, encoding="utf-8")
