"""The status rule (CONTENT-E039): wherever a patient reads the name of exosome infusion or the combined protocol,
the same screen says it is unapproved / research-stage.

Checked as each text is shown: pages (a page that folds the ``unapproved`` notice under it says it there), FAQ
answers, the menu, the crisis and distress replies, the questionnaire (a question's text, help and note for minors
are one screen), every notice as it is folded under the pages that show it, and the interface strings of the
gettext catalogues (``/help`` ...). The names and the status words are ``status_names`` / ``status_wording`` in
settings.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from bot.content.claims import line_of
from bot.content.messages import say
from bot.content.problems import Problems
from bot.content.raw import RawLanguage
from bot.content.schema import Faq, Settings
from bot.content.telegram_html import visible_text
from bot.i18n import LOCALES_DIR
from bot.vocabulary import fold

UNAPPROVED_NOTICE = "unapproved"
FOLDED = re.compile(r"<blockquote expandable>.*?</blockquote>", re.DOTALL)
"""A notice folded under a page: checked once as a notice, not again with every page that shows it."""
SNIPPET = 24
"""Characters shown either side of the name in what the message says it found."""


@dataclass(frozen=True)
class Shown:
    """One text as a patient sees it, located for the message: the file, line and key, what is visible, and the
    source it was written in (to find the line of the name)."""

    file: str
    line: int | None
    where: str
    visible: str
    sources: tuple[tuple[int, str], ...] = ()
    """(first line, source) of each text on the screen, to point at the line where the name is written."""
    kind: str = "status_missing_text"

    def line_of(self, name: str) -> int | None:
        return next((found for first, source in self.sources if (found := line_of(name, source, first))),
                    self.line)


def check_status(raw: RawLanguage, settings: Settings, problems: Problems, *, locales: Path | None = None) -> None:
    names = settings.status_names.get(raw.lang, [])
    wording = [fold(w) for w in settings.status_wording.get(raw.lang, [])]
    if not names or not wording:
        return
    words = ", ".join(settings.status_wording[raw.lang])
    folded_names = [(n, fold(n)) for n in names]
    for shown in (*_pages(raw), *_texts(raw, names[0]), *_notices(raw, settings),
                  *_catalog(raw.lang, LOCALES_DIR if locales is None else locales)):
        folded = fold(shown.visible)
        name, folded_name = next(((n, f) for n, f in folded_names if f in folded), (None, ""))
        if name is None or any(w in folded for w in wording):
            continue
        said = say(shown.file, shown.kind, words=words, name=name)
        found = _around(shown.visible, name, folded_name)
        problems.error(shown.file, shown.line_of(name), shown.where, said.message, **said.parts(found),
                       code="CONTENT-E039")


def _around(visible: str, name: str, folded_name: str) -> str:
    """The name with a few words either side, as the patient reads it."""
    text = " ".join(visible.split())
    folded = fold(text)
    at = folded.find(folded_name)
    if at < 0 or len(folded) != len(text):
        text, at = folded, max(at, 0)
    start, end = max(at - SNIPPET, 0), min(at + len(name) + SNIPPET, len(text))
    return f"「{'…' if start else ''}{text[start:end]}{'…' if end < len(text) else ''}」"


def _pages(raw: RawLanguage) -> list[Shown]:
    out = []
    for page in raw.pages.values():
        rendered = raw.rendered.get(page.id)
        if rendered is None or UNAPPROVED_NOTICE in page.meta.notices:
            continue
        messages = (*rendered.messages, *(m for p in rendered.more for m in p))
        text = " ".join(visible_text(FOLDED.sub("", m)) for m in messages)
        sources = ((page.body_line, page.body),) if page.body_line else ()
        out.append(Shown(page.file, page.body_line, "", f"{page.meta.title} {text}", sources, "status_missing"))
    return out


def _texts(raw: RawLanguage, name: str) -> list[Shown]:
    """The texts of the YAML files; a question's text, help and note for minors are shown as one message."""
    faq = raw.model("faq.yaml", Faq)
    about = {f"faq.{e.id}.answer" for e in faq.entries if e.treatment in ("exosome", "combined")} if faq else set()
    screens: dict[str, Shown] = {}
    for unit in raw.texts:
        html = raw.rendered_texts.get(unit.key)
        if html is None or unit.key.startswith("intake.errors."):
            continue
        visible = visible_text(html)
        if unit.key in about:
            # an answer about exosomes or the combination says its status even when it names neither ("the plan is")
            visible = f"{name} {visible}"
        first = None if unit.line is None else unit.line + (1 if "\n" in unit.source else 0)
        sources = ((first, unit.source),) if first else ()
        key = unit.key.rsplit(".", 1)[0] if unit.key.startswith("intake.q.") else unit.key
        seen = screens.get(key)
        if seen is None:
            screens[key] = Shown(unit.file, first, unit.key, visible, sources)
        else:  # the same screen, one message: located at the text that names it
            screens[key] = Shown(seen.file, seen.line, seen.where, f"{seen.visible} {visible}",
                                 seen.sources + sources)
    return list(screens.values())


def _notices(raw: RawLanguage, settings: Settings) -> list[Shown]:
    """Each notice as folded under a page without the unapproved notice (beside it, the status is said there)."""
    shown: set[tuple[str, str | None]] = set()
    for kind, notices in settings.required_notices.items():
        if UNAPPROVED_NOTICE not in notices:
            shown.update((n, kind) for n in notices)
    for page in raw.pages.values():
        if UNAPPROVED_NOTICE not in page.meta.notices:
            shown.update((n, page.meta.treatment) for n in page.meta.notices)
    out = []
    for notice_id, treatment in sorted(shown, key=lambda pair: (pair[0], pair[1] or "")):
        html = raw.rendered_notices.get((notice_id, treatment))
        if html is not None:
            out.append(Shown(raw.display("notices", f"{notice_id}.md"), 1, "", visible_text(html),
                             ((1, raw.notices.get(notice_id, "")),)))
    return out


def _catalog(lang: str, locales: Path) -> list[Shown]:
    """The interface strings of ``bot/locales/<lang>`` as the bot shows them (the English text where untranslated)."""
    path = locales / lang / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    display = f"bot/locales/{lang}/LC_MESSAGES/messages.po"
    out = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        text = message.string if isinstance(message.string, str) and message.string else message.id
        out.append(Shown(display, message.lineno, "msgstr" if message.string else "msgid", text,
                         kind="status_missing_catalog"))
    return out
