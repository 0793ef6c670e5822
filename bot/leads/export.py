"""Leads as a CSV file staff open in Excel: UTF-8 with a BOM (so Excel reads Japanese), CRLF line ends.

The columns are fixed, so a spreadsheet built on one export reads every later one: they are ``COLUMNS`` below (in
the card's order: number, status, the call block, how to reach the applicant in Telegram, who applies, flags, the
other answers, messages, versions), with one column per question of the CURRENT questionnaire in place of
``CALL``, ``WHO`` and ``REST``, whatever leads the export holds. Questions are matched by id, so Japanese and
English applications share a column; headings are the questionnaire's labels in the export's language. Answers to
questions the questionnaire no longer has go into one "other answers" column ("label: value" lines), never lost,
never a new column. Erased (withdrawn or expired) leads keep their row with the personal columns empty.

Cells a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading apostrophe: the text
comes from patients, and "CSV injection" is a real way to attack whoever opens the file.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple
from zoneinfo import ZoneInfo

from bot.leads.card import FLAG_LABELS, crisis_context, status_label, telegram_link
from bot.leads.layout import CONTACT_METHOD, READINGS, WHO_QUESTIONS, call_rank, column_order
from bot.leads.model import APPLICANT, Lead
from bot.storage.audit import RETENTION
from bot.vocabulary import CLINIC_TZ_NAME


class QuestionColumn(NamedTuple):
    """A question of the current questionnaire, as the export needs it."""

    id: str
    label: str
    section: str = ""
    health: bool = False
    kind: str = ""


CALL, WHO, REST = "<call answers>", "<who applies>", "<other answers>"
COLUMNS: tuple[str, ...] = (
    "ref", "received", "status", CALL, "telegram_id", "telegram_username", "telegram_link", WHO, "flags", REST,
    "unlisted_answers", "messages", "language", "consent_version", "intake_version", "erased",
)
"""Every column in order; ``CALL``, ``WHO`` and ``REST`` stand for the questionnaire's questions, split as the card
splits them (see ``bot.leads.layout``)."""
HEADINGS: dict[str, dict[str, str]] = {
    "ref": {"ja": "申込番号", "en": "Application"},
    "received": {"ja": "受付日時（日本時間）", "en": "Received (Japan time)"},
    "status": {"ja": "状態", "en": "Status"},
    "telegram_id": {"ja": "TelegramユーザーID", "en": "Telegram user id"},
    "telegram_username": {"ja": "Telegramユーザー名（@なし）", "en": "Telegram username (without @)"},
    "telegram_link": {"ja": "Telegramリンク", "en": "Telegram link"},
    "flags": {"ja": "注意", "en": "Flags"},
    "unlisted_answers": {"ja": "そのほかの回答（今の質問票にない質問）",
                         "en": "Other answers (questions no longer asked)"},
    "messages": {"ja": "メッセージ", "en": "Messages"},
    "language": {"ja": "言語", "en": "Language"},
    "consent_version": {"ja": "同意の版", "en": "Consent version"},
    "intake_version": {"ja": "質問票の版", "en": "Questionnaire version"},
    "erased": {"ja": "個人情報の削除", "en": "Erased"},
}
_ERASED = {
    "ja": {"user": "本人の依頼", "retention": "保存期間の経過"},
    "en": {"user": "at the applicant's request", "retention": "retention period ended"},
}
_DIRECTION = {"ja": {"to_applicant": "→ ご本人へ", "from_applicant": "← ご本人から"},
              "en": {"to_applicant": "→ to the applicant", "from_applicant": "← from the applicant"}}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_csv(rows: Iterable[Lead], questions: Sequence[QuestionColumn], lang: str = "ja",
               tz: str = CLINIC_TZ_NAME) -> bytes:
    """The CSV of ``rows``; ``questions`` is the current questionnaire in ``lang`` (it alone decides the columns)."""
    lang = "ja" if lang == "ja" else "en"
    call, who, rest = answer_columns(questions)
    groups = {CALL: call, WHO: who, REST: rest}
    labels = _unique_labels(questions)
    zone = ZoneInfo(tz)
    fields: dict[str, Callable[[Lead], str]] = {
        "ref": lambda lead: lead.ref,
        "received": lambda lead: lead.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "status": lambda lead: status_label(lead.status, lang),
        "telegram_id": lambda lead: "" if lead.user_id is None else str(lead.user_id),
        "telegram_username": lambda lead: lead.username or "",  # without "@": Excel would read @name as a formula
        "telegram_link": lambda lead: f"https://t.me/{lead.username}" if lead.username else
        "" if lead.user_id is None else telegram_link(lead.user_id),
        "flags": lambda lead: _flags(lead, lang, tz),
        "unlisted_answers": lambda lead: "\n".join(f"{a['label']}: {a['value']}" for qid, a in lead.answers.items()
                                                   if qid not in labels),
        "messages": lambda lead: _messages(lead, lang, zone),
        "language": lambda lead: lead.lang,
        "consent_version": lambda lead: lead.consent.version,
        "intake_version": lambda lead: lead.intake_version,
        "erased": lambda lead: "" if lead.erased_at is None else
        _ERASED[lang]["retention" if lead.erased_reason == RETENTION else "user"],
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([heading for column in COLUMNS for heading in (
        [labels[q] for q in groups[column]] if column in groups else [HEADINGS[column][lang]])])
    for lead in rows:
        cells: list[str] = []
        for column in COLUMNS:
            if column in groups:
                cells += [lead.answers[q]["value"] if q in lead.answers else "" for q in groups[column]]
            else:
                cells.append(fields[column](lead))
        writer.writerow([_safe_cell(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")


def answer_columns(questions: Sequence[QuestionColumn]) -> tuple[list[str], list[str], list[str]]:
    """Question ids for reaching the applicant, for who applies, and for the rest, in the card's order."""
    kinds, labels = {q.id: q.kind for q in questions}, {q.id: q.label for q in questions}
    ordered = column_order([q.id for q in questions], {q.id: q.section for q in questions},
                           [q.id for q in questions if q.health], kinds, labels)
    call_ids = {q for q in ordered if call_rank(q, kinds[q], labels[q]) is not None}
    call_ids |= {READINGS[q] for q in call_ids if q in READINGS}
    reach = [q for q in ordered if q in call_ids and q not in WHO_QUESTIONS and q != CONTACT_METHOD]
    reach += [CONTACT_METHOD] if CONTACT_METHOD in ordered else []
    return (reach, [q for q in ordered if q in WHO_QUESTIONS], [q for q in ordered if q not in call_ids])


def _unique_labels(questions: Sequence[QuestionColumn]) -> dict[str, str]:
    seen: dict[str, int] = {}
    for question in questions:
        seen[question.label] = seen.get(question.label, 0) + 1
    return {q.id: f"{q.label} ({q.id})" if seen[q.label] > 1 else q.label for q in questions}


def _flags(lead: Lead, lang: str, tz: str) -> str:
    parts = []
    for flag in lead.flags:
        label = FLAG_LABELS[flag][lang].split(" ", 1)[-1]  # without the emoji
        raised = [f"{a['label']}: {a['value']}" for a in lead.answers.values() if a.get("flag") == flag]
        if flag == "crisis":  # when, where and what the bot answered, as on the card
            raised = [html.unescape(line).strip(" 　・•") for line in crisis_context(lead, lang, tz)]
        parts.append(f"{label}（{'、'.join(raised)}）" if raised and lang == "ja" else
                     f"{label} ({'; '.join(raised)})" if raised else label)
    return "; ".join(parts)


def _messages(lead: Lead, lang: str, zone: ZoneInfo) -> str:
    lines = []
    for message in lead.messages:
        who = "" if message.who == APPLICANT else f" ({message.who})"
        lines.append(f"{message.at.astimezone(zone).strftime('%Y-%m-%d %H:%M')} "
                     f"{_DIRECTION[lang][message.direction]}{who}: {message.text}")
    return "\n".join(lines)


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
