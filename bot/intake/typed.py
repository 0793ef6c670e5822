"""What a message typed at an application question means: a choice, several choices, a question, or unclear.

People answer button questions in their own words (「飲んでます」, 「いいえ、ないです」, "about 3 years", "yep"),
in either language whatever language the form is in. ``read_choice`` reads such a message against the question
in every language (choice ids are shared), in this order, so the most specific evidence wins:

1. a button label or one of the choice's ``typed`` words typed out exactly;
2. a message that looks like a question (「TMSって痛いですか？」) is a question, not an answer;
3. labels and ``typed`` words found inside the message (「電話でお願いします」), a longer one first;
4. for questions with ``amount``, a number read as an age or a duration and the band (``range``) it falls in;
5. yes, no or "not sure" (with negation: 「飲んでいません」, "no never", "I don't") mapped to the choice that
   ``means`` it.

Anything else, or two readings that disagree (「はい、ないです」, a value on the boundary of two bands), is
``unclear`` with the candidates, and the bot asks "did you mean ...?" instead of guessing: for the safety
questions a wrong "no" is worse than one more tap. ``read_text`` does the same for text questions: a question about
filling in the answer (「名前は漢字でいいですか？」) is told apart from the answer itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import jaconv

from bot.content.schema import Choice, Question
from bot.search.normalize import fold
from bot.search.sentences import looks_like_question

ReadingKind = Literal["choice", "unclear", "question"]


@dataclass(frozen=True)
class Reading:
    """``choice``: ``choice_ids`` are what was meant (one for a choice question, one or more for multi);
    ``unclear``: ``choice_ids`` are the candidates to offer (may be empty); ``question``: a question, not an answer."""

    kind: ReadingKind
    choice_ids: tuple[str, ...] = ()


# --- normalising ------------------------------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"[\s、。，,．.!！?？…・〜~ー\-「」『』()（）\"'“”]+")
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+")
_EN_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "a couple of": 2, "couple of": 2, "a couple": 2,
    "a few": 3, "few": 3, "several": 3, "many": 5, "an": 1, "a": 1,
}
_EN_NUMBER = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _EN_NUMBERS), key=len, reverse=True)) + r")\b")


def key_of(text: str) -> str:
    """How labels and messages are compared: folded width and case, katakana as hiragana, no punctuation."""
    return _PUNCTUATION.sub("", jaconv.kata2hira(fold(text)))


def _spaced(text: str) -> str:
    """Folded, katakana as hiragana, punctuation as single spaces: English keeps its word boundaries."""
    return " ".join(_PUNCTUATION.sub(" ", jaconv.kata2hira(fold(text))).split())


def _kanji_to_digits(text: str) -> str:
    """一年半 -> 1年半, 二十歳 -> 20歳, 十五 -> 15 (enough for ages and durations)."""
    def convert(found: re.Match[str]) -> str:
        total, digit = 0, None
        for char in found.group(0):
            if char == "十":
                total += (digit if digit is not None else 1) * 10
                digit = None
            else:
                digit = (digit or 0) * 10 + _KANJI_DIGITS[char] if digit is not None else _KANJI_DIGITS[char]
        return str(total + (digit or 0))
    return _KANJI_NUMBER.sub(convert, text)


# --- questions --------------------------------------------------------------------------------------------------

_FORM_WORDS = tuple(key_of(w) for w in (
    "漢字", "かな", "カナ", "ひらがな", "カタカナ", "ローマ字", "英語", "アルファベット", "本名", "名字", "苗字",
    "下の名前", "フルネーム", "ニックネーム", "偽名", "仮名", "旧姓", "通称", "書き方", "書いて", "書く", "入力",
    "記入", "空欄", "省略", "飛ば", "スキップ", "スペース", "全角", "半角", "ハイフン", "必要", "なぜ", "なんで",
    "何のため", "名前", "番号", "アドレス", "携帯", "固定電話", "メアド",
))
_EN_FORM_WORDS = frozenset([
    "kanji", "katakana", "hiragana", "kana", "romaji", "english", "alphabet", "name", "names", "nickname", "surname",
    "spell", "spelling", "write", "type", "format", "enter", "blank", "skip", "why", "space", "hyphen", "hyphens",
    "required", "need", "necessary", "number", "address", "mobile", "landline", "email", "e-mail", "letters",
    "characters",
])


def read_text(text: str, question: Question) -> Literal["answer", "form_question", "question"]:
    """A message at a text question: the answer, a question about filling it in, or some other question.

    Phone, e-mail, date and number answers are never questions; a free-text answer may well be one (「ほかに
    伝えたいこと」 is where a patient writes what they want to ask), so there only a question that talks about the
    form itself (漢字, katakana, skip ...) is taken as one, and only when the question has a ``form_help``."""
    if not looks_like_question(text):
        return "answer"
    about_form = question.kind in ("phone", "email", "date", "number") or _mentions_form(text)
    if about_form and question.form_help:
        return "form_question"
    if question.kind == "text" and (question.optional or question.max_length > 200):
        return "answer"
    return "question"


def _mentions_form(text: str) -> bool:
    key = key_of(text)
    return any(word in key for word in _FORM_WORDS) or bool(_EN_FORM_WORDS & set(_spaced(text).split()))


# --- yes, no, not sure ------------------------------------------------------------------------------------------

Polarity = Literal["yes", "no", "unsure"]

_JA_UNSURE = tuple(key_of(w) for w in (
    "わからない", "分からない", "判らない", "わかりません", "分かりません", "わからん", "分からん", "わかんない",
    "不明", "覚えてない", "覚えていない", "おぼえてない", "覚えてません", "記憶にない", "記憶がない", "自信がない",
    "はっきりしない", "はっきりとは", "微妙", "かもしれ", "かも", "たぶん", "多分", "どうだろう", "知らない",
    "しらない", "未確認", "確認していない",
))
_JA_NO_START = tuple(key_of(w) for w in ("いいえ", "いえ", "いや", "ううん", "違います", "ちがいます", "no"))
_JA_YES_START = tuple(key_of(w) for w in ("はい", "うん", "ええ", "そうです", "そう", "yes"))
_JA_NO = tuple(key_of(w) for w in (
    "ない", "ません", "なかった", "なし", "無し", "無い", "ないです", "ありません", "ぜんぜん", "全然", "一度も",
    "ゼロ", "違う", "ちがう", "ないよ", "ないっす", "いません", "してない", "してません", "なかったです", "やめて",
    "以外", "じゃなく", "ではなく", "いらない", "不要",
))
_JA_YES = tuple(key_of(w) for w in (
    "はい", "うん", "ええ", "ある", "あります", "あった", "ありました", "います", "いる", "てる", "でる", "ています",
    "でいます", "ました", "ます", "した", "そうです", "そう", "あり", "有り", "有る", "yes", "一度", "何度か", "数回",
    "何回か", "1回", "2回",
))
_EN_UNSURE = ("not sure", "unsure", "do not know", "no idea", "idk", "dunno", "maybe", "perhaps", "possibly",
              "not certain", "can not remember", "cannot remember", "do not remember", "not remember", "probably",
              "i think so", "might", "no clue", "uncertain", "hard to say")
_EN_NO = ("no", "nope", "nah", "never", "not", "none", "nothing", "neither", "negative", "nay", "no way", "dont",
          "didnt", "doesnt", "havent", "hasnt", "isnt", "wasnt", "cant", "aint", "nothing like that")
_EN_YES = ("yes", "yeah", "yep", "yup", "ya", "yea", "sure", "correct", "right", "affirmative", "definitely",
           "absolutely", "indeed", "of course", "certainly", "i do", "i am", "i have", "i take", "i use", "i did",
           "i had", "i was", "i got", "that is right", "once", "twice", "times", "a few times", "several times")


def polarity(text: str) -> Polarity | None:
    """Yes, no or not sure, or None when the message says neither or says both (「はい、ないです」)."""
    spaced = _spaced(text)
    if re.search(r"[a-z]", spaced) and not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", spaced):
        return _english_polarity(spaced)
    key = key_of(text)
    if not key:
        return None
    if any(w in key for w in _JA_UNSURE):
        return "unsure"
    said_no = any(w in key for w in _JA_NO)
    if key.startswith(_JA_NO_START):
        return "no"
    if key.startswith(_JA_YES_START):
        return None if said_no else "yes"
    if said_no:
        return "no"
    if any(w in key for w in _JA_YES):
        return "yes"
    return None


def _english_polarity(spaced: str) -> Polarity | None:
    padded = f" {spaced} "
    if any(f" {w} " in padded for w in _EN_UNSURE):
        return "unsure"
    said_no = any(f" {w} " in padded for w in _EN_NO)
    words = spaced.split()
    first = words[0] if words else ""
    if first in ("no", "nope", "nah", "never", "none"):
        return "no"
    if first in ("yes", "yeah", "yep", "yup", "ya", "yea", "sure", "correct"):
        return None if said_no else "yes"
    if said_no:
        return "no"
    if any(f" {w} " in padded for w in _EN_YES):
        return "yes"
    return None


def means(choice: Choice) -> Polarity | None:
    """What a typed yes/no/not sure stands for at this choice: ``means``, else the id yes, no or unsure."""
    if choice.means is not None:
        return choice.means
    if choice.id in ("yes", "no", "unsure"):
        return choice.id  # type: ignore[return-value]
    return None


# --- ages and durations -----------------------------------------------------------------------------------------

_UNIT_YEARS = r"(?:年|ねん|years?|yrs?)"
_UNIT_MONTHS = r"(?:か月|ヶ月|カ月|ケ月|ヵ月|ヶげつ|かげつ|箇月|ヶ月間|か月間|months?|mos?|mths?)"
_UNIT_WEEKS = r"(?:週間|週|しゅうかん|weeks?|wks?)"
_UNIT_DAYS = r"(?:日間|日|にち|days?)"
_NUMBER = r"(\d+(?:\.\d+)?)"
_DURATIONS = (
    (re.compile(_NUMBER + r"\s*" + r"(?:年|ねん)半"), 1.0, 0.5),
    (re.compile(_NUMBER + r"\s*" + r"(?:years?|yrs?) and a half"), 1.0, 0.5),
    (re.compile(_NUMBER + r"\s*" + _UNIT_YEARS + r"(?![代生])"), 1.0, 0.0),
    (re.compile(_NUMBER + r"\s*" + _UNIT_MONTHS), 1 / 12, 0.0),
    (re.compile(_NUMBER + r"\s*" + _UNIT_WEEKS), 1 / 52, 0.0),
    (re.compile(_NUMBER + r"\s*" + _UNIT_DAYS), 1 / 365, 0.0),
)
_DURATION_WORDS = (
    ("半年", 0.5), ("はんとし", 0.5), ("half a year", 0.5), ("six months", 0.5), ("数年", 3.0), ("すうねん", 3.0),
    ("何年も", 5.0), ("なんねんも", 5.0), ("長年", 5.0), ("数か月", 0.25), ("数ヶ月", 0.25), ("数カ月", 0.25),
    ("すうかげつ", 0.25), ("数週間", 0.05), ("去年から", 1.0), ("昨年から", 1.0), ("a year and a half", 1.5),
    ("years and years", 5.0), ("for years", 5.0), ("since last year", 1.0),
)
_MORE = re.compile(r"以上|超|より長|more than|over|longer than|at least|\+|plus")
_LESS = re.compile(r"未満|以内|弱|足らず|less than|under|not even|almost|nearly|shorter than|not quite")
_AGE = re.compile(r"(\d{1,3})\s*(?:歳|才|さい|years? old|yrs? old|yo|y/o)")
_AGE_ALONE = re.compile(r"^(?:i am|im|私は|わたしは|本人は|子供は|子どもは|息子は|娘は)?\s*(\d{1,3})\s*(?:です|だ)?$")


def _numbers_as_digits(text: str) -> str:
    folded = _kanji_to_digits(fold(text)).replace("はたち", "20歳").replace("二十歳", "20歳")
    folded = folded.replace("a year and a half", "1.5 years").replace("half a year", "0.5 years")
    return _EN_NUMBER.sub(lambda m: str(_EN_NUMBERS[m.group(1)]), folded)


def read_amount(text: str, amount: str) -> float | None:
    """An age in years (「35歳」, "42", 「はたち」) or a duration in years (「3年くらい」 3.0, 「半年」 0.5), shifted a
    little up for 「以上」 / "more than" and down for 「未満」 / "almost"; None when there is no such number."""
    folded = _numbers_as_digits(text)
    if amount == "age":
        found = _AGE.search(folded) or _AGE_ALONE.match(folded.strip())
        return float(found.group(1)) if found else None
    value: float | None = None
    for pattern, scale, extra in _DURATIONS:
        found = pattern.search(folded)
        if found:
            value = float(found.group(1)) * scale + extra
            break
    if value is None:
        value = next((years for word, years in _DURATION_WORDS if word in folded), None)
    if value is None:
        return None
    if _MORE.search(folded):
        return value + 0.01
    if _LESS.search(folded):
        return value - 0.01
    return value


def _bands(value: float, choices: Sequence[Choice]) -> list[str]:
    return [c.id for c in choices if c.range is not None and c.range[0] <= value <= c.range[1]]


# --- choices ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Key:
    text: str
    choice_id: str
    ascii: bool


def _keys(variants: Sequence[Question]) -> list[_Key]:
    """Every label and typed word of every language, longest first."""
    keys: dict[tuple[str, str], _Key] = {}
    for question in variants:
        for choice in question.choices:
            for raw in (choice.label, *choice.typed):
                spaced = _spaced(raw)
                if not spaced:
                    continue
                is_ascii = spaced.isascii()
                text = spaced if is_ascii else key_of(raw)
                keys.setdefault((text, choice.id), _Key(text, choice.id, is_ascii))
    return sorted(keys.values(), key=lambda k: -len(k.text))


def _found(keys: Sequence[_Key], text: str) -> list[tuple[_Key, int, int]]:
    """Keys found in the message, leftmost-longest, never overlapping."""
    key_text, spaced = key_of(text), f" {_spaced(text)} "
    taken_key: list[tuple[int, int]] = []
    taken_spaced: list[tuple[int, int]] = []
    found: list[tuple[_Key, int, int]] = []
    for key in keys:
        if key.ascii:
            pattern = re.compile(r"(?<![a-z0-9])" + re.escape(key.text) + r"(?![a-z0-9])")
            haystack, taken = spaced, taken_spaced
        else:
            if len(key.text) < 2 and key.text != key_text:
                continue  # one kana or kanji inside a sentence says nothing
            pattern = re.compile(re.escape(key.text))
            haystack, taken = key_text, taken_key
        for hit in pattern.finditer(haystack):
            span = (hit.start(), hit.end())
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            found.append((key, *span))
    return found


def read_choice(text: str, variants: Sequence[Question]) -> Reading:
    """Read a message typed at a choice or multi question; ``variants`` is that question in every language."""
    question = variants[0]
    order = [c.id for c in question.choices]
    key = key_of(text)
    if not key:
        return Reading("unclear")
    keys = _keys(variants)
    exact = {k.choice_id for k in keys if (k.text == _spaced(text) if k.ascii else k.text == key)}
    if len(exact) == 1:
        return Reading("choice", tuple(exact))
    if looks_like_question(text):
        return Reading("question")
    found = _found(keys, text)
    matched = _subsumed([(k, s, e) for k, s, e in found], variants)
    said = polarity(_without(text, found))
    by_means = {means(c): c.id for c in question.choices if means(c) is not None}
    if question.kind == "multi":
        return _read_multi(question, matched, said, by_means, order)
    if len(matched) == 1:
        (only,) = matched
        if said == "no" and by_means.get("no") != only and not _says_no(only, variants):
            others = {only, *by_means.values()} if "no" in by_means else set(order)
            return Reading("unclear", tuple(sorted(others, key=order.index)))
        return Reading("choice", (only,))
    if len(matched) > 1:
        return Reading("unclear", tuple(sorted(matched | _naming_all(found, variants), key=order.index)))
    if question.amount is not None:
        value = read_amount(text, question.amount)
        if value is not None:
            bands = _bands(value, question.choices)
            if len(bands) == 1:
                return Reading("choice", tuple(bands))
            if bands:
                return Reading("unclear", tuple(bands))
    if said is not None and said in by_means:
        return Reading("choice", (by_means[said],))
    return Reading("unclear")


def _read_multi(question: Question, matched: set[str], said: Polarity | None, by_means: dict[Polarity | None, str],
                order: list[str]) -> Reading:
    exclusive = {c.id for c in question.choices if c.exclusive}
    if matched:
        if matched & exclusive and matched - exclusive:
            return Reading("unclear", tuple(sorted(matched, key=order.index)))
        if said == "no" and not matched & exclusive:
            return Reading("unclear", tuple(sorted(matched | exclusive, key=order.index)))
        return Reading("choice", tuple(sorted(matched, key=order.index)))
    if said == "no" and by_means.get("no") in exclusive:
        return Reading("choice", (by_means["no"],))
    return Reading("unclear")


def _subsumed(found: list[tuple[_Key, int, int]], variants: Sequence[Question]) -> set[str]:
    """Choices named in the message, without those named only as part of another named choice's label:
    「TMSとエクソソームの併用」 names the combined choice, not also TMS and exosome."""
    matched = {k.choice_id for k, _, _ in found}
    labels = {c.id: [key_of(v_choice.label) for q in variants for v_choice in q.choices if v_choice.id == c.id]
              for c in variants[0].choices}
    drop = set()
    for key, _, _ in found:
        for other in matched - {key.choice_id}:
            if any(key.text in label for label in labels.get(other, [])):
                drop.add(key.choice_id)
    return matched - drop if matched - drop else matched


def _naming_all(found: Sequence[tuple[_Key, int, int]], variants: Sequence[Question]) -> set[str]:
    """Choices whose label contains every key found (「TMSとエクソソーム」 may mean the combined choice)."""
    texts = {k.text for k, _, _ in found}
    return {c.id for q in variants for c in q.choices if all(t in key_of(c.label) for t in texts)}


def _says_no(choice_id: str, variants: Sequence[Question]) -> bool:
    """The choice's own label is a negative one (「診断はないが…」, "Not diagnosed, but ..."), or it means no."""
    for question in variants:
        for choice in question.choices:
            if choice.id == choice_id:
                label = _spaced(choice.label)
                if means(choice) == "no" or any(w in key_of(label) for w in _JA_NO) or " not " in f" {label} ":
                    return True
    return False


def _without(text: str, found: Sequence[tuple[_Key, int, int]]) -> str:
    """The message with matched non-ASCII keys taken out, so a key's own ない (「受けたことはない」) is not a "no"."""
    key = key_of(text)
    spans = sorted((s, e) for k, s, e in found if not k.ascii)
    if not spans or not key:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(key[last:start])
        last = end
    out.append(key[last:])
    rest = " ".join(part for part in out if part)
    return rest if not any(k.ascii for k, _, _ in found) else rest + " " + _spaced(text)
