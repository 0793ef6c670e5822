"""What the preview shows: every screen a patient can see, in each language, with the findings that concern it.

The texts come from the loader (the bot's own renderer, errors or not) and the keyboards from the same functions
the handlers use (``menu_keyboard``, ``page_keyboard``, the application's ``step_view``), so the preview cannot
drift from the bot. Each problem of the checker is attached to the one screen it is about: by its key
(``faq.tms_what.answer``), else by its line falling inside a unit (a FAQ entry, a question), else by its file.
Problems no screen shows (``clinic.yaml``, ``claims.yaml``) are listed on the index only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import callbacks
from bot.content.base import ContentBase, LanguageContent
from bot.content.loader import RawContent, RawLanguage, assemble_language, content_fingerprint
from bot.content.problems import Problem, Problems, Severity
from bot.content.schema import Faq
from bot.content.telegram_html import CAPTION_LIMIT, escape
from bot.i18n import t
from bot.preview.steps import application_units
from bot.preview.units import Bubble, Button, Claim, Column, Preview, Screen, Unit
from bot.views.keyboards import menu_keyboard, page_keyboard
from bot.vocabulary import LANGUAGE_NAMES

# --- building ---------------------------------------------------------------------------------------------------

def build_preview(raw: RawContent, problems: Problems, content_dir: Path) -> Preview:

    languages = list(raw.settings.languages)
    assembled = {lang: lc for lang, r in raw.languages.items() if (lc := assemble_language(r)) is not None}
    content = ContentBase(raw.settings, assembled, raw.renderer, content_fingerprint(content_dir))
    ctx = Builder(raw, content, languages)
    screens = [
        Screen("welcome", _both(raw, lambda r: _menu_title(r)) or "Welcome", [ctx.welcome(), ctx.home()]),
        *ctx.page_screens(),
        Screen("faq", "FAQ", ctx.faq_units()),
        Screen("notices", "Notices", ctx.notice_units()),
        Screen("crisis", "Crisis reply", [ctx.crisis()]),
        Screen("application", "Application", application_units(ctx)),
    ]
    located = _attach(problems, screens)
    return Preview(languages, screens, problems, located, content.fingerprint)


def _attach(problems: Iterable[Problem], screens: Sequence[Screen]) -> dict[Problem, str]:
    """Give each problem to the column that claims it best (first on a tie); return where each one went."""
    located: dict[Problem, str] = {}
    places = [(screen, unit, column) for screen in screens for unit in screen.units for column in unit.columns
              if column.claim is not None]
    for problem in problems:
        best, best_score = None, 0
        for place in places:
            claim = place[2].claim
            assert claim is not None
            score = claim.score(problem)
            if score > best_score:
                best, best_score = place, score
        if best is not None:
            screen, unit, column = best
            column.findings.append(problem)
            located[problem] = f"{screen.slug}.html#{unit.anchor}-{column.lang}"
    return located


def _menu_title(raw: RawLanguage) -> str | None:
    return "Welcome and menu" if raw.lang == "en" else "ようこそ・メニュー"


def _both(raw: RawContent, pick: Any) -> str:
    return " / ".join(v for r in raw.languages.values() if (v := pick(r)))


class Builder:
    """Builds the units; one instance per build."""

    def __init__(self, raw: RawContent, content: ContentBase, languages: list[str]) -> None:
        self.raw, self.content, self.languages = raw, content, languages

    def lc(self, lang: str) -> LanguageContent | None:
        return self.content.languages.get(lang)

    def keyboard(self, markup: InlineKeyboardMarkup | None) -> list[list[Button]]:
        if markup is None:
            return []
        return [[Button(b.text, _href(b.callback_data if isinstance(b.callback_data, str) else None)) for b in row]
                for row in markup.inline_keyboard]

    # --- welcome and menu ---

    def welcome(self) -> Unit:
        columns = []
        for lang in self.languages:
            raw = self.raw.languages[lang]
            texts = raw.rendered_texts
            column = Column(lang, claim=Claim(raw.display("menu.yaml"), frozenset({"menu.welcome", "menu.disclaimer"}),
                                              whole_file=True))
            if "menu.welcome" in texts and "menu.disclaimer" in texts:
                # as menu.send_welcome composes it
                keyboard = self.keyboard(menu_keyboard(self.content, lang)) if self.lc(lang) else []
                column.bubbles.append(Bubble("/start", from_user=True))
                column.bubbles.append(Bubble(f"{texts['menu.welcome']}\n\n<i>{texts['menu.disclaimer']}</i>",
                                             buttons=keyboard))
            else:
                column.missing = "menu.yaml did not load"
            columns.append(column)
        return Unit("welcome", "/start", columns)

    def home(self) -> Unit:
        columns = []
        for lang in self.languages:
            raw = self.raw.languages[lang]
            column = Column(lang, claim=Claim(raw.display("menu.yaml"), frozenset({"menu.title"})))
            if "menu.title" in raw.rendered_texts and self.lc(lang):
                column.bubbles.append(Bubble(raw.rendered_texts["menu.title"],
                                             buttons=self.keyboard(menu_keyboard(self.content, lang))))
            else:
                column.missing = "menu.yaml did not load"
            columns.append(column)
        return Unit("home", "🏠 Menu", columns)

    # --- pages ---

    def page_screens(self) -> list[Screen]:
        ids: list[str] = []
        for raw in self.raw.languages.values():
            ids += [i for i in sorted(raw.page_ids) if i not in ids]
        return [Screen(f"page-{page_id}", self._page_title(page_id), [self.page(page_id)]) for page_id in ids]

    def _page_title(self, page_id: str) -> str:
        return _both(self.raw, lambda r: r.pages[page_id].meta.title if page_id in r.pages else None) or page_id

    def page(self, page_id: str) -> Unit:
        columns = []
        for lang in self.languages:
            raw = self.raw.languages[lang]
            file = raw.display("pages", f"{page_id}.md")
            column = Column(lang, claim=Claim(file, whole_file=True))
            rendered = raw.rendered.get(page_id)
            if page_id not in raw.page_ids:
                column.missing = f"{file} does not exist"
            elif rendered is None:
                column.missing = f"{file} could not be shown (see the findings)"
            else:
                keyboard = self.keyboard(page_keyboard(self.content, rendered)) if self.lc(lang) else []
                if rendered.image is not None:
                    column.bubbles.append(Bubble(f"<b>{rendered.title}</b>", CAPTION_LIMIT, image=rendered.image))
                column.bubbles += [Bubble(m) for m in rendered.messages]
                column.bubbles[-1].buttons = keyboard
            columns.append(column)
        return Unit(page_id, page_id, columns, source=f"pages/{page_id}.md")

    # --- FAQ ---

    def faq_units(self) -> list[Unit]:
        entries: list[str] = []
        for raw in self.raw.languages.values():
            faq = raw.model("faq.yaml", Faq)
            entries += [e.id for e in (faq.entries if faq else []) if e.id not in entries]
        return [self.faq_entry(entry_id) for entry_id in entries]

    def faq_entry(self, entry_id: str) -> Unit:
        columns = []
        for lang in self.languages:
            raw = self.raw.languages[lang]
            faq = raw.model("faq.yaml", Faq)
            index = next((i for i, e in enumerate(faq.entries) if e.id == entry_id), None) if faq else None
            column = Column(lang)
            if faq is None or index is None:
                column.missing = f"no entry '{entry_id}' in {raw.display('faq.yaml')}"
                column.claim = Claim(raw.display("faq.yaml"), frozenset({f"entries[{entry_id}]"}))
                columns.append(column)
                continue
            doc = raw.docs["faq.yaml"]
            first = doc.line(["entries", index]) or 0
            after = doc.line(["entries", index + 1]) if index + 1 < len(faq.entries) else None
            key = f"faq.{entry_id}.answer"
            column.claim = Claim(raw.display("faq.yaml"), frozenset({key, f"entries[{index}]", f"entries[{entry_id}]"}),
                                 (first, (after or 10**9) - 1))
            entry = faq.entries[index]
            column.bubbles.append(Bubble(_escape(entry.questions[0]), from_user=True))
            rows = []
            page = self.content.page(lang, entry.page) if entry.page and self.lc(lang) else None
            if page is not None:  # as questions.show_entry lays it out
                rows.append([Button(t(lang, "📖 {title}", title=page.button), f"page-{page.id}.html")])
            if entry.action == "contact" and entry.page != "clinic":
                rows.append([Button(t(lang, "📞 Contact the clinic"), "page-clinic.html")])
            rows.append([Button(t(lang, "🏠 Menu"), "welcome.html#home")])
            text = raw.rendered_texts.get(key)
            if entry.action == "apply":
                column.bubbles.append(Bubble("starts the application", note=True,
                                             buttons=[[Button("→ application", "application.html")]]))
            elif text is not None:
                column.bubbles.append(Bubble(text, buttons=rows))
            elif page is not None:
                column.bubbles.append(Bubble("opens the page (no answer text)", note=True, buttons=rows))
            columns.append(column)
        return Unit(entry_id, entry_id, columns, source="faq.yaml")

    # --- notices, crisis ---

    def notice_units(self) -> list[Unit]:
        ids: list[str] = []
        for raw in self.raw.languages.values():
            ids += [n for n in sorted(raw.notices) if n not in ids]
        units = []
        for notice_id in ids:
            columns = []
            for lang in self.languages:
                raw = self.raw.languages[lang]
                file = raw.display("notices", f"{notice_id}.md")
                column = Column(lang, claim=Claim(file, whole_file=True))
                html = raw.rendered_notices.get((notice_id, None))
                if html is None:
                    column.missing = f"{file} does not exist" if notice_id not in raw.notices else \
                        f"{file} could not be shown (see the findings)"
                else:
                    column.bubbles.append(Bubble(f"<blockquote expandable>{html}</blockquote>"))
                columns.append(column)
            units.append(Unit(notice_id, notice_id, columns, source=f"notices/{notice_id}.md"))
        return units

    def crisis(self) -> Unit:
        columns = []
        for lang in self.languages:
            raw = self.raw.languages[lang]
            column = Column(lang, claim=Claim(raw.display("crisis.yaml"), whole_file=True))
            html = raw.rendered_texts.get("crisis.message")
            if html is None:
                column.missing = "crisis.yaml did not load"
            else:
                column.bubbles.append(Bubble("a message that sounds like suicide or self-harm", note=True))
                column.bubbles.append(Bubble(html))
            columns.append(column)
        return Unit("crisis", "crisis.yaml", columns, source="crisis.yaml")


def _href(data: str | None) -> str | None:
    """Where a button leads in the preview, as its callback data leads in the bot."""
    decoded = callbacks.decode(data)
    if isinstance(decoded, callbacks.OpenPage):
        return f"page-{decoded.page}.html"
    if isinstance(decoded, callbacks.MenuAction):
        return {"home": "welcome.html#home", "apply": "application.html",
                "privacy": "page-privacy.html"}.get(decoded.name)
    return None


def _escape(text: str) -> str:
    return escape(text)


__all__ = ["LANGUAGE_NAMES", "Bubble", "Button", "Column", "Preview", "Screen", "Severity", "Unit", "build_preview"]
