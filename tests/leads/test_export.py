from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from bot.leads.export import COLUMNS, QuestionColumn, export_csv
from bot.leads.model import APPLICANT, Consent, CrisisNote
from bot.leads.store import LeadStore
from tests.leads.conftest import T0, submit

QUESTIONS = [
    QuestionColumn("symptoms", "今のお困りごと", "体調", True),
    QuestionColumn("name", "お名前", "ご連絡先"),
    QuestionColumn("phone", "電話番号", "ご連絡先"),
    QuestionColumn("email", "メール", "ご連絡先"),
]
FIXED_JA = {
    "before": ["申込番号", "受付日時（日本時間）", "状態"],
    "reach": ["TelegramユーザーID", "Telegramユーザー名（@なし）", "Telegramリンク", "注意"],
    "after": ["そのほかの回答（今の質問票にない質問）", "メッセージ", "言語", "同意の版", "質問票の版",
              "個人情報の削除"],
}


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_excel_gets_a_bom_and_the_columns_in_the_cards_order(store: LeadStore) -> None:
    lead = store.submit("k", user_id=5001, chat_id=5001, lang="ja", flags=("minor", "crisis"),
                        answers={"name": {"label": "お名前", "value": "山田花子"},
                                 "phone": {"label": "電話番号", "value": "090-1234-5678"},
                                 "email": {"label": "メール", "value": "hanako@example.jp"},
                                 "symptoms": {"label": "今のお困りごと", "value": "眠れない日が続いています"}},
                        consent=Consent("2025-11", "ja", T0), intake_version="monitor-3", now=T0,
                        username="hanako")
    store.relay.record(lead.id, "to_applicant", "山田", "お電話します", T0 + timedelta(minutes=1))
    store.relay.record(lead.id, "from_applicant", APPLICANT, "お願いします", T0 + timedelta(minutes=2))
    data = export_csv(store.export_rows(), QUESTIONS, "ja")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    header, row = read(data)
    assert header == [*FIXED_JA["before"], "お名前", "電話番号", "メール", *FIXED_JA["reach"], "今のお困りごと",
                      *FIXED_JA["after"]]
    assert row == [
        "A-000001", "2025-11-27 14:00", "新規", "山田花子", "090-1234-5678", "hanako@example.jp",
        "5001", "hanako", "https://t.me/hanako", "危機対応の返信あり（申込前30日以内）; 未成年（18歳未満）",
        "眠れない日が続いています", "",
        "2025-11-27 14:01 → ご本人へ (山田): お電話します\n2025-11-27 14:02 ← ご本人から: お願いします",
        "ja", "2025-11", "monitor-3", "",
    ]


def test_two_exports_on_different_days_have_the_same_columns(store: LeadStore) -> None:
    """The columns come from the questionnaire, not from the leads of the period (the name was column 28 once)."""
    submit(store, "a", user_id=1, answers={"email": {"label": "メール", "value": "a@example.jp"}}, at=T0)
    submit(store, "b", user_id=2, answers={"name": {"label": "お名前", "value": "花子"},
                                           "symptoms": {"label": "今のお困りごと", "value": "不眠"}},
           at=T0 + timedelta(days=1))
    monday = read(export_csv(store.export_rows(date(2025, 11, 27), date(2025, 11, 27)), QUESTIONS, "ja"))
    tuesday = read(export_csv(store.export_rows(date(2025, 11, 28), date(2025, 11, 28)), QUESTIONS, "ja"))
    empty = read(export_csv([], QUESTIONS, "ja"))
    assert monday[0] == tuesday[0] == empty[0]
    assert len(monday) == len(tuesday) == 2
    name = monday[0].index("お名前")
    assert (monday[1][name], tuesday[1][name]) == ("", "花子")
    assert len(COLUMNS) - 3 + len(QUESTIONS) == len(monday[0])  # three placeholders for the questions


def test_questions_share_a_column_across_languages_and_erased_leads_are_empty(store: LeadStore) -> None:
    submit(store, "en", user_id=1, lang="en", answers={
        "name": {"label": "Name", "value": "Hana"}, "extra": {"label": "Anything else", "value": "-"},
    })
    submit(store, "ja", user_id=2, answers={"name": {"label": "お名前", "value": "花子"}})
    submit(store, "gone", user_id=3, answers={"name": {"label": "お名前", "value": "太郎"}})
    store.withdraw_for_user(3, T0 + timedelta(days=1))
    header, *rows = read(export_csv(store.export_rows(), QUESTIONS, "ja"))
    name, other, status = header.index("お名前"), header.index(FIXED_JA["after"][0]), header.index("状態")
    assert [row[name] for row in rows] == ["Hana", "花子", ""]
    assert [row[other] for row in rows] == ["Anything else: -", "", ""]  # a question no longer asked: kept
    assert [row[status] for row in rows] == ["新規", "新規", "取り下げ（本人の依頼）"]
    assert [row[-1] for row in rows] == ["", "", "本人の依頼"]
    assert [row[header.index("TelegramユーザーID")] for row in rows] == ["1", "2", ""]
    english = [QuestionColumn("name", "Name")]
    english_header = read(export_csv(store.export_rows(), english, "en"))[0]
    assert english_header[:4] == ["Application", "Received (Japan time)", "Status", "Name"]


def test_formulas_typed_by_patients_do_not_run_in_excel(store: LeadStore) -> None:
    submit(store, answers={
        "name": {"label": "お名前", "value": '=HYPERLINK("http://evil","x")'},
        "phone": {"label": "電話番号", "value": "+81 90 1234 5678"},
        "email": {"label": "メール", "value": "@SUM(1)"},
        "symptoms": {"label": "今のお困りごと", "value": "普通の回答"},
    })
    header, row = read(export_csv(store.export_rows(), QUESTIONS, "ja"))
    cells = [row[header.index(h)] for h in ("お名前", "電話番号", "メール", "今のお困りごと")]
    assert cells == ["'=HYPERLINK(\"http://evil\",\"x\")", "'+81 90 1234 5678", "'@SUM(1)", "普通の回答"]


def test_an_empty_export_still_has_its_header() -> None:
    assert read(export_csv([], [], "ja")) == [[*FIXED_JA["before"], *FIXED_JA["reach"], *FIXED_JA["after"]]]


def test_the_crisis_flag_carries_its_context_in_the_csv(store: LeadStore) -> None:
    store.submit("c", user_id=1, chat_id=1, lang="ja", answers={}, flags=("crisis",),
                 consent=Consent("2025-11", "ja", T0), intake_version="v", now=T0,
                 crisis=(CrisisNote(T0 - timedelta(days=2), "definite", "chat"),))
    header, row = read(export_csv(store.export_rows(), QUESTIONS, "ja"))
    assert row[header.index("注意")] == ("危機対応の返信あり（申込前30日以内）"
                                        "（11月25日 14:00 チャットで：危機対応の返信）")
