from __future__ import annotations

from datetime import timedelta
from typing import get_args

from bot.leads.card import (
    CARD_LIMIT,
    STATUS_BUTTONS,
    STATUSES,
    flag_lines,
    format_card,
    format_notice,
    visible_length,
)
from bot.leads.model import APPLICANT, Consent, CrisisNote, Status
from bot.leads.store import LeadStore
from tests.leads.conftest import T0, submit

CALL_LEAD: dict[str, dict[str, object]] = {
    "applicant": {"label": "お申し込みの方", "value": "保護者の方（お子さんについて）", "section": "お申し込みについて",
                  "flag": "guardian"},
    "age": {"label": "ご本人の年齢", "value": "15〜17歳", "section": "お申し込みについて", "flag": "minor"},
    "interest": {"label": "ご興味のある治療", "value": "TMS治療", "section": "お申し込みについて"},
    "depression": {"label": "うつ病の診断", "value": "診断を受けている", "section": "体調とこれまでの治療",
                   "health": True},
    "seizure": {"label": "てんかん・けいれん", "value": "わからない", "section": "安全確認", "health": True,
                "flag": "screening"},
    "implant": {"label": "ペースメーカー・埋め込み機器", "value": "いいえ", "section": "安全確認", "health": True},
    "guardian_name": {"label": "保護者の方のお名前", "value": "佐藤 恵子", "section": "ご連絡先"},
    "guardian_kana": {"label": "保護者の方のお名前（ふりがな）", "value": "さとう けいこ", "section": "ご連絡先"},
    "patient_name": {"label": "お子さんのお名前", "value": "佐藤 陽太", "section": "ご連絡先"},
    "contact_method": {"label": "ご連絡の方法", "value": "電話", "section": "ご連絡先"},
    "phone": {"label": "電話番号", "value": "090-1234-5678", "section": "ご連絡先"},
    "call_times": {"label": "お電話の希望の時間帯", "value": "平日の夕方（17時以降）", "section": "ご連絡先"},
    "discreet": {"label": "お電話の際のご配慮", "value": "留守番電話にメッセージを残さないでほしい",
                 "section": "ご連絡先"},
    "notes": {"label": "そのほかのご連絡事項", "value": "夕方以降が助かります", "section": "ご連絡先"},
}


def test_the_card_reads_as_a_call_sheet_then_flags_answers_history_and_versions(store: LeadStore) -> None:
    lead = store.submit("k", user_id=5001, chat_id=5001, lang="ja", answers=CALL_LEAD,
                        flags=("minor", "screening", "guardian"), consent=Consent("2026-11", "ja", T0),
                        intake_version="2026-11-27", now=T0, username="keiko_s", display_name="Keiko")
    store.set_status(lead.id, "contacted", "山田", T0 + timedelta(minutes=3))
    card = format_card(store.require(lead.id))
    assert card == "\n".join(
        [
            "<b>モニター申込 A-000001</b>",
            "状態: <b>連絡済み</b>",
            "保護者の方のお名前: 佐藤 恵子（さとう けいこ）",
            "お子さんのお名前: 佐藤 陽太",
            "電話番号: 090-1234-5678",
            "お電話の希望の時間帯: 平日の夕方（17時以降）",
            "お電話の際のご配慮: 留守番電話にメッセージを残さないでほしい",
            "ご連絡の方法: 電話",
            'Telegram: <a href="tg://user?id=5001">Keiko</a> · @keiko_s · ID 5001',
            "↩️ このカードに返信すると、ご本人にクリニックからのメッセージとして届きます"
            "（/reply A-000001 本文 でも送れます）。",
            "お申し込みの方: 保護者の方（お子さんについて）",
            "ご本人の年齢: 15〜17歳",
            "",
            "⚠️ 安全確認に医師の確認が必要な回答あり（てんかん・けいれん: わからない）",
            "⚠️ 未成年（18歳未満）（ご本人の年齢: 15〜17歳）",
            "👪 保護者からの申込（お申し込みの方: 保護者の方（お子さんについて））",
            "",
            "<b>体調とこれまでの治療</b>",
            "うつ病の診断: 診断を受けている",
            "",
            "<b>安全確認</b>",
            "てんかん・けいれん: わからない",
            "ペースメーカー・埋め込み機器: いいえ",
            "",
            "<b>お申し込みについて</b>",
            "ご興味のある治療: TMS治療",
            "",
            "<b>ご連絡先</b>",
            "そのほかのご連絡事項: 夕方以降が助かります",
            "",
            "<b>対応履歴</b>",
            "連絡済み — 山田 — 11月27日 14:03",
            "",
            "<i>受付: 2025年11月27日 14:00 · 言語: 日本語 · 同意: 版 2026-11（2025年11月27日 14:00） · "
            "質問票: 2026-11-27</i>",
        ]
    )
    assert "「はい」" not in card


def test_the_crisis_flag_says_when_where_and_what_the_bot_answered(store: LeadStore) -> None:
    notes = (CrisisNote(T0 - timedelta(days=2), "definite", "chat"),
             CrisisNote(T0 - timedelta(minutes=9), "check_in", "answer", "今のお困りごと"))
    lead = store.submit("sub-crisis", user_id=1001, chat_id=1001, lang="ja", answers={}, flags=("crisis",),
                        consent=Consent(version="2025-11", lang="ja", time=T0), intake_version="monitor-3",
                        crisis=notes, now=T0)
    lines = format_card(store.require(lead.id)).splitlines()
    flag = lines.index("🆘 危機対応の返信あり（申込前30日以内）")
    assert lines[flag + 1:flag + 3] == ["　・11月25日 14:00 チャットで：危機対応の返信",
                                        "　・11月27日 13:51 申込の回答「今のお困りごと」で：確認の質問"]
    assert flag_lines(store.require(lead.id), "ja")[0] == "🆘 危機対応の返信あり（申込前30日以内）"
    english = format_card(store.require(lead.id), "en").splitlines()
    assert "  • Nov 25, 14:00, in the chat: crisis reply" in english


def test_erasing_a_lead_erases_its_crisis_context(store: LeadStore) -> None:
    lead = store.submit("sub-crisis", user_id=1001, chat_id=1001, lang="ja", answers={}, flags=("crisis",),
                        consent=Consent(version="2025-11", lang="ja", time=T0), intake_version="monitor-3",
                        crisis=(CrisisNote(T0, "definite", "chat"),), now=T0)
    store.withdraw_for_user(1001, T0 + timedelta(days=1))
    assert store.require(lead.id).crisis == ()


def test_relayed_messages_are_listed_newest_last(store: LeadStore) -> None:
    lead = submit(store)
    store.relay.record(lead.id, "to_applicant", "山田", "明日お電話してもよろしいですか？", T0, staff_message_id=50)
    store.relay.record(lead.id, "from_applicant", APPLICANT, "はい、午後なら大丈夫です" * 10, T0 + timedelta(minutes=5))
    card = format_card(store.require(lead.id))
    assert ("<b>メッセージ</b>\n→ ご本人へ（山田） 11月27日 14:00: 明日お電話してもよろしいですか？\n"
            "← ご本人から 11月27日 14:05: ") in card
    assert "はい、午後なら大丈夫です" * 3 in card and "…" in card
    assert store.relay.lead_for_staff_message(50) == lead.id


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
    assert "<i>※ 長い回答は一部を省略しています。全文はCSV出力で確認できます。</i>" in card


def test_an_erased_lead_shows_why_and_nothing_personal(store: LeadStore) -> None:
    lead = submit(store, flags=("guardian",))
    store.withdraw_for_user(1001, T0 + timedelta(hours=1))
    card = format_card(store.require(lead.id))
    assert "\n👪 保護者からの申込\n" in card
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
    assert "予約済み — 山田 — 11月27日 14:13\n\n<i>受付" in card


def test_statuses_and_notices() -> None:
    assert [s.id for s in STATUSES] == list(get_args(Status))
    assert [s.label("ja") for s in STATUS_BUTTONS] == ["新規", "連絡済み", "予約済み", "対象外", "対応終了"]
    assert [s.label("en") for s in STATUS_BUTTONS] == ["New", "Contacted", "Booked", "Not suitable", "Closed"]
    assert format_notice(123, "withdrawn") == (
        "申込 A-000123 は本人の依頼で取り下げられ、個人情報を削除しました。"
        "カードの内容を消去し、ご本人とのやりとり（お返事とスタッフからのメッセージ）も削除しています。"
        "ボットが削除できなかったメッセージには、その旨を書き添えています。"
        "カードから書き写したメモなどがあれば、あわせて削除してください。"
    )
    assert format_notice(123, "withdrawn", "en").startswith("Application A-000123 was withdrawn")
