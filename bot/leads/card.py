"""The lead card staff see in their chat (Telegram HTML), and the short notices about a lead.

Made for the call: the number and status, then the call block (name with its reading, phone, when and how
discreetly to call, how to reach the applicant in Telegram, who is applying), then the flags with their context,
then the other answers grouped by the questionnaire's sections, the relayed messages, who changed the status
when, and last the versions. The order of the answers is ``bot.leads.layout`` (shared with the CSV). Every
value a patient typed (and every staff name) is escaped. The card stays within Telegram's 4096 characters:
long free-text answers are shortened with "…" and the card says so (the CSV export has the full text).

Status and flag labels live here because they are part of the staff's working vocabulary on the card; the
Telegram layer builds the status buttons from ``STATUSES`` (ids go into ``callback_data``, labels onto buttons).
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from bot.leads.layout import CONTACT_METHOD, WHO_QUESTIONS, Layout, layout
from bot.leads.model import APPLICANT, STAFF_STATUSES, Flag, Lead, Status, lead_ref
from bot.storage.audit import RETENTION
from bot.vocabulary import CLINIC_TZ_NAME

CARD_LIMIT = 4096
"""Telegram's limit for a message's text after entity parsing; measured here in UTF-16 code units (stricter)."""
HISTORY_SHOWN = 10
"""Status changes listed on the card; older ones are counted."""
MESSAGES_SHOWN, MESSAGE_PREVIEW = 5, 80
"""Relayed messages listed on the card (older ones counted), each shortened to this many characters."""


class StatusLabel(NamedTuple):
    id: Status
    ja: str
    en: str

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


STATUSES: tuple[StatusLabel, ...] = (
    StatusLabel("new", "新規", "New"),
    StatusLabel("contacted", "連絡済み", "Contacted"),
    StatusLabel("booked", "予約済み", "Booked"),
    StatusLabel("not_suitable", "対象外", "Not suitable"),
    StatusLabel("closed", "対応終了", "Closed"),
    StatusLabel("withdrawn", "取り下げ（本人の依頼）", "Withdrawn by the applicant"),
)
STATUS_BUTTONS: tuple[StatusLabel, ...] = tuple(s for s in STATUSES if s.id in STAFF_STATUSES)
"""The statuses staff may set, in button order."""

FLAG_LABELS: dict[Flag, dict[str, str]] = {
    "crisis": {"ja": "🆘 危機対応の返信あり（申込前30日以内）", "en": "🆘 Crisis help given (30 days before applying)"},
    "screening": {"ja": "⚠️ 安全確認に医師の確認が必要な回答あり", "en": "⚠️ Safety check answers for the doctor"},
    "minor": {"ja": "⚠️ 未成年（18歳未満）", "en": "⚠️ Minor (under 18)"},
    "guardian": {"ja": "👪 保護者からの申込", "en": "👪 Applied by a parent or guardian"},
}
"""One name per flag, shared by the card and the CSV; the card adds the answers that raised it."""

_TEXT: dict[str, dict[str, str]] = {
    "ja": {
        "title": "モニター申込",
        "status": "状態",
        "telegram": "Telegram",
        "telegram_id": "ID {id}",
        "reply_hint": "↩️ このカードに返信すると、ご本人にクリニックからのメッセージとして届きます"
        "（/reply {ref} 本文 でも送れます）。",
        "messages": "メッセージ",
        "to_applicant": "→ ご本人へ",
        "from_applicant": "← ご本人から",
        "other": "そのほか",
        "versions": "記録",
        "created": "受付",
        "language": "言語",
        "consent": "同意",
        "consent_value": "版 {version}（{time}）",
        "intake": "質問票",
        "answers": "回答",
        "history": "対応履歴",
        "older": "…ほか {n} 件",
        "applicant": "本人",
        "truncated": "※ 長い回答は一部を省略しています。全文はCSV出力で確認できます。",
        "erased_user": "本人の依頼により、個人情報（回答・連絡先）を削除しました（{time}）。",
        "erased_retention": "保存期間が過ぎたため、個人情報（回答・連絡先）を削除しました（{time}）。",
        "withdrawn_notice": "申込 {ref} は本人の依頼で取り下げられ、個人情報を削除しました。"
        "カードの内容を消去し、ご本人とのやりとり（お返事とスタッフからのメッセージ）も削除しています。"
        "ボットが削除できなかったメッセージには、その旨を書き添えています。"
        "カードから書き写したメモなどがあれば、あわせて削除してください。",
        "relay_erased": "💬 {ref} ご本人からのお返事: 個人情報の削除により、内容を消去しました"
        "（送信から48時間を過ぎたメッセージは、Telegram の制限でボットが削除できないため）。",
        "relay_delete_request": "⚠️ このメッセージは {ref} のご本人へのもので、ご本人の個人情報は削除されました。"
        "ボットでは削除できません（送信から48時間を過ぎているか、削除の権限がありません）。"
        "お手数ですが、このメッセージを削除してください。",
        "lang_ja": "日本語",
        "lang_en": "英語",
    },
    "en": {
        "title": "Monitor application",
        "status": "Status",
        "telegram": "Telegram",
        "telegram_id": "ID {id}",
        "reply_hint": "↩️ Reply to this card to write to the applicant as the clinic (or /reply {ref} text).",
        "messages": "Messages",
        "to_applicant": "→ to the applicant",
        "from_applicant": "← from the applicant",
        "other": "Other",
        "versions": "Record",
        "created": "Received",
        "language": "Language",
        "consent": "Consent",
        "consent_value": "version {version} ({time})",
        "intake": "Questionnaire",
        "answers": "Answers",
        "history": "History",
        "older": "… and {n} earlier",
        "applicant": "applicant",
        "truncated": "Long answers are shortened here; the CSV export has the full text.",
        "erased_user": "Personal data (answers, contact) deleted at the applicant's request ({time}).",
        "erased_retention": "Personal data (answers, contact) deleted at the end of the retention period ({time}).",
        "withdrawn_notice": "Application {ref} was withdrawn at the applicant's request and its personal data "
        "deleted; the card has been cleared and the messages exchanged with the applicant (their answers and staff "
        "messages) deleted. A message the bot could not delete says so. Please also delete any notes copied from "
        "the card.",
        "relay_erased": "💬 {ref}, the applicant's answer: cleared, as its personal data was deleted (Telegram does "
        "not let the bot delete a message more than 48 hours old).",
        "relay_delete_request": "⚠️ This message was to the applicant of {ref}, whose personal data has been "
        "deleted. The bot cannot delete it (it is more than 48 hours old, or the bot may not delete members' "
        "messages here). Please delete this message.",
        "lang_ja": "Japanese",
        "lang_en": "English",
    },
}

_BABEL_LOCALES = {"ja": "ja_JP", "en": "en_US"}
_LONG_DATE = {"ja": "y年M月d日 H:mm", "en": "MMM d, y, HH:mm"}
_SHORT_DATE = {"ja": "M月d日 H:mm", "en": "MMM d, HH:mm"}
_TAG = re.compile(r"<[^>]*>")


def status_label(status: str, lang: str) -> str:
    for item in STATUSES:
        if item.id == status:
            return item.label(lang)
    return status


def flag_label(flag: Flag, lang: str) -> str:
    return FLAG_LABELS[flag]["ja" if lang == "ja" else "en"]


def format_time(moment: datetime, lang: str, tz: str = CLINIC_TZ_NAME, *, short: bool = False) -> str:
    """``2025年11月27日 14:03`` / ``Nov 27, 2025, 14:03`` in the clinic's time zone (``short`` drops the year)."""
    from babel.dates import format_datetime  # Babel's locale data: loaded by the first card, not at start-up

    lang = "ja" if lang == "ja" else "en"
    pattern = (_SHORT_DATE if short else _LONG_DATE)[lang]
    return format_datetime(moment, pattern, tzinfo=ZoneInfo(tz), locale=_BABEL_LOCALES[lang])


def format_card(lead: Lead, lang: str = "ja", tz: str = CLINIC_TZ_NAME) -> str:
    """The card as Telegram HTML, never longer than ``CARD_LIMIT`` visible characters."""
    lang = "ja" if lang == "ja" else "en"
    card = _render(lead, lang, tz, cap=None)
    if visible_length(card) <= CARD_LIMIT:
        return card
    # Find the largest per-answer length that fits (the card is short to build, so a binary search is cheap).
    low, high = 0, max((len(a["value"]) for a in lead.answers.values()), default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if visible_length(_render(lead, lang, tz, cap=middle)) <= CARD_LIMIT:
            low = middle
        else:
            high = middle - 1
    return _render(lead, lang, tz, cap=low)


def format_notice(lead_id: int, kind: str, lang: str = "ja") -> str:
    """The text of an outbox notice (``kind`` "withdrawn"), as Telegram HTML."""
    text = _TEXT["ja" if lang == "ja" else "en"]
    if kind != "withdrawn":
        raise ValueError(f"no notice text for kind {kind!r}")
    return html.escape(text["withdrawn_notice"].format(ref=lead_ref(lead_id)), quote=False)


def format_relay_erased(lead_id: int, kind: str, lang: str = "ja") -> str:
    """What a relayed message on the staff side becomes when the bot cannot delete it (Telegram HTML): ``kind``
    "relay_erased" (the bot's post of an answer, edited to this) or "relay_delete_request" (a reply to a staff
    member's message asking them to delete it)."""
    text = _TEXT["ja" if lang == "ja" else "en"]
    if kind not in ("relay_erased", "relay_delete_request"):
        raise ValueError(f"no relay text for kind {kind!r}")
    return html.escape(text[kind].format(ref=lead_ref(lead_id)), quote=False)


def visible_length(telegram_html: str) -> int:
    """Length Telegram counts: tags removed, entities decoded, in UTF-16 code units."""
    return len(html.unescape(_TAG.sub("", telegram_html)).encode("utf-16-le")) // 2


_CRISIS_TIER = {
    "definite": {"ja": "危機対応の返信", "en": "crisis reply"},
    "carer": {"ja": "ほかの人についての危機（付き添う方への案内）", "en": "someone else at risk (carer guidance)"},
    "check_in": {"ja": "確認の質問", "en": "check-in question"},
}
_CRISIS_PLACE = {
    "answer": {"ja": "申込の回答「{step}」で", "en": "in the answer to “{step}”"},
    "answer_unknown": {"ja": "申込の回答で", "en": "in an application answer"},
    "chat": {"ja": "チャットで", "en": "in the chat"},
}


def crisis_context(lead: Lead, lang: str, tz: str) -> list[str]:
    """The 🆘 flag's context, one line per time: when, where (an answer, naming the question, or the chat), what
    the bot answered. Only this applicant's own messages count; the text itself is never shown."""
    lines = []
    for note in lead.crisis:
        place = _CRISIS_PLACE["answer" if note.place == "answer" and note.step else
                              "answer_unknown" if note.place == "answer" else "chat"][lang]
        tier = _CRISIS_TIER.get(note.tier, _CRISIS_TIER["definite"])[lang]
        when = format_time(note.at, lang, tz, short=True)
        lines.append(_escape(f"　・{when} {place.format(step=note.step or '')}：{tier}" if lang == "ja"
                             else f"  • {when}, {place.format(step=note.step or '')}: {tier}"))
    return lines


def flag_lines(lead: Lead, lang: str, tz: str = CLINIC_TZ_NAME) -> list[str]:
    """The flags with their context, most urgent first, as escaped card lines.

    The single place that words a flag for staff. A flag raised by answers names them with the answer given
    (「てんかん・けいれん: わからない」, never 「はい」 for わからない); 🆘 is followed by ``crisis_context`` (when,
    where and what the crisis screen answered)."""
    e = _escape
    lines = []
    for flag in lead.flags:
        label = flag_label(flag, lang)
        if flag == "crisis":
            lines += [e(label), *crisis_context(lead, lang, tz)]
            continue
        raised = [f"{a['label']}: {a['value']}" for a in lead.answers.values() if a.get("flag") == flag]
        lines.append(f"{e(label)}（{e('、'.join(raised))}）" if raised and lang == "ja"
                     else f"{e(label)} ({e('; '.join(raised))})" if raised else e(label))
    return lines


def _render(lead: Lead, lang: str, tz: str, cap: int | None) -> str:
    text = _TEXT[lang]
    e = _escape
    lines = [f"<b>{e(text['title'])} {e(lead.ref)}</b>",
             f"{e(text['status'])}: <b>{e(status_label(lead.status, lang))}</b>"]
    shortened = False

    def value_of(value: str) -> str:
        nonlocal shortened
        if cap is not None and len(value) > cap:
            value, shortened = value[:cap].rstrip() + "…", True
        return e(value)

    if lead.erased_at is not None:
        key = "erased_retention" if lead.erased_reason == RETENTION else "erased_user"
        lines.append(f"<i>{e(text[key].format(time=format_time(lead.erased_at, lang, tz)))}</i>")
        flags = flag_lines(lead, lang, tz)
        if flags:
            lines += ["", *flags]
    else:
        parts = layout(lead.answers)
        reach = [item for item in parts.call if item.question_id not in (*WHO_QUESTIONS, CONTACT_METHOD)]
        applying = [item for item in parts.call if item.question_id in WHO_QUESTIONS]
        lines += [f"{e(item.label)}: {value_of(item.value)}" for item in reach]
        lines += _telegram_lines(lead, lang, parts)
        lines += [f"{e(item.label)}: {value_of(item.value)}" for item in applying]
        flags = flag_lines(lead, lang, tz)
        if flags:
            lines += ["", *flags]
        for section, items in parts.sections:
            lines += ["", f"<b>{e(section or text['other'])}</b>"]
            lines += [f"{e(item.label)}: {value_of(item.value)}" for item in items]
        if shortened:
            lines += ["", f"<i>{e(text['truncated'])}</i>"]
        if lead.messages:
            lines += ["", f"<b>{e(text['messages'])}</b>"]
            older = len(lead.messages) - MESSAGES_SHOWN
            if older > 0:
                lines.append(e(text["older"].format(n=older)))
            for message in lead.messages[-MESSAGES_SHOWN:]:
                preview = message.text if len(message.text) <= MESSAGE_PREVIEW else \
                    message.text[:MESSAGE_PREVIEW].rstrip() + "…"
                who = "" if message.who == APPLICANT else f"（{message.who}）" if lang == "ja" else f" ({message.who})"
                when = format_time(message.at, lang, tz, short=True)
                lines.append(f"{e(text[message.direction])}{e(who)} {e(when)}: {e(preview)}")
    if lead.history:
        lines.append("")
        lines.append(f"<b>{e(text['history'])}</b>")
        older = len(lead.history) - HISTORY_SHOWN
        if older > 0:
            lines.append(e(text["older"].format(n=older)))
        for change in lead.history[-HISTORY_SHOWN:]:
            who = text["applicant"] if change.who == APPLICANT else change.who
            when = format_time(change.at, lang, tz, short=True)
            lines.append(f"{e(status_label(change.status, lang))} — {e(who)} — {e(when)}")
    consent = text["consent_value"].format(
        version=lead.consent.version, time=format_time(lead.consent.time, lang, tz)
    )
    lines += ["", f"<i>{e(text['created'])}: {e(format_time(lead.created_at, lang, tz))} · "
                  f"{e(text['language'])}: {e(text.get('lang_' + lead.lang, lead.lang))} · "
                  f"{e(text['consent'])}: {e(consent)} · {e(text['intake'])}: {e(lead.intake_version)}</i>"]
    return "\n".join(lines)


def telegram_link(user_id: int) -> str:
    """A link that opens the applicant's profile in Telegram (works for users who have talked to the bot)."""
    return f"tg://user?id={user_id}"


def _telegram_lines(lead: Lead, lang: str, parts: Layout) -> list[str]:
    """How to reach the applicant in Telegram: a mention link, the @username and the user id, and how to reply."""
    if lead.user_id is None:
        return []
    text, e = _TEXT[lang], _escape
    method = next((item for item in parts.call if item.question_id == CONTACT_METHOD), None)
    name = lead.display_name or text["applicant"]
    bits = [f'<a href="{telegram_link(lead.user_id)}">{e(name)}</a>']
    if lead.username:
        bits.append("@" + e(lead.username))
    bits.append(e(text["telegram_id"].format(id=lead.user_id)))
    lines = []
    if method is not None:
        lines.append(f"{e(method.label)}: {e(method.value)}")
    lines.append(f"{e(text['telegram'])}: " + " · ".join(bits))
    lines.append(e(text["reply_hint"].format(ref=lead.ref)))
    return lines


def _escape(value: str) -> str:
    return html.escape(value, quote=False)
