"""Cross-file checks of the content base: parity, references, Telegram limits, claims, notices, review dates.

Each check adds located problems and never stops the others, so staff see everything at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot import callbacks
from bot.content.claims import ClaimsLint, line_of
from bot.content.loader import RawLanguage
from bot.content.problems import Problems, did_you_mean
from bot.content.schema import Claims, Clinic, Crisis, Faq, Intake, LintAllowance, Menu, Settings
from bot.content.telegram_html import CAPTION_LIMIT, MESSAGE_LIMIT, html_problems, visible_length, visible_text

MAX_IMAGE_BYTES = 10 * 1024 * 1024
BUTTONS_PER_PAGE_WARNING = 12
_PLACEHOLDER = re.compile(r"{{\s*([A-Za-z_][\w.]*)")


def run_checks(settings: Settings, raws: Mapping[str, RawLanguage], problems: Problems, display_root: str,
               *, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if settings.default_language not in settings.languages:
        problems.error(f"{display_root}/settings.yaml", None, "default_language",
                       f"expected one of {settings.languages}, found '{settings.default_language}'")
    for raw in raws.values():
        _check_references(raw, problems)
        _check_reachable(raw, problems)
        _check_treatments(raw, settings, problems)
        _check_review_dates(raw, settings, problems, today)
        _check_clinic_facts(raw, problems)
        _check_telegram_limits(raw, problems)
        _check_claims(raw, problems)
    _check_parity(raws, problems)
    _check_domain(raws, problems)


# --- references -------------------------------------------------------------------------------------------------

def _check_references(raw: RawLanguage, problems: Problems) -> None:
    pages = raw.page_ids
    for page in raw.pages.values():
        doc = raw.page_docs[page.id]
        for i, link in enumerate(page.meta.links):
            if link not in pages:
                problems.error(page.file, doc.line(["links", i]), f"links[{i}]",
                               f"no page '{link}'{did_you_mean(link, pages)}")
        for i, notice in enumerate(page.meta.notices):
            if notice not in raw.notices:
                problems.error(page.file, doc.line(["notices", i]), f"notices[{i}]",
                               f"no notice '{notice}' in {raw.display('notices')}/{did_you_mean(notice, raw.notices)}")
        if page.meta.image:
            _check_image(raw, page.meta.image, page.file, doc.line(["image"]), problems)
    menu = raw.model("menu.yaml", Menu)
    if menu:
        doc = raw.docs["menu.yaml"]
        for i, item in enumerate(menu.items):
            if item.page is not None and item.page not in pages:
                problems.error(raw.display("menu.yaml"), doc.line(["items", i, "page"]), f"items[{i}].page",
                               f"no page '{item.page}'{did_you_mean(item.page, pages)}")
    faq = raw.model("faq.yaml", Faq)
    if faq:
        doc = raw.docs["faq.yaml"]
        seen: set[str] = set()
        for i, entry in enumerate(faq.entries):
            if entry.id in seen:
                problems.error(raw.display("faq.yaml"), doc.line(["entries", i, "id"]), f"entries[{i}].id",
                               f"duplicate id '{entry.id}'")
            seen.add(entry.id)
            if entry.page is not None and entry.page not in pages:
                problems.error(raw.display("faq.yaml"), doc.line(["entries", i, "page"]), f"entries[{i}].page",
                               f"no page '{entry.page}'{did_you_mean(entry.page, pages)}")


def _check_image(raw: RawLanguage, image: str, file: str, line: int | None, problems: Problems) -> None:
    path = raw.root / image
    if not path.is_file():
        problems.error(file, line, "image", f"no picture at {raw.display(image)}")
    elif path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        problems.error(file, line, "image", f"expected a .png or .jpg picture, found '{path.suffix}'")
    elif path.stat().st_size > MAX_IMAGE_BYTES:
        problems.error(file, line, "image", "picture is larger than Telegram's 10 MB limit for photos")


def _check_reachable(raw: RawLanguage, problems: Problems) -> None:
    menu = raw.model("menu.yaml", Menu)
    if menu is None:
        return
    seen: set[str] = set()
    todo = [item.page for item in menu.items if item.page]
    while todo:
        page_id = todo.pop()
        if page_id in seen or page_id not in raw.pages:
            continue
        seen.add(page_id)
        todo.extend(raw.pages[page_id].meta.links)
    for page_id, page in sorted(raw.pages.items()):
        if page_id not in seen:
            problems.warning(page.file, None, "",
                             "page cannot be reached from the main menu (add it to menu.yaml or to another "
                             "page's links)")


# --- treatments, review dates, clinic facts ---------------------------------------------------------------------

def _check_treatments(raw: RawLanguage, settings: Settings, problems: Problems) -> None:
    for notice_id, by_lang in settings.notice_must_mention.items():
        for kind, notices in settings.required_notices.items():
            rendered = raw.rendered_notices.get((notice_id, kind))
            if notice_id not in notices or rendered is None:
                continue
            shown = visible_text(rendered).casefold()
            for word in by_lang.get(raw.lang, []):
                if word.casefold() not in shown:
                    problems.error(raw.display("notices", f"{notice_id}.md"), None, "",
                                   f"must mention '{word}' (as shown on {kind} pages; see notice_must_mention "
                                   "in settings.yaml)")
    for page in raw.pages.values():
        treatment = page.meta.treatment
        if treatment is None:
            continue
        doc = raw.page_docs[page.id]
        for notice in settings.required_notices.get(treatment, []):
            if notice not in page.meta.notices:
                problems.error(page.file, doc.line(["notices"]) or doc.line(["treatment"]), "notices",
                               f"a {treatment} page must show the notice '{notice}' (add it to notices:)")
        if not page.meta.sources:
            problems.warning(page.file, doc.line(["treatment"]), "sources",
                             "a treatment page should list its sources")


def _check_review_dates(raw: RawLanguage, settings: Settings, problems: Problems, today: dt.date) -> None:
    limit = dt.timedelta(days=settings.review_max_age_days)
    for page in raw.pages.values():
        reviewed = page.meta.reviewed
        line = raw.page_docs[page.id].line(["reviewed"])
        if today - reviewed > limit:
            problems.warning(page.file, line, "reviewed",
                             f"last reviewed {reviewed.isoformat()}, more than {settings.review_max_age_days} "
                             "days ago: please review the page and update the date")
        elif reviewed > today:
            problems.warning(page.file, line, "reviewed", f"date {reviewed.isoformat()} is in the future")


def _check_clinic_facts(raw: RawLanguage, problems: Problems) -> None:
    clinic = raw.model("clinic.yaml", Clinic)
    if clinic is None:
        return
    doc = raw.docs["clinic.yaml"]
    for path, value in _leaves(clinic.model_dump(include=set(type(clinic).model_fields))):
        if value is None or (isinstance(value, str) and not value.strip()):
            where = ".".join(path)
            problems.notice(raw.display("clinic.yaml"), doc.line(list(path)), where,
                            "to be filled in by the clinic (the bot says \"please ask the clinic\" meanwhile)")


def _leaves(data: Mapping[str, Any], path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out: list[tuple[tuple[str, ...], Any]] = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            out.extend(_leaves(value, (*path, key)))
        else:
            out.append(((*path, key), value))
    return out


# --- Telegram limits --------------------------------------------------------------------------------------------

def _check_telegram_limits(raw: RawLanguage, problems: Problems) -> None:
    for page_id, rendered in raw.rendered.items():
        page = raw.pages[page_id]
        for i, message in enumerate(rendered.messages):
            for problem in html_problems(message):
                problems.error(page.file, None, "", problem)
            if visible_length(message) > MESSAGE_LIMIT:
                problems.error(page.file, None, "",
                               f"a single paragraph is longer than Telegram's {MESSAGE_LIMIT} characters "
                               f"(message {i + 1}): split it into shorter paragraphs")
        if len(rendered.messages) > 1:
            problems.info(page.file, None, "",
                          f"longer than one Telegram message: sent as {len(rendered.messages)} messages")
        buttons = len(rendered.links) + len(rendered.actions)
        if buttons > BUTTONS_PER_PAGE_WARNING:
            problems.warning(page.file, None, "links", f"{buttons} buttons is too many for a phone screen "
                             f"(keep it to {BUTTONS_PER_PAGE_WARNING} or fewer)")
        if rendered.image and visible_length(rendered.title) > CAPTION_LIMIT:
            problems.error(page.file, None, "title", f"a picture caption holds at most {CAPTION_LIMIT} characters")
        for target in (*rendered.links, page_id):
            try:
                callbacks.page(target)
            except ValueError as exc:
                problems.error(page.file, None, "links", str(exc))
    for text in raw.texts:
        html = raw.rendered_texts.get(text.key)
        if html is None:
            continue
        for problem in html_problems(html):
            problems.error(text.file, text.line, text.key, problem)
        if visible_length(html) > MESSAGE_LIMIT:
            problems.error(text.file, text.line, text.key,
                           f"longer than Telegram's {MESSAGE_LIMIT} characters: shorten it")
    for (notice_id, _treatment), html in raw.rendered_notices.items():
        for problem in html_problems(html):
            problems.error(raw.display("notices", f"{notice_id}.md"), None, "", problem)
        if "<blockquote" in html:
            problems.error(raw.display("notices", f"{notice_id}.md"), None, "",
                           "a notice is already shown as a folded quote: remove the '>' quote marks")


# --- claims lint ------------------------------------------------------------------------------------------------

def _check_claims(raw: RawLanguage, problems: Problems) -> None:
    claims = raw.model("claims.yaml", Claims)
    if claims is None:
        return
    lint = ClaimsLint(claims)

    def lint_unit(file: str, raw_text: str, first_line: int, visible: str, where: str,
                  allowed: list[LintAllowance]) -> None:
        allowed_words = {a.word for a in allowed}
        for finding in lint.findings(visible):
            if finding.word in allowed_words:
                continue
            problems.error(file, line_of(finding.word, raw_text, first_line), where,
                           f"claims lint ({finding.category}): '{finding.word}' — {finding.why}. Reword it, or "
                           "add a lint_allow entry with the reason if this use is not a claim")

    for page in raw.pages.values():
        rendered = raw.rendered.get(page.id)
        if rendered is None:
            continue
        page_text = visible_text("\n".join(rendered.messages))
        lint_unit(page.file, page.body, page.body_line, page_text, "", list(page.meta.lint_allow))
    for notice_id, source in raw.notices.items():
        visible = " ".join(visible_text(html) for (nid, _), html in raw.rendered_notices.items() if nid == notice_id)
        lint_unit(raw.display("notices", f"{notice_id}.md"), source, 1, visible, "", [])
    allowances: dict[str, list[LintAllowance]] = {
        raw.display(name): list(getattr(raw.models.get(name), "lint_allow", []) or [])
        for name in ("menu.yaml", "faq.yaml", "intake.yaml")
    }
    for unit in raw.texts:
        if unit.key.startswith("crisis."):
            continue  # the crisis message is help, not advertising
        unit_html = raw.rendered_texts.get(unit.key)
        if unit_html is not None:
            lint_unit(unit.file, unit.source, unit.line or 1, visible_text(unit_html), unit.key,
                      allowances.get(unit.file, []))


# --- parity between languages -----------------------------------------------------------------------------------

def _check_parity(raws: Mapping[str, RawLanguage], problems: Problems) -> None:
    langs = list(raws)
    if len(langs) < 2:
        return
    first = raws[langs[0]]
    for lang in langs[1:]:
        other = raws[lang]
        _compare_sets(first, other, first.page_ids, other.page_ids, "pages", ".md", problems)
        _compare_sets(first, other, set(first.notices), set(other.notices), "notices", ".md", problems)
        for page_id in sorted(set(first.pages) & set(other.pages)):
            a, b = first.pages[page_id], other.pages[page_id]
            for name in ("links", "actions", "treatment", "notices", "image"):
                va, vb = getattr(a.meta, name), getattr(b.meta, name)
                if va != vb:
                    problems.error(b.file, other.page_docs[page_id].line([name]), name,
                                   f"differs from {a.file}: {vb!r} here, {va!r} there (both languages must match)")
            pa, pb = set(_PLACEHOLDER.findall(a.body)), set(_PLACEHOLDER.findall(b.body))
            for missing in sorted(pa - pb):
                problems.warning(b.file, None, "", f"{a.file} uses {{{{ {missing} }}}} but this page does not")
            for missing in sorted(pb - pa):
                problems.warning(a.file, None, "", f"{b.file} uses {{{{ {missing} }}}} but this page does not")
        _compare_menu(first, other, problems)
        _compare_faq(first, other, problems)
        _compare_clinic(first, other, problems)


def _compare_sets(a: RawLanguage, b: RawLanguage, ids_a: set[str], ids_b: set[str], folder: str, suffix: str,
                  problems: Problems) -> None:
    for missing in sorted(ids_a - ids_b):
        problems.error(b.display(folder, missing + suffix), None, "",
                       f"file is missing: {a.display(folder, missing + suffix)} exists in '{a.lang}'")
    for missing in sorted(ids_b - ids_a):
        problems.error(a.display(folder, missing + suffix), None, "",
                       f"file is missing: {b.display(folder, missing + suffix)} exists in '{b.lang}'")


def _compare_menu(a: RawLanguage, b: RawLanguage, problems: Problems) -> None:
    menu_a, menu_b = a.model("menu.yaml", Menu), b.model("menu.yaml", Menu)
    if not menu_a or not menu_b:
        return
    items_a = [(i.page, i.action) for i in menu_a.items]
    items_b = [(i.page, i.action) for i in menu_b.items]
    if items_a != items_b:
        def show(items: Sequence[tuple[str | None, str | None]]) -> str:
            return ", ".join(page or f"action:{action}" for page, action in items)
        problems.error(b.display("menu.yaml"), b.docs["menu.yaml"].line(["items"]), "items",
                       f"menu differs from {a.display('menu.yaml')}: [{show(items_b)}] here, "
                       f"[{show(items_a)}] there (both languages must match)")


def _compare_faq(a: RawLanguage, b: RawLanguage, problems: Problems) -> None:
    faq_a, faq_b = a.model("faq.yaml", Faq), b.model("faq.yaml", Faq)
    if not faq_a or not faq_b:
        return
    entries_a = {e.id: e for e in faq_a.entries}
    entries_b = {e.id: e for e in faq_b.entries}
    for missing in sorted(set(entries_a) - set(entries_b)):
        problems.error(b.display("faq.yaml"), None, "entries",
                       f"no entry '{missing}' (it exists in {a.display('faq.yaml')})")
    for missing in sorted(set(entries_b) - set(entries_a)):
        problems.error(a.display("faq.yaml"), None, "entries",
                       f"no entry '{missing}' (it exists in {b.display('faq.yaml')})")
    for entry_id in sorted(set(entries_a) & set(entries_b)):
        ea, eb = entries_a[entry_id], entries_b[entry_id]
        for name in ("page", "action"):
            if getattr(ea, name) != getattr(eb, name):
                problems.error(b.display("faq.yaml"), None, f"entries[{entry_id}].{name}",
                               f"differs from {a.display('faq.yaml')}: {getattr(eb, name)!r} here, "
                               f"{getattr(ea, name)!r} there")


def _compare_clinic(a: RawLanguage, b: RawLanguage, problems: Problems) -> None:
    clinic_a, clinic_b = a.model("clinic.yaml", Clinic), b.model("clinic.yaml", Clinic)
    if not clinic_a or not clinic_b:
        return
    fields = set(type(clinic_a).model_fields)
    leaves_a = dict(_leaves(clinic_a.model_dump(include=fields)))
    leaves_b = dict(_leaves(clinic_b.model_dump(include=fields)))
    for path, value in leaves_a.items():
        filled_a = bool(value and str(value).strip())
        filled_b = bool(leaves_b.get(path) and str(leaves_b.get(path)).strip())
        if filled_a != filled_b:
            where = ".".join(path)
            full, empty = (a, b) if filled_a else (b, a)
            problems.warning(empty.display("clinic.yaml"), empty.docs["clinic.yaml"].line(list(path)), where,
                             f"empty here but filled in {full.display('clinic.yaml')}")


# --- checks owned by the domain packages ------------------------------------------------------------------------

def _check_domain(raws: Mapping[str, RawLanguage], problems: Problems) -> None:
    from bot.intake.check import check_intake
    from bot.safety.check import check_crisis

    intakes = {lang: raw.model("intake.yaml", Intake) for lang, raw in raws.items()}
    if all(intakes.values()):
        check_intake({k: v for k, v in intakes.items() if v}, {lang: raw.docs["intake.yaml"]
                     for lang, raw in raws.items()}, problems)
    crises = {lang: raw.model("crisis.yaml", Crisis) for lang, raw in raws.items()}
    if all(crises.values()):
        check_crisis({k: v for k, v in crises.items() if v},
                     problems, {lang: raw.display("crisis.yaml") for lang, raw in raws.items()},
                     {lang: raw.docs["crisis.yaml"] for lang, raw in raws.items()})
