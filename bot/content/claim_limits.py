"""A result said together with its limit is a report, not a promise.

"Many patients improve, but results vary", 「早期に回復する方もいますが、効果には個人差があります」 and "Some people
have no side effects at all; others get headaches" tell the reader what happens to some and that it does not happen
to all: what the guideline asks for ("results differ between people"). The claims lint reads such a limit in the
sentence of a result, a safety or an exaggeration claim (a testimonial or a price stays what it is, whatever
follows) and does not flag the claim. Two shapes count:

- the result said of some only, right after it: "works better than medication for some patients",
  「すぐに良くなる方もいれば」, 「早期に回復する方もいますが」;
- a contrast later in the sentence that says the result varies, or that others do not have it, or have the harm:
  ", but results vary", "; others do not", "…, but some get headaches", 「…ますが、効果には個人差があります」,
  「…ませんが、起こる方もいます」.

A claim said absolutely keeps its finding whatever follows: "TMS cures depression, but results vary" and
「必ず治りますが、個人差があります」 still promise.
"""

from __future__ import annotations

import re

LIMITED_CATEGORIES = frozenset({"guarantee", "exaggeration"})
"""The categories a limit takes a claim back in; a comparison is limited only by "for some" right after it
("…, while others don't" is how a comparison sells)."""
SOME_ONLY_CATEGORIES = LIMITED_CATEGORIES | {"superlative"}

_EN_ABSOLUTE = re.compile(
    r"\b(?:guarantee\w*|cur(?:e|es|ed|ing)|always|every(?:one|body)?|definite(?:ly)?|certain(?:ly)?|sure(?:ly)?"
    r"|without fail|never fails?|best|number one|only|permanent\w*|forever|for good|complete(?:ly)?|total(?:ly)?"
    r"|proven|100\s?%|100 percent)\b|\bno\.\s?1\b", re.ASCII)
_JA_ABSOLUTE = re.compile(r"必ず(?!しも)|絶対|確実|100\s?[%％]|完治|完全|誰でも|だれでも|全員|どなたでも"
                          r"|永久|一生|二度と|日本一|世界一|最高|唯一|間違いな|保証|お約束|約束します")
"""Words that make a claim absolute: no limit after it takes it back."""

_EN_FOR_SOME = re.compile(
    r"(?:\s+[\w'-]+){0,3}?\s*,?\s*\bfor (?:some|a few|certain|a minority of)"
    r"(?! (?:time|weeks?|months?|years?|days?|hours?|while|reason)\b)\b", re.ASCII)
"""The result said of some people only ("…works better than medication for some patients")."""
_EN_FOR_SOME_FIRST = re.compile(r"\s*for (?:some|a few|certain) (?:people|patients|children|teens|adults|of them)\b",
                                re.ASCII)
"""The same, opening the clause ("For some people TMS works better than medication; for others it does not")."""
_EN_CONTRAST = r"(?:[,;:–—]|\b(?:but|while|whereas|although|though|yet|however)\b)"
_EN_HARM = (r"(?:headaches?|pain|discomfort|side[\s-]effects?|nausea|dizziness|tiredness|fatigue|soreness|tapping"
            r"|twitching|scalp pain|reactions?)")
_EN_HARM_LIMIT = re.compile(
    _EN_CONTRAST + r"[^.!?]{0,40}?\b(?:others|other (?:people|patients)|some|some (?:people|patients|children)|a few"
    r"|many)\b(?:\s+[\w-]+){0,2}?\s+(?:get|gets|got|have|has|had|experience|experiences|experienced|develop|develops"
    r"|feel|feels|felt|notice|notices|report|reports)\b[^.!?;]{0,30}?\b" + _EN_HARM + r"\b", re.ASCII)
"""A contrast that says others have the harm the claim said was absent ("…, but some get headaches")."""
_EN_HARM_WORD = re.compile(r"\b" + _EN_HARM + r"\b", re.ASCII)
_EN_LIMIT = re.compile(
    _EN_CONTRAST + r"[^.!?]{0,40}?(?:"
    r"\bfor (?:others|other people|some people|some patients)\b"
    r"|\b(?:results?|outcomes?|responses?|effects?|benefits?|experiences?|improvement|recovery|it|this|that"
    r"|how (?:much|well|fast|quickly|long|soon)\b[^.!?;]{0,30}?)\s+(?:(?:may|can|will|do|does|often|also|really)\s+)*"
    r"(?:vary|varies|differ|differs|depend|depends)\b"
    r"|\bnot (?:everyone|everybody|all|always|every (?:patient|person|child)|for everyone|in everyone)\b"
    r"|\b(?:others|other (?:people|patients)|some (?:people|patients|children|others)|many others|most others)\b"
    r"[^.!?;]{0,30}?\b(?:do not|don't|did not|didn't|does not|doesn't|will not|won't|never|not|little|no|none"
    r"|nothing)\b"
    r"|\b(?:slowly|later|not at all) for (?:others|some)\b)", re.ASCII)
"""A contrast later in the sentence that says the result varies or is not had by others."""
_EN_SAFETY = re.compile(r"\b(?:side[\s-]effects?|risks?|pain\w*|harm\w*|safe\w*|danger\w*|complications?|discomfort"
                        r"|adverse|headaches?|seizures?|nausea|downtime)\b", re.ASCII)
_JA_SAFETY = re.compile(r"副作用|リスク|痛|危険|安全|負担|後遺症|頭痛|けいれん|痙攣|吐き気|めまい|心配|不安")
"""A claim about harm is limited only by others having the harm: "no side effects, though results vary" still
promises safety."""

_JA_SOME_ONLY = re.compile(
    r"[^。、]{0,8}?(?:方|人|患者さん|患者様|お子さん|子ども|場合|ケース|研究|報告)も"
    r"(?:いれば|あれば|いる一方|ある一方|(?:います|あります|いらっしゃいます|おられます|ございます)(?:が|けれど))")
"""The result said of some only, with the rest in view (「すぐに良くなる方もいれば」, 「回復する方もいますが」)."""
_JA_CONTRAST = (r"(?:ですが|ますが|ませんが|でしたが|ましたが|けれど(?:も)?|一方(?:で)?|ものの|ただし|が[、,])"
                r"[、,]?[^。]{0,40}?")
_JA_SOME_HAVE = (r"(?:方|人|患者さん|お子さん|場合|こと)も"
                 r"(?:あります|います|いらっしゃいます|おられます|ございます|少なくありません)")
_JA_LIMIT = re.compile(_JA_CONTRAST + r"(?:個人差|人によ(?:って|り)(?:異な|違|差)|人それぞれ|" + _JA_SOME_HAVE
                       + r"|(?:感じ|実感|改善|変化|効果)[^。、]{0,4}(?:ない|られない|できない|しない)"
                       r"(?:方|人|場合|こと)"
                       r"|全員ではありません|すべての方ではありません|全ての方ではありません)")
"""A contrast later in the sentence: the result differs between people, or some do not have it."""
_JA_HARM_LIMIT = re.compile(_JA_CONTRAST + _JA_SOME_HAVE)
"""The contrast a claim about harm needs: some do have the harm (「…ありませんが、頭皮の痛みを感じる方もいます」)."""


_EN_RESULT = re.compile(r"\b(?:results?|outcomes?|responses?|benefits?|improve\w*|recover\w*|relief|change|better"
                        r"|how (?:much|well|fast|quickly|long|soon))\b|(?<!side )(?<!side-)\beffects?\b", re.ASCII)
_JA_RESULT = re.compile(r"効果|効き|改善|回復|変化|良くな|よくな|楽にな|実感|治")
"""What a limit says varies or is lacking: the result (効果には個人差があります) or the harm (頭痛が出る方もいます)."""


def _limits_that_claim(limit: str, safety: bool, english: bool) -> bool:
    """Whether the limit is about the claim it follows: a claim of no harm is limited by others having the harm,
    not by results that vary or fail (「副作用は一切ありませんが、効果が出ないこともあります」 still promises safety);
    a claim of a result is limited by the result varying, not by others getting headaches."""
    result = (_EN_RESULT if english else _JA_RESULT).search(limit) is not None
    harm = (_EN_HARM_WORD if english else _JA_SAFETY).search(limit) is not None
    return harm or not result if safety else result or not harm


def limited(text: str, clause_start: int, start: int, end: int, phrase_end: int, english: bool,
            category: str) -> bool:
    """Whether the claim at start:end of the folded ``text`` is said with its limit, in the phrase that runs from
    ``clause_start`` to ``phrase_end`` (past a semicolon: "…; others do not")."""
    if category not in SOME_ONLY_CATEGORIES:
        return False
    absolute = _EN_ABSOLUTE if english else _JA_ABSOLUTE
    if absolute.search(text, clause_start, end) is not None:
        return False
    safety = (_EN_SAFETY if english else _JA_SAFETY).search(text, clause_start, end) is not None
    if english:
        if _EN_FOR_SOME.match(text, end, phrase_end) is not None \
                or _EN_FOR_SOME_FIRST.match(text, clause_start, start) is not None:
            return True
        limit = _EN_HARM_LIMIT if safety else _EN_LIMIT
    else:
        if _JA_SOME_ONLY.match(text, end, phrase_end) is not None:
            return True
        limit = _JA_HARM_LIMIT if safety else _JA_LIMIT
    if category not in LIMITED_CATEGORIES:
        return False
    found = limit.search(text, end, phrase_end)
    return found is not None and _limits_that_claim(found.group(0), safety, english)
