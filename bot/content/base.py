"""The loaded content base: one immutable snapshot per successful load, swapped in one step on reload."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.render import Renderer
from bot.content.schema import Claims, Clinic, Crisis, Distress, Faq, Intake, Menu, PageMeta, Settings, SharedClinic
from bot.content.telegram_html import markdown_blocks


@dataclass(frozen=True)
class Page:
    """A page file as written: front matter and Markdown body."""

    id: str
    lang: str
    meta: PageMeta
    body: str
    file: str
    body_line: int


@dataclass(frozen=True)
class RenderedPage:
    """A page ready to send: Telegram HTML messages, its buttons and its picture."""

    id: str
    lang: str
    title: str
    button: str
    messages: tuple[str, ...]
    links: tuple[str, ...]
    actions: tuple[str, ...]
    image: Path | None
    more: tuple[tuple[str, ...], ...] = ()
    """The parts after ``<!-- more -->`` lines, each shown behind a "More" button (messages per part)."""
    caption: str = ""
    """The picture's caption (its caveats) under the title."""

    def part(self, index: int) -> tuple[str, ...] | None:
        """Messages of part ``index`` (0 is the page itself), or None past the end."""
        if index == 0:
            return self.messages
        return self.more[index - 1] if 0 < index <= len(self.more) else None


@dataclass
class LanguageContent:
    """Everything in one language folder."""

    lang: str
    root: Path
    clinic: Clinic
    menu: Menu
    claims: Claims
    faq: Faq
    intake: Intake
    crisis: Crisis
    distress: Distress
    pages: dict[str, Page]
    notices: dict[str, str]
    rendered: dict[str, RenderedPage] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """Rendered HTML of every YAML text field, by key (``menu.welcome``, ``faq.tms_what.answer`` ...)."""
    rendered_notices: dict[tuple[str, str | None], str] = field(default_factory=dict)
    """Rendered HTML of every notice, by notice id and treatment (None: no treatment), as pages fold them in."""
    parents: dict[str, str | None] = field(default_factory=dict)
    """Where Back leads from each page: the page that first links to it from the menu, None for menu pages."""

    def __post_init__(self) -> None:
        if not self.parents:
            self.parents = _parents(self.menu, self.pages)


@dataclass
class ContentBase:
    settings: Settings
    languages: dict[str, LanguageContent]
    renderer: Renderer
    fingerprint: str
    shared: SharedClinic = field(default_factory=SharedClinic)
    """Facts written once for every language (content/clinic.yaml)."""
    _rendered: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    @property
    def default_language(self) -> str:
        return self.settings.default_language

    def missing_facts(self) -> list[str]:
        """Facts and decisions the clinic has not given yet, as ``file: field`` (told to staff at start-up)."""
        from bot.content.launch import missing_facts

        return missing_facts(self.settings, self.shared, {lang: c.clinic for lang, c in self.languages.items()})

    def lang(self, code: str | None) -> LanguageContent:
        """The content in ``code``, or in the default language when ``code`` is not offered."""
        if code in self.languages:
            return self.languages[code]
        return self.languages[self.settings.default_language]

    def supported(self, code: str | None) -> str:
        return code if code in self.languages else self.settings.default_language

    def page(self, lang: str, page_id: str) -> RenderedPage | None:
        return self.lang(lang).rendered.get(page_id)

    def parent_of(self, lang: str, page_id: str) -> str | None:
        return self.lang(lang).parents.get(page_id)

    def text(self, lang: str, key: str) -> str:
        """Pre-rendered HTML of a YAML text (raises KeyError for a key the loader did not register)."""
        return self.lang(lang).texts[key]

    def render(self, lang: str, source: str, **extra: Any) -> str:
        """Render a Markdown+Jinja text at run time (texts with per-user values, questionnaire snapshots).

        Texts without per-call values are rendered once per content load and then served from a cache.
        """
        key = (lang, source)
        if not extra and key in self._rendered:
            return self._rendered[key]
        html = "\n\n".join(markdown_blocks(self.renderer.render_markdown(self._inline(source), lang, **extra)))
        if not extra:
            self._rendered[key] = html
        return html

    def _inline(self, source: str) -> str:
        name = "inline:" + hashlib.sha1(source.encode("utf-8")).hexdigest()
        self.renderer.register(name, source)
        return name


def _parents(menu: Menu, pages: dict[str, Page]) -> dict[str, str | None]:
    """Breadth-first from the menu, so Back always leads one step closer to it."""
    parents: dict[str, str | None] = {}
    queue = [item.page for item in menu.items if item.page]
    for page_id in queue:
        parents.setdefault(page_id, None)
    while queue:
        current = queue.pop(0)
        page = pages.get(current)
        if page is None:
            continue
        for link in page.meta.links:
            if link not in parents:
                parents[link] = current
                queue.append(link)
    return parents
