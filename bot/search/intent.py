"""Does a typed message ask to apply, book or be contacted? Then it starts the application, it is not a question.

"I'd like to book a consultation", 「クリニックから連絡がほしいです」 and "Please have someone call me" share most
of their words with FAQ entries about booking, contact and the monitor programme, so the ranking alone offers
those answers ("did you mean"). But the person has said what they want, and the one thing that does it is the
application. A wish or a request (I want to, I'd like to, please, can someone, したい, ほしい, お願いします, 希望)
about applying, booking, an appointment or being contacted is recognised here; a question about the process
("Does applying mean my treatment is booked?", 「予約したらキャンセルできますか」) is not a wish and stays an FAQ
question. Deliberately explicit, like ``sentences``: every pattern is a line to read.
"""

from __future__ import annotations

import re

from bot.search.normalize import fold

_EN_WISH = re.compile(
    r"\b(i (really )?(want|wanna|would like|wish|need|am ready|am interested in|would love)|i am hoping|"
    r"let me|please|pls|plz|kindly|"
    r"(can|could|would|will) (you|someone|somebody|the clinic|a doctor|staff|the doctor)|"
    r"sign me|put me|book me|register me|"
    r"i am (applying|signing up)|i will (apply|sign up|book))\b")
_EN_ACT = re.compile(
    r"\b(apply|applying|application|sign up|signing up|sign me up|register|enrol|enroll|book|booking|"
    r"appointment|consultation|reserve|reservation|schedule a|see a doctor|see the doctor|"
    r"(contact|call|phone|ring|email|text|reach) (me|us|back)|call me back|get (in touch|back to me)|"
    r"join|take part|participate|be a monitor|become a monitor|as a monitor|put me down)\b")
_EN_SHORT = re.compile(r"^((monitor|the) )?(apply|application|sign up|signup|register|registration|enrol|enroll)"
                       r"( (now|please|pls|as a monitor|for the monitor|monitor))?$")
"""A short message that only names applying ("apply", "monitor application")."""
_EN_NOT = re.compile(r"\b(how (long|much|many|soon)|what happens|do not want|not want|do not need)\b")
"""Not a wish in the same sentence: a question about something else, or a refusal."""
_EN_PROCESS = re.compile(r"\b(does (applying|booking)|if i (apply|book)|after (applying|i apply|booking)|"
                         r"but (will|does|do|is|can|what|how)|cancel|delete|withdraw|opt out|stop being|quit)\b")
"""Not a wish anywhere in the message: a question about what applying does, or about stopping."""

_JA_ACT = r"(申し?込|申込|もうしこ|応募|おうぼ|エントリー|えんとりー|予約|よやく|登録|参加|受診|診察|モニター|もにたー)"
_JA_WISH = re.compile(_JA_ACT + r"[^。！？!?]{0,10}?(たい(?!か)|希望|お願い|おねがい|ください|下さい|ほしい|欲しい|"
                      r"します(?!か)|させて)")
_JA_CALL = re.compile(r"(連絡|電話(?!で)|折り返し)[^。！？!?]{0,8}?(ください|下さい|ほしい|欲しい|お願い|おねがい|"
                      r"もらえ|いただけ|頂け|くれ|希望)")
"""Being contacted: 「連絡がほしい」「電話をください」; not 「電話したい」 (then the phone number answers)."""
_JA_NOT = re.compile(r"(番号|連絡先|住所|教えて|おしえて|知りたい|たくない|いつまで|いくら|何日|何時)")
"""Not a wish in the same sentence (「電話番号を教えてください」, 「予約はいくら？」)."""
_JA_PROCESS = re.compile(r"(したら|した後|後で|あとで|キャンセル|取り消|取り下げ|撤回|辞退|中止|やめ|削除|消して|"
                         r"退会|場合)")
"""Not a wish anywhere in the message (「応募したら予約は確定ですか」, 「モニターを辞退したい」)."""


def wants_to_apply(text: str) -> bool:
    """True when the message asks to apply, book or be contacted (not a question about how that works).

    A message of several sentences is a wish when one of them is and none asks what applying does or how to stop:
    「申し込みたいです。費用はいくら？」 is (the cost is the second question), 「応募したいです。応募したら予約は
    確定？」 is not."""
    folded = fold(text)
    if _JA_PROCESS.search(folded) if _is_japanese(folded) else _EN_PROCESS.search(_words(folded)):
        return False
    return any(_wish(sentence) for sentence in _SENTENCES.split(folded) if sentence.strip())


def _wish(sentence: str) -> bool:
    if _is_japanese(sentence):
        if _JA_NOT.search(sentence):
            return False
        return bool(_JA_WISH.search(sentence) or _JA_CALL.search(sentence))
    words = _words(sentence)
    if _EN_NOT.search(words):
        return False
    return bool(_EN_SHORT.match(words) or (_EN_WISH.search(words) and _EN_ACT.search(words)))


_SENTENCES = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+|\n+")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _is_japanese(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w']+", " ", text).split())
