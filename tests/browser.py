"""Headless Chromium for the browser tests (the preview, the local chat): Debian's chromium and chromium-driver
driven by Selenium, found or explained in one place.

``scripts/test.sh`` installs both when run as root and then sets ``PREVIEW_BROWSER_REQUIRED=1``: without a
browser the tests fail then, and are skipped with the reason printed otherwise.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest


def browser_paths() -> tuple[str, str] | str:
    """(chromium, chromedriver), or why they cannot be used."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        return "Debian's chromium and chromium-driver are not installed (scripts/test.sh installs them as root)"
    return chromium, driver


@contextmanager
def headless_chromium(width: int, height: int, what: str = "browser test") -> Iterator[Any]:
    """A headless Chromium window of ``width`` x ``height``; fails or skips (saying why) when there is none."""
    found = browser_paths()
    if isinstance(found, str):
        if os.environ.get("PREVIEW_BROWSER_REQUIRED") == "1":
            pytest.fail(f"the browser test cannot run: {found}")
        print(f"\n{what} SKIPPED: {found}")
        pytest.skip(f"browser test SKIPPED: {found}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = found
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
