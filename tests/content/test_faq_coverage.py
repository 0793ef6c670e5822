"""The shipped FAQ answers what the patient pages say and people ask: each entry added for a fact of the pages is
found first (answered, or offered first) for a question worded unlike its examples, in both languages; and the
answers keep the facts they were written for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.schema import Faq
from bot.search import FaqIndex
from bot.search.index import IndexOptions

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def faqs() -> dict[str, Faq]:
    return {lang: Faq(**yaml.safe_load((REPO / "content" / lang / "faq.yaml").read_text(encoding="utf-8")))
            for lang in ("ja", "en")}


@pytest.fixture(scope="module")
def index(faqs: dict[str, Faq]) -> FaqIndex:
    return FaqIndex.build(faqs, IndexOptions())


@pytest.mark.parametrize(("text", "entry_id"), [
    ("Could TMS be wrong for someone who needs to get better quickly?", "tms_not_suitable"),
    ("幻覚がある人はTMSを受けないほうがいいですか", "tms_not_suitable"),
    ("Before my first TMS session, what will the doctor check?", "tms_screening"),
    ("TMSを始める前の確認ってどんなことをしますか", "tms_screening"),
    ("Would the clinic put my before and after pictures in an advert?", "monitor_testimonials"),
    ("モニターの体験談って宣伝に使うんですか", "monitor_testimonials"),
    ("Do monitors get a lower price?", "monitor_cost"),
    ("モニターになると費用は安くなるの？", "monitor_cost"),
    ("If I become a monitor, can I stop halfway?", "monitor_withdraw"),
    ("モニターを途中でやめることはできますか", "monitor_withdraw"),
    ("I sent my application, what happens next?", "after_apply"),
    ("応募したら次はどうなるんですか", "after_apply"),
    ("Is Telegram a Japanese company?", "telegram_privacy"),
    ("テレグラムって日本の会社ですか", "telegram_privacy"),
])
def test_an_entry_for_a_fact_of_the_pages_is_found_first(index: FaqIndex, text: str, entry_id: str) -> None:
    found = index.match(text)
    assert found.status != "none" and found.candidates[0][0] == entry_id, found


@pytest.mark.parametrize(("text", "entry_id"), [
    ("I'd like the clinic to ring me about the monitor programme", "apply"),
    ("モニターに申し込んで、連絡をもらいたいです", "apply"),
    ("please can someone from the clinic phone me to arrange a visit", "apply"),
])
def test_wanting_to_apply_be_called_or_book_starts_the_application(index: FaqIndex, text: str, entry_id: str) -> None:
    found = index.match(text)
    assert found.status != "none" and found.candidates[0][0] == entry_id, found


@pytest.mark.parametrize(("lang", "entry_id", "fact"), [
    ("en", "exo_status", "FDA has not approved any exosome product"),
    ("ja", "exo_status", "FDAが承認したエクソソーム製品はありません"),
    ("en", "privacy", "Act on the Protection of Personal Information"),
    ("ja", "privacy", "同意なく第三者に提供することはありません"),
    ("en", "drug_free", "not a medicine-free treatment"),
    ("ja", "drug_free", "「お薬を使わない治療」ではなく"),
    ("en", "costs", "tax included"),
    ("ja", "costs", "税込"),
    ("en", "tms_not_suitable", "rapid improvement"),
    ("ja", "tms_not_suitable", "急いで症状を改善する必要がある"),
])
def test_answers_keep_the_facts_of_their_pages(faqs: dict[str, Faq], lang: str, entry_id: str, fact: str) -> None:
    entry = next(e for e in faqs[lang].entries if e.id == entry_id)
    assert fact in entry.answer
