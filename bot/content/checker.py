"""Cross-file checks of the content base: parity, references, Telegram limits, claims, notices, review dates.

Each check adds located problems and never stops the others, so staff see everything at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.callbacks import OpenPage
from bot.content.claim_grammar import NAMES_JA
from bot.content.claims import ClaimsLint, Finding, line_of
from bot.content.domain_messages import localize_domain
from bot.content.messages import say
from bot.content.problems import Problems, did_you_mean
from bot.content.raw import RawLanguage
from bot.content.registry import run_registered
from bot.content.schema import Claims, Faq, Intake, LintAllowance, Menu, Settings
from bot.content.status import check_status
from bot.content.telegram_html import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    html_problems,
    literal_markup,
    visible_length,
    visible_text,
)
from bot.content.yamldoc import format_path

MAX_IMAGE_BYTES = 10 * 1024 * 1024
BUTTONS_PER_PAGE_WARNING = 12
_PLACEHOLDER = re.compile(r"{{\s*([A-Za-z_][\w.]*)")


def run_checks(settings: Settings, raws: Mapping[str, RawLanguage], problems: Problems, display_root: str,
               *, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if settings.default_language not in settings.languages:
        problems.error(f"{display_root}/settings.yaml", None, "default_language",
                       f"expected one of {settings.languages}, found '{settings.default_language}'",
                       code="CONTENT-E017")
    lint = ClaimsLint.shared([c for raw in raws.values() if (c := raw.model("claims.yaml", Claims)) is not None])
    for raw in raws.values():
        _check_references(raw, problems)
        _check_reachable(raw, problems)
        _check_treatments(raw, settings, problems)
        _check_review_dates(raw, settings, problems, today)
        _check_telegram_limits(raw, problems)
        _check_claims(raw, lint, problems)
        _check_literal_markup(raw, problems)
        _check_budget(raw, settings, problems)
        check_status(raw, settings, problems)
        _check_menu_size(raw, problems)
    _check_parity(raws, problems)
    # the domain checks word their messages in English; staff read them in the file's language, located and with
    # what to change (bot/content/domain_messages.py)
    run_registered(raws, problems, translate=localize_domain)


# --- references -------------------------------------------------------------------------------------------------

def _check_references(raw: RawLanguage, problems: Problems) -> None:
    pages = raw.page_ids
    for page in raw.pages.values():
        doc = raw.page_docs[page.id]
        for i, link in enumerate(page.meta.links):
            if link not in pages:
                problems.error(page.file, doc.line(["links", i]), f"links[{i}]",
                               f"no page '{link}'{did_you_mean(link, pages)}", code="CONTENT-E018")
        for i, notice in enumerate(page.meta.notices):
            if notice not in raw.notices:
                problems.error(page.file, doc.line(["notices", i]), f"notices[{i}]",
                               f"no notice '{notice}' in {raw.display('notices')}/{did_you_mean(notice, raw.notices)}",
                               code="CONTENT-E019")
        if page.meta.image:
            _check_image(raw, page.meta.image, page.file, doc.line(["image"]), problems)
            if not page.meta.image_caption.strip():
                problems.error(page.file, doc.line(["image"]), "image_caption",
                               "写真には image_caption（写真の内容と注意書き）が必要です" if raw.lang == "ja" else
                               "a picture needs an image_caption (what it shows and its caveats)", code="CONTENT-E020")
    menu = raw.model("menu.yaml", Menu)
    if menu:
        doc = raw.docs["menu.yaml"]
        for i, item in enumerate(menu.items):
            if item.page is not None and item.page not in pages:
                problems.error(raw.display("menu.yaml"), doc.line(["items", i, "page"]), f"items[{i}].page",
                               f"no page '{item.page}'{did_you_mean(item.page, pages)}", code="CONTENT-E021")
    faq = raw.model("faq.yaml", Faq)
    if faq:
        doc = raw.docs["faq.yaml"]
        seen: set[str] = set()
        for i, entry in enumerate(faq.entries):
            if entry.id in seen:
                problems.error(raw.display("faq.yaml"), doc.line(["entries", i, "id"]), f"entries[{i}].id",
                               f"duplicate id '{entry.id}'", code="CONTENT-E022")
            seen.add(entry.id)
            if entry.page is not None and entry.page not in pages:
                problems.error(raw.display("faq.yaml"), doc.line(["entries", i, "page"]), f"entries[{i}].page",
                               f"no page '{entry.page}'{did_you_mean(entry.page, pages)}", code="CONTENT-E023")


def _check_image(raw: RawLanguage, image: str, file: str, line: int | None, problems: Problems) -> None:
    path = raw.root / image
    if not path.is_file():
        problems.error(file, line, "image", f"no picture at {raw.display(image)}", code="CONTENT-E024")
    elif path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        problems.error(file, line, "image", f"expected a .png or .jpg picture, found '{path.suffix}'",
                       code="CONTENT-E025")
    elif path.stat().st_size > MAX_IMAGE_BYTES:
        problems.error(file, line, "image", "picture is larger than Telegram's 10 MB limit for photos",
                       code="CONTENT-E026")


def _check_reachable(raw: RawLanguage, problems: Problems) -> None:
    menu = raw.model("menu.yaml", Menu)
    if menu is None or raw.page_ids - set(raw.pages):
        return  # a broken menu or page already has its one error; its links are unknown, so say nothing more
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
                             "page's links)", code="CONTENT-W002")


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
                                   "in settings.yaml)", code="CONTENT-E027")
    for page in raw.pages.values():
        treatment = page.meta.treatment
        if treatment is None:
            continue
        doc = raw.page_docs[page.id]
        for notice in settings.required_notices.get(treatment, []):
            if notice not in page.meta.notices:
                problems.error(page.file, doc.line(["notices"]) or doc.line(["treatment"]), "notices",
                               f"a {treatment} page must show the notice '{notice}' (add it to notices:)",
                               code="CONTENT-E028")
        if not page.meta.sources:
            problems.warning(page.file, doc.line(["treatment"]), "sources",
                             "a treatment page should list its sources", code="CONTENT-W003")


def _check_review_dates(raw: RawLanguage, settings: Settings, problems: Problems, today: dt.date) -> None:
    limit = dt.timedelta(days=settings.review_max_age_days)
    for page in raw.pages.values():
        reviewed = page.meta.reviewed
        line = raw.page_docs[page.id].line(["reviewed"])
        if today - reviewed > limit:
            problems.warning(page.file, line, "reviewed",
                             f"last reviewed {reviewed.isoformat()}, more than {settings.review_max_age_days} "
                             "days ago: please review the page and update the date", code="CONTENT-W004")
        elif reviewed > today:
            problems.warning(page.file, line, "reviewed", f"date {reviewed.isoformat()} is in the future",
                             code="CONTENT-W005")


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
                problems.error(page.file, None, "", problem, code="CONTENT-E029")
            if visible_length(message) > MESSAGE_LIMIT:
                problems.error(page.file, None, "",
                               f"a single paragraph is longer than Telegram's {MESSAGE_LIMIT} characters "
                               f"(message {i + 1}): split it into shorter paragraphs", code="CONTENT-E030")
        if len(rendered.messages) > 1:
            problems.info(page.file, None, "",
                          f"longer than one Telegram message: sent as {len(rendered.messages)} messages",
                          code="CONTENT-I001")
        buttons = len(rendered.links) + len(rendered.actions)
        if buttons > BUTTONS_PER_PAGE_WARNING:
            problems.warning(page.file, None, "links", f"{buttons} buttons is too many for a phone screen "
                             f"(keep it to {BUTTONS_PER_PAGE_WARNING} or fewer)", code="CONTENT-W006")
        if rendered.image and visible_length(f"{rendered.title}\n{rendered.caption}") > CAPTION_LIMIT:
            problems.error(page.file, None, "title", f"a picture caption holds at most {CAPTION_LIMIT} characters",
                           code="CONTENT-E031")
        for target in (*rendered.links, page_id):
            try:
                OpenPage(target).pack()
            except ValueError as exc:
                problems.error(page.file, None, "links", str(exc), code="CONTENT-E032")
    for text in raw.texts:
        html = raw.rendered_texts.get(text.key)
        if html is None:
            continue
        for problem in html_problems(html):
            problems.error(text.file, text.line, text.key, problem, code="CONTENT-E033")
        if visible_length(html) > MESSAGE_LIMIT:
            problems.error(text.file, text.line, text.key,
                           f"longer than Telegram's {MESSAGE_LIMIT} characters: shorten it", code="CONTENT-E034")
    for (notice_id, _treatment), html in raw.rendered_notices.items():
        for problem in html_problems(html):
            problems.error(raw.display("notices", f"{notice_id}.md"), None, "", problem, code="CONTENT-E035")
        if "<blockquote" in html:
            problems.error(raw.display("notices", f"{notice_id}.md"), None, "",
                           "a notice is already shown as a folded quote: remove the '>' quote marks",
                           code="CONTENT-E036")


# --- claims lint ------------------------------------------------------------------------------------------------

CLAIM_FOUND = "「{found}」 ({word})"
"""How a claims finding names what it found: the text as written, then the listed word it matched."""
_CLAIM_FOUND = re.compile(r"^「(.+?)」 \((.+)\)$")


def claimed_text(found: str) -> str | None:
    """The text a claims finding marks (``found`` of its problem), or None for any other problem."""
    match = _CLAIM_FOUND.match(found)
    return match.group(1) if match else None


_REWORD = ("言い換えてください。", "Reword it")


def _entry_name(finding: Finding, category_label: str, lang: str) -> str:
    """The list entry a finding matched, as staff read it: never a regular expression (a bare regex is named by
    its category), and a claim's shape in the staff's language."""
    if not finding.label:
        return category_label
    return NAMES_JA.get(finding.label, finding.label) if lang == "ja" else finding.label


def _check_claims(raw: RawLanguage, lint: ClaimsLint, problems: Problems) -> None:
    """Every string a patient can read: page text and titles, buttons, captions, menu, FAQ, notices, intake."""
    own = raw.model("claims.yaml", Claims)
    if own is None:
        return

    def lint_unit(file: str, raw_text: str, first_line: int | None, visible: str, where: str,
                  allowed: list[LintAllowance]) -> None:
        allowed_words = {a.word for a in allowed}
        for finding in lint.findings(visible):
            if allowed_words & {finding.word, finding.label, finding.found}:
                continue
            # said in the staff's language: the category as this language's claims.yaml words it
            category = own.categories.get(finding.category)
            why = category.why if category else finding.why
            advice = category.fix if category and category.fix else _REWORD[raw.lang == "en"]
            if raw.lang == "en":
                advice = advice.rstrip(".")
            label = category.label if category and category.label else finding.category
            said = say(file, "claim", category=label, why=why.rstrip("。."),
                       rule=(category.rule if category else finding.rule) or finding.category, advice=advice)
            expected = category.expected if category and category.expected else said.expected
            line = line_of(finding.found, raw_text, first_line or 1) or first_line
            problems.error(file, line, where, said.message,
                           found=CLAIM_FOUND.format(found=finding.found, word=_entry_name(finding, label, raw.lang)),
                           expected=expected,
                           fix=said.fix, code="CONTENT-E037")

    for page in raw.pages.values():
        rendered = raw.rendered.get(page.id)
        if rendered is None:
            continue
        allowed = list(page.meta.lint_allow)
        doc = raw.page_docs[page.id]
        body = [rendered.messages, *rendered.more]
        page_text = visible_text("\n".join(m for part in body for m in part))
        lint_unit(page.file, page.body, page.body_line, page_text, "", allowed)
        for name in ("title", "button", "image_caption"):
            value = getattr(page.meta, name)
            if value:
                lint_unit(page.file, value, doc.line([name]), value, name, allowed)
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
    for file, path, label in _labels(raw):
        doc = raw.docs[file]
        lint_unit(raw.display(file), label, doc.line(path), label, format_path(path),
                  allowances.get(raw.display(file), []))


def _labels(raw: RawLanguage) -> list[tuple[str, list[str | int], str]]:
    """Button labels and short texts written in YAML files (file, path, text)."""
    out: list[tuple[str, list[str | int], str]] = []
    menu = raw.model("menu.yaml", Menu)
    if menu:
        out.extend(("menu.yaml", ["items", i, "label"], item.label) for i, item in enumerate(menu.items) if item.label)
    intake = raw.model("intake.yaml", Intake)
    if intake:
        out.extend(("intake.yaml", [name], getattr(intake, name)) for name in ("start", "submit"))
        out.extend(("intake.yaml", ["consent", name], getattr(intake.consent, name)) for name in ("agree", "decline"))
        for i, question in enumerate(intake.questions):
            out.append(("intake.yaml", ["questions", i, "label"], question.label))
            out.extend(("intake.yaml", ["questions", i, "choices", j, "label"], choice.label)
                       for j, choice in enumerate(question.choices))
    return out


# --- what a phone shows: literal marks, length, menu size ---------------------------------------------------

MENU_BUTTONS_MAX = 8


def _check_literal_markup(raw: RawLanguage, problems: Problems) -> None:
    """A ``**`` or ``_`` that did not become bold or italic would reach the patient as it is."""

    def report(file: str, line: int | None, where: str, html: str) -> None:
        for snippet in literal_markup(html):
            mark = next((m for m in ("**", "__", "*", "_", "＊", "＿") if m in snippet), "*")
            said = say(file, "literal_markup", mark=mark)
            problems.error(file, line, where, said.message, **said.parts(f"…{snippet}…"), code="CONTENT-E038")

    for page in raw.pages.values():
        rendered = raw.rendered.get(page.id)
        if rendered is not None:
            for message in (*rendered.messages, *(m for part in rendered.more for m in part)):
                report(page.file, None, "", message)
    for text in raw.texts:
        html = raw.rendered_texts.get(text.key)
        if html is not None:
            report(text.file, text.line, text.key, html)
    for (notice_id, _treatment), html in raw.rendered_notices.items():
        report(raw.display("notices", f"{notice_id}.md"), None, "", html)


UNSPLIT_PAGES = {"crisis_help"}
"""Crisis help is shown whole, at once: a hotline must never wait behind a "More" button."""


def _check_budget(raw: RawLanguage, settings: Settings, problems: Problems) -> None:
    budget = settings.message_budget
    for page_id, lengths in raw.part_lengths.items():
        page = raw.pages[page_id]
        if page_id in UNSPLIT_PAGES:
            continue
        for i, length in enumerate(lengths):
            if length > budget:
                said = say(page.file, "budget", length=length, budget=budget)
                where = "" if len(lengths) == 1 else f"part {i + 1}"
                problems.warning(page.file, None, where, said.message, **said.parts(f"{length}"), code="CONTENT-W007")
    for text in raw.texts:
        if not text.key.startswith("faq."):
            continue
        html = raw.rendered_texts.get(text.key)
        if html is not None and visible_length(html) > budget:
            said = say(text.file, "budget", length=visible_length(html), budget=budget)
            problems.warning(text.file, text.line, text.key, said.message, **said.parts(str(visible_length(html))),
                             code="CONTENT-W008")


def _check_menu_size(raw: RawLanguage, problems: Problems) -> None:
    menu = raw.model("menu.yaml", Menu)
    if menu and len(menu.items) > MENU_BUTTONS_MAX:
        file = raw.display("menu.yaml")
        message = (f"メインメニューのボタンが{len(menu.items)}個あります。"
                   f"スマートフォンでは{MENU_BUTTONS_MAX}個までにしてください" if raw.lang == "ja" else
                   f"the main menu has {len(menu.items)} buttons: keep it to {MENU_BUTTONS_MAX} on a phone")
        fix = ("関連するページは、まとめのページの links: に移してください" if raw.lang == "ja"
               else "move related pages into the links: of one overview page")
        problems.warning(file, raw.docs["menu.yaml"].line(["items"]), "items", message, found=str(len(menu.items)),
                         expected=f"<= {MENU_BUTTONS_MAX}", fix=fix, code="CONTENT-W009")


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
                                   f"differs from {a.file}: {vb!r} here, {va!r} there (both languages must match)",
                                   code="CONTENT-E040")
            pa, pb = set(_PLACEHOLDER.findall(a.body)), set(_PLACEHOLDER.findall(b.body))
            for missing in sorted(pa - pb):
                problems.warning(b.file, None, "", f"{a.file} uses {{{{ {missing} }}}} but this page does not",
                                 code="CONTENT-W010")
            for missing in sorted(pb - pa):
                problems.warning(a.file, None, "", f"{b.file} uses {{{{ {missing} }}}} but this page does not",
                                 code="CONTENT-W011")
        _compare_menu(first, other, problems)
        _compare_faq(first, other, problems)


def _compare_sets(a: RawLanguage, b: RawLanguage, ids_a: set[str], ids_b: set[str], folder: str, suffix: str,
                  problems: Problems) -> None:
    for missing in sorted(ids_a - ids_b):
        problems.error(b.display(folder, missing + suffix), None, "",
                       f"file is missing: {a.display(folder, missing + suffix)} exists in '{a.lang}'",
                       code="CONTENT-E041")
    for missing in sorted(ids_b - ids_a):
        problems.error(a.display(folder, missing + suffix), None, "",
                       f"file is missing: {b.display(folder, missing + suffix)} exists in '{b.lang}'",
                       code="CONTENT-E042")


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
                       f"[{show(items_a)}] there (both languages must match)", code="CONTENT-E043")


def _compare_faq(a: RawLanguage, b: RawLanguage, problems: Problems) -> None:
    faq_a, faq_b = a.model("faq.yaml", Faq), b.model("faq.yaml", Faq)
    if not faq_a or not faq_b:
        return
    entries_a = {e.id: e for e in faq_a.entries}
    entries_b = {e.id: e for e in faq_b.entries}
    for missing in sorted(set(entries_a) - set(entries_b)):
        problems.error(b.display("faq.yaml"), None, "entries",
                       f"no entry '{missing}' (it exists in {a.display('faq.yaml')})", code="CONTENT-E044")
    for missing in sorted(set(entries_b) - set(entries_a)):
        problems.error(a.display("faq.yaml"), None, "entries",
                       f"no entry '{missing}' (it exists in {b.display('faq.yaml')})", code="CONTENT-E045")
    for entry_id in sorted(set(entries_a) & set(entries_b)):
        ea, eb = entries_a[entry_id], entries_b[entry_id]
        for name in ("page", "action"):
            if getattr(ea, name) != getattr(eb, name):
                problems.error(b.display("faq.yaml"), None, f"entries[{entry_id}].{name}",
                               f"differs from {a.display('faq.yaml')}: {getattr(eb, name)!r} here, "
                               f"{getattr(ea, name)!r} there", code="CONTENT-E046")


# --- checks owned by the domain packages ------------------------------------------------------------------------
# Each package registers its checks in ``bot.content.registry`` when its check module is imported; these are the
# packages that read content.

from bot.intake import check as _intake_check  # noqa: E402, F401
from bot.safety import check as _safety_check  # noqa: E402, F401
from bot.search import check as _search_check  # noqa: E402, F401
