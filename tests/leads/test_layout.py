from __future__ import annotations

from bot.leads.layout import column_order, layout
from bot.leads.model import AnswerText


def answer(label: str, value: str, section: str = "", health: bool = False) -> AnswerText:
    result = AnswerText(label=label, value=value, section=section)
    if health:
        result["health"] = True
    return result


def test_call_block_first_then_health_sections_and_new_questions_in_their_section() -> None:
    answers = {
        "interest": answer("ご興味", "TMS", "申込"),
        "seizure": answer("てんかん", "いいえ", "安全確認", health=True),
        "name": answer("お名前", "山田 花子", "連絡先"),
        "name_kana": answer("ふりがな", "—", "連絡先"),
        "new_question": answer("新しい質問", "はい", "連絡先"),
        "phone": answer("電話番号", "090-1234-5678", "連絡先"),
    }
    parts = layout(answers)
    assert [(i.question_id, i.value) for i in parts.call] == [("name", "山田 花子"), ("phone", "090-1234-5678")]
    assert [(s, [i.question_id for i in items]) for s, items in parts.sections] == [
        ("安全確認", ["seizure"]), ("申込", ["interest"]), ("連絡先", ["new_question"])]


def test_a_reading_without_its_name_is_not_lost() -> None:
    parts = layout({"name_kana": answer("ふりがな", "やまだ", "連絡先")})
    assert parts.call == [] and parts.sections[0][1][0].value == "やまだ"


def test_csv_column_order_follows_the_card() -> None:
    ids = ["applicant", "age", "interest", "seizure", "name", "name_kana", "phone", "notes"]
    sections = {"applicant": "申込", "age": "申込", "interest": "申込", "seizure": "安全", "name": "連絡",
                "name_kana": "連絡", "phone": "連絡", "notes": "連絡"}
    assert column_order(ids, sections, ["seizure"]) == [
        "name", "name_kana", "phone", "applicant", "age", "seizure", "interest", "notes"]


def test_a_questionnaire_never_seen_still_opens_the_card_with_name_and_phone() -> None:
    def typed(label: str, value: str, kind: str, section: str = "S") -> AnswerText:
        return AnswerText(label=label, value=value, section=section, kind=kind)

    answers = {
        "q1": typed("ご相談の内容", "眠れません", "text"),
        "q2": typed("年齢", "30代", "choice"),
        "full_name": typed("氏名", "鈴木 一郎", "text"),
        "reading": typed("氏名のフリガナ", "スズキ イチロウ", "text"),
        "tel": typed("連絡先", "090-1111-2222", "phone"),
        "mail": typed("メール", "ichiro@example.jp", "email"),
    }
    parts = layout(answers)
    assert [i.question_id for i in parts.call] == ["full_name", "reading", "tel", "mail"]
    assert [i.question_id for _, items in parts.sections for i in items] == ["q1", "q2"]
    ids = list(answers)
    kinds = {q: a.get("kind", "") for q, a in answers.items()}
    labels = {q: a["label"] for q, a in answers.items()}
    assert column_order(ids, {q: "S" for q in ids}, [], kinds, labels)[:4] == ["full_name", "reading", "tel", "mail"]
