"""Leads as a CSV file staff open in Excel: UTF-8 with a BOM (so Excel reads Japanese), CRLF line ends.

One row per lead: number, time received (Japan time), status, flags, language, consent version, erasure, then
one column per question. Questions are matched by id, so Japanese and English applications share a column; its
heading is the label in the export's language when any lead has it. Erased (withdrawn or expired) leads keep
their row with the answer columns empty.

Cells a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading apostrophe: the text
comes from patients, and "CSV injection" is a real way to attack whoever opens the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from bot.leads.card import status_label
from bot.leads.model import Flag, Lead
from bot.storage.audit import RETENTION

_HEADERS = {
    "ja": ("申込番号", "受付日時（日本時間）", "状態", "注意", "言語", "同意の版", "個人情報の削除"),
    "en": ("Application", "Received (Japan time)", "Status", "Flags", "Language", "Consent version", "Erased"),
}
_FLAGS: dict[Flag, dict[str, str]] = {
    "crisis": {"ja": "危機的な言葉あり", "en": "crisis words"},
    "screening": {"ja": "安全確認で「はい」", "en": "safety check yes"},
    "minor": {"ja": "未成年", "en": "minor"},
    "guardian": {"ja": "保護者からの申込", "en": "applied by guardian"},
}
_ERASED = {
    "ja": {"user": "本人の依頼", "retention": "保存期間の経過"},
    "en": {"user": "at the applicant's request", "retention": "retention period ended"},
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_csv(rows: Iterable[Lead], lang: str = "ja", tz: str = "Asia/Tokyo") -> bytes:
    lang = "ja" if lang == "ja" else "en"
    leads = list(rows)
    columns = _answer_columns(leads, lang)
    zone = ZoneInfo(tz)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*_HEADERS[lang], *(heading for _, heading in columns)])
    for lead in leads:
        erased = ""
        if lead.erased_at is not None:
            erased = _ERASED[lang]["retention" if lead.erased_reason == RETENTION else "user"]
        fixed = [
            lead.ref,
            lead.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            status_label(lead.status, lang),
            "; ".join(_FLAGS[flag][lang] for flag in lead.flags),
            lead.lang,
            lead.consent.version,
            erased,
        ]
        answers = [lead.answers[qid]["value"] if qid in lead.answers else "" for qid, _ in columns]
        writer.writerow([_safe_cell(cell) for cell in (*fixed, *answers)])
    return buffer.getvalue().encode("utf-8-sig")


def _answer_columns(leads: list[Lead], lang: str) -> list[tuple[str, str]]:
    """(question id, heading) in order of first appearance; headings made unique."""
    headings: dict[str, str] = {}
    preferred: set[str] = set()
    for lead in leads:
        for qid, answer in lead.answers.items():
            if qid not in headings or (lead.lang == lang and qid not in preferred):
                headings[qid] = answer["label"]
                if lead.lang == lang:
                    preferred.add(qid)
    seen: dict[str, int] = {}
    for heading in headings.values():
        seen[heading] = seen.get(heading, 0) + 1
    return [(qid, f"{heading} ({qid})" if seen[heading] > 1 else heading) for qid, heading in headings.items()]


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
