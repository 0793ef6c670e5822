"""Content checks of faq.yaml that belong to matching: an entry's ``treatment`` agrees with its page's."""

from __future__ import annotations

from collections.abc import Mapping

from bot.content.problems import Problems
from bot.content.schema import Faq
from bot.content.yamldoc import YamlDoc


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
                             "set the treatment the answer is about (tms, exosome, combined) or leave it out")
