from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.leads.export import export_csv
from bot.leads.store import LeadStore
from tests.leads.conftest import T0, submit


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_excel_gets_a_bom_a_header_and_japanese(store: LeadStore) -> None:
    submit(store, flags=("minor", "crisis"))
    data = export_csv(store.export_rows(), "ja")
    assert data.startswith(b"\xef\xbb\xbf")
    assert "山田花子".encode() in data and b"\r\n" in data
    header, row = read(data)
    assert header == [
        "申込番号", "受付日時（日本時間）", "状態", "注意", "言語", "同意の版", "個人情報の削除",
        "お名前", "電話番号", "メール", "今のお困りごと",
    ]
    assert row == [
        "A-000001", "2025-11-27 14:00", "新規", "危機的な言葉あり; 未成年", "ja", "2025-11", "",
        "山田花子", "090-1234-5678", "hanako@example.jp", "眠れない日が続いています",
    ]


def test_questions_share_a_column_across_languages_and_erased_leads_are_empty(store: LeadStore) -> None:
    submit(store, "en", user_id=1, lang="en", answers={
        "name": {"label": "Name", "value": "Hana"}, "extra": {"label": "Anything else", "value": "-"},
    })
    submit(store, "ja", user_id=2, answers={"name": {"label": "お名前", "value": "花子"}})
    submit(store, "gone", user_id=3, answers={"name": {"label": "お名前", "value": "太郎"}})
    store.withdraw_for_user(3, T0 + timedelta(days=1))
    header, *rows = read(export_csv(store.export_rows(), "ja"))
    assert header[7:] == ["お名前", "Anything else"]
    assert [row[7:] for row in rows] == [["Hana", "'-"], ["花子", ""], ["", ""]]
    assert [row[2] for row in rows] == ["新規", "新規", "取り下げ（本人の依頼）"]
    assert [row[6] for row in rows] == ["", "", "本人の依頼"]
    english_header = read(export_csv(store.export_rows(), "en"))[0]
    assert english_header[:3] == ["Application", "Received (Japan time)", "Status"]
    assert english_header[7:] == ["Name", "Anything else"]


def test_formulas_typed_by_patients_do_not_run_in_excel(store: LeadStore) -> None:
    submit(store, answers={
        "a": {"label": "A", "value": '=HYPERLINK("http://evil","x")'},
        "b": {"label": "B", "value": "+81 90 1234 5678"},
        "c": {"label": "C", "value": "@SUM(1)"},
        "d": {"label": "D", "value": "普通の回答"},
    })
    row = read(export_csv(store.export_rows(), "ja"))[1]
    assert row[7:] == ["'=HYPERLINK(\"http://evil\",\"x\")", "'+81 90 1234 5678", "'@SUM(1)", "普通の回答"]


def test_an_empty_export_still_has_its_header(store: LeadStore) -> None:
    assert read(export_csv([], "ja")) == [
        ["申込番号", "受付日時（日本時間）", "状態", "注意", "言語", "同意の版", "個人情報の削除"]
    ]
