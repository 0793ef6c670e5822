"""What the preview is made of: bubbles (messages as Telegram shows them), columns per language, units (one thing
staff wrote, side by side), screens (one HTML file) and the preview itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.content.checker import claimed_text
from bot.content.problems import Problem, Problems
from bot.content.telegram_html import MESSAGE_LIMIT, html_problems, visible_length


@dataclass
class Button:
    label: str
    href: str | None = None


@dataclass
class Bubble:
    """One message as Telegram shows it: Telegram HTML, its length against the limit, a picture, buttons."""

    html: str
    budget: int = MESSAGE_LIMIT
    image: Path | None = None
    buttons: list[list[Button]] = field(default_factory=list)
    from_user: bool = False
    note: bool = False
    """Not a message: what the bot does here, said for staff."""

    @property
    def length(self) -> int:
        return visible_length(self.html)

    @property
    def refused(self) -> list[str]:
        """Why Telegram would refuse this HTML (shown instead of drawing it)."""
        return html_problems(self.html)


@dataclass
class Claim:
    """Which problems a column is about: its file, and within it keys or a line range."""

    file: str
    keys: frozenset[str] = frozenset()
    lines: tuple[int, int] | None = None
    whole_file: bool = False

    def score(self, problem: Problem) -> int:
        if problem.file != self.file:
            return 0
        if problem.where and problem.where in self.keys:
            return 3
        if self.lines and problem.line is not None and self.lines[0] <= problem.line <= self.lines[1]:
            return 2
        return 1 if self.whole_file else 0


@dataclass
class Column:
    lang: str
    bubbles: list[Bubble] = field(default_factory=list)
    claim: Claim | None = None
    findings: list[Problem] = field(default_factory=list)
    missing: str | None = None
    """Why there is nothing to show in this language."""

    @property
    def marked_words(self) -> list[str]:
        return [word for p in self.findings if (word := claimed_text(p.found))]


@dataclass
class Unit:
    """One thing staff wrote (a page, an FAQ entry, a question), side by side in every language."""

    anchor: str
    title: str
    columns: list[Column]
    source: str = ""

    @property
    def findings(self) -> list[Problem]:
        return [p for c in self.columns for p in c.findings]


@dataclass
class Screen:
    """One HTML file of the preview."""

    slug: str
    title: str
    units: list[Unit]

    @property
    def findings(self) -> list[Problem]:
        return [p for u in self.units for p in u.findings]


@dataclass
class Preview:
    languages: list[str]
    screens: list[Screen]
    problems: Problems
    located: dict[Problem, str]
    """Problem -> the link to where it is marked."""
    fingerprint: str

    def unplaced(self) -> list[Problem]:
        return [p for p in self.problems if p not in self.located]
