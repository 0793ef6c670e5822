"""Content checks that belong to matching: an FAQ entry's ``treatment`` agrees with its page's, and distress.yaml
and faq.yaml's ``wish_to_apply`` do what their examples say. Registered with the content checks."""

from __future__ import annotations

from collections.abc import Mapping

from bot.content.problems import Problems
from bot.content.raw import RawLanguage
from bot.content.registry import register
from bot.content.schema import Distress, Faq
from bot.content.yamldoc import YamlDoc
from bot.search.distress import check_distress
from bot.search.intent import check_wish


@register("faq")
def check_faq_content(raws: Mapping[str, RawLanguage], problems: Problems) -> None:
    for raw in raws.values():
        faq = raw.model("faq.yaml", Faq)
        if faq:
            check_faq_treatments(faq, {page.id: page.meta.treatment for page in raw.pages.values()},
                                 raw.docs["faq.yaml"], problems)


@register("wish_to_apply")
def check_wish_content(raws: Mapping[str, RawLanguage], problems: Problems) -> None:
    faq = {lang: raw.model("faq.yaml", Faq) for lang, raw in raws.items()}
    if all(faq.values()):
        check_wish({k: v for k, v in faq.items() if v}, {lang: raw.docs["faq.yaml"] for lang, raw in raws.items()},
                   problems)


@register("distress")
def check_distress_content(raws: Mapping[str, RawLanguage], problems: Problems) -> None:
    distress = {lang: raw.model("distress.yaml", Distress) for lang, raw in raws.items()}
    if all(distress.values()):
        check_distress({k: v for k, v in distress.items() if v},
                       {lang: raw.docs["distress.yaml"] for lang, raw in raws.items()}, problems)


def check_faq_treatments(faq: Faq, page_treatments: Mapping[str, str | None], doc: YamlDoc,
                         problems: Problems) -> None:
    """An entry about one treatment whose "read more" page is about the other one is almost always a slip: the
    matcher keeps questions about a treatment away from entries about the other, so it would hide the entry."""
    for i, entry in enumerate(faq.entries):
        page_treatment = page_treatments.get(entry.page) if entry.page else None
        if entry.treatment in (None, "combined") or page_treatment in (None, "combined"):
            continue
        if entry.treatment != page_treatment:
            problems.warning(doc.file, doc.line(["entries", i, "treatment"]), f"entries[{i}].treatment",
                             f"'{entry.treatment}' here, but its page '{entry.page}' is about '{page_treatment}': "
                             "set the treatment the answer is about (tms, exosome, combined) or leave it out",
                             code="FAQ-W001")
