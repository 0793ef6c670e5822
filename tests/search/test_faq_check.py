"""faq.yaml's treatment field checked against the page each entry links to (bot.search.check)."""

from __future__ import annotations

from bot.content.problems import Problems
from bot.content.schema import Faq
from bot.content.yamldoc import parse_yaml
from bot.search.check import check_faq_treatments

FAQ = """entries:
  - id: exo_status
    treatment: tms
    page: exosome_status
    questions: [承認されていますか]
    answer: 研究段階です。
  - id: costs
    treatment: exosome
    page: costs
    questions: [いくら]
    answer: 自由診療です。
"""


def test_an_entry_whose_treatment_disagrees_with_its_page_is_warned_about() -> None:
    problems = Problems()
    doc = parse_yaml(FAQ, "content/ja/faq.yaml", problems)
    assert doc is not None
    check_faq_treatments(Faq(**doc.data), {"exosome_status": "exosome", "costs": None}, doc, problems)
    assert [str(p) for p in problems] == [
        "content/ja/faq.yaml:3: entries[0].treatment: 'tms' here, but its page 'exosome_status' is about 'exosome': "
        "set the treatment the answer is about (tms, exosome, combined) or leave it out"]
