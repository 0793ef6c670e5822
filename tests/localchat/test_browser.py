"""The local chat in a real browser: headless Chromium (Debian's chromium + chromium-driver) driven by Selenium,
the same set-up as the preview's browser test. A person opens the page, presses /start's first button, types a
question, applies as a monitor in Japanese and then, as a new patient, in English, and sees each lead card in the
staff pane, where a status button edits the card in place.

``scripts/test.sh`` installs the browser when run as root and then sets ``PREVIEW_BROWSER_REQUIRED=1``: the test
fails without it. Otherwise it is skipped with the reason printed. The screenshot is kept as
``artifacts/localchat-conversation.png``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import headless_chromium
from tests.conversation.conftest import EN_SELF_EMAIL, JA_SHORT, Script
from tests.localchat.apply import next_step, position
from tests.localchat.client import REPO, LocalChat

SCREENSHOT = REPO / "artifacts" / "localchat-conversation.png"
WAIT = 20.0  # a safety net only: every wait ends as soon as the page shows what it waits for

_LATEST_KEYBOARD = """
const bubbles = [...document.querySelectorAll('#' + arguments[0] + ' .msg.bot')].filter(
  (m) => m.querySelector('.keyboard button'));
const last = bubbles[bubbles.length - 1];
return last ? [...last.querySelectorAll('.keyboard button')].map((b) => b.dataset.callback) : [];
"""
_PRESS = """
const bubbles = [...document.querySelectorAll('#' + arguments[0] + ' .msg.bot')].filter(
  (m) => m.querySelector('.keyboard button'));
for (const bubble of bubbles.reverse()) {
  const button = [...bubble.querySelectorAll('.keyboard button')].find((b) => b.dataset.callback === arguments[1]);
  if (button) { button.click(); return true; }
}
return false;
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with headless_chromium(1280, 1000, "local chat browser test") as driver:
        yield driver


@pytest.fixture(scope="module")
def chat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalChat]:
    running = LocalChat(data_dir=tmp_path_factory.mktemp("browser-chat") / "data")
    try:
        running.wait_ready()
        yield running
    finally:
        running.close()


class Page:
    """What a person does on the page: type, press, read; each wait returns once the page shows the result."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    def until(self, condition: Callable[[], Any], what: str) -> Any:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                found = condition()
            except Exception:  # an element re-drawn between finding and reading it
                found = None
            if found:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"the page never showed {what}; it shows:\n"
                                     + self.driver.find_element("css selector", "main").text[-3000:])
            time.sleep(0.05)

    def pane_text(self, pane: str) -> str:
        return str(self.driver.find_element("css selector", f"#{pane} .messages").text)

    def keyboard(self, pane: str = "patient") -> list[str]:
        return list(self.driver.execute_script(_LATEST_KEYBOARD, pane))

    def type(self, text: str, pane: str = "patient") -> None:
        from selenium.webdriver.common.keys import Keys

        field = self.driver.find_element("css selector", f"#{pane} .compose input")
        field.send_keys(text + Keys.ENTER)

    def press(self, data: str, pane: str = "patient") -> None:
        self.until(lambda: self.driver.execute_script(_PRESS, pane, data), f"a button {data!r} to press")

    def shows(self, fragment: str, pane: str = "patient") -> None:
        self.until(lambda: fragment in self.pane_text(pane), repr(fragment))

    def apply(self, script: Script) -> None:
        self.type("/apply")
        self.until(lambda: "i:start" in self.keyboard(), "the application's intro")
        while True:
            here = position(self.keyboard())
            step = next_step(self.keyboard(), script)
            for data in step.press:
                self.press(data)
            if step.type is not None:
                self.type(step.type)
            if here == "review":
                self.shows("A-0000")
                return
            self.until(lambda here=here: self.keyboard() and position(self.keyboard()) != here,  # type: ignore[misc]
                       f"the step after {here}")


def test_a_conversation_in_both_languages_reaches_the_staff_pane(browser: Any, chat: LocalChat) -> None:
    from selenium.webdriver.support.ui import Select

    page = Page(browser)
    browser.get(chat.url)
    page.until(lambda: browser.find_element("css selector", "body").get_attribute("data-ready") == "yes",
               "the bot ready")
    page.type("/start")
    page.until(lambda: page.keyboard(), "the welcome's buttons")
    first = browser.find_element("css selector", "#patient .msg.bot .keyboard button")
    assert first.text == "TMS治療とは"
    first.click()
    page.shows("TMS治療（反復経頭蓋磁気刺激）とは")
    assert browser.find_element("css selector", "#patient .msg.bot b").text == "TMS治療（反復経頭蓋磁気刺激）とは"
    page.type("TMSの副作用はありますか")
    page.shows("頭皮の痛みや不快感")
    page.apply(JA_SHORT)
    page.shows("受付番号は A-000001 です")
    page.shows("モニター申込 A-000001", "staff")
    page.press("s:1:contacted", "staff")
    page.shows("状態: 連絡済み", "staff")

    Select(browser.find_element("css selector", "#language")).select_by_value("en")
    page.until(lambda: page.pane_text("patient") == "", "a new, empty patient chat")
    page.type("/start")
    page.shows("Wako Clinic")
    page.apply(EN_SELF_EMAIL)
    page.shows("Your application number is A-000002")
    page.shows("モニター申込 A-000002", "staff")
    assert "言語: 英語" in page.pane_text("staff")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    assert Path(SCREENSHOT).stat().st_size > 10_000
