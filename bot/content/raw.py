"""One language folder as read, before it is assembled: what the loader fills in and the checks read.

Kept apart from ``loader`` so the checks (the content checker and the ones the domain packages register) can read
it without importing the loader that runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.content.base import Page, RenderedPage
from bot.content.models import ContentModel
from bot.content.yamldoc import YamlDoc

M = TypeVar("M", bound=ContentModel)


@dataclass
class TextSource:
    """A Markdown+Jinja text inside a YAML file, located for error messages."""

    key: str
    file: str
    line: int | None
    source: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RawLanguage:
    """One language folder as far as it could be read; missing parts are ``None`` and already reported."""

    lang: str
    root: Path
    display_root: str
    models: dict[str, Any] = field(default_factory=dict)
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    page_ids: set[str] = field(default_factory=set)
    """Every page file present, valid or not: references to a broken page are not reported twice."""
    page_docs: dict[str, YamlDoc] = field(default_factory=dict)
    notices: dict[str, str] = field(default_factory=dict)
    texts: list[TextSource] = field(default_factory=list)
    rendered: dict[str, RenderedPage] = field(default_factory=dict)
    rendered_texts: dict[str, str] = field(default_factory=dict)
    rendered_notices: dict[tuple[str, str | None], str] = field(default_factory=dict)
    part_lengths: dict[str, list[int]] = field(default_factory=dict)
    """Visible characters of each part of each page (title included, folded notices not)."""

    def display(self, *parts: str) -> str:
        return "/".join([self.display_root, *parts])

    def model(self, name: str, kind: type[M]) -> M | None:
        value = self.models.get(name)
        return value if isinstance(value, kind) else None
