"""A wish to apply, book or be contacted (bot.search.intent) starts the application; a question about it does not."""

from __future__ import annotations

import pytest

from bot.search import FaqIndex
from bot.search.intent import wants_to_apply

WISHES = [
    "I'd like to book a consultation",
    "Please have someone call me",
    "Can the clinic contact me?",
    "I want to apply for the monitor programme",
    "sign me up please",
    "apply",
    "クリニックから連絡がほしいです",
    "モニター募集に応募します",
    "申し込みたいんですが、どうすればいいですか",
    "診察を受けてみたいので連絡ください",
    "予約したいです",
    "もにたー おうぼしたい",
]
QUESTIONS = [
    "Does applying mean my treatment is booked?",
    "How do I book an appointment?",
    "do I need a referral letter",
    "please tell me about side effects",
    "I want to know the cost",
    "応募したらもう予約は確定ですか？",
    "予約はどうやって取りますか",
    "電話番号を教えてください",
    "クリニックに電話したい",
    "電話で診察してもらえますか",
    "登録を削除してほしい",
    "モニターを辞退したい",
    "診察の予約をしたい場合はどうすれば",
    "I want to withdraw from the monitor programme",
    "応募したいです。応募したら予約は確定ですか？",
    "I want to apply. If I apply, is my treatment booked?",
    "副作用について教えてください",
]


@pytest.mark.parametrize("text", WISHES)
def test_a_wish_to_apply_book_or_be_contacted_is_recognised(text: str) -> None:
    assert wants_to_apply(text)


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_about_the_process_or_another_topic_is_not_a_wish(text: str) -> None:
    assert not wants_to_apply(text)


@pytest.mark.parametrize("text", ["I'd like to book a consultation", "クリニックから連絡がほしいです"])
def test_the_wish_is_answered_with_the_entry_that_starts_the_application(index: FaqIndex, text: str) -> None:
    found = index.match(text)
    assert found.status == "answer"
    assert found.entry_id is not None and index.entry(found.lang, found.entry_id).action == "apply"


@pytest.mark.parametrize("text", ["I'd like to apply. How much does it cost?", "申し込みたいです。費用はいくら？"])
def test_a_wish_with_a_question_starts_the_application_and_offers_the_answer(index: FaqIndex, text: str) -> None:
    found = index.match(text)
    assert found.entry_id is not None and index.entry(found.lang, found.entry_id).action == "apply"
    assert found.also == ("costs",)
