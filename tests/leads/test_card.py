from __future__ import annotations

from datetime import timedelta

from bot.leads.card import CARD_LIMIT, STATUS_BUTTONS, STATUSES, format_card, format_notice, visible_length
from bot.leads.model import STATUS_IDS, Consent, CrisisNote
from bot.leads.store import LeadStore
from tests.leads.conftest import T0, submit


def test_the_card_reads_flags_first_then_facts_answers_and_history(store: LeadStore) -> None:
    lead = submit(store, flags=("minor", "screening", "crisis"))
    store.set_status(lead.id, "contacted", "山田", T0 + timedelta(minutes=3))
    card = format_card(store.require(lead.id))
    assert card == "\n".join(
        [
            "🆘 危機対応の返信あり（申込前30日以内）",
            "⚠️ 安全確認で「はい」",
            "⚠️ 未成年（18歳未満）",
            "",
            "<b>モニター申込 A-000001</b>",
            "状態: <b>連絡済み</b>",
            "受付: 2025年11月27日 14:00",
            "言語: 日本語",
            "同意: 版 2025-11（2025年11月27日 13:56）",
            "質問票: monitor-3",
            "",
            "<b>回答</b>",
            "お名前: 山田花子",
            "電話番号: 090-1234-5678",
            "メール: hanako@example.jp",
            "今のお困りごと: 眠れない日が続いています",
            "",
            "<b>対応履歴</b>",
            "連絡済み — 山田 — 11月27日 14:03",
        ]
    )


def test_the_english_card(store: LeadStore) -> None:
    lead = submit(store, lang="en", answers={"name": {"label": "Name", "value": "Hana"}})
    card = format_card(lead, lang="en")
    assert "Received: Nov 27, 2025, 14:00" in card
    assert "Status: <b>New</b>" in card and "Language: English" in card and "Name: Hana" in card


def test_everything_a_patient_typed_is_escaped(store: LeadStore) -> None:
    lead = submit(store, answers={"note": {"label": "<b>メモ</b>", "value": "<a href='x'>&lt;</a>"}})
    store.set_status(lead.id, "booked", "<i>Bob</i>", T0)
    card = format_card(store.require(lead.id))
    assert "&lt;b&gt;メモ&lt;/b&gt;: &lt;a href='x'&gt;&amp;lt;&lt;/a&gt;" in card
    assert "予約済み — &lt;i&gt;Bob&lt;/i&gt; — 11月27日 14:00" in card


def test_long_answers_are_shortened_to_fit_and_the_card_says_so(store: LeadStore) -> None:
    answers = {
        "short": {"label": "お名前", "value": "山田花子"},
        "story": {"label": "経緯", "value": "とても長い話です。" * 600},
        "hopes": {"label": "ご希望", "value": "😀" * 1500},  # two UTF-16 units each
    }
    card = format_card(submit(store, answers=answers))
    assert visible_length(card) <= CARD_LIMIT
    assert visible_length(card) > CARD_LIMIT - 10  # as much as fits is kept
    assert "お名前: 山田花子\n" in card
    assert "経緯: とても長い話です。" in card and "…\nご希望: 😀" in card
    assert card.endswith("<i>※ 長い回答は一部を省略しています。全文はCSV出力で確認できます。</i>")


def test_an_erased_lead_shows_why_and_nothing_personal(store: LeadStore) -> None:
    lead = submit(store, flags=("guardian",))
    store.withdraw_for_user(1001, T0 + timedelta(hours=1))
    card = format_card(store.require(lead.id))
    assert card.startswith("👪 保護者からの申込\n")
    assert "状態: <b>取り下げ（本人の依頼）</b>" in card
    assert "<i>本人の依頼により、個人情報（回答・連絡先）を削除しました（2025年11月27日 15:00）。</i>" in card
    assert "取り下げ（本人の依頼） — 本人 — 11月27日 15:00" in card
    for secret in ("山田花子", "090-1234-5678", "hanako@example.jp", "お名前"):
        assert secret not in card


def test_long_histories_show_the_latest_changes(store: LeadStore) -> None:
    lead = submit(store)
    for minute in range(14):
        store.set_status(lead.id, ("contacted", "booked")[minute % 2], "山田", T0 + timedelta(minutes=minute))
    card = format_card(store.require(lead.id))
    assert "…ほか 4 件" in card
    assert card.endswith("予約済み — 山田 — 11月27日 14:13")


def test_statuses_and_notices() -> None:
    assert [s.id for s in STATUSES] == list(STATUS_IDS)
    assert [s.label("ja") for s in STATUS_BUTTONS] == ["新規", "連絡済み", "予約済み", "対象外", "対応終了"]
    assert [s.label("en") for s in STATUS_BUTTONS] == ["New", "Contacted", "Booked", "Not suitable", "Closed"]
    assert format_notice(123, "withdrawn") == (
        "申込 A-000123 は本人の依頼で取り下げられ、個人情報を削除しました。カードの内容も消去しています。"
        "カードから書き写したメモなどがあれば、あわせて削除してください。"
    )
    assert format_notice(123, "withdrawn", "en").startswith("Application A-000123 was withdrawn")


def test_the_crisis_flag_says_when_where_and_what_the_bot_answered(store: LeadStore) -> None:
    notes = (CrisisNote(T0 - timedelta(days=2), "definite", "chat"),
             CrisisNote(T0 - timedelta(minutes=9), "check_in", "answer", "今のお困りごと"))
    lead = store.submit("sub-crisis", user_id=1001, chat_id=1001, lang="ja", answers={}, flags=("crisis",),
                        consent=Consent(version="2025-11", lang="ja", time=T0), intake_version="monitor-3",
                        crisis=notes, now=T0)
    lines = format_card(store.require(lead.id)).splitlines()
    assert lines[:3] == ["🆘 危機対応の返信あり（申込前30日以内）",
                         "　・11月25日 14:00 チャットで：危機対応の返信",
                         "　・11月27日 13:51 申込の回答「今のお困りごと」で：確認の質問"]
    english = format_card(store.require(lead.id), "en").splitlines()
    assert english[1] == "  • Nov 25, 14:00, in the chat: crisis reply"


def test_erasing_a_lead_erases_its_crisis_context(store: LeadStore) -> None:
    lead = store.submit("sub-crisis", user_id=1001, chat_id=1001, lang="ja", answers={}, flags=("crisis",),
                        consent=Consent(version="2025-11", lang="ja", time=T0), intake_version="monitor-3",
                        crisis=(CrisisNote(T0, "definite", "chat"),), now=T0)
    store.withdraw_for_user(1001, T0 + timedelta(days=1))
    assert store.require(lead.id).crisis == ()
