"""Is a typed message a question? Used to tell a question from an answer (application) or a statement (distress),
and the parts of a long message that ask something from the parts that tell the story.

Deliberately simple and explicit: a question mark, a Japanese question ending, or an English question opening.
"""

from __future__ import annotations

import re

import jaconv

from bot.search.normalize import fold

_PUNCTUATION = re.compile(r"[\s、。，,．.!！?？…・〜~ー\-「」『』()（）\"'“”]+")
_JA_QUESTION_ENDINGS = ("ですか", "ますか", "でしょうか", "のか", "かな", "かね", "っけ", "でしょう", "いいの",
                        "ますかね", "ませんか", "のでしょう")
_EN_QUESTION_STARTS = frozenset([
    "what", "how", "why", "where", "when", "which", "who", "whose", "can", "could", "should", "would", "will", "do",
    "does", "did", "is", "are", "am", "may", "might", "shall",
])


_JA_REQUEST_ENDINGS = ("知りたい", "知りたいです", "教えて", "教えてください", "教えてほしい", "教えてほしいです",
                       "聞きたい", "聞きたいです", "気になります", "気になる", "お願いします")
_JA_FOLLOW_ON = ("あと", "それと", "それから", "また", "ついでに")
_EN_REQUEST_STARTS = ("i would like to know", "i want to know", "i wonder", "wondering", "tell me", "please tell",
                      "also", "and also", "plus", "another question", "i would like to ask", "i want to ask",
                      "i was wondering", "i am wondering", "just wondering", "was wondering", "i wanted to know",
                      "i need to know", "i would love to know", "i would like to find out", "i want to find out",
                      "what i want to know is", "my question is", "the question is")
_EN_LEAD_INS = frozenset(["so", "and", "but", "anyway", "anyways", "well", "ok", "okay", "now", "then", "basically",
                          "honestly", "hi", "hello", "hey", "sorry", "um", "erm", "oh"])
"""Words a clause often opens with before its question ("..., so I'd like to know if TMS hurts"; "anyway, how
long is a session"): they are skipped before the opening is read."""


_JA_INDIRECT = re.compile(
    r"(?:なんで|なぜ|どうして|いつ|どこ|いくら|何|なに|どれ|どの|どう|どんな)[^、。]+?(?:のか|か)(?:が|は|も|さえ)?"
    r"(?:全然|まったく|全く|よく|いまいち|さっぱり)?(?:わから|分から|わかりません|分かりません|知りたい|気にな|教えて|想像"
    r"|見当|ピンとこない)")
_EN_INDIRECT = re.compile(
    r"\b(?:(?:do|did) not|dont|didnt|cannot|can not|cant|never) (?:really |quite |fully |even )?(?:know|understand|get"
    r"|see|figure out)|\b(?:not|never) (?:really |quite )?sure|\bno idea|\bconfused (?:about|as to)|\bcurious"
    r"(?: about| as to)?")
_NOT_INDIRECT = re.compile(
    r"どうしていい|どうしたらいい|どうすればいい|どうしよう|どうしたいの|なんでこんなに|なぜこんなに|どうしてこんなに|何のために"
    r"|なんのために|何がしたい|なにがしたい|どう生き|どうやって生き|自分が何|自分がなに|何が悪い|なにが悪い"
    r"|\bwhat to do\b|\bhow to (?:go on|cope|carry on|live|feel|keep going|get through|deal)|\bwhy (?:i|im|i am|i feel"
    r"|i cry|i keep|everything|life)\b|\bwho i am\b|\bwhat is wrong with me\b|\bwhat i want\b|\bwhere to turn\b"
    r"|\bhow much longer i\b")
"""Not knowing about one's own life (「どうしていいかわからない」, "I don't know what to do anymore", "no idea why
I feel like this") is distress, never a question to match."""
_EN_WH = re.compile(r"\b(?:why|how|what|whether|if|when|where|which|who)\b((?: \S+){2,})")


def looks_like_indirect_question(text: str) -> bool:
    """A question told as not knowing: 「なんで磁気で気分が変わるのか全然わからない」, "I don't understand how a
    magnet changes your mood". A bare "I don't know why" (nothing it asks about) is not one."""
    folded = fold(text).strip()
    spaced = " ".join(_PUNCTUATION.sub(" ", folded).split())
    if _NOT_INDIRECT.search(spaced):
        return False
    if _JA_INDIRECT.search(_PUNCTUATION.sub("", folded)):
        return True
    opening = _EN_INDIRECT.search(spaced)
    return opening is not None and _EN_WH.search(spaced, opening.end()) is not None


def looks_like_request(text: str) -> bool:
    """A question asked as a request, a follow-on or as not knowing (「費用も知りたいです」, "tell me about ...",
    「あと副作用も」, "no idea how long it takes")."""
    folded = fold(text).strip()
    bare = _PUNCTUATION.sub("", folded)
    if bare.startswith(_JA_FOLLOW_ON) or bare.endswith(_JA_REQUEST_ENDINGS):
        return True
    words = " ".join(_without_lead_ins(_PUNCTUATION.sub(" ", folded).split()))
    return words.startswith(_EN_REQUEST_STARTS) or looks_like_indirect_question(folded)


def _without_lead_ins(words: list[str]) -> list[str]:
    """The words after the lead-ins that open them (at most two: "ok so how long ...")."""
    skipped = 0
    while skipped < 2 and len(words) > skipped + 1 and words[skipped] in _EN_LEAD_INS:
        skipped += 1
    return words[skipped:]


def looks_like_question(text: str) -> bool:
    """A question mark, a Japanese question ending (ですか, かな) or an English question opening ("can I ...",
    also after a lead-in: "so how long does it take")."""
    folded = fold(text).strip()
    if not folded:
        return False
    if "?" in folded:
        return True
    bare = _PUNCTUATION.sub("", folded)
    if bare.endswith(_JA_QUESTION_ENDINGS):
        return True
    words = _without_lead_ins(" ".join(_PUNCTUATION.sub(" ", jaconv.kata2hira(folded)).split()).split())
    return len(words) >= 3 and words[0] in _EN_QUESTION_STARTS and words[1] != "not"
