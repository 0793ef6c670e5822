"""A wish to apply, book or be contacted (bot.search.intent) starts the application; a question about it does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.search import FaqIndex
from bot.search.intent import ApplyWish
from tests.content.conftest import MINIMAL, ContentTree
from tests.shipped import shipped_content


def wants_to_apply(text: str) -> bool:
    """With the shipped content's words (the ``wish_to_apply`` blocks of content/ja|en/faq.yaml)."""
    content, _ = shipped_content()
    assert content is not None
    return ApplyWish.build({lang: c.faq for lang, c in content.languages.items()}).wants_to_apply(text)

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


def test_the_words_are_content_and_an_edit_changes_what_is_a_wish() -> None:
    content, _ = shipped_content()
    assert content is not None
    faq = {lang: c.faq for lang, c in content.languages.items()}
    assert not ApplyWish.build(faq).wants_to_apply("カウンセリングを受けたいです")
    ja = faq["ja"].wish_to_apply
    more = ja.model_copy(update={"subjects": [*ja.subjects, "カウンセリング"]})
    edited = {**faq, "ja": faq["ja"].model_copy(update={"wish_to_apply": more})}
    assert ApplyWish.build(edited).wants_to_apply("カウンセリングを受けたいです")


def test_the_checker_tries_the_examples_and_says_what_is_wrong_where_in_japanese(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "content")
    tree = ContentTree(tmp_path / "content")
    tree.replace("ja/faq.yaml", "synonyms:\n", """wish_to_apply:
  subjects: ["{申し込|申込", 予約]
  wishes: [たい, お願い]
  within: 10
  not_in_message: [したら]
  not_followed_by:
    電わ: [で]
  examples: [予約したいです, 受付をお願いしたい]
  counter_examples: [予約をお願いします, 予約したら確定ですか]
synonyms:
""")
    assert [str(p) for p in load_content(tree.root)[1] if p.code.startswith("WISH-")] == [
        "content/ja/faq.yaml:8: wish_to_apply.examples[1]: この例が、申込・予約・連絡の希望として見つかりません\n"
        "    見つかった内容: '受付をお願いしたい'\n"
        "    正しい形: 申込を始める例\n"
        "    直し方: 例で使っている言葉を subjects:・wishes:（連絡なら contacts:・contact_asks:）に加えるか、"
        "not_in_sentence:・not_in_message: から外してください。",
        "content/ja/faq.yaml:9: wish_to_apply.counter_examples[0]: 質問の例なのに、申込の希望と判定されます\n"
        "    見つかった内容: '予約をお願いします'\n"
        "    正しい形: 申込を始めない例（質問のまま）\n"
        "    直し方: 質問だとわかる言い回しを not_in_sentence:（その文だけ）か not_in_message:（メッセージ全体）に"
        "加えてください。",
        "content/ja/faq.yaml:2: wish_to_apply.subjects[0]: かっこ { } が対になっていません\n"
        "    見つかった内容: '{申し込|申込'\n"
        "    正しい形: {a|b} の形の書き分け\n"
        "    直し方: { と } を対にしてください（例: {申し込|申込}）。",
        "content/ja/faq.yaml:7: wish_to_apply.not_followed_by.電わ: この言葉は上のどのリストにもないため、"
        "ここに書いても効果がありません\n"
        "    見つかった内容: '電わ'\n"
        "    正しい形: 上のリストにある言葉\n"
        "    直し方: リストに書いてあるとおりの形で書いてください。",
    ]
