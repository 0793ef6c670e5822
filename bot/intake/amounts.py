"""Ages and durations typed in words: 「十六」, "sixteen", 「高2」, "year 10", 「半年」, "a year and a half".

A typed amount is read as a span of years ``(low, high)``, not a point, because that is what people say: 「高2」 is
16 or 17, 「2、3年」 is two to three years, 「2年ちょっと」 a little over two, "almost a year" a little under one.
An age band ``range: [20, 29]`` covers every age from 20 up to (not including) 30, since ages are counted in whole
years; a duration band covers exactly its range. ``bands`` keeps the bands the span overlaps by more than a
touching end, so 「中3」 (14 or 15) offers both age bands and "about a year" offers both bands that meet at a year:
the patient taps the right one instead of the bot guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from bot.content.schema import Choice
from bot.intake.whose import child_part
from bot.search.normalize import fold

Span = tuple[float, float]
INFINITY = 200.0
_LITTLE = 0.2  # 「ちょっと」 over, 「弱」 under: a fifth of the unit (2年ちょっと = 2 to 2.2 years)

# --- numbers written in words ------------------------------------------------------------------------------------

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十百]+")
_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_NUMBER = re.compile(
    r"\b(?:(" + "|".join(_EN_TENS) + r")(?:[\s-]*(" + "|".join(k for k in _EN_UNITS if _EN_UNITS[k] < 10)
    + r"))?|(" + "|".join(sorted(_EN_UNITS, key=len, reverse=True)) + r"))\b")
_EN_ISH = re.compile(r"\b(" + "|".join(_EN_TENS) + r")[\s-]*ish\b")
_EN_SOMETHING = re.compile(r"\b(" + "|".join(_EN_TENS) + r")[\s-]*something\b")
_A_YEAR_AND_MONTHS = re.compile(r"\b(?:a|an|one)\s+year\s*(?:and|&)\s*(?=\d+\s*months?\b)(\d+)")
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_EN_ORDINAL = re.compile(r"\b(" + "|".join(_EN_ORDINALS) + r")\b")


def _kanji_value(numeral: str) -> int:
    """十六 -> 16, 二十 -> 20, 百 -> 100, 一五 -> 15 (digits written one by one)."""
    if "十" not in numeral and "百" not in numeral:
        return int("".join(str(_KANJI_DIGITS[c]) for c in numeral))
    total, digit = 0, 0
    for char in numeral:
        if char == "百":
            total += (digit or 1) * 100
            digit = 0
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = digit * 10 + _KANJI_DIGITS[char]
    return total + digit


_KANA_DIGITS = {"いち": "一", "に": "二", "さん": "三", "よん": "四", "し": "四", "ご": "五", "ろく": "六",
                "なな": "七",
                "しち": "七", "はち": "八", "きゅう": "九", "く": "九", "じゅう": "十", "じゅっ": "十", "いっ": "一",
                "ろっ": "六", "はっ": "八"}
_KANA_NUMBER = re.compile(r"^((?:(?:いち|に|さん|よん|ご|ろく|なな|はち|きゅう)?(?:じゅう|じゅっ))?"
                          r"(?:いち|いっ|に|さん|よん|ご|ろく|ろっ|なな|しち|はち|はっ|きゅう)?)"
                          r"(さい|歳|才|です|ねん|年|かげつ|かげつかん|しゅうかん|くらい|ぐらい|かな|だい|こうはん|ぜんはん|"
                          r"なかば|はん|いじょう|みまん|ちょっと|ほど|かん)*$")
_KANA_SUFFIXES = (("だい", "代"), ("こうはん", "後半"), ("ぜんはん", "前半"), ("なかば", "半ば"), ("ねん", "年"),
                  ("はん", "半"), ("いじょう", "以上"), ("みまん", "未満"))
"""The words after a number typed in kana, as the reader knows them in kanji (「よんじゅうだいこうはん」: 40代後半)."""
_KANA_PART = re.compile(r"じゅう|じゅっ|いち|いっ|さん|よん|ろく|ろっ|なな|しち|はち|はっ|きゅう|に|ご")
_KANA_TENS_THEN_DIGIT = re.compile(r"((?:いち|に|さん|よん|ご|ろく|なな|はち|きゅう)?じゅう)(\d)(?!\d)")
"""「さんじゅう2」: the tens in kana and the ones as a digit, typed as the keyboard offered them (32)."""
_KANJI_TENS_THEN_DIGIT = re.compile(r"([一二三四五六七八九]?十)(\d)(?!\d)")
"""「三十2」: the tens in kanji and the ones as a digit (32), not 「30」 followed by 「2」."""


def _kana_kanji(kana: str) -> str:
    return "".join(_KANA_DIGITS[part] for part in _KANA_PART.findall(kana))


_COUNTERS = (("ひと月", "1か月"), ("ふた月", "2か月"), ("ふたつき", "2か月"), ("みつき", "3か月"),
             ("一月", "1か月"), ("ひとつき", "1か月"), ("還暦", "60歳"),
             ("古希", "70歳"), ("古稀", "70歳"))
_YEARS_AND_MONTHS = re.compile(r"(\d+)\s*(?:年|years?)\s*(?:と|and|&)?\s*(\d+)\s*(?:か月|ヶ月|カ月|ケ月|ヵ月|months?)")


def digits(text: str) -> str:
    """The folded text with numbers written in kanji, kana or English words as digits: 「十六歳」 -> 16歳,
    「にじゅうご」 -> 25, "twenty-five" -> 25, "a year" -> 1 year, 「1年と3ヶ月」 -> 1.25年."""
    text = fold(text).replace("ハタチ", "はたち").replace("はたち", "20歳")
    text = text.replace("二十歳", "20歳").replace("二十才", "20歳")
    text = re.sub(r"\bhalf (?:a )?year\b", "0.5 year", text)
    text = _KANA_TENS_THEN_DIGIT.sub(lambda m: str(_kanji_value(_kana_kanji(m.group(1))) + int(m.group(2))), text)
    text = _KANJI_TENS_THEN_DIGIT.sub(lambda m: str(_kanji_value(m.group(1)) // 10 * 10 + int(m.group(2))), text)
    kana = _KANA_NUMBER.match(text.strip())
    if kana and kana.group(1) and text.strip() not in ("ごはん", "ごはんです"):  # rice, not five and a half
        suffix = text.strip()[kana.end(1):]
        for word, kanji in _KANA_SUFFIXES:
            suffix = suffix.replace(word, kanji)
        text = "".join(_KANA_DIGITS[part] for part in _KANA_PART.findall(kana.group(1))) + suffix
    for word, replacement in _COUNTERS:
        text = text.replace(word, replacement)
    text = _KANJI_NUMBER.sub(lambda m: str(_kanji_value(m.group(0))), text)
    text = _EN_SOMETHING.sub(lambda m: f"{_EN_TENS[m.group(1)]}s", text)  # "thirtysomething": in the 30s
    text = _EN_ISH.sub(lambda m: f"about {_EN_TENS[m.group(1)]}", text)  # "thirtyish": about 30
    text = _EN_NUMBER.sub(lambda m: str(_EN_TENS[m.group(1)] + _EN_UNITS.get(m.group(2) or "zero", 0))
                          if m.group(1) else str(_EN_UNITS[m.group(3)]), text)
    text = _EN_ORDINAL.sub(lambda m: str(_EN_ORDINALS[m.group(1)]), text)
    text = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", text)
    text = _A_YEAR_AND_MONTHS.sub(lambda m: f"1 year and {m.group(1)} months", text)  # "a year and two months"
    text = _YEARS_AND_MONTHS.sub(lambda m: f"{int(m.group(1)) + int(m.group(2)) / 12:.2f}年", text)
    text = re.sub(r"\b(\d+)\s+and\s+(?:a\s+)?half\b", lambda m: f"{int(m.group(1))}.5", text)  # "two and a half"
    return re.sub(r"\b(?:a|an|one)\s+(?=(?:year|month|week|day|decade)\b)", "1 ", text)


# --- durations ---------------------------------------------------------------------------------------------------

_UNITS = (
    (r"(?:decades?)", 10.0),
    (r"(?:年|ねん|years?|yrs?|yr)(?:間)?", 1.0),
    (r"(?:か月|ヶ月|カ月|ケ月|ヵ月|かげつ|箇月|ヶげつ|months?|mos?|mths?|mnths?|mons?)(?:間)?", 1 / 12),
    (r"(?:週間|週|しゅうかん|weeks?|wks?)", 1 / 52),
    (r"(?:日間|日|にち|days?)", 1 / 365),
)
_NUM = r"(\d+(?:\.\d+)?)"
_RANGE_SEP = r"\s*(?:〜|~|-|–|から|to|or|、|,|か|ないし)\s*"
_OVER_AFTER = re.compile(r"\s*(?:以上|超|or more|or longer|plus|\+)")
_LITTLE_OVER_AFTER = re.compile(r"\s*(?:ちょっと|ちょい|ちょっと|すこし|少し|あまり|余り|強|and a bit|or so and more|"
                                r"ish and more)")
_UNDER_AFTER = re.compile(r"\s*(?:未満|以内|以下|まで)")
_LITTLE_UNDER_AFTER = re.compile(r"\s*(?:弱|足らず|たらず|近く|ちかく|に満たない|にならない|経たない|たたない|"
                                 r"いかない)")
_OVER_BEFORE = re.compile(r"(?:more than|over|longer than|at least|beyond|upwards of)\s*$")
_LITTLE_OVER_BEFORE = re.compile(r"(?:just over|a bit over|a little over|little over|slightly over|a bit more than"
                                 r"|a little more than|slightly more than)\s*$")
_UNDER_BEFORE = re.compile(r"(?:less than|under|within|shorter than|up to|fewer than)\s*$")
_LITTLE_UNDER_BEFORE = re.compile(r"(?:almost|nearly|not quite|just under|close to|barely|not even|a bit under"
                                  r"|a little under|a bit less than|a little less than|slightly less than)\s*$")
_HALF_AFTER = re.compile(r"\s*(?:半|and a half|and half)")
_NOT_DURATION_AFTER = re.compile(r"\s*(?:代|生|old|歳|才|さい|生まれ|の時|のとき|のころ|の頃|当時)")
_DURATION_WORDS: tuple[tuple[str, Span], ...] = (
    ("半年", (0.5, 0.5)), ("はんとし", (0.5, 0.5)), ("half a year", (0.5, 0.5)), ("half year", (0.5, 0.5)),
    ("数年", (2.0, 6.0)), ("すうねん", (2.0, 6.0)), ("several years", (2.0, 6.0)), ("a few years", (2.0, 5.0)),
    ("few years", (2.0, 5.0)), ("couple of years", (2.0, 2.5)), ("couple years", (2.0, 2.5)),
    ("数か月", (2 / 12, 5 / 12)), ("数ヶ月", (2 / 12, 5 / 12)), ("数カ月", (2 / 12, 5 / 12)),
    ("すうかげつ", (2 / 12, 5 / 12)), ("a few months", (2 / 12, 4 / 12)), ("few months", (2 / 12, 4 / 12)),
    ("couple of months", (2 / 12, 3 / 12)), ("couple months", (2 / 12, 3 / 12)), ("数週間", (0.03, 0.12)),
    ("a few weeks", (0.03, 0.12)), ("few weeks", (0.03, 0.12)), ("decades", (10.0, 50.0)), ("decade", (10.0, 10.0)),
    ("何年も", (2.0, 10.0)), ("なんねんも", (2.0, 10.0)), ("長年", (2.0, 10.0)), ("for years", (2.0, 10.0)),
    ("many years", (2.0, 10.0)), ("years and years", (2.0, 10.0)), ("years", (2.0, 10.0)),
)
_PLUS_BEFORE_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*\+\s*"
                               r"(decades?|years?|yrs?|yr|months?|mos?|weeks?|年|か月|ヶ月|カ月|週間)")
"""「5+ years」: the plus of "or more" typed before the unit, moved after it where the reader looks."""
_BARE_PLUS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*\+")
_UNIT_WORD = re.compile(r"\b(years?|yrs?|months?|weeks?)\b|(年|か月|ヶ月|カ月|週間)")
""""years. like 5+": a number with no unit of its own takes the unit the message names elsewhere."""


def _modified(low: float, high: float, before: str, after: str) -> Span:
    """The span a number means with what is said around it: 以上 / "more than" open upwards, 未満 / "less than"
    down to zero, 「ちょっと」 / "just over" a little above, 「弱」 / "almost" a little below; else as said."""
    if _LITTLE_OVER_AFTER.match(after) or _LITTLE_OVER_BEFORE.search(before):
        return (high, high * (1 + _LITTLE))
    if _LITTLE_UNDER_AFTER.match(after) or _LITTLE_UNDER_BEFORE.search(before):
        return (low * (1 - _LITTLE), low)
    if _OVER_AFTER.match(after) or _OVER_BEFORE.search(before):
        return (high, INFINITY)
    if _UNDER_AFTER.match(after) or _UNDER_BEFORE.search(before):
        return (0.0, low)
    return (low, high)


_SINCE_YEAR = re.compile(r"\bsince\s*((?:19|20)\d\d)\b|((?:19|20)\d\d)\s*年?\s*(?:ごろ|頃)?\s*から")


_SCHOOL_YEAR_BEFORE = re.compile(r"\b(?:in|my|his|her|their|the)\s*$")


def _duration_spans(text: str, today: dt.date, age: Span | None = None) -> list[Span]:
    """Every duration said in the (digit-converted) text, in years."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    text = _PLUS_BEFORE_UNIT.sub(r"\1 \2+", text)
    if (named := _UNIT_WORD.search(text)) and (bare := _BARE_PLUS.search(text)) \
            and not re.match(r"\s*\+?\s*(?:years?|yrs?|months?|weeks?|年|か月|ヶ月|カ月|週間)", text[bare.end(1):]):
        text = f"{text[:bare.end(1)]} {named.group(0)}{text[bare.end(1):]}"
    for unit, scale in _UNITS:
        pattern = re.compile(_NUM + r"(?:" + _RANGE_SEP + _NUM + r")?\s*" + unit)
        for found in pattern.finditer(text):
            if _NOT_DURATION_AFTER.match(text, found.end()) or any(s < found.end() and found.start() < e for s,
                                         e in taken):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", found.group(1)):
                continue  # 「2019年から」 is a year, read below
            if scale == 1.0 and not found.group(2) and _SCHOOL_YEAR_BEFORE.search(text[:found.start()]):
                continue  # "since my second year of high school", "I'm in third year": a school year, no duration
            low = float(found.group(1))
            high = float(found.group(2)) if found.group(2) else low
            if high < low:
                continue
            end = found.end()
            half = _HALF_AFTER.match(text, end)
            if half:
                low, high, end = low + 0.5, high + 0.5, half.end()
            taken.append((found.start(), end))
            span = _modified(low, high, text[:found.start()], text[end:])
            spans.append((span[0] * scale, min(span[1] * scale, INFINITY)))
    for found in _SINCE_YEAR.finditer(text):
        year = int(found.group(1) or found.group(2))
        if year <= today.year:
            spans.append((max(0.0, today.year - year - 1 + today.month / 12), today.year - year + today.month / 12))
    if not spans:
        for word, span in _DURATION_WORDS:
            at = text.find(word)
            if at >= 0:  # 「半年以上」, "more than half a year": the word takes what is said around it, as numbers do
                spans = [_modified(span[0], span[1], text[:at], text[at + len(word):])
                         if span[0] == span[1] else span]
                break
    if not spans:
        spans = _anchored_spans(text, today, age)
    return spans


_SINCE_CHILDHOOD = re.compile(
    r"(?:小学生|小学校|幼稚園|保育園|子ども|子供|こども|幼い|小さい|ちいさい)(?:の)?"
    r"(?:ころ|頃|時|とき|時代)?(?:から|より)|物心(?:が)?ついた|"
    r"since (?:i was |he was |she was |they were )?(?:a |little )?(?:kid|child|little|baby|toddler)|"
    r"since (?:early |my )?childhood|since (?:primary|elementary|grade) school|"
    r"all (?:my|his|her|their) (?:life|childhood)|as long as (?:i|he|she|they) can remember")
_SINCE_SCHOOL = re.compile(
    r"(?:中学|高校|大学|学生|思春期|10代|受験)(?:生)?(?:の)?(?:ころ|頃|時|とき|時代)?(?:から|より)|"
    r"(?:中学|高校|大学|専門学校)(?:に|へ)?(?:入って|入学して|上がって|進学して)(?:から|以来)|"
    r"since (?:i was |he was |she was |they were )?(?:in )?(?:middle school|junior high|high school|"
    r"secondary school|college|university|uni|a teen(?:ager)?|(?:my|his|her|their) teens)|"
    r"since (?:i|he|she|they) (?:started|began|entered|went to|moved up to) (?:middle school|junior high|"
    r"high school|secondary school|college|university|uni)")
_SINCE_MIDDLE_SCHOOL = re.compile(
    r"(?:中学|中学生)(?:の)?(?:ころ|頃|時|とき|時代)(?:から|より)|"
    r"since (?:i was |he was |she was |they were )?(?:in )?(?:middle school|junior high)(?! started| began)")
"""「中学のころから」, "since middle school": an era that ended years ago (two years or more); 「中学に入ってから」
(entering it) stays a year or more, since someone in middle school now may say it."""
_SINCE_PANDEMIC = re.compile(r"コロナ|covid|pandemic|lockdown")
"""「コロナの頃から」, "since covid": from 2020 on."""
_SEASONS = {"春": 3, "spring": 3, "夏": 6, "summer": 6, "秋": 9, "autumn": 9, "fall": 9, "冬": 12, "winter": 12}
_MONTHS = {name: i + 1 for i, name in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                                   "august", "september", "october", "november", "december"))}
_SINCE_WHEN = re.compile(
    r"(?P<last>去年|昨年|きょねん|一昨年|おととし|last |this |the )?(?:の)?\s*"
    r"(?P<when>春|夏|秋|冬|spring|summer|autumn|fall|winter|(?P<ja_month>1[0-2]|[1-9])月|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:休み|休暇)?(?P<around>頃|ごろ|ころ|くらい|ぐらい)?(?:から|より|以来)")
_SINCE_WHEN_EN = re.compile(
    r"since (?P<around>around |about |roughly )?(?:(?P<last>last|this|the) )?(?:(?:early|late|mid) )?"
    r"(?P<when>spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b(?: (?:holidays?|vacation|break))?")

_AROUND_SEASON = 2 / 12
"""A season or month said roughly (「秋ごろ」, "since around March") may be off by two months either way."""
_YEAR_AFTER = re.compile(r"\s*(?:of\s+)?(last year|the year before last)")


def _since_when(text: str, today: dt.date) -> Span | None:
    """「去年の春から」, "since last spring", 「3月から」, "since March": the time from that season or month until
    today, the season or month taken as this year's when it has begun, else last year's. 「去年」 is the calendar
    year before; English "last summer" is the latest summer that has ended, this year's when said in December."""
    found = _SINCE_WHEN.search(text) or _SINCE_WHEN_EN.search(text)
    if found is None:
        return None
    when = found.group("when")
    ja_month = found.groupdict().get("ja_month")
    month = int(ja_month) if ja_month else _SEASONS.get(when) or _MONTHS.get(when, 0)
    width = 3 if when in _SEASONS else 1
    last = (found.group("last") or "").strip()
    after = _YEAR_AFTER.match(text, found.end())  # "since spring last year", "since March of last year"
    if after is not None:
        last = "一昨年" if after.group(1).startswith("the") else "last"
    years_back = 2 if last in ("一昨年", "おととし") else 1 if last in ("去年", "昨年", "きょねん", "last") else 0
    if last == "last" and after is None and month + width - 1 < today.month:
        years_back = 0  # "since last summer" said in December is this year's summer; 「去年の夏」 is last year's
    if not years_back and month > today.month:
        years_back = 1  # "since the summer" said in spring is last summer's
    start = (today.year - years_back) + (month - 1) / 12
    now = today.year + (today.month - 0.5) / 12
    slack = _AROUND_SEASON if found.group("around") else 0.0  # 「去年の秋ごろから」: some months either side
    return (max(0.0, now - start - width / 12 - slack), max(0.0, now - start + slack))
_SINCE_SCHOOL_YEAR_JA = re.compile(r"(?:(小学校?|小)|(中学校?|中)|(高校|高))\s*(\d)\s*(?:年生?)?\s*(?:の)?\s*"
                                   r"(?:(?:頃|ころ|時|とき|春|夏|秋|冬|くらい|ぐらい)\s*)*(?:から|より|以来)")
_SINCE_SCHOOL_YEAR_EN = re.compile(r"\b(?:since|from|started in|began in)\s+(?:i was in\s+|he was in\s+|she was in\s+|"
                                   r"(?:my|his|her|the)\s+)?(?:(\d{1,2})\s*grade|grade\s*(\d{1,2})|year\s*(\d{1,2}))")
_SCHOOL_YEAR_ERA = re.compile(r"頃|ころ|時|とき")
_SINCE_SCHOOL_LEVEL = ((re.compile(r"(?:思春期|10代|\bteen(?:ager|s)?\b)"), (13.0, 20.0)),
                       (re.compile(r"(?:中学|中学生|middle school|junior high)"), (12.0, 15.0)),
                       (re.compile(r"(?:高校|高校生|high school|secondary school)"), (15.0, 18.0)),
                       (re.compile(r"(?:大学|大学生|college|university|uni\b)"), (18.0, 22.0)))


def _since_school_age(text: str) -> tuple[Span | None, str]:
    """The age at which a duration began when it is told by an age, a school year or a school (「12歳から」 12,
    「中2から」 13 to 15, "since 8th grade" 13 to 15, "since high school" 15 to 18), and the text without it."""
    found = _SINCE_AGE.search(text)
    if found is not None:
        age = int(found.group(1) or found.group(2))
        return (float(age), age + 1.0), text[:found.start()] + text[found.end():]
    found = _SINCE_SCHOOL_YEAR_JA.search(text)
    if found is not None:
        first = 5 if found.group(1) else 11 if found.group(2) else 14
        return (first + int(found.group(4)), first + int(found.group(4)) + 2.0), text[:found.start()] + text[
            found.end():]
    found = _SINCE_SCHOOL_YEAR_EN.search(text)
    if found is not None:
        grade, uk_year = found.group(1) or found.group(2), found.group(3)
        first = int(grade) + 5 if grade else int(uk_year) + 4
        return (float(first), first + 2.0), text[:found.start()] + text[found.end():]
    if _SINCE_SCHOOL.search(text):
        for pattern, ages in _SINCE_SCHOOL_LEVEL:
            if pattern.search(text):
                return ages, pattern.sub(" ", text)
    return None, text


_SINCE_AGE = re.compile(r"\b(?:since|from) (?:(?:i|he|she|they) (?:was|were)|(?:the )?age(?: of)?) "
                        r"(?:about |around |like |maybe |roughly |only |just )?(\d{1,2})\b|"
                        r"(\d{1,2})\s*(?:歳|才|さい)\s*(?:の)?\s*(?:頃|ころ|時|とき|くらい|ぐらい)?\s*(?:から|より|以来)")


_STATED_AGE = re.compile(r"(?:今|いま|現在|now|currently)\s*(\d{1,3})\s*(?:歳|才|さい)?|"
                         r"(\d{1,3})\s*(?:歳|才|さい|years? old)|"
                         r"\b(?:i am|i'm|im|(?:he|she) is|(?:he|she)'s)\s+(\d{1,2})\b"
                         r"(?!\s*(?:years?|months?)\b(?! old))")


def _stated_age(text: str) -> Span | None:
    """An age said beside a duration ("since high school, I'm 30 now", 「今20歳で、中2から」)."""
    found = _STATED_AGE.search(text)
    if found is None:
        return None
    age = int(found.group(1) or found.group(2) or found.group(3))
    return (float(age), age + 1.0)


_RELATIVE: tuple[tuple[re.Pattern[str], int, float], ...] = (
    # (words, whole years back from the start of this year, or -1 for "weeks" words; span in years)
    (re.compile(r"一昨年|おととし|the year before last"), 1, 1.0),
    (re.compile(r"去年|昨年|きょねん|last year"), 0, 1.0),
    (re.compile(r"年明け|年始|年初め|お?正月|(?:start|beginning) of (?:the|this) year|new year"), -2, 0.0),
    (re.compile(r"今年|ことし|this year"), -1, 0.0),
)
_RECENT: tuple[tuple[re.Pattern[str], Span], ...] = (
    (re.compile(r"先月|せんげつ|last month|past month|this month|今月"), (0.0, 2 / 12)),
    (re.compile(r"先週|せんしゅう|last week|past week|this week|今週|(?:couple|few) (?:of )?weeks|ここ数日|数日|"
                r"(?:couple|few) (?:of )?days|past (?:few|couple of) days"), (0.0, 0.06)),
)


_LEVEL_FIRST_AGE = {"小": 5, "中": 11, "高": 14, "大": 17, "grade": 5, "year": 4}
"""The age at the start of school year 1 at each level (小1 at 6, 中1 at 12, 高1 at 15), US grades, UK years."""
_SINCE_LEVEL_YEAR_EN = re.compile(r"\b(?:since|from) (?:my|his|her|their|the) (\d) year (?:of|in|at) (?:(high school|"
                                  r"senior high)|(junior high|middle school)|(university|college|uni)\b)")
_NOW_SCHOOL_YEAR_JA = re.compile(r"(?:今|いま|現在)(?:は|わ)?\s*"
                                 r"(?:(小学校?|小)|(中学校?|中)|(高校|高)|(大学|大))\s*(\d)")
_NOW_SCHOOL_YEAR_EN = re.compile(
    r"\b(?:now|currently|i am|i'm|im|(?:he|she) is|(?:he|she)'s|they are)\s+(?:in\s+)?(?:my\s+|the\s+|his\s+|her\s+|"
    r"their\s+)?(?:(\d{1,2})\s*grade|grade\s*(\d{1,2})|year\s*(\d{1,2})|(\d) year)\b")


def _school_year_then(text: str) -> tuple[int, str] | None:
    """The school year a duration began in (「中1の頃から」, "since 8th grade", "since my second year of high
    school"), as the age at its start and its level."""
    found = _SINCE_SCHOOL_YEAR_JA.search(text)
    if found is not None:
        level = "小" if found.group(1) else "中" if found.group(2) else "高"
        return _LEVEL_FIRST_AGE[level] + int(found.group(4)), level
    found = _SINCE_SCHOOL_YEAR_EN.search(text)
    if found is not None:
        grade, uk_year = found.group(1) or found.group(2), found.group(3)
        level = "grade" if grade else "year"
        return _LEVEL_FIRST_AGE[level] + int(grade or uk_year), level
    found = _SINCE_LEVEL_YEAR_EN.search(text)
    if found is not None:
        level = "高" if found.group(2) else "中" if found.group(3) else "大"
        return _LEVEL_FIRST_AGE[level] + int(found.group(1)), level
    return None


def _school_year_now(text: str, then_level: str) -> int | None:
    """The school year said as now (「今高2」, "now in 11th grade", "I'm in third year now": the level of the year it
    began in), as the age at its start."""
    found = _NOW_SCHOOL_YEAR_JA.search(text)
    if found is not None:
        level = next(lv for lv, group in zip("小中高大", found.groups()[:4], strict=True) if group)
        return _LEVEL_FIRST_AGE[level] + int(found.group(5))
    found = _NOW_SCHOOL_YEAR_EN.search(text)
    if found is not None:
        grade, uk_year, same = found.group(1) or found.group(2), found.group(3), found.group(4)
        level = "grade" if grade else "year" if uk_year else then_level
        return _LEVEL_FIRST_AGE[level] + int(grade or uk_year or same)
    return None


def _school_years_between(text: str) -> Span | None:
    """「中1の頃から、今高2」, "since my second year of high school, I'm in third year now": as many years as the
    school years between, up to most of one more."""
    then = _school_year_then(text)
    if then is None:
        return None
    now = _school_year_now(text, then[1])
    if now is None or now < then[0]:
        return None
    return (float(now - then[0]), now - then[0] + 0.9)


def _anchored_spans(text: str, today: dt.date, age: Span | None = None) -> list[Span]:
    """Durations said by when they began: 「小学生のころから」 / "since I was a kid" (years), 「中学の頃から」 / "since
    high school" (a year or more), 「去年から」 / "since last year", 「先月から」 / "a couple of weeks"; a school
    year or school (「中2から」, "since high school") counted from the age now when it is known."""
    between = _school_years_between(text)
    if between is not None:
        return [between]
    since_age, rest = _since_school_age(text)
    now = _stated_age(rest) or age
    if since_age is not None and now is not None:
        return [(max(0.0, now[0] - since_age[1]), max(0.0, now[1] - since_age[0]))]
    year_era = _SINCE_SCHOOL_YEAR_JA.search(text)
    if year_era is not None and _SCHOOL_YEAR_ERA.search(year_era.group(0)):
        # 「中2の頃から」: a school year spoken of as past, as 「中学の頃から」 is (an era that ended years ago);
        # a high-school year may have ended last year
        return [(1.0 if year_era.group(3) else 2.0, INFINITY)]
    if _SINCE_CHILDHOOD.search(text):
        return [(2.0, INFINITY)]
    if _SINCE_MIDDLE_SCHOOL.search(text):
        return [(2.0, INFINITY)]
    if _SINCE_SCHOOL.search(text):
        return [(1.0, INFINITY)]
    when = _since_when(text, today)
    if when is not None:
        return [when]
    if _SINCE_PANDEMIC.search(text):
        return [(today.year - 2020 - 0.25, INFINITY)]
    into_year = (today.month - 0.5) / 12
    for pattern, years_back, width in _RELATIVE:
        if pattern.search(text):
            if years_back == -2:  # 「年明けから」, "since the start of the year": the year so far, give or take
                return [(max(0.0, into_year - 1 / 12), into_year + 1 / 24)]
            if years_back < 0:
                return [(0.0, into_year)]
            return [(years_back + into_year, years_back + into_year + width)]
    return [span for pattern, span in _RECENT if pattern.search(text)][:1]


# --- ages --------------------------------------------------------------------------------------------------------

_AGE = re.compile(r"(\d{1,3})\s*(?:歳|才|さい|years? old|yrs? old|yo\b|y/o|y\.o\.|(?=\s*(?:にな(?:ります|りました|る|"
                  r"った))))")
_AGE_ALONE = re.compile(r"^(?:i am|im|i'm|age|aged|私は|わたしは|本人は|子供は|子どもは|こどもは|息子は|娘は|年齢は|"
                        r"(?:my )?(?:son|daughter|child|kid) is|(?:he|she) is|they are)?\s*(\d{1,3})\s*"
                        r"(?:です|だ|になります|yrs?|years?)?$")
_DECADE = re.compile(r"(\d)0\s*(?:代|'?s\b)")
_DECADE_PART = re.compile(r"\s*(?:代)?\s*(前半|半ば|後半)")
_DECADE_EN_PART = re.compile(r"(early|mid|late)[\s-]*$")
_AROUND = {"あらさー": (28, 33), "アラサー": (28, 33), "あらふぉー": (38, 43), "アラフォー": (38, 43),
           "あらふぃふ": (48, 53), "アラフィフ": (48, 53), "アラ還": (58, 63), "あらかん": (58, 63)}
_SCHOOL_JA = (  # the year's first age: 小1 is 6 or 7, 中1 12 or 13, 高1 15 or 16, 大1 18 or 19
    (re.compile(r"(?:小学校?|小)\s*(\d)\s*(?:年生?)?"), 5), (re.compile(r"(?:中学校?|中)\s*(\d)\s*(?:年生?)?"), 11),
    (re.compile(r"(?:高校|高等学校|高)\s*(\d)\s*(?:年生?)?"), 14), (re.compile(r"(?:大学|大)\s*(\d)\s*(?:年生?|回生)"),
     17),
)
_SCHOOL_JA_WORDS: tuple[tuple[str, Span], ...] = (
    ("高校を卒業したばかり", (18, 19)), ("高校卒業したばかり", (18, 19)), ("高校を卒業したて", (18, 19)),
    ("小学生", (6, 12)), ("中学生", (12, 15)), ("高校生", (15, 18)), ("大学生", (18, 23)),
    ("しょうがくせい", (6, 12)), ("ちゅうがくせい", (12, 15)), ("こうこうせい", (15, 18)), ("だいがくせい", (18, 23)),
    ("浪人", (18, 21)),
    ("専門学生", (18, 21)), ("短大生", (18, 20)), ("院生", (22, 30)), ("大学院生", (22, 30)), ("社会人", (18,
     INFINITY)),
)
_SCHOOL_EN = (  # UK "year 10" (14 or 15), US "grade 10" / "10th grade" (15 or 16)
    (re.compile(r"\byear\s*(\d{1,2})\b(?!\s*(?:old|s\b))"), 4), (re.compile(r"\bgrade\s*(\d{1,2})\b"), 5),
    (re.compile(r"\b(\d{1,2})\s*grade\b"), 5), (re.compile(r"\bform\s*(\d)\b"), 10),
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_LEVEL_YEAR = r"(?:(\d)(?:st|nd|rd|th)?|(first|second|third|fourth))\s+year\s+(?:of|in|at)\s+(?:my\s+|his\s+|her\s+)?"
_SCHOOL_EN_LEVEL = (  # the Japanese school years said in English: 「高2」 is "second year of high school"
    (re.compile(_LEVEL_YEAR + r"(?:high school|senior high)"), 14),
    (re.compile(_LEVEL_YEAR + r"(?:junior high|middle school)"), 11),
    (re.compile(_LEVEL_YEAR + r"(?:university|college|uni)\b"), 17),
)
_SCHOOL_EN_WORDS: tuple[tuple[str, Span], ...] = (  # the first found is read: a college year before the bare one
    ("just graduated high school", (18, 19)), ("just finished high school", (18, 19)),
    ("just left high school", (18, 19)), ("primary school", (5, 12)), ("elementary school", (6, 12)),
    ("middle school", (11, 15)),
    ("junior high", (12, 15)), ("high school freshman", (14, 16)), ("freshman in high school", (14, 16)),
    ("freshman in college", (17, 20)), ("college freshman", (17, 20)), ("uni freshman", (17, 20)),
    ("university freshman", (17, 20)), ("sophomore in college", (19, 21)),
    ("college sophomore", (19, 21)), ("junior in college", (20, 22)), ("college junior", (20, 22)),
    ("senior in college", (21, 23)), ("college senior", (21, 23)), ("sophomore", (15, 17)),
    ("high school junior", (16, 18)), ("junior in high school", (16, 18)),
    ("high school senior", (17, 19)), ("senior in high school", (17, 19)), ("high school", (14, 19)),
    ("sixth form", (16, 19)), ("secondary school", (11, 19)), ("university", (18, 24)), ("college", (18, 24)),
    ("uni student", (18, 24)), ("teenager", (13, 20)), ("teen", (13, 20)), ("in my teens", (13, 20)),
)
_BORN = re.compile(r"(?:born in|born)\s*((?:19|20)\d\d)|((?:19|20)\d\d)\s*年?\s*生まれ|(平成|令和|"
                   r"昭和)\s*(\d{1,2})\s*年?\s*生まれ")
_ERAS = {"昭和": 1925, "平成": 1988, "令和": 2018}


def _age_spans(text: str, today: dt.date) -> list[Span]:
    """Every age said in the (digit-converted) text, as [from, to) in years."""
    spans: list[Span] = []
    for word, (low, high) in _AROUND.items():
        if word in text:
            spans.append((low, high))
    for found in _DECADE.finditer(text):
        low = int(found.group(1)) * 10
        part = _DECADE_PART.match(text, found.end())
        en_part = _DECADE_EN_PART.search(text[:found.start()])
        which = part.group(1) if part else ({"early": "前半", "mid": "半ば", "late": "後半"}[en_part.group(1)]
                                            if en_part else None)
        offset = {"前半": (0, 4), "半ば": (3, 7), "後半": (6, 10), None: (0, 10)}[which]
        spans.append((low + offset[0], low + offset[1]))
    for found in _BORN.finditer(text):
        era = found.group(3)
        year = _ERAS[era] + int(found.group(4)) if era else int(found.group(1) or found.group(2))
        spans.append((today.year - year - 1, today.year - year + 1))
    school_from = len(spans)
    for pattern, first_age in _SCHOOL_JA:
        for found in pattern.finditer(text):
            spans.append((first_age + int(found.group(1)), first_age + int(found.group(1)) + 2))
    levels = [(found, first_age) for pattern, first_age in _SCHOOL_EN_LEVEL for found in pattern.finditer(text)]
    for found, first_age in levels:  # "second year of high school" is 高2 (16 or 17), not the UK "year 2"
        year = int(found.group(1) or _ORDINALS[found.group(2)])
        spans.append((first_age + year, first_age + year + 2))
    for pattern, first_age in _SCHOOL_EN if not levels else ():
        for found in pattern.finditer(text):
            spans.append((first_age + int(found.group(1)), first_age + int(found.group(1)) + 2))
    if not spans:
        for word, span in (*_SCHOOL_JA_WORDS, *_SCHOOL_EN_WORDS):
            if word in text:
                spans.append(span)
                break
    now: list[Span] = [(int(m.group(1)), int(m.group(1)) + 1) for m in _NOW_AGE.finditer(text)]
    if now:
        return now  # 「もうすぐ50になります（今49）」: the age now says it
    said = [_modified_age(int(found.group(1)), text[:found.start()], text[found.end():])
            for found in _AGE.finditer(text)]
    exact = [span for span in said if span[1] - span[0] == 1]
    if exact and len(exact) < len(said):
        return exact  # 「もうすぐ15になる14歳」: the age said as it is now outweighs the one to come
    if said:
        return said  # 「大学生です、20歳」: the age said outright outweighs the school year beside it
    if len(spans) == school_from or not spans[:school_from]:
        bare: list[Span] = []
        to_come: list[Span] = []
        days_away: list[Span] = []
        for found in re.finditer(r"(?<![\d.])(\d{1,2})(?![\d.]|\s*(?:時|pm|am|月|日|年|か月|ヶ月|回|人|代|'?s\b))",
                                 text):
            before, after = text[:found.start()], text[found.end():]
            if _ROUGH_AGE_AFTER.match(after):
                days_away.append((int(found.group(1)) - 1.0, int(found.group(1)) + 1.0))
                continue  # "29, 30 next week": the birthday is days away, so either age may be meant
            if _FUTURE_AGE_AFTER.match(after):
                to_come.append((int(found.group(1)) - 1.0, float(found.group(1))))
                continue  # "17 but 18 in two months": the age to come, which the age now outweighs
            if re.match(r"\s*(?:months?|weeks?|days?)\b", after):
                continue
            if not re.search(r"(?:year|grade|form|中|高|小|大)\s*$", before) and not (
                    spans and (int(found.group(1)) < 6 or re.match(r"\s*(?:year|grade|form|class)", after))):
                bare.append(_modified_age(int(found.group(1)), before, after))  # at the age question, 17 is an age
        exact = [span for span in bare if span[1] - span[0] == 1]
        if exact and len(exact) < len(bare) and not re.search(r"\bor\b|か", text):
            bare = exact  # "17, almost 18": the age now outweighs the rough one to come
        bare += days_away
        if bare or to_come:
            return bare or to_come  # "in college, 20": the number outweighs the school year beside it; "he will
            # be 15 next month" alone is 14 now
    alone = _AGE_ALONE.match(text.strip(" .!、。"))
    if alone and not spans:
        spans.append((int(alone.group(1)), int(alone.group(1)) + 1))
    return spans


_FUTURE_AGE_AFTER = re.compile(r"\s*(?:歳|才)?\s*(?:in (?:a |an |\d+ |a few |a couple of )?(?:days?|weeks?|months?)\b|"
                               r"(?:in|on|this|by) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                               r"(?:on|at|after) (?:my|her|his|their) (?:next )?birthday\b|"
                               r"next (?:month|week)\b|soon\b|(?:に|で)?(?:\d+|数)?(?:か月|ヶ月|カ月|週間)後|"
                               r"(?:に|で)?(?:来月|来週))")
_ABOUT_AGE_BEFORE = re.compile(r"(?:about|around|roughly|approximately|approx|maybe|およそ|だいたい|大体|約)\s*$")
_ABOUT_AGE_AFTER = re.compile(r"\s*(?:歳|才)?\s*(?:くらい|ぐらい|位|前後|ish|or so)")
_DECADE_AFTER = re.compile(r"\s*(?:something|odd|plus|\+|ish)")
_ALMOST_AGE_BEFORE = re.compile(r"(?:来月で|来月|今度|turning|soon to be|will be|going to be)\s*$")
"""An age to come on a date ("turning 18 next month", 「来月18になります」): one year less now."""
_ROUGH_AGE_BEFORE = re.compile(r"(?:もうすぐ|もう少しで|もうじき|まもなく|間もなく|今年で|今月で|今月|今週|来週|"
                               r"誕生日で|"
                               r"\b(?:soon|almost|nearly|about to turn|close to|just about|pretty much))\s*$")
"""An age said roughly or about to come any day ("almost 18", 「もうすぐ18歳」, 「今年で60」): the age now or the
age to come, both kept, so at a band edge the reader asks which."""
_ROUGH_AGE_AFTER = re.compile(r"\s*(?:歳|才)?\s*(?:(?:in|within) (?:a |\d+ |a few |a couple of )?days?\b|"
                              r"next week\b|this week\b|soon\b|any day\b|(?:に|で)?(?:来週|今週|数日後|もうすぐ))")
_NOW_AGE = re.compile(r"(?:今|いま|現在|now|currently|actually)(?:は|わ)?\s*(\d{1,3})")


def _modified_age(age: int, before: str, after: str) -> Span:
    if _DECADE_AFTER.match(after) and age % 10 == 0 and age >= 20:
        return (age, age + 10)  # "fifty something"
    if _ROUGH_AGE_BEFORE.search(before):
        return (age - 1, age + 1)  # 「もうすぐ50」: 49 now, or 50 by the time the clinic calls
    if _ALMOST_AGE_BEFORE.search(before):
        return (age - 1, age)  # 「来月50になります」: 49 now
    if _ABOUT_AGE_BEFORE.search(before) or _ABOUT_AGE_AFTER.match(after):
        return (age - 1, age + 2)  # "about 30": 29 to 31
    if _OVER_AFTER.match(after) or _OVER_BEFORE.search(before):
        return (age, INFINITY)
    if re.match(r"\s*(?:未満|以下)", after) or re.search(r"(?:under|younger than|less than|below)\s*$", before):
        return (0, age + 1 if re.match(r"\s*以下", after) else age)
    if _LITTLE_UNDER_AFTER.match(after) or _LITTLE_UNDER_BEFORE.search(before):
        return (age - 1, age)
    return (age, age + 1)


# --- reading -----------------------------------------------------------------------------------------------------

_SELF_CORRECTION = re.compile(
    r"(?:^|[…、。,.!！?？\s])(?:いや|いえ|いや違う|違う|ちがう)(?:[、,.。…!！\s]+|(?=[0-9０-９一二三四五六七八九十]))|じゃなくて|じゃなく|ではなくて|ではなく|"
    r"訂正(?:します|です)?|間違え(?:ました|た)|"
    r"\b(?:i mean|no wait|wait|sorry|correction|scratch that|make that)\b[,.!\s]*", re.IGNORECASE)
"""Where a message takes back what it said before (「もうすぐ還暦…いや、先月60になりました」, "2 years, no wait, 3"):
the amount said after it is the answer."""


_HEDGED_CORRECTION = re.compile(r"かも|かな|かもしれ|たぶん|多分|\b(?:maybe|might|probably|i think|not sure)\b")


def read_spans(text: str, amount: str, today: dt.date | None = None, *, age: Span | None = None) -> list[Span]:
    """Every age (``amount: age``) or duration said in the message, as spans of years; an amount said after a
    self-correction replaces those before it. ``age`` is the person's age when the form already knows it, so a
    duration told from a school year (「中2から」, "since 8th grade") can be counted."""
    day = today or dt.date.today()
    corrections = list(_SELF_CORRECTION.finditer(text))
    if corrections and corrections[-1].end() < len(text):
        after = text[corrections[-1].end():]
        corrected = _spans(after, amount, day, age)
        if corrected and _HEDGED_CORRECTION.search(fold(after)):
            # 「30になったばかり…いや29かも」: a correction that is itself a guess keeps what it would replace
            return [*corrected, *_spans(text[:corrections[-1].start()], amount, day, age)]
        if corrected:
            return corrected
    return _spans(text, amount, day, age)


def _spans(text: str, amount: str, today: dt.date, age: Span | None) -> list[Span]:
    converted = digits(text)
    if amount == "age":  # 「私は45で娘は16です」: a parent's own age beside the child's is not asked
        whole_years = re.sub(r"(?<![\d.])(\d{1,2})\.5\b", r"\1", child_part(converted) or converted)  # 17 and a half
        return _age_spans(whole_years, today)
    return _duration_spans(converted, today, age)


def read_amount(text: str, amount: str) -> float | None:
    """One number for the message: the first span's start (or its value), None when no amount is said."""
    spans = read_spans(text, amount)
    if not spans:
        return None
    low, high = spans[0]
    if high >= INFINITY:
        return low + 0.01
    if amount == "age":
        return low
    return low if low == high else (low + high) / 2


def bands(spans: Sequence[Span], choices: Sequence[Choice], amount: str) -> list[str]:
    """The choices whose ``range`` the spans fall in; several when a span straddles bands or two spans disagree.

    An age band [20, 29] covers ages from 20 up to 30 (ages are whole years); a point duration on the boundary of
    two bands (「1年」 between 半年〜1年 and 1〜2年) falls in both."""
    found: list[str] = []
    for low, high in spans:
        for choice in choices:
            if choice.range is None or choice.id in found:
                continue
            start, end = choice.range[0], choice.range[1] + (1 if amount == "age" else 0)
            if low == high:
                if start <= low <= end and not (amount == "age" and low == end):
                    found.append(choice.id)
            elif min(high, end) - max(low, start) > 1e-9:
                found.append(choice.id)
    order = [c.id for c in choices]
    return sorted(found, key=order.index)
