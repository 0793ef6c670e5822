"""The preview in a real browser: headless Chromium (Debian's chromium + chromium-driver) driven by Selenium.

Selenium with the distribution's driver, because the driver and the browser come from the same Debian source
package and so always match, and nothing is downloaded at run time (Playwright would need its own browser build or
a version-matched one). ``scripts/test.sh`` installs both when run as root. Without them this test is skipped with
the reason printed, unless ``PREVIEW_BROWSER_REQUIRED=1`` (set by test.sh after installing), when it fails.

The screenshot is kept as ``artifacts/preview-side-by-side.png`` for CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.preview import BuildResult
from tests.browser import headless_chromium
from tests.preview.conftest import MISSING_PAGE, SEEDED_WORD, shipped_page_ids

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
SCREENSHOT = ARTIFACTS / "preview-side-by-side.png"
PHONE_PAIR_WIDTH = 800  # two 360 px phones, the gap and the margins


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with headless_chromium(PHONE_PAIR_WIDTH, 1300, "preview browser test") as driver:
        yield driver


def test_the_preview_in_chromium_both_languages_side_by_side(browser: object, seeded_site: BuildResult) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.remote.webdriver import WebDriver

    assert isinstance(browser, WebDriver)
    site = seeded_site.out
    browser.get((site / "index.html").as_uri())
    problems_top = browser.find_element(By.ID, "errors").location["y"]
    assert problems_top < browser.find_element(By.ID, "screens").location["y"]  # problems first
    links = {(a.get_attribute("href") or "").rsplit("/", 1)[-1]
             for a in browser.find_elements(By.CSS_SELECTOR, "#screens a")}
    assert {f"page-{p}.html" for p in shipped_page_ids()} <= links

    for page_id in shipped_page_ids():  # every page of both languages is there
        browser.get((site / f"page-{page_id}.html").as_uri())
        ja = browser.find_element(By.ID, f"{page_id}-ja")
        en = browser.find_element(By.ID, f"{page_id}-en")
        assert ja.location["y"] == en.location["y"] and en.location["x"] >= ja.location["x"] + ja.size["width"]
        for col in (ja, en):
            missing = col.find_elements(By.CSS_SELECTOR, ".missing")
            if page_id == MISSING_PAGE and col is en:
                assert missing and "does not exist" in missing[0].text
            else:
                assert not missing, f"{page_id}: {missing[0].text}"
                assert col.find_elements(By.CSS_SELECTOR, ".bubble.bot .text"), page_id

    browser.get((site / "page-tms.html").as_uri())
    ja = browser.find_element(By.ID, "tms-ja")
    marks = ja.find_elements(By.CSS_SELECTOR, "mark.finding")  # the seeded mistake, marked on its text
    assert [m.text for m in marks] == [SEEDED_WORD] and marks[0].is_displayed()
    error = ja.find_element(By.CSS_SELECTOR, "ul.findings li.error").text
    assert "広告として使えない表現です（効果・安全性の保証）" in error
    assert "error" in (ja.get_attribute("class") or "")
    assert not browser.find_element(By.ID, "tms-en").find_elements(By.CSS_SELECTOR, "mark")

    quote = ja.find_element(By.CSS_SELECTOR, "blockquote.expandable")  # a folded notice opens on a click
    folded = quote.size["height"]
    ja.find_element(By.CSS_SELECTOR, "label.unfold").click()
    assert quote.size["height"] > folded

    browser.execute_script("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
