"""Reads ``content/`` into a checked ``ContentBase``: every file parsed, validated, rendered and cross-checked.

``load_content`` never raises for bad content: it returns ``(None, problems)`` when there are errors, so the CLI,
start-up and live reload all show staff the same report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.base import ContentBase, LanguageContent, Page, RenderedPage
from bot.content.checker import run_checks
from bot.content.fingerprint import content_fingerprint
from bot.content.launch import Located, check_facts
from bot.content.messages import localize, say
from bot.content.models import ContentModel, validate_doc
from bot.content.problems import Problems
from bot.content.raw import M, RawLanguage, TextSource
from bot.content.render import Renderer, TemplateError, facts_of, leave_out_missing
from bot.content.schema import Claims, Clinic, Crisis, Distress, Faq, Intake, Menu, PageMeta, Settings, SharedClinic
from bot.content.telegram_html import escape, markdown_blocks, split_messages, visible_length
from bot.content.yamldoc import YamlDoc, format_path, load_yaml, parse_yaml, split_front_matter
from bot.intake.policy import quoted_labels
from bot.vocabulary import TREATMENTS

YAML_FILES: dict[str, type[ContentModel]] = {
    "clinic.yaml": Clinic,
    "menu.yaml": Menu,
    "claims.yaml": Claims,
    "faq.yaml": Faq,
    "intake.yaml": Intake,
    "crisis.yaml": Crisis,
    "distress.yaml": Distress,
}


SHARED_FACTS = tuple(SharedClinic.model_fields)
"""Facts written once in ``content/clinic.yaml`` (phone, address, prices ...), never per language."""


@dataclass
class RawContent:
    """Everything read, rendered and checked, errors or not: what ``python -m bot preview`` draws."""

    settings: Settings
    languages: dict[str, RawLanguage]
    renderer: Renderer
    shared: SharedClinic


def read_content(content_dir: Path, *, launch: bool = False) -> tuple[RawContent | None, Problems]:
    """Read, render and check everything; ``None`` only when settings.yaml itself cannot be used.

    ``launch`` turns missing clinic facts and undecided policies into errors (``python -m bot check --launch``).
    """
    problems = Problems()
    problems.translate = localize
    display_root = content_dir.name or "content"
    settings_doc = load_yaml(content_dir / "settings.yaml", f"{display_root}/settings.yaml", problems)
    settings = validate_doc(Settings, settings_doc, problems) if settings_doc else None
    if settings is None or settings_doc is None:
        return None, problems
    shared_file = f"{display_root}/clinic.yaml"
    shared_doc = load_yaml(content_dir / "clinic.yaml", shared_file, problems)
    shared = (validate_doc(SharedClinic, shared_doc, problems) if shared_doc else None) or SharedClinic()

    raws = {lang: _read_language(content_dir / lang, f"{display_root}/{lang}", lang, problems)
            for lang in settings.languages}
    renderer = Renderer({lang: _template_globals(raw, shared, settings) for lang, raw in raws.items()})
    for raw in raws.values():
        if raw.model("clinic.yaml", Clinic) is not None:  # else its one error stands alone: no cascade of renders
            _render_language(raw, settings, renderer, problems)
    run_checks(settings, raws, problems, display_root)
    languages_located = {lang: Located(raw.display("clinic.yaml"), raw.docs.get("clinic.yaml"),
                                       raw.model("clinic.yaml", Clinic).model_dump())  # type: ignore[union-attr]
                         for lang, raw in raws.items() if raw.model("clinic.yaml", Clinic) is not None}
    check_facts(settings, Located(f"{display_root}/settings.yaml", settings_doc, settings.model_dump()),
                Located(shared_file, shared_doc, shared.model_dump()), languages_located, problems, launch=launch)
    return RawContent(settings, raws, renderer, shared), problems


def load_content(content_dir: Path, *, launch: bool = False) -> tuple[ContentBase | None, Problems]:
    """Load and check everything; the content base only when there are no errors."""
    raw, problems = read_content(content_dir, launch=launch)
    if raw is None or problems.errors:
        return None, problems
    languages = {lang: _assemble(language) for lang, language in raw.languages.items()}
    return ContentBase(raw.settings, languages, raw.renderer, content_fingerprint(content_dir), raw.shared), problems


def assemble_language(raw: RawLanguage) -> LanguageContent | None:
    """One language as far as it loaded, errors or not; None when one of its YAML files could not be read."""
    if any(raw.models.get(name) is None for name in YAML_FILES):
        return None
    return _assemble(raw)


def _read_language(root: Path, display_root: str, lang: str, problems: Problems) -> RawLanguage:
    raw = RawLanguage(lang, root, display_root)
    if not root.is_dir():
        problems.error(display_root, None, "", f"language folder is missing (settings.yaml lists '{lang}')",
                       code="CONTENT-E006")
        return raw
    for name, kind in YAML_FILES.items():
        doc = load_yaml(root / name, raw.display(name), problems)
        if doc is None:
            continue
        if name == "clinic.yaml":
            _refuse_shared_facts(doc, problems)
        raw.docs[name] = doc
        model = validate_doc(kind, doc, problems)
        if model is not None:
            raw.models[name] = model
    pages_dir = root / "pages"
    if not pages_dir.is_dir():
        problems.error(raw.display("pages"), None, "", "folder is missing", code="CONTENT-E007")
    for path in sorted(pages_dir.glob("*.md")):
        _read_page(raw, path, problems)
    for path in sorted((root / "notices").glob("*.md")):
        try:
            raw.notices[path.stem] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.error(raw.display("notices", path.name), None, "",
                           f"cannot read the file ({exc.__class__.__name__}); save it as UTF-8", code="CONTENT-E008")
    _collect_texts(raw)
    return raw


def _refuse_shared_facts(doc: YamlDoc, problems: Problems) -> None:
    """Phone, address, prices ... are written once in content/clinic.yaml: here they are an error, not a copy."""
    if not isinstance(doc.data, dict):
        return
    for key in SHARED_FACTS:
        if key in doc.data:
            said = say(doc.file, "fact_written_twice", field=key)
            problems.error(doc.file, doc.line([key]), key, said.message, **said.parts(f"{key}: {doc.data[key]!r}"),
                           code="CONTENT-E009")
            del doc.data[key]


def _read_page(raw: RawLanguage, path: Path, problems: Problems) -> None:
    display = raw.display("pages", path.name)
    page_id = path.stem
    if not page_id.replace("_", "").isalnum() or not page_id.isascii() or page_id != page_id.lower():
        problems.error(display, None, "", f"file name must be a lower-case ASCII id, found '{page_id}'",
                       code="CONTENT-E010")
        return
    raw.page_ids.add(page_id)  # even if broken below: its one error is not followed by "no page" elsewhere
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(display, None, "", f"cannot read the file ({exc.__class__.__name__}); save it as UTF-8",
                       code="CONTENT-E011")
        return
    front, body, body_line = split_front_matter(text)
    if front is None:
        problems.error(display, 1, "", "expected front matter between two '---' lines at the top (title, button ...)",
                       code="CONTENT-E012")
        return
    doc = parse_yaml(front, display, problems, line_offset=1)
    if doc is None:
        return
    if not isinstance(doc.data, dict):
        problems.error(display, 2, "", "front matter must be 'key: value' lines", code="CONTENT-E013")
        return
    meta = validate_doc(PageMeta, doc, problems)
    raw.page_docs[page_id] = doc
    if meta is not None:
        raw.pages[page_id] = Page(page_id, raw.lang, meta, body, display, body_line)


def _collect_texts(raw: RawLanguage) -> None:
    """Every Markdown text inside the YAML files, with where it was written."""

    def add(key: str, file: str, path: list[str | int], value: str, **extra: Any) -> None:
        doc = raw.docs[file]
        line = doc.line(path)
        raw.texts.append(TextSource(key, raw.display(file), line, value, extra))

    menu = raw.model("menu.yaml", Menu)
    if menu:
        for name in ("welcome", "disclaimer", "title"):
            add(f"menu.{name}", "menu.yaml", [name], getattr(menu, name))
    faq = raw.model("faq.yaml", Faq)
    if faq:
        for i, entry in enumerate(faq.entries):
            if entry.answer.strip():
                add(f"faq.{entry.id}.answer", "faq.yaml", ["entries", i, "answer"], entry.answer)
    crisis = raw.model("crisis.yaml", Crisis)
    if crisis:
        add("crisis.message", "crisis.yaml", ["message"], crisis.message)
        add("crisis.carer_message", "crisis.yaml", ["carer_message"], crisis.carer_message)
        add("crisis.check_in.question", "crisis.yaml", ["check_in", "question"], crisis.check_in.question)
        add("crisis.check_in.footer", "crisis.yaml", ["check_in", "footer"], crisis.check_in.footer)
    distress = raw.model("distress.yaml", Distress)
    if distress:
        add("distress.message", "distress.yaml", ["message"], distress.message)
        add("distress.footer", "distress.yaml", ["footer"], distress.footer)
        add("distress.carer_message", "distress.yaml", ["carer_message"], distress.carer_message)
    intake = raw.model("intake.yaml", Intake)
    if intake:
        for name in ("intro", "review", "thanks", "flagged_note"):
            value = getattr(intake, name)
            if value:
                add(f"intake.{name}", "intake.yaml", [name], value, lead_id="A-000001")
        add("intake.consent.text", "intake.yaml", ["consent", "text"], intake.consent.text)
        add("intake.consent.declined", "intake.yaml", ["consent", "declined"], intake.consent.declined)
        for i, question in enumerate(intake.questions):
            add(f"intake.q.{question.id}.text", "intake.yaml", ["questions", i, "text"], question.text)
            if question.help:
                add(f"intake.q.{question.id}.help", "intake.yaml", ["questions", i, "help"], question.help)
            if question.minors_note:
                labels = [c.label for c in question.choices if c.minors_policy] or [question.label]
                add(f"intake.q.{question.id}.minors_note", "intake.yaml", ["questions", i, "minors_note"],
                    question.minors_note, withheld=quoted_labels(labels, raw.lang))
        for name in type(intake.errors).model_fields:
            add(f"intake.errors.{name}", "intake.yaml", ["errors", name], getattr(intake.errors, name),
                min=1, max=2)


def _template_globals(raw: RawLanguage, shared: SharedClinic, settings: Settings) -> dict[str, Any]:
    """``clinic`` (facts of both clinic files), ``policy`` and ``monitor`` (the clinic's decisions), ``lang``."""
    clinic = raw.model("clinic.yaml", Clinic) or Clinic(name="", area="")
    return {"clinic": facts_of(raw.lang, [clinic, shared], "clinic"), "lang": raw.lang,
            "policy": settings.policy.model_dump(), "monitor": settings.monitor.model_dump()}


def _render(renderer: Renderer, problems: Problems, name: str, lang: str, file: str,
            first_line: int | None, **extra: Any) -> list[str] | None:
    try:
        return renderer.render_blocks(name, lang, **extra)
    except TemplateError as exc:
        line = None
        if first_line is not None:
            line = first_line + (exc.line - 1 if exc.line else 0)
        problems.error(file, line, "", exc.message, code="CONTENT-E014")
        return None


def _render_language(raw: RawLanguage, settings: Settings, renderer: Renderer, problems: Problems) -> None:
    lang = raw.lang
    for text in raw.texts:
        name = f"{text.file}#{text.key}"
        renderer.register(name, text.source)
        first = None if text.line is None else text.line + (1 if "\n" in text.source else 0)
        blocks = _render(renderer, problems, name, lang, text.file, first, **text.extra)
        if blocks is not None:
            raw.rendered_texts[text.key] = "\n\n".join(blocks)
    for notice_id, source in raw.notices.items():
        file = raw.display("notices", f"{notice_id}.md")
        renderer.register(file, source)
        for treatment in (None, *TREATMENTS):
            blocks = _render(renderer, problems, file, lang, file, 1, treatment=treatment)
            if blocks is None:
                break
            raw.rendered_notices[(notice_id, treatment)] = "\n\n".join(blocks)
    for page in raw.pages.values():
        renderer.register(page.file, page.body)
        parts = _render_parts(renderer, problems, page.file, lang, page.body_line)
        if parts is None:
            continue
        notices = [raw.rendered_notices.get((n, page.meta.treatment)) for n in page.meta.notices]
        folded = [f"<blockquote expandable>{n}</blockquote>" for n in notices if n]
        title = f"<b>{escape(page.meta.title)}</b>"
        messages = split_messages([title, *parts[0], *folded])
        more = tuple(tuple(split_messages(blocks)) for blocks in parts[1:] if blocks)
        image = raw.root / page.meta.image if page.meta.image else None
        raw.rendered[page.id] = RenderedPage(
            page.id, lang, page.meta.title, page.meta.button, tuple(messages), tuple(page.meta.links),
            tuple(page.meta.actions), image, more, page.meta.image_caption,
        )
        raw.part_lengths[page.id] = [visible_length("\n\n".join([title, *parts[0]])),
                                     *(visible_length("\n\n".join(b)) for b in parts[1:])]


MORE_MARKER = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.MULTILINE | re.IGNORECASE)
"""A line holding only ``<!-- more -->`` splits a page: the rest is shown behind a "More" button."""


def _render_parts(renderer: Renderer, problems: Problems, file: str, lang: str,
                  first_line: int | None) -> list[list[str]] | None:
    try:
        markdown = renderer.render_markdown(file, lang, leave_out=False)
    except TemplateError as exc:
        line = None
        if first_line is not None:
            line = first_line + (exc.line - 1 if exc.line else 0)
        problems.error(file, line, "", exc.message, code="CONTENT-E015")
        return None
    return [markdown_blocks(leave_out_missing(part, lang)) for part in MORE_MARKER.split(markdown)]


def _assemble(raw: RawLanguage) -> LanguageContent:
    def need(name: str, kind: type[M]) -> M:
        model = raw.model(name, kind)
        assert model is not None, f"{name} passed the checks but did not load"
        return model

    return LanguageContent(
        lang=raw.lang, root=raw.root, clinic=need("clinic.yaml", Clinic), menu=need("menu.yaml", Menu),
        claims=need("claims.yaml", Claims), faq=need("faq.yaml", Faq), intake=need("intake.yaml", Intake),
        crisis=need("crisis.yaml", Crisis), distress=need("distress.yaml", Distress), pages=dict(raw.pages),
        notices=dict(raw.notices),
        rendered=dict(raw.rendered), texts=dict(raw.rendered_texts), rendered_notices=dict(raw.rendered_notices),
    )


__all__ = [
    "RawContent", "RawLanguage", "TextSource", "assemble_language", "content_fingerprint", "format_path",
    "load_content", "read_content",
]
