"""The /stats summary, funnel, CSV and chart from counts (no bot needed)."""

from __future__ import annotations

import datetime as dt

from bot.stats import build_report, summary_ja, to_csv
from bot.stats.chart import WIDTH_PX, draw

DAY = "2026-12-01"
QUESTIONS = [("applicant", "申込者"), ("age", "年代"), ("interest", "関心"), ("depression", "うつ病"),
             ("duration", "期間"), ("medication", "服薬")]


def scripted_counts() -> dict[tuple[str, str, str], int]:
    counts = {(DAY, "start", ""): 10, (DAY, "page", "tms"): 6, (DAY, "page", "costs"): 2,
              (DAY, "faq_answered", "tms_pain"): 2, (DAY, "faq_unanswered", ""): 1, (DAY, "crisis", "definite"): 1,
              (DAY, "application_started", ""): 4, (DAY, "submitted", ""): 3}
    for i, (qid, _) in enumerate(QUESTIONS, 1):
        counts[(DAY, "question_reached", qid)] = 4 if i <= 5 else 3
        counts[(DAY, "question_answered", qid)] = 4 if i < 5 else 3
    return counts


def test_the_funnel_says_where_applications_stopped() -> None:
    report = build_report(scripted_counts(), dt.date(2026, 12, 1), dt.date(2026, 12, 1), QUESTIONS)
    assert [(s.name, s.reached, s.answered, s.stopped) for s in report.funnel] == [
        ("Q1", 4, 4, 0), ("Q2", 4, 4, 0), ("Q3", 4, 4, 0), ("Q4", 4, 4, 0), ("Q5", 4, 3, 1), ("Q6", 3, 3, 0)]
    assert report.worst_stop is not None and report.worst_stop.question_id == "duration"
    assert report.daily == {"start": [10], "application_started": [4], "submitted": [3]}


def test_the_summary_in_japanese() -> None:
    report = build_report(scripted_counts(), dt.date(2026, 12, 1), dt.date(2026, 12, 1), QUESTIONS)
    assert summary_ja(report, {"tms": "TMS治療とは", "costs": "費用について"}).splitlines() == [
        "<b>利用状況 12月1日（1日間）</b>",
        "開始（/start）: 10回",
        "ページ表示: 8回（多い順: TMS治療とは 6回、費用について 2回）",
        "入力された質問: 回答 2回・候補を提示 0回・回答できず 1回",
        "危機対応のメッセージ: 1回（definite 1回）",
        "申込: 開始 4件 → 送信 3件（同意せず 0件・中止 0件）",
        "途中で止まった質問: Q5「期間」で 1件（止まった合計 1件）",
        "取り下げ 0件・データ削除 0件",
        "<i>グラフ: 上は質問ごとに表示された数と回答された数、下は日ごとの開始・申込開始・送信です。"
        "人数ではなく回数で、誰が使ったかは記録していません。</i>",
    ]


def test_a_quiet_week_says_so() -> None:
    report = build_report({}, dt.date(2026, 11, 25), dt.date(2026, 12, 1), QUESTIONS)
    text = summary_ja(report, {})
    assert text.startswith("<b>利用状況 11月25日〜12月1日（7日間）</b>\n開始（/start）: 0回\nページ表示: 0回\n")
    assert "途中で止まった質問: なし" in text


def test_the_csv_has_one_row_per_day_kind_and_label() -> None:
    lines = to_csv({(DAY, "start", ""): 10, (DAY, "page", "tms"): 6}).decode("utf-8-sig").splitlines()
    assert lines == ["day,kind,label,count,meaning", "2026-12-01,page,tms,6,a page shown; label: page id",
                     "2026-12-01,start,,10,/start (also through a deep link)"]


def test_the_chart_is_a_phone_wide_png() -> None:
    report = build_report(scripted_counts(), dt.date(2026, 11, 2), dt.date(2026, 12, 1), QUESTIONS)
    png = draw(report)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width == WIDTH_PX
