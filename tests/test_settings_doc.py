"""The settings declaration (bot/config.py SETTINGS) is the one list: docs/operating.md's table, .env.example and what
load_settings reads must all match it, so a new setting cannot be forgotten in the documentation."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from bot.config import SETTINGS, load_settings, settings_table

ROOT = Path(__file__).resolve().parents[1]


class Recording(Mapping[str, str]):
    """An environment that remembers every name the settings loader asks for."""

    def __init__(self, values: dict[str, str]) -> None:
        self.env, self.asked = values, set[str]()

    def __getitem__(self, key: str) -> str:
        self.asked.add(key)
        return self.env[key]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.asked.add(key)
        return self.env.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.env)

    def __len__(self) -> int:
        return len(self.env)


def test_every_setting_the_loader_reads_is_declared_and_every_declared_one_is_read() -> None:
    env = Recording({"TELEGRAM_BOT_TOKEN": "1:x", "WEBHOOK_URL": "https://bot.example/hook",
                     "WEBHOOK_SECRET": "s" * 40})
    load_settings(env)
    declared = [s.name for s in SETTINGS]
    assert sorted(env.asked) == sorted(declared)
    assert len(set(declared)) == len(declared)


def test_readme_shows_the_table_printed_from_the_declaration() -> None:
    readme = (ROOT / "docs" / "operating.md").read_text(encoding="utf-8")
    section = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == settings_table(), "docs/operating.md's settings table is out of date: paste the output of " \
                                      "`.venv/bin/python -m bot settings` into docs/operating.md's Settings section"
    assert "TELEGRAM_RATE_LIMIT" in table


def test_env_example_lists_every_setting_in_order() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = re.findall(r"^#? ?([A-Z][A-Z_]+)=", text, flags=re.MULTILINE)
    assert names == [s.name for s in SETTINGS]
    for setting in SETTINGS:
        if setting.example:
            assert f"\n{setting.name}={setting.example}\n" in text
